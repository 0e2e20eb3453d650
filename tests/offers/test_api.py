"""POST /api/v1/offers/check (public) and /api/v1/offers/report (members of an organisation)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from stepstones.audit.models import AuditEvent
from stepstones.offers.models import ReportedOffer
from tests.personas import Network

pytestmark = pytest.mark.django_db

OFFER = "Registration fee 250 EUR before departure. Warehouse work in Germany. WhatsApp only."


def _post(client: Client, path: str, body: object) -> tuple[int, Any]:
    response = client.post(path, json.dumps(body), content_type="application/json")
    return response.status_code, response.json()


def test_it_checks_an_offer_without_login(client: Client) -> None:
    status, body = _post(client, "/api/v1/offers/check", {"text": OFFER})
    assert status == 200
    assert body["level"] == "high"
    assert body["language"] == "en"
    flags = body["flags"]
    assert isinstance(flags, list)
    fee = next(f for f in flags if f["id"] == "fee")
    assert fee["severity"] == "high"
    span = fee["spans"][0]
    assert OFFER[span["start"] : span["end"]] == span["text"]
    assert fee["principle"]["verified"] is True
    assert body["hotlines"] and body["model_probability"] is None
    assert body["direction"] == "ltr"
    assert all(h["verified"] and h["checked"] and h["countries"] for h in body["hotlines"])
    assert ReportedOffer.objects.count() == 0


def test_it_gives_the_direction_and_local_summary_of_a_dari_offer(client: Client) -> None:
    text = "کار در ایتالیا، حقوق ۲۰۰۰ یورو، عکس پاسپورت را در واتساپ بفرستید"
    status, body = _post(client, "/api/v1/offers/check", {"text": text, "job_country": "IT"})
    assert status == 200
    assert (body["level"], body["language"], body["direction"]) == ("high", "fa", "rtl")
    assert body["summary_local"].startswith("خطر بالا")
    assert body["hotlines"][0]["countries"] == ["IT"]
    assert body["hotlines"][0]["role"] == "job_country"


def test_it_uses_the_metadata(client: Client) -> None:
    status, body = _post(
        client,
        "/api/v1/offers/check",
        {"text": "Hostess work, flights provided.", "job_country": "AE"},
    )
    assert status == 200
    assert "risky_job_abroad" in {f["id"] for f in body["flags"]}


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"text": ""}, "empty"),
        ({"text": "x" * 20_001}, "too_long"),
        # Refused at the boundary, before the checker, as in every text field of the API.
        ({"text": "\u0000binary"}, "null_character"),
        ({"text": "\u0001\u0002\u0003\u0004 ab"}, "binary"),
        ({}, "invalid"),
        ({"text": 5}, "invalid"),
    ],
    ids=["empty", "too-long", "nul", "binary", "missing", "not-a-string"],
)
def test_it_reports_bad_input_as_a_stable_error(client: Client, body: object, code: str) -> None:
    status, answer = _post(client, "/api/v1/offers/check", body)
    assert status == 422
    error = answer["error"]
    assert isinstance(error, dict)
    assert error["code"] == code
    assert error.get("field") == "text"


def test_reporting_needs_a_login(client: Client) -> None:
    status, body = _post(client, "/api/v1/offers/report", {"text": OFFER})
    assert status == 401
    assert body["error"]["code"] == "unauthenticated"
    assert ReportedOffer.objects.count() == 0


def test_reporting_without_login_is_401_even_when_csrf_is_enforced() -> None:
    client = Client(enforce_csrf_checks=True)
    status, body = _post(client, "/api/v1/offers/report", {"text": OFFER})
    assert status == 401
    assert body["error"]["code"] == "unauthenticated"


def test_a_logged_in_user_still_needs_the_csrf_token(ngo_worker: Any) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(ngo_worker)
    status, body = _post(client, "/api/v1/offers/report", {"text": OFFER})
    assert status == 403
    assert ReportedOffer.objects.count() == 0


def test_a_member_reports_an_offer_for_their_organisations_kind(logged_in: Client) -> None:
    status, body = _post(logged_in, "/api/v1/offers/report", {"text": OFFER})
    assert status == 201
    assert body["organisation_kind"] == "non_governmental"
    assert body["language"] == "en"
    assert ReportedOffer.objects.count() == 1
    event = AuditEvent.objects.exclude(action__startswith="otp.").get()  # not the login's code
    assert (event.action, event.object_id) == ("offer.reported", str(body["id"]))
    assert event.actor_username == "nina"
    _, checked = _post(logged_in, "/api/v1/offers/check", {"text": OFFER.replace("250", "400")})
    assert checked["flags"][0]["id"] == "reported_duplicate"


def test_a_police_officers_report_is_governmental(net: Network) -> None:
    client = Client()
    client.force_login(net.petar.user)
    status, body = _post(client, "/api/v1/offers/report", {"text": OFFER})
    assert (status, body["organisation_kind"]) == (201, "governmental")


@pytest.mark.parametrize(
    "kind", ["governmental", "non_governmental", "company"], ids=["other", "same", "unknown"]
)
def test_it_refuses_an_organisation_kind_field(logged_in: Client, kind: str) -> None:
    status, body = _post(
        logged_in, "/api/v1/offers/report", {"text": OFFER, "organisation_kind": kind}
    )
    assert status == 422
    assert body["error"]["code"] == "invalid"
    assert body["error"]["field"] == "organisation_kind"
    assert ReportedOffer.objects.count() == 0
    assert AuditEvent.objects.exclude(action__startswith="otp.").count() == 0


def test_a_user_without_an_organisation_cannot_report(memberless: Client) -> None:
    status, body = _post(memberless, "/api/v1/offers/report", {"text": OFFER})
    assert status == 403
    assert body["error"]["code"] == "forbidden"
    assert "members of an organisation" in body["error"]["message"]
    assert ReportedOffer.objects.count() == 0
    assert AuditEvent.objects.exclude(action__startswith="otp.").count() == 0


def test_a_member_less_user_is_refused_before_the_body_is_read(memberless: Client) -> None:
    status, body = _post(memberless, "/api/v1/offers/report", {"text": ""})
    assert (status, body["error"]["code"]) == (403, "forbidden")


def test_an_inactive_member_cannot_report(net: Network) -> None:
    net.sara.active = False
    net.sara.save()
    client = Client()
    client.force_login(net.sara.user)
    status, body = _post(client, "/api/v1/offers/report", {"text": OFFER})
    assert (status, body["error"]["code"]) == (403, "forbidden")
    assert ReportedOffer.objects.count() == 0


def test_a_member_less_user_may_still_check_offers(memberless: Client) -> None:
    status, body = _post(memberless, "/api/v1/offers/check", {"text": OFFER})
    assert (status, body["level"]) == (200, "high")


def test_the_openapi_schema_documents_both_endpoints(client: Client) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/offers/check" in schema["paths"]
    assert "/api/v1/offers/report" in schema["paths"]


def test_a_member_reports_with_a_personal_api_token(net: Network) -> None:
    from stepstones.api.actions import create_token

    _, secret = create_token(net.petar.user, name="offers")
    response = Client(enforce_csrf_checks=True).post(
        "/api/v1/offers/report",
        json.dumps({"text": OFFER}),
        content_type="application/json",
        headers={"Authorization": f"Bearer {secret}"},
    )
    assert response.status_code == 201
    assert response.json()["organisation_kind"] == "governmental"
    assert AuditEvent.objects.get(action="offer.reported").actor_username == "petar"


def test_a_member_less_token_cannot_report(net: Network) -> None:
    from stepstones.api.actions import create_token

    _, secret = create_token(net.nobody, name="offers")
    response = Client().post(
        "/api/v1/offers/report",
        json.dumps({"text": OFFER}),
        content_type="application/json",
        headers={"Authorization": f"Bearer {secret}"},
    )
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "forbidden"
    assert ReportedOffer.objects.count() == 0


def test_a_body_over_the_upload_limit_is_a_stable_json_error(client: Client, settings: Any) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2048
    response = client.post(
        "/api/v1/offers/check", json.dumps({"text": "x" * 5000}), content_type="application/json"
    )
    assert response.status_code == 413
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["error"]["code"] == "too_large"
    assert "2048" in response.json()["error"]["message"]
