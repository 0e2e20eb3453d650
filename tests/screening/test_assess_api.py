"""`POST /api/v1/assess`: same facts and same errors as the CLI, as JSON; documented in OpenAPI."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

URL = "/api/v1/assess"


def post(client: Client, body: Any) -> Any:
    raw = body if isinstance(body, bytes | str) else json.dumps(body)
    return client.post(URL, data=raw, content_type="application/json")


def test_it_assesses_facts_without_login(client: Client) -> None:
    facts = {
        "age": 31,
        "elements": {
            "acts": ["recruitment"],
            "means": ["deception"],
            "purposes": ["forced_labour"],
        },
    }
    response = post(client, facts)
    assert response.status_code == 200
    payload = response.json()
    assert payload["outcome"] == "possible_victim"
    assert "child" not in payload["flags"]
    for key in (
        "summary",
        "elements",
        "dimensions",
        "next_steps",
        "ask_next",
        "legal_provisions",
        "forms_of_exploitation",
        "catalogue_version",
    ):
        assert key in payload


@pytest.mark.parametrize(
    ("body", "status", "code", "field"),
    [
        (b"{not json", 400, "malformed_json", "input"),
        ([1, 2], 422, "invalid_facts", "input"),
        ({"age": -3}, 422, "invalid_facts", "age"),
        (
            {"indicators": {"no_such_indicator": "yes"}},
            422,
            "invalid_facts",
            "indicators.no_such_indicator",
        ),
    ],
    ids=["malformed", "not-an-object", "negative-age", "unknown-indicator"],
)
def test_it_reports_bad_facts_as_stable_json_errors(
    client: Client, body: Any, status: int, code: str, field: str
) -> None:
    response = post(client, body)
    assert response.status_code == status
    error = response.json()["error"]
    assert error["code"] == code
    assert error["field"] == field
    assert error["message"]


def test_it_documents_the_endpoint_in_openapi(client: Client) -> None:
    spec = client.get("/api/v1/openapi.json").json()
    operation = spec["paths"]["/api/v1/assess"]["post"]
    schema = operation["requestBody"]["content"]["application/json"]["schema"]
    assert "indicators" in schema["properties"]
    assert "200" in operation["responses"] and "422" in operation["responses"]


def test_the_api_docs_page_loads_only_local_assets(client: Client) -> None:
    html = client.get("/api/v1/docs").content.decode()
    assert "cdn." not in html and "unpkg" not in html and "jsdelivr" not in html
