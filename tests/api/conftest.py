"""Fixtures for the API tests: the personas' network, tokens, and a JSON client."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pytest
from django.test import Client

from stepstones.api.actions import create_token
from tests.personas import Network, build_network

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse


@dataclass
class Api:
    """Calls the API as one user, with that user's personal token."""

    client: Client
    secret: str

    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.secret}"}

    def get(self, path: str, **params: Any) -> _MonkeyPatchedWSGIResponse:
        return self.client.get("/api/v1" + path, params, headers=self._headers())

    def send(self, method: str, path: str, body: Any = None) -> _MonkeyPatchedWSGIResponse:
        response: _MonkeyPatchedWSGIResponse = getattr(self.client, method)(
            "/api/v1" + path,
            json.dumps(body if body is not None else {}),
            content_type="application/json",
            headers=self._headers(),
        )
        return response

    def post(self, path: str, body: Any = None) -> _MonkeyPatchedWSGIResponse:
        return self.send("post", path, body)


@pytest.fixture
def net(db: None) -> Network:
    return build_network()


@pytest.fixture
def as_user(net: Network) -> Any:
    """Return a factory: `as_user("nina")` is an Api calling with nina's token."""

    def make(persona: str) -> Api:
        _token, secret = create_token(net.user(persona), name=f"{persona}'s test token")
        return Api(Client(), secret)

    return make
