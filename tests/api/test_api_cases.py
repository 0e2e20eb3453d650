"""The API's cases, consents, referrals, services, chain and directory: behaviour and errors."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from stepstones.audit.models import AuditEvent
from stepstones.cases import actions as case_actions
from stepstones.cases.models import Case, Purpose
from stepstones.referrals import actions as referral_actions
from tests.api.conftest import Api
from tests.personas import IDENTITY, Network, open_case, refer


def _identity_reads() -> int:
    return AuditEvent.objects.filter(action="identity.viewed").count()


def test_it_opens_a_case_and_reads_it_back_without_identity(net: Network, as_user: Any) -> None:
    nina: Api = as_user("nina")
    response = nina.post(
        "/cases",
        {
            "gender": "Feminine",
            "citizenship": ["af"],
            "summary": "Met at the bus station.",
            "type_of_exploitation": ["ForcedLabour"],
            "identity": {"names": ["Zara Example"], "birthdate": "2000-02-03"},
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["code"].startswith("SC-")
    assert body["accountable_org"] == {"id": net.ngo.pk, "name": net.ngo.name}
    assert body["citizenship"] == ["AF"]
    assert body["may_change"] is True and body["may_read_identity"] is True
    detail = nina.get(f"/cases/{body['id']}")
    assert detail.status_code == 200
    assert b"Zara" not in detail.content


def test_it_reads_identity_only_on_its_own_endpoint_and_audits_each_read(
    net: Network, as_user: Any
) -> None:
    case = open_case(net)
    nina: Api = as_user("nina")
    before = _identity_reads()
    nina.get(f"/cases/{case.pk}")
    assert _identity_reads() == before
    response = nina.get(f"/cases/{case.pk}/identity")
    assert response.status_code == 200
    assert response.json()["names"][0]["value"] == IDENTITY["names"][0]["value"]  # type: ignore[index]
    assert _identity_reads() == before + 1
    # The holder's admin reads the case but never the identity (and nothing is audited).
    olga: Api = as_user("olga")
    assert olga.get(f"/cases/{case.pk}").json()["may_read_identity"] is False
    assert olga.get(f"/cases/{case.pk}/identity").status_code == 404
    assert _identity_reads() == before + 1


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"gender": "robot"}, "gender"),
        ({"citizenship": ["Syria"]}, "citizenship"),
        ({"type_of_exploitation": ["Unknown"]}, "type_of_exploitation"),
        ({"identity": {"birthdate": "03/02/2000"}}, "birthdate"),
        ({"is_child": "perhaps"}, "is_child"),
        ({"summary": 12}, "summary"),
    ],
    ids=["gender", "citizenship", "exploitation", "birthdate", "is-child-type", "summary-type"],
)
def test_it_names_the_field_of_a_bad_case(
    net: Network, as_user: Any, body: dict[str, Any], field: str
) -> None:
    response = as_user("nina").post("/cases", body)
    assert response.status_code in (400, 422)
    error = response.json()["error"]
    assert error["field"] == field, error
    assert error["code"] == "invalid"
    assert not Case.objects.exists()


def test_it_refuses_a_referral_without_consent_with_a_stable_error(
    net: Network, as_user: Any
) -> None:
    case = open_case(net)
    response = as_user("nina").post(
        f"/cases/{case.pk}/referrals",
        {"to_org_id": net.social.pk, "purpose": "assistance", "service": "shelter"},
    )
    assert response.status_code == 409
    assert response.json() == {
        "error": {
            "code": "consent_required",
            "message": response.json()["error"]["message"],
            "field": "to_org",
        }
    }
    assert net.social.name in response.json()["error"]["message"]
    assert not case.referrals.exists()


def test_it_runs_a_transfer_through_the_api(net: Network, as_user: Any) -> None:
    case = open_case(net)
    nina: Api = as_user("nina")
    sara: Api = as_user("sara")
    consent = nina.post(
        f"/cases/{case.pk}/consents",
        {
            "purpose": "case_transfer",
            "recipient_id": net.social.pk,
            "given_on": "2026-01-05",
            "language": "ar",
            "how_given": "written",
        },
    )
    assert consent.status_code == 201, consent.content
    choices = {
        "to_org_id": net.social.pk,
        "kind": "transfer",
        "purpose": "case_transfer",
        "service": "case_management",
        "urgency": "urgent",
        "fields": ["gender", "names", "summary"],
        "note": "She is waiting at the centre.",
    }
    preview = nina.post(f"/cases/{case.pk}/referrals/preview", choices)
    assert preview.status_code == 200, preview.content
    sent = nina.post(f"/cases/{case.pk}/referrals", choices)
    assert sent.status_code == 201, sent.content
    referral = sent.json()
    assert referral["status"] == "pending" and referral["basis"] == "consent"
    assert referral["includes_identity"] is True
    # The receiver sees exactly what the sender previewed (the identity read is audited).
    before = _identity_reads()
    packet = sara.get(f"/referrals/{referral['id']}/packet")
    assert packet.status_code == 200
    assert packet.json()["lines"] == preview.json()["lines"]
    assert _identity_reads() == before + 1
    inbox = sara.get("/referrals", box="inbox", status="pending").json()
    assert [r["id"] for r in inbox["items"]] == [referral["id"]]
    # Until the receiver accepts, the sender stays accountable.
    assert nina.get(f"/cases/{case.pk}").json()["accountable_org"]["id"] == net.ngo.pk
    accepted = sara.post(f"/referrals/{referral['id']}/accept", {"note": "We take it."})
    assert accepted.status_code == 200
    assert accepted.json()["status"] == "accepted"
    assert sara.get(f"/cases/{case.pk}").json()["accountable_org"]["id"] == net.social.pk
    chain = sara.get(f"/cases/{case.pk}/chain").json()
    assert [link["organisation"] for link in chain["links"]] == [net.ngo.name, net.social.name]
    assert chain["unbroken"] is True
    # The former holder no longer changes the case.
    assert nina.send("patch", f"/cases/{case.pk}", {"summary": "x"}).status_code == 403
    again = sara.post(f"/referrals/{referral['id']}/accept")
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "conflict"


def test_it_hides_the_packet_after_consent_is_withdrawn(net: Network, as_user: Any) -> None:
    case = open_case(net)
    referral = refer(net, case, net.social)
    nina: Api = as_user("nina")
    sara: Api = as_user("sara")
    assert sara.get(f"/referrals/{referral.pk}/packet").status_code == 200
    assert referral.consent is not None
    withdrawn = nina.post(f"/consents/{referral.consent.pk}/withdraw")
    assert withdrawn.status_code == 200
    assert withdrawn.json()["active"] is False
    assert sara.get(f"/referrals/{referral.pk}").json()["status"] == "withdrawn"
    assert sara.get(f"/referrals/{referral.pk}/packet").status_code == 404


def test_it_records_an_override_and_shows_it_to_readers(net: Network, as_user: Any) -> None:
    case = open_case(net)
    response = as_user("nina").post(
        f"/cases/{case.pk}/overrides",
        {
            "purpose": "assistance",
            "recipient_id": net.police.pk,
            "legal_ground": "danger_to_life",
            "justification": "The trafficker threatened to kill her yesterday.",
        },
    )
    assert response.status_code == 201, response.content
    listed = as_user("olga").get(f"/cases/{case.pk}/overrides").json()
    assert [o["legal_ground"] for o in listed] == ["danger_to_life"]


@pytest.mark.parametrize(
    ("path", "body", "status", "code"),
    [
        ("stage", {"stage": "closed"}, 400, "invalid"),
        ("stage", {"stage": "identified"}, 400, "invalid"),
        ("close", {"reason": "other"}, 400, "invalid"),
        ("close", {"reason": "nonsense"}, 400, "invalid"),
        (
            "identification",
            {"identified": True, "decided_on": "2026-01-01", "basis": "x"},
            403,
            "forbidden",
        ),
    ],
    ids=[
        "stage-closed",
        "stage-decision",
        "close-other-without-note",
        "close-bad-reason",
        "decide-as-caseworker",
    ],
)
def test_it_maps_refusals_to_stable_errors(
    net: Network, as_user: Any, path: str, body: dict[str, Any], status: int, code: str
) -> None:
    case = open_case(net)
    response = as_user("nina").post(f"/cases/{case.pk}/{path}", body)
    assert response.status_code == status, response.content
    assert response.json()["error"]["code"] == code
    case.refresh_from_db()
    assert case.stage == "screening"


def test_it_lets_an_identification_officer_decide(net: Network, as_user: Any) -> None:
    case = open_case(net)
    refer(net, case, net.police, purpose=Purpose.IDENTIFICATION)
    referral = case.referrals.get()
    referral_actions.accept_referral(referral, by=net.petar)
    case_actions.advance_stage(case, "possible_victim", by=net.nina)
    response = as_user("ivan").post(
        f"/cases/{case.pk}/identification",
        {"identified": True, "decided_on": "2026-01-10", "basis": "Interview and documents."},
    )
    assert response.status_code == 200, response.content
    assert response.json()["stage"] == "identified"
    # The officer works for a partner: like its case page, the answer shows the case's state
    # only; the holder sees the decision (issue 17 §4).
    assert "trafficking_status" not in response.json()
    held = as_user("nina").get(f"/cases/{case.pk}").json()
    assert held["trafficking_status"] == "ActualVictimOfTrafficking"


def test_it_closes_a_case_and_withdraws_its_pending_referrals(net: Network, as_user: Any) -> None:
    case = open_case(net)
    referral = refer(net, case, net.social)
    response = as_user("nina").post(
        f"/cases/{case.pk}/close", {"reason": "moved_on", "note": "Left for Serbia."}
    )
    assert response.status_code == 200
    assert response.json()["stage"] == "closed" and response.json()["htcds_status"] == "Closed"
    referral.refresh_from_db()
    assert referral.status == "withdrawn"


def test_it_runs_a_service_from_request_to_completion(net: Network, as_user: Any) -> None:
    case = open_case(net)
    referral = refer(net, case, net.social)
    sara: Api = as_user("sara")
    sara.post(f"/referrals/{referral.pk}/accept")
    services = as_user("nina").get(f"/cases/{case.pk}/services").json()
    assert [(s["kind"], s["status"]) for s in services] == [("shelter", "requested")]
    sid = services[0]["id"]
    assert sara.post(f"/services/{sid}/advance", {"status": "started"}).json()["status"] == (
        "started"
    )
    bad = sara.post(f"/services/{sid}/advance", {"status": "requested"})
    assert bad.status_code == 409
    done = sara.post(f"/referrals/{referral.pk}/complete", {"note": "Placed for 3 months."})
    assert done.json()["status"] == "completed"
    assert sara.get(f"/services/{sid}").json()["status"] == "completed"


def test_it_searches_the_directory(net: Network, as_user: Any) -> None:
    nina: Api = as_user("nina")
    found = nina.get("/directory", service="shelter", language="sq").json()
    assert [o["name"] for o in found] == [net.social.name]
    assert nina.get("/directory", service="spaceflight").status_code == 422
    assert nina.get(f"/directory/{net.police.pk}").json()["authorised_to_identify"] is True
    assert nina.get("/directory/999999").status_code == 404


def test_it_paginates_lists_with_a_cap(net: Network, as_user: Any) -> None:
    for _ in range(5):
        open_case(net)
    nina: Api = as_user("nina")
    first = nina.get("/cases", limit=2).json()
    assert len(first["items"]) == 2 and first["page"]["next_offset"] == 2
    codes = [c["code"] for c in first["items"]]
    offset = first["page"]["next_offset"]
    while offset is not None:
        page = nina.get("/cases", limit=2, offset=offset).json()
        codes += [c["code"] for c in page["items"]]
        offset = page["page"]["next_offset"]
    assert len(codes) == len(set(codes)) == 5
    too_many = nina.get("/cases", limit=1000)
    assert too_many.status_code == 422
    assert too_many.json()["error"]["field"] == "limit"
    assert nina.get("/cases", stage="nowhere").json()["error"]["field"] == "stage"


def test_it_lists_partner_cases_separately(net: Network, as_user: Any) -> None:
    case = open_case(net)
    referral_actions.accept_referral(refer(net, case, net.social), by=net.sara)
    sara: Api = as_user("sara")
    assert sara.get("/cases").json()["items"] == []
    assert [c["id"] for c in sara.get("/cases", scope="partner").json()["items"]] == [case.pk]


def test_it_publishes_every_endpoint_in_openapi(client: Client, db: None) -> None:
    spec = client.get("/api/v1/openapi.json").json()
    paths = spec["paths"]
    for path in (
        "/api/v1/cases",
        "/api/v1/cases/{case_id}",
        "/api/v1/cases/{case_id}/identity",
        "/api/v1/cases/{case_id}/consents",
        "/api/v1/consents/{consent_id}/withdraw",
        "/api/v1/cases/{case_id}/referrals",
        "/api/v1/referrals",
        "/api/v1/referrals/{referral_id}/accept",
        "/api/v1/referrals/{referral_id}/packet",
        "/api/v1/cases/{case_id}/services",
        "/api/v1/services/{service_id}/advance",
        "/api/v1/cases/{case_id}/chain",
        "/api/v1/directory",
        "/api/v1/me",
    ):
        assert path in paths, path
    schemes = spec["components"]["securitySchemes"]
    assert any(s.get("scheme") == "bearer" for s in schemes.values())


# --- query counts do not grow with the rows ---------------------------------------------------


def _queries(api: Api, path: str, **params: Any) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = api.get(path, **params)
    assert response.status_code == 200, response.content
    return len(captured.captured_queries)


def _grow(net: Network, case: Case | None, n: int) -> Case:
    """Add `n` cases, each referred to the social work centre, and `n` referrals on `case`."""
    case = case or open_case(net)
    for _ in range(n):
        refer(net, open_case(net), net.social)
        refer(net, case, net.social)
        case_actions.record_assessment(
            case, facts={}, result={}, catalogue_version="v", outcome="o", by=net.nina
        )
    return case


@pytest.mark.parametrize(
    ("persona", "path"),
    [
        ("nina", "/cases"),
        ("sara", "/referrals"),
        ("nina", "/referrals?box=outbox"),
        ("nina", "/cases/{case}/referrals"),
        ("nina", "/cases/{case}/chain"),
        ("nina", "/cases/{case}/assessments"),
        ("nina", "/cases/{case}/consents"),
        ("nina", "/directory"),
    ],
    ids=[
        "cases",
        "inbox",
        "outbox",
        "case-referrals",
        "chain",
        "assessments",
        "consents",
        "directory",
    ],
)
def test_it_lists_in_the_same_number_of_queries_whatever_the_rows(
    net: Network, as_user: Any, persona: str, path: str
) -> None:
    api: Api = as_user(persona)
    case = _grow(net, None, 1)
    url, _sep, query = path.format(case=case.pk).partition("?")
    params = dict(p.split("=") for p in query.split("&")) if query else {}
    api.get(url, **params)  # the token's first use records its last-use time: warm up
    few = _queries(api, url, **params)
    _grow(net, case, 6)
    assert _queries(api, url, **params) == few


def test_it_uses_aware_times_in_its_output(net: Network, as_user: Any) -> None:
    case = open_case(net)
    opened = as_user("nina").get(f"/cases/{case.pk}").json()["opened_at"]
    assert dt.datetime.fromisoformat(opened).tzinfo is not None


def test_it_shows_a_partner_only_its_own_referrals_and_services(net: Network, as_user: Any) -> None:
    case = open_case(net)
    to_police = refer(net, case, net.police, purpose=Purpose.IDENTIFICATION)
    to_social = refer(net, case, net.social)
    referral_actions.accept_referral(to_police, by=net.petar)
    referral_actions.accept_referral(to_social, by=net.sara)
    petar: Api = as_user("petar")
    listed = petar.get(f"/cases/{case.pk}/referrals").json()
    assert [r["id"] for r in listed] == [to_police.pk]
    services = petar.get(f"/cases/{case.pk}/services").json()
    assert {s["provider"]["id"] for s in services} == {net.police.pk}
    chain = petar.get(f"/cases/{case.pk}/chain").json()
    assert [r["id"] for r in chain["referrals"]] == [to_police.pk]
    assert [link["organisation"] for link in chain["links"]] == [net.ngo.name]
    assert petar.get(f"/cases/{case.pk}/assessments").status_code == 404
    holder = as_user("nina").get(f"/cases/{case.pk}/chain").json()
    assert {r["id"] for r in holder["referrals"]} == {to_police.pk, to_social.pk}


def test_it_serves_the_api_docs_without_third_party_assets(client: Client, db: None) -> None:
    import re

    html = client.get("/api/v1/docs").content.decode()
    assert "swagger" in html.lower()
    assert re.findall(r'(?:src|href)="(https?://[^"]+)"', html) == []


def test_it_patches_only_the_fields_given(net: Network, as_user: Any) -> None:
    case = open_case(net, type_of_exploitation=["ForcedLabour"])
    nina: Api = as_user("nina")
    response = nina.send("patch", f"/cases/{case.pk}", {"is_child": True, "citizenship": ["af"]})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["is_child"] is True and body["citizenship"] == ["AF"]
    assert body["type_of_exploitation"] == ["ForcedLabour"]
    assert body["summary"] == case.summary
    bad = nina.send("patch", f"/cases/{case.pk}", {"gender": "robot"})
    assert bad.status_code == 400 and bad.json()["error"]["field"] == "gender"


def test_it_forbids_caching_any_api_answer(net: Network, as_user: Any, client: Client) -> None:
    case = open_case(net)
    nina: Api = as_user("nina")
    for response in (
        nina.get(f"/cases/{case.pk}/identity"),
        nina.get(f"/cases/{case.pk}"),
        nina.get("/cases/999999"),
        client.get("/api/v1/cases"),
    ):
        assert response["Cache-Control"] == "no-store"
