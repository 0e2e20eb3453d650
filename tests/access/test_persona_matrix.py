"""Every URL of the project, every persona: each gets exactly what it should.

The URL list comes from the URL configuration itself, so a new URL without a row in
EXPECTATIONS (or in PUBLIC, for pages anyone may open) fails `test_every_url_has_a_declared_
expectation`. Add the row in the same change as the URL.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.test import Client, TestCase
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from stepstones.agencies.models import Membership, Role
from stepstones.cases import actions as case_actions
from stepstones.cases.models import Purpose, SavedFilter
from stepstones.duplicates.models import PossibleDuplicate
from stepstones.referrals import actions as referral_actions
from stepstones.referrals.models import Service
from stepstones.training import actions as training_actions
from stepstones.training.models import Media, StepKind
from stepstones.training.steps import StepSpec
from tests.api.matrix import declared_elsewhere
from tests.personas import IDENTITY, PASSWORD, Network, build_network, open_case, refer

PERSONAS = (
    "nina",
    "olga",
    "petar",
    "ivan",
    "sara",
    "cora",
    "audrey",
    "otto",
    "tina",
    "nobody",
    "anon",
)


def walk(resolver: URLResolver | None = None, namespace: str = "") -> Iterator[str]:
    """Yield the namespaced name (or the route, when unnamed) of every URL pattern."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
            yield from walk(pattern, inner)
        elif isinstance(pattern, URLPattern):
            yield namespace + (pattern.name or str(pattern.pattern))


# Pages anyone may open without logging in (the API authenticates per endpoint, in its tests).
PUBLIC = {
    "home",
    "login",
    "logout",
    "set_language",
    "api:api-root",
    "api:openapi-json",
    "api:openapi-view",
    "screening:quick",  # the quick screen stores nothing
    "api:assess_facts",  # the engine over JSON, stores nothing
    "suggest:notes",  # the notes assistant: suggests indicators from pasted notes, stores nothing
    "suggest:review",
    "api:suggest_from_notes",
    "offers:check",  # the job-offer check stores nothing; reporting is offers:report
    "api:check",  # the job-offer check over JSON, stores nothing
    # A training room's phones have no account: joining with the code on the screen (or the
    # personal rejoin code) is the key; without it the room pages are 404 (tests/training).
    "training:join",
    "training:rejoin",
    "training:room",
    "training:room_answer",
    "training:room_state",
    # The tests and the evaluation form on a phone: the same key; a phone sees only its own
    # scores (tests/training/test_evaluation.py).
    "training:quiz_room",
    "training:drill_phone",  # the drill on a group's phone: the same key as the room pages
    "training:drill_act",
    "training:evaluation_form",
}


@dataclass(frozen=True)
class Expect:
    """How one URL answers each persona; personas not listed get `default`."""

    args: Callable[[dict[str, Any]], dict[str, int]]
    statuses: dict[str, int]
    method: str = "get"
    default: int = 404
    data: dict[str, Any] = field(default_factory=dict)
    anon: int = 302  # to the login page, unless the URL needs no login

    def status_for(self, persona: str) -> int:
        if persona == "anon":
            return self.anon
        return self.statuses.get(persona, self.default)


def _none(world: dict[str, Any]) -> dict[str, int]:
    return {}


def _case(world: dict[str, Any]) -> dict[str, int]:
    return {"case_id": world["case"].pk}


def _saved_filter(world: dict[str, Any]) -> dict[str, int]:
    return {"filter_id": world["saved_filter"].pk}


def _case_form(world: dict[str, Any]) -> dict[str, Any]:
    return {"case_id": world["case"].pk, "name": "consent"}


def _stats_export(world: dict[str, Any]) -> dict[str, Any]:
    return {"panel": "stage", "fmt": "csv"}


def _training(world: dict[str, Any]) -> dict[str, int]:
    return {"session_id": world["training"].pk}


def _pair(world: dict[str, Any]) -> dict[str, int]:
    return {"pair_id": world["pair"].pk}


