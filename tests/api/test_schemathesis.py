"""The OpenAPI description is true: schemathesis calls every operation as every role.

Each operation of `/api/v1/openapi.json` gets a bounded number of generated requests (valid ones,
valid ones aimed at objects that exist, and invalid ones), sent in process through the WSGI app
with the persona's API token. Every answer must be no server error, a status code the description
lists for that operation, and a body matching the schema it gives for that code (issue 17 §6).

Deterministic (derandomized hypothesis, no example database) and bounded: about a minute on SQLite.
Run alone: `STEPSTONES_HOME=/tmp/x .venv/bin/python -m pytest -q tests/api/test_schemathesis.py`.
`SCHEMATHESIS_EXAMPLES=100` raises the number of examples per operation and mode.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    response_schema_conformance,
    status_code_conformance,
)

from stepstones.api.actions import create_token
from tests.personas import Network, assess_case, build_network, open_case, refer

# Per operation and generation mode; the CI default keeps the whole module near a minute.
EXAMPLES = int(os.environ.get("SCHEMATHESIS_EXAMPLES", "4"))
CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]
ROLES = ["nina", "olga", "petar", "ivan", "sara", "cora", "audrey", "otto", "nobody", None]


@contextmanager
def _connections_kept() -> Iterator[None]:
    """Keep the test's database connection open across WSGI requests, as Django's test client does.

    The WSGI handler closes connections at each request's end; the test's transaction would go.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _schema() -> Any:
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


def _known_ids(net: Network) -> dict[str, int]:
    """Objects that exist, so that generated requests also reach past the 404s."""
    case = open_case(net)
    referral = refer(net, case, net.social)
    assessment = assess_case(net, case, {"age": 24})
    consent = case.consents.first()
    assert consent is not None
    return {
        "case_id": case.pk,
        "referral_id": referral.pk,
        "assessment_id": assessment.pk,
        "consent_id": consent.pk,
        "organisation_id": net.social.pk,
        "service_id": 0,
    }


def _failures_of(operation: Any, headers: dict[str, str], ids: dict[str, int]) -> list[str]:
    """Run one operation's examples; return what failed (one line each, first of a kind)."""
    wanted = {p.name for p in operation.path_parameters}
    fixed = {name: value for name, value in ids.items() if name in wanted}
    strategies = [
        operation.as_strategy(GenerationMode.POSITIVE),
        operation.as_strategy(GenerationMode.NEGATIVE),
    ]
    if fixed:
        strategies.append(operation.as_strategy(GenerationMode.POSITIVE, path_parameters=fixed))
    found: dict[str, str] = {}

    @settings(
        max_examples=EXAMPLES * len(strategies),
        derandomize=True,
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=st.one_of(strategies))
    def run(case: Any) -> None:
        try:
            case.call_and_validate(headers=headers, checks=CHECKS)
        except (Exception, BaseExceptionGroup) as exc:  # noqa: BLE001 - all collected
            first = str(exc).strip().splitlines()
            key = first[0] if first else type(exc).__name__
            found.setdefault(key, f"{operation.label}: {' | '.join(first[:6])[:600]}")

    run()
    return list(found.values())


@pytest.mark.parametrize("role", ROLES, ids=lambda r: r or "anonymous")
def test_every_operation_keeps_its_contract(db: None, role: str | None) -> None:
    net = build_network()
    ids = _known_ids(net)
    headers = {}
    if role is not None:
        _token, secret = create_token(net.user(role), name="schemathesis")
        headers = {"Authorization": f"Bearer {secret}"}
    failures: list[str] = []
    with _connections_kept():
        operations = [result.ok() for result in _schema().get_all_operations()]
        # Every endpoint is there (a broken description must not pass with nothing to call).
        assert len(operations) >= 36
        for operation in operations:
            failures += _failures_of(operation, headers, ids)
    assert not failures, "\n".join(failures)
