"""Every API endpoint and the token page, every persona: each gets exactly what it should.

The endpoint list comes from the URL configuration, so a new endpoint without a row here fails
`test_every_api_url_has_a_declared_expectation`. Personas call with their own API token; the
anonymous caller sends nothing and gets 401 (302 to the login page on the token page).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.test import Client, TestCase
from django.urls import reverse

from stepstones.api.actions import create_token
from stepstones.cases import actions as case_actions
from stepstones.cases.models import Purpose
from stepstones.referrals import actions as referral_actions
from stepstones.referrals.models import Service
from tests.access.test_persona_matrix import PUBLIC, walk
from tests.api.matrix import declared_elsewhere
from tests.personas import Network, build_network, open_case, refer

PERSONAS = ("nina", "olga", "petar", "ivan", "sara", "cora", "audrey", "otto", "nobody", "anon")
MEMBERS = ("nina", "olga", "petar", "ivan", "sara", "cora", "audrey", "otto")


@dataclass(frozen=True)
class Expect:
    """How one URL answers each persona; personas not listed get `default`."""

    args: Callable[[dict[str, Any]], dict[str, int]]
    statuses: dict[str, int]
    method: str = "get"
    default: int = 404
    data: dict[str, Any] = field(default_factory=dict)
    anon: int = 401

    def status_for(self, persona: str) -> int:
        if persona == "anon":
            return self.anon
        return self.statuses.get(persona, self.default)


def _none(world: dict[str, Any]) -> dict[str, int]:
    return {}


def _case(world: dict[str, Any]) -> dict[str, int]:
    return {"case_id": world["case"].pk}


def _pending(world: dict[str, Any]) -> dict[str, int]:
    return {"referral_id": world["pending"].pk}


def _service(world: dict[str, Any]) -> dict[str, int]:
    return {"service_id": world["service"].pk}


def _all(status: int, personas: tuple[str, ...] = MEMBERS) -> dict[str, int]:
    return {p: status for p in personas}


READERS = _all(200, ("nina", "olga", "petar", "ivan"))  # holder, its admin, a partner
CASE_ROLES = _all(200, ("nina", "olga", "petar", "ivan", "sara", "otto"))
HOLDING = _all(200, ("nina", "olga"))  # the accountable organisation's readers
READ_ONLY = _all(403, ("olga", "petar", "ivan"))  # may read the case, not change it


def holder(status: int) -> dict[str, int]:
    return {"nina": status, **READ_ONLY}


EXPECTATIONS: dict[str, Expect] = {
    "api:me": Expect(_none, {**_all(200), "nobody": 200}),
    "api:directory": Expect(_none, _all(200)),
    "api:directory_entry": Expect(lambda w: {"organisation_id": w["net"].social.pk}, _all(200)),
    "api:case_list": Expect(_none, CASE_ROLES),
    "api:case_open": Expect(
        _none,
        {**_all(201, ("nina", "petar", "ivan", "sara", "otto")), "olga": 403},
        method="post",
    ),
    "api:case_detail": Expect(_case, READERS),
    "api:case_update": Expect(_case, holder(200), method="patch", data={"summary": "x"}),
    "api:case_identity": Expect(_case, {"nina": 200}),
    "api:case_identity_update": Expect(_case, holder(200), method="put", data={"names": ["A. T."]}),
    "api:case_stage": Expect(_case, holder(200), method="post", data={"stage": "possible_victim"}),
    # Any reader may try; only an identification officer of an authorised organisation may
    # decide, and only on a possible victim (this case is still at screening: 409).
    "api:case_identification": Expect(
        _case,
        {"nina": 403, "olga": 403, "petar": 403, "ivan": 409},
        method="post",
        data={"identified": True, "decided_on": "2026-01-02", "basis": "Interview of 2 Jan."},
    ),
    "api:case_close": Expect(_case, holder(200), method="post", data={"reason": "no_indicators"}),
    # The holding organisation (its admin too) sees consents; partners are refused.
    "api:consent_list": Expect(_case, {"nina": 200, "olga": 200, "petar": 403, "ivan": 403}),
    "api:consent_record": Expect(
        _case,
        holder(201),
        method="post",
        # The body names an organisation: see ApiPersonaMatrixTest.body_for.
    ),
    "api:consent_withdraw": Expect(lambda w: {"consent_id": w["consent"].pk}, holder(200), "post"),
    # Overrides are in the case page's details: the holding organisation sees them (issue 17 §4).
    "api:override_list": Expect(_case, {"nina": 200, "olga": 200, "petar": 403, "ivan": 403}),
    "api:override_record": Expect(_case, holder(201), method="post"),
    # Assessments stay with the organisation holding the case.
    "api:assessment_list": Expect(_case, HOLDING),
    "api:assessment_detail": Expect(lambda w: {"assessment_id": w["assessment"].pk}, HOLDING),
    "api:referral_list": Expect(_none, CASE_ROLES),
    "api:case_referral_list": Expect(_case, READERS),
    "api:referral_preview": Expect(_case, holder(200), method="post"),
    "api:referral_send": Expect(_case, holder(201), method="post"),
    "api:referral_detail": Expect(_pending, {"nina": 200, "olga": 200, "sara": 200}),
    # The packet holds identity fields: case workers only, not the organisation admin.
    "api:referral_packet": Expect(_pending, {"nina": 200, "sara": 200}),
    "api:referral_accept": Expect(_pending, {"sara": 200, "nina": 403, "olga": 403}, "post"),
    "api:referral_decline": Expect(
        _pending,
        {"sara": 200, "nina": 403, "olga": 403},
        method="post",
        data={"reason": "no_capacity"},
    ),
    "api:referral_withdraw": Expect(_pending, {"nina": 200, "sara": 403, "olga": 403}, "post"),
    # Pending, not accepted: the receiver is told it cannot complete it yet (409).
    "api:referral_complete": Expect(
        _pending, {"sara": 409, "nina": 403, "olga": 403}, method="post", data={"note": "done"}
    ),
    "api:service_list": Expect(_case, READERS),
    "api:service_record": Expect(_case, holder(201), method="post", data={"kind": "legal_aid"}),
    "api:service_detail": Expect(_service, READERS),
    "api:service_advance": Expect(
        _service,
        {"petar": 200, "ivan": 200, "nina": 403, "olga": 403},
        method="post",
        data={"status": "started"},
    ),
    "api:case_chain": Expect(_case, READERS),
    # Any member reports a job offer for their organisation; no organisation, no report (403).
    "api:report": Expect(
        _none,
        _all(201),
        method="post",
        default=403,
        data={"text": "Registration fee 250 EUR before departure. Warehouse work. WhatsApp only."},
    ),
    "apitokens:tokens": Expect(_none, {**_all(200), "nobody": 200}, anon=302),
    "apitokens:revoke": Expect(
        lambda w: {"token_id": w["nina_token"].pk}, {"nina": 302}, method="post", anon=302
    ),
}


class ApiPersonaMatrixTest(TestCase):
    net: Network
    world: dict[str, Any]
    secrets: dict[str, str]

    @classmethod
    def setUpTestData(cls) -> None:
        cls.net = net = build_network()
        case = open_case(net)
        pending = refer(net, case, net.social)
        accepted = refer(net, case, net.police, purpose=Purpose.IDENTIFICATION)
        referral_actions.accept_referral(accepted, by=net.petar)
        assessment = case_actions.record_assessment(
            case,
            facts={"recruited_by_deception": True},
            result={"outcome": "possible_victim"},
            catalogue_version="test-1",
            outcome="possible_victim",
            by=net.nina,
        )
        assert pending.consent is not None
        cls.secrets = {}
        tokens = {}
        for persona in PERSONAS[:-1]:
            token, secret = create_token(net.user(persona), name="matrix")
            cls.secrets[persona] = secret
            tokens[persona] = token
        cls.world = {
            "net": net,
            "case": case,
            "pending": pending,
            "consent": pending.consent,
            "service": Service.objects.get(referral=accepted),
            "assessment": assessment,
            "nina_token": tokens["nina"],
        }

    def body_for(self, name: str, expect: Expect) -> dict[str, Any]:
        net = self.net
        bodies: dict[str, dict[str, Any]] = {
            "api:consent_record": {
                "purpose": "assistance",
                "recipient_id": net.legal.pk,
                "given_on": "2026-01-03",
                "language": "ar",
                "how_given": "oral",
            },
            "api:override_record": {
                "purpose": "assistance",
                "recipient_id": net.legal.pk,
                "legal_ground": "danger_to_life",
                "justification": "Threats against her life were made yesterday.",
            },
            "api:referral_preview": {
                "to_org_id": net.social.pk,
                "purpose": "assistance",
                "service": "shelter",
                "fields": ["gender"],
            },
            "api:referral_send": {
                "to_org_id": net.social.pk,
                "purpose": "assistance",
                "service": "shelter",
                "fields": ["gender"],
            },
        }
        return bodies.get(name, expect.data)

    def call(self, persona: str, name: str, expect: Expect) -> int:
        url = reverse(name, kwargs=expect.args(self.world))
        client = Client()
        if name.startswith("apitokens:"):
            if persona != "anon":
                client.force_login(self.net.user(persona))
            send = getattr(client, expect.method)
            return int(send(url, expect.data).status_code)
        headers = {}
        if persona != "anon":
            headers["Authorization"] = f"Bearer {self.secrets[persona]}"
        send = getattr(client, expect.method)
        if expect.method == "get":
            response = send(url, headers=headers)
        else:
            body = json.dumps(self.body_for(name, expect))
            response = send(url, body, content_type="application/json", headers=headers)
        assert response["Content-Type"].startswith("application/json"), name
        if response.status_code >= 400:
            # Every refusal has the stable error body.
            assert set(response.json()) == {"error"}, (name, response.content)
        return int(response.status_code)

    def test_every_api_url_has_a_declared_expectation(self) -> None:
        names = [n for n in walk() if declared_elsewhere(n) and n not in PUBLIC]
        assert names, "the API has no endpoints?"
        assert sorted(set(names) - set(EXPECTATIONS)) == []
        assert sorted(set(EXPECTATIONS) - set(names)) == []

    def test_each_persona_gets_exactly_what_it_should(self) -> None:
        for name, expect in EXPECTATIONS.items():
            for persona in PERSONAS:
                with self.subTest(url=name, persona=persona):
                    # Each call runs in a savepoint rolled back after it, so one persona's
                    # change does not change what the next persona sees.
                    sid = transaction.savepoint()
                    try:
                        status = self.call(persona, name, expect)
                    finally:
                        transaction.savepoint_rollback(sid)
                    assert status == expect.status_for(persona), (name, persona, status)