def _pending(world: dict[str, Any]) -> dict[str, int]:
    return {"referral_id": world["pending"].pk}


READERS = {"nina": 200, "olga": 200, "petar": 200, "ivan": 200}  # holder, its admin, a partner
CASE_ROLES = {p: 200 for p in ("nina", "olga", "petar", "ivan", "sara", "otto")}
WORKERS = {p: 200 for p in ("nina", "petar", "ivan", "sara", "otto")}
HOLDER_WRITE = {"nina": 200, "olga": 403, "petar": 403, "ivan": 403}
HOLDER_POST = {"nina": 302, "olga": 403, "petar": 403, "ivan": 403}
MEMBERS_POST = {p: 302 for p in PERSONAS if p not in ("anon", "nobody")}
REPORTED_OFFER = "Registration fee 250 EUR before departure. Warehouse work abroad. WhatsApp only."

EXPECTATIONS: dict[str, Expect] = {
    "cases:dashboard": Expect(_none, {p: 200 for p in PERSONAS if p != "anon"}),
    "cases:list": Expect(_none, CASE_ROLES),
    # Saving a filter is the user's own preference; deleting another user's is not found.
    "cases:filter_save": Expect(
        _none,
        {p: 302 for p in CASE_ROLES},
        method="post",
        data={"name": "Mine", "query": "stage=all"},
    ),
    "cases:filter_delete": Expect(_saved_filter, {"nina": 302}, method="post"),
    "cases:new": Expect(_none, {**WORKERS, "olga": 403}),
    "screening:to_case": Expect(_none, {**WORKERS, "olga": 403}, method="post"),
    "cases:case": Expect(_case, READERS),
    "cases:identity": Expect(_case, {"nina": 200}),
    "cases:identity_edit": Expect(_case, HOLDER_WRITE),
    "cases:edit": Expect(_case, HOLDER_POST, method="post"),
    "cases:form": Expect(_case_form, HOLDER_WRITE),
    "cases:consent_add": Expect(_case, HOLDER_POST, method="post"),
    # A note: the holder and the partners working on the case write; the admin only reads.
    "cases:note_add": Expect(
        _case,
        {"nina": 302, "olga": 403, "petar": 302, "ivan": 302},
        method="post",
        data={"text": "Called the shelter: a bed from tonight."},
    ),
    "cases:timeline": Expect(_case, READERS),
    "cases:consent_withdraw": Expect(
        lambda w: {"consent_id": w["consent"].pk}, HOLDER_POST, method="post"
    ),
    "cases:override_add": Expect(_case, HOLDER_POST, method="post"),
    "cases:stage": Expect(_case, HOLDER_POST, method="post"),
    "cases:close": Expect(_case, HOLDER_POST, method="post"),
    # Readers may try; only an identification officer's decision is stored (action-tested).
    "cases:identification": Expect(_case, {p: 302 for p in READERS}, method="post"),
    "cases:assessment_new": Expect(_case, HOLDER_WRITE),
    # Assessments stay with the accountable organisation (partners see packets only).
    "cases:assessment": Expect(
        lambda w: {"assessment_id": w["assessment"].pk}, {"nina": 200, "olga": 200}
    ),
    # Possible duplicates: the case workers of the two holding organisations (the NGO and the
    # police), nobody else; not their admins, not a partner (tests/linkage/test_duplicates.py).
    "duplicates:list": Expect(_none, WORKERS),
    "duplicates:confirm": Expect(_pair, {"nina": 302, "petar": 302, "ivan": 302}, method="post"),
    "duplicates:reject": Expect(_pair, {"nina": 302, "petar": 302, "ivan": 302}, method="post"),
    "referrals:inbox": Expect(_none, CASE_ROLES),
    "referrals:new": Expect(_case, HOLDER_WRITE),
    "referrals:referral": Expect(_pending, {"nina": 200, "olga": 200, "sara": 200}),
    # The packet holds identity fields: case workers only, not the organisation admin.
    "referrals:letter": Expect(_pending, {"nina": 200, "sara": 200}),
    "referrals:accept": Expect(_pending, {"sara": 302, "nina": 403, "olga": 403}, method="post"),
    "referrals:decline": Expect(
        _pending,
        {"sara": 302, "nina": 403, "olga": 403},
        method="post",
        data={"reason": "no_capacity"},
    ),
    "referrals:complete": Expect(_pending, {"sara": 302, "nina": 403, "olga": 403}, method="post"),
    "referrals:withdraw": Expect(_pending, {"nina": 302, "sara": 403, "olga": 403}, method="post"),
    "referrals:service_advance": Expect(
        lambda w: {"service_id": w["service"].pk},
        {"petar": 302, "ivan": 302, "nina": 403, "olga": 403},
        method="post",
        data={"status": "started"},
    ),
    "referrals:service_add": Expect(_case, HOLDER_POST, method="post", data={"kind": "shelter"}),
    "referrals:chain": Expect(_case, READERS),
    "referrals:network": Expect(_none, {"cora": 200}),
    # Statistics: the coordinator and the members who work on cases (not auditors, trainers).
    "stats:dashboard": Expect(_none, {**CASE_ROLES, "cora": 200}),
    "stats:report": Expect(_none, {**CASE_ROLES, "cora": 200}),
    "stats:export": Expect(_stats_export, {**CASE_ROLES, "cora": 200}),
    "agencies:directory": Expect(_none, {p: 200 for p in PERSONAS if p not in ("anon", "nobody")}),
    "agencies:members": Expect(_none, {"olga": 200}),
    "agencies:member_change": Expect(
        lambda w: {"membership_id": w["net"].nina.pk},
        {"olga": 302},
        method="post",
        data={"role": "case_manager", "active": "on"},
    ),
    "agencies:entry": Expect(_none, {"olga": 200}),
    # One's own sessions, for everyone logged in; its POST ("log out everywhere") ends the
    # client's own session, so it is tested in tests/agencies/test_sessions.py.
    "sessions": Expect(_none, {p: 200 for p in PERSONAS if p != "anon"}),
    # The second factor's pages. Every persona here passed it already (tests/conftest.py): the
    # code page sends them on; enrolment sends the roles that pass one to the code page (they
    # have an authenticator), and does not exist for the others. Unverified sessions:
    # tests/agencies/test_second_factor.py.
    "second_factor": Expect(_none, {}, default=302),
    "second_factor_enrol": Expect(
        _none, {p: 302 for p in ("nina", "olga", "petar", "ivan", "sara", "cora", "otto")}
    ),
    "audit:log": Expect(_none, {"audrey": 200}),
    # Any member reports for their organisation; a user with no organisation is told no (403).
    "offers:report": Expect(
        _none, MEMBERS_POST, method="post", default=403, data={"text": REPORTED_OFFER}
    ),
    # api:report is declared with the other endpoints in tests/api/test_api_matrix.py.
    # Training sessions: the trainers of the organisation that runs them, nobody else.
    "training:sessions": Expect(_none, {"tina": 200}),
    "training:picture": Expect(_none, {"tina": 200}),
    "training:control": Expect(_training, {"tina": 200}),
    "training:projector": Expect(_training, {"tina": 200}),
    "training:projector_live": Expect(_training, {"tina": 200}),
    "training:move": Expect(_training, {"tina": 302}, method="post", data={"position": 0}),
    "training:reveal": Expect(_training, {"tina": 302}, method="post"),
    "training:groups": Expect(_training, {"tina": 302}, method="post", data={"count": 2}),
    # Without a file the upload is refused beside the field (400): only the trainer gets that far.
    "training:media_upload": Expect(_training, {"tina": 400}, method="post"),
    "training:drill": Expect(_training, {"tina": 200}),
    "training:drill_live": Expect(_training, {"tina": 200}),
    "training:drill_start": Expect(_training, {"tina": 302}, method="post"),
    # A step's image: the session's trainers and participants (tests/training), nobody else.
    "training:media": Expect(lambda w: {"media_id": w["media"].pk}, {"tina": 200}, anon=404),
    "training:evaluation_results": Expect(_training, {"tina": 200}),
    "training:evaluation_report": Expect(_training, {"tina": 200}),
    "training:evaluation_csv": Expect(_training, {"tina": 200}),
    "training:quiz_toggle": Expect(
        _training, {"tina": 302}, method="post", data={"kind": "pre", "open": "1"}
    ),
}


