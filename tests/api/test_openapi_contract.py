"""The OpenAPI description tells the truth about errors, enums and /assess (issue 17 §6)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from stepstones.agencies.models import ServiceKind
from stepstones.api.errors import error_statuses
from stepstones.cases.models import CaseKind, HowGiven, LegalGround, Purpose, Stage
from stepstones.referrals.models import (
    ReasonForReferral,
    ReferralKind,
    ReferralStatus,
    ServiceStatus,
    Urgency,
)


@pytest.fixture(scope="module")
def openapi() -> dict[str, Any]:
    document: dict[str, Any] = Client().get("/api/v1/openapi.json").json()
    return document


def _responses(openapi: dict[str, Any], path: str, method: str) -> dict[str, Any]:
    responses: dict[str, Any] = openapi["paths"]["/api/v1" + path][method]["responses"]
    return responses


@pytest.mark.parametrize(
    ("path", "method", "statuses"),
    [
        ("/cases", "get", {"200", "401", "403", "404", "422"}),
        ("/cases/{case_id}", "patch", {"200", "400", "401", "403", "404", "409", "413", "422"}),
        ("/referrals/{referral_id}/accept", "post", {"400", "409", "404", "401"}),
        ("/referrals/{referral_id}/withdraw", "post", {"400", "409", "404", "401", "422"}),
        ("/offers/check", "post", {"200", "400", "413", "422", "429"}),
        ("/assess", "post", {"200", "400", "413", "422", "429"}),
        ("/notes/suggest", "post", {"200", "400", "413", "422", "429"}),
    ],
)
def test_error_statuses_are_documented(
    openapi: dict[str, Any], path: str, method: str, statuses: set[str]
) -> None:
    responses = _responses(openapi, path, method)
    assert statuses <= set(responses)
    for status in set(responses) - {"200", "201"}:
        schema = responses[status]["content"]["application/json"]["schema"]
        assert schema == {"$ref": "#/components/schemas/ErrorOut"}


def test_public_endpoints_do_not_claim_a_login(openapi: dict[str, Any]) -> None:
    assert "401" not in _responses(openapi, "/offers/check", "post")
    assert "401" not in _responses(openapi, "/assess", "post")


@pytest.mark.parametrize(
    ("method", "has_body", "secured", "limited", "expected"),
    [
        ("get", False, False, False, [422]),
        ("get", False, True, False, [401, 403, 404, 422]),
        ("post", True, True, False, [400, 401, 403, 404, 409, 413, 422]),
        ("post", False, True, False, [400, 401, 403, 404, 409, 422]),
        ("post", True, False, True, [400, 413, 422, 429]),
    ],
)
def test_error_statuses_table(
    method: str, has_body: bool, secured: bool, limited: bool, expected: list[int]
) -> None:
    assert error_statuses(method, has_body=has_body, secured=secured, limited=limited) == expected


def test_error_schema_is_the_stable_body(openapi: dict[str, Any]) -> None:
    schemas = openapi["components"]["schemas"]
    detail = schemas["ErrorDetail"]
    assert set(detail["required"]) == {"code", "message"}
    assert schemas["ErrorOut"]["required"] == ["error"]


def test_assess_response_is_the_engines_own(openapi: dict[str, Any]) -> None:
    """/assess and the stored case assessments had one schema name, so one hid the other."""
    ok = _responses(openapi, "/assess", "post")["200"]["content"]["application/json"]["schema"]
    name = ok["$ref"].rsplit("/", 1)[-1]
    engine = openapi["components"]["schemas"][name]
    assert {"outcome", "flags", "catalogue_version", "next_steps"} <= set(engine["required"])
    stored = _responses(openapi, "/assessments/{assessment_id}", "get")["200"]
    assert stored["content"]["application/json"]["schema"]["$ref"] != ok["$ref"]


def _enum_of(openapi: dict[str, Any], schema: dict[str, Any]) -> list[str]:
    if "$ref" in schema:  # a TextChoices enum is its own component
        schema = openapi["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    values: list[str] = schema["enum"]
    return values


@pytest.mark.parametrize(
    ("schema", "field", "values"),
    [
        ("CaseSummaryOut", "stage", Stage.values),
        ("CaseSummaryOut", "kind", CaseKind.values),
        ("ConsentOut", "purpose", Purpose.values),
        ("ConsentOut", "how_given", HowGiven.values),
        ("OverrideOut", "legal_ground", LegalGround.values),
        ("ReferralOut", "status", ReferralStatus.values),
        ("ReferralOut", "kind", ReferralKind.values),
        ("ReferralOut", "urgency", Urgency.values),
        ("ReferralOut", "reason", ReasonForReferral.values),
        ("ReferralOut", "service_requested", ServiceKind.values),
        ("ReferralOut", "basis", ["consent", "override"]),
        ("ServiceOut", "status", ServiceStatus.values),
        ("GapOut", "kind", ["unheld", "at_risk"]),
    ],
)
def test_coded_fields_are_enums(
    openapi: dict[str, Any], schema: str, field: str, values: list[str]
) -> None:
    declared = openapi["components"]["schemas"][schema]["properties"][field]
    assert set(_enum_of(openapi, declared)) == set(values)


@pytest.mark.parametrize("body", [b"", b"  \n"])
def test_an_empty_assess_is_refused(body: bytes) -> None:
    response = Client().post("/api/v1/assess", body, content_type="application/json")
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid_facts"
    assert error["field"] == "input"
    assert "empty" in error["message"]