class PersonaMatrixTest(TestCase):
    databases = {"default", "sandbox"}  # the drill's pages read the training sandbox
    net: Network
    tina: Membership  # a trainer at the NGO
    world: dict[str, Any]

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
        # The same person registered by the police: a possible duplicate of the NGO's case.
        police_case = case_actions.open_case(
            by=net.petar, gender="Feminine", citizenship=["SY"], identity=IDENTITY
        )
        pair = PossibleDuplicate.objects.get(case_a=case, case_b=police_case)
        cls.tina = Membership.objects.create(
            user=User.objects.create_user("tina", password=PASSWORD),
            organisation=net.ngo,
            role=Role.TRAINER,
        )
        training = training_actions.create_session(
            by=cls.tina,
            title="Training day",
            day=dt.date(2026, 12, 7),
            language="en",
            steps=[StepSpec(StepKind.POLL)],
        )
        media = Media.objects.create(
            session=training,
            step=training.steps.get(position=0),
            content_type="image/png",
            data=b"\x89PNG\r\n\x1a\n",
            description="A map",
        )
        cls.world = {
            "training": training,
            "media": media,
            "net": net,
            "case": case,
            "pending": pending,
            "consent": pending.consent,
            "service": Service.objects.get(referral=accepted),
            "assessment": assessment,
            "pair": pair,
            "saved_filter": SavedFilter.objects.create(
                user=net.nina.user, name="Overdue", query="overdue=on"
            ),
        }

    def client_for(self, persona: str) -> Client:
        client = Client()
        if persona == "tina":
            client.force_login(self.tina.user)
        elif persona != "anon":
            client.force_login(self.net.user(persona))
        return client

    def test_every_url_has_a_declared_expectation(self) -> None:
        undeclared = [
            n
            for n in walk()
            if n not in EXPECTATIONS and n not in PUBLIC and not declared_elsewhere(n)
        ]
        assert undeclared == [], f"declare who may use these URLs: {undeclared}"

    def test_no_declared_url_is_stale(self) -> None:
        names = set(walk())
        assert sorted(set(EXPECTATIONS) - names) == []

    def test_public_urls_answer_without_login(self) -> None:
        for name in sorted(PUBLIC & set(walk())):
            with self.subTest(name):
                response = Client().get(reverse(name))
                # Public: never a server error and never "log in first" or "forbidden".
                assert response.status_code < 500, (name, response.status_code)
                assert response.status_code != 403, name
                assert not response.get("Location", "").startswith("/accounts/login"), name

    def test_each_persona_gets_exactly_what_it_should(self) -> None:
        clients = {persona: self.client_for(persona) for persona in PERSONAS}
        for name, expect in EXPECTATIONS.items():
            url = reverse(name, kwargs=expect.args(self.world))
            for persona in PERSONAS:
                with self.subTest(url=name, persona=persona):
                    # Each request runs in a savepoint rolled back after it, so one persona's
                    # accepted referral does not change what the next persona sees.
                    sid = transaction.savepoint()
                    try:
                        send = getattr(clients[persona], expect.method)
                        response = send(url, expect.data)
                    finally:
                        transaction.savepoint_rollback(sid)
                    assert response.status_code == expect.status_for(persona), (
                        name,
                        persona,
                        response.status_code,
                    )

    def test_post_only_urls_refuse_get(self) -> None:
        client = self.client_for("nina")
        for name, expect in EXPECTATIONS.items():
            if expect.method == "post":
                with self.subTest(name):
                    url = reverse(name, kwargs=expect.args(self.world))
                    assert client.get(url).status_code == 405


def test_the_walker_sees_nested_namespaces() -> None:
    names = set(walk())
    assert {"cases:case", "referrals:chain", "home"} <= names
