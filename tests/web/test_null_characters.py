"""A NUL (U+0000) anywhere a request carries text is refused at the boundary, naming the field.

PostgreSQL cannot store a NUL (the request used to end in a server error there; SQLite stored
it), so these tests mean most on PostgreSQL, and hold on both: each refusal stores nothing, and
the same request without the NUL is accepted, so the NUL is the only thing refused.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.apps import apps
from django.test import Client

from stepstones.agencies.forms import DirectorySearchForm
from stepstones.api.actions import create_token
from stepstones.audit.models import AuditEvent
from stepstones.cases import actions as case_actions
from stepstones.cases.filters import CaseFilterForm
from stepstones.cases.models import Case, Purpose
from stepstones.referrals import actions as referral_actions
from stepstones.referrals.models import Referral, Service
from stepstones.web.nul import json_nul_path
from tests.personas import Network, build_network, open_case, refer

NUL = "\x00"


@dataclass
class World:
    """The personas' network with one case in each state an API write needs."""

    net: Network
    case: Case  # held by nina's NGO, a referral to the social workers pending
    pending: Referral  # nina's NGO -> social workers, pending (sara answers)
    # Built only for the writes that need them (the rest of the table runs faster without):
    police_case: Case | None = None  # referred to the police for identification, accepted
    accepted: Referral | None = None  # nina's NGO -> police, accepted (petar completes it)
    service: Service | None = None  # the police's service on that referral (petar advances it)


def _world(*, police: bool) -> World:
    net = build_network()
    case = open_case(net)
    world = World(net, case, refer(net, case, net.social))
    if police:
        world.police_case = open_case(net)
        world.accepted = refer(net, world.police_case, net.police, purpose=Purpose.IDENTIFICATION)
        referral_actions.accept_referral(world.accepted, by=net.petar)
        case_actions.advance_stage(world.police_case, "possible_victim", by=net.nina)
        world.service = Service.objects.get(referral=world.accepted)
    return world


@dataclass(frozen=True)
class Write:
    """One API write: who sends it, where, a valid body, and the text fields to poison."""

    persona: str | None  # None: the public, no token
    method: str
    url: Callable[[World], str]
    body: Callable[[World], dict[str, Any]]
    fields: tuple[str, ...]
    ok: int = 200
    police: bool = False  # needs the case referred to the police


def _pk(obj: Any) -> int:
    assert obj is not None
    return int(obj.pk)


CASE_BODY = {
    "kind": "trafficking",
    "gender": "Feminine",
    "citizenship": ["SY"],
    "primary_language": "ar",
    "summary": "Met at the bus station.",
    "type_of_exploitation": ["ForcedLabour"],
    "methods_of_control": ["PhysicalThreats"],
    "method_of_recruitment": ["ThroughAnOnlineAdvertisement"],
}
IDENTITY_BODY = {
    "names": [{"script": "latin", "value": "Zara Example"}, "Zara E."],
    "birthdate": "2000-02-03",
    "documents": [{"type": "passport", "number": "X1234567", "country": "SY"}],
    "contacts": ["+38970000000"],
    "addresses": ["Reception centre, room 4"],
    "notes": "Afraid of the driver.",
}
REFERRAL_BODY = {
    "kind": "service",
    "purpose": "assistance",
    "service": "shelter",
    "urgency": "normal",
    "reason": "AdditionalServicesRequired",
    "fields": ["gender"],
    "note": "Please call before arrival.",
}

WRITES: dict[str, Write] = {
    "open case": Write(
        "nina",
        "post",
        lambda w: "/cases",
        lambda w: {**CASE_BODY, "identity": IDENTITY_BODY},
        (
            *("kind", "gender", "citizenship.0", "primary_language", "summary"),
            *("type_of_exploitation.0", "methods_of_control.0", "method_of_recruitment.0"),
            *("identity.names.0.value", "identity.names.1", "identity.birthdate"),
            *("identity.documents.0.number", "identity.contacts.0", "identity.addresses.0"),
            "identity.notes",
        ),
        ok=201,
    ),
    "change case": Write(
        "nina",
        "patch",
        lambda w: f"/cases/{w.case.pk}",
        lambda w: dict(CASE_BODY),
        tuple(
            f"{name}.0" if isinstance(value, list) else name for name, value in CASE_BODY.items()
        ),
    ),
    "replace identity": Write(
        "nina",
        "put",
        lambda w: f"/cases/{w.case.pk}/identity",
        lambda w: IDENTITY_BODY,
        ("names.0.script", "names.1", "birthdate", "documents.0.type", "contacts.0", "notes"),
    ),
    "move stage": Write(
        "nina",
        "post",
        lambda w: f"/cases/{w.case.pk}/stage",
        lambda w: {"stage": "possible_victim"},
        ("stage",),
    ),
    "decide identification": Write(
        "ivan",
        "post",
        lambda w: f"/cases/{_pk(w.police_case)}/identification",
        lambda w: {"identified": True, "decided_on": "2026-01-10", "basis": "Interview."},
        ("decided_on", "basis"),
        police=True,
    ),
    "close case": Write(
        "nina",
        "post",
        lambda w: f"/cases/{w.case.pk}/close",
        lambda w: {"reason": "moved_on", "note": "Left for Serbia."},
        ("reason", "note"),
    ),
    "record consent": Write(
        "nina",
        "post",
        lambda w: f"/cases/{w.case.pk}/consents",
        lambda w: {
            "purpose": "assistance",
            "recipient_id": w.net.legal.pk,
            "given_on": "2026-01-05",
            "language": "ar",
            "how_given": "written",
        },
        ("purpose", "given_on", "language", "how_given"),
        ok=201,
    ),
    "record override": Write(
        "nina",
        "post",
        lambda w: f"/cases/{w.case.pk}/overrides",
        lambda w: {
            "purpose": "assistance",
            "recipient_id": w.net.police.pk,
            "legal_ground": "danger_to_life",
            "justification": "Threatened yesterday.",
        },
        ("purpose", "legal_ground", "justification"),
        ok=201,
    ),
    "preview referral": Write(
        "nina",
        "post",
        lambda w: f"/cases/{w.case.pk}/referrals/preview",
        lambda w: {**REFERRAL_BODY, "to_org_id": w.net.social.pk},
        ("kind", "purpose", "service", "urgency", "reason", "fields.0", "note"),
    ),
    "send referral": Write(
        "nina",
        "post",
        lambda w: f"/cases/{w.case.pk}/referrals",
        lambda w: {**REFERRAL_BODY, "to_org_id": w.net.social.pk},
        ("kind", "purpose", "service", "urgency", "reason", "fields.0", "note"),
        ok=201,
    ),
    "accept referral": Write(
        "sara",
        "post",
        lambda w: f"/referrals/{w.pending.pk}/accept",
        lambda w: {"note": "We take it."},
        ("note",),
    ),
    "decline referral": Write(
        "sara",
        "post",
        lambda w: f"/referrals/{w.pending.pk}/decline",
        lambda w: {"reason": "no_capacity", "note": "Full until Monday."},
        ("reason", "note"),
    ),
    "complete referral": Write(
        "petar",
        "post",
        lambda w: f"/referrals/{_pk(w.accepted)}/complete",
        lambda w: {"note": "Interviewed."},
        ("note",),
        police=True,
    ),
    "record service": Write(
        "nina",
        "post",
        lambda w: f"/cases/{w.case.pk}/services",
        lambda w: {"kind": "psychosocial", "note": "Weekly sessions."},
        ("kind", "note"),
        ok=201,
    ),
    "advance service": Write(
        "petar",
        "post",
        lambda w: f"/services/{_pk(w.service)}/advance",
        lambda w: {"status": "started", "note": "First meeting."},
        ("status", "note"),
        police=True,
    ),
    "report offer": Write(
        "nina",
        "post",
        lambda w: "/offers/report",
        lambda w: {"text": "Work in Germany, send your passport and a 500 EUR fee first."},
        ("text",),
        ok=201,
    ),
    "check offer": Write(
        None,
        "post",
        lambda w: "/offers/check",
        lambda w: {
            "text": "Work in Germany, send your passport.",
            "seen_at": "Facebook",
            "contact": "+49 170 0000000",
            "job_country": "DE",
            "seeker_country": "MK",
        },
        ("text", "seen_at", "contact", "job_country", "seeker_country"),
    ),
    "suggest from notes": Write(
        None,
        "post",
        lambda w: "/notes/suggest",
        lambda w: {"text": "She was not paid for months.", "language": "en"},
        ("text", "language"),
    ),
    "assess facts": Write(
        None,
        "post",
        lambda w: "/assess",
        lambda w: {
            "age": 24,
            "sector": "agriculture",
            "route": {"origin": "NP", "transit": ["TR"], "destination": "MK"},
            "elements": {"acts": ["recruitment"]},
        },
        ("sector", "route.origin", "route.transit.0", "elements.acts.0"),
    ),
}
ROWS = [(name, field) for name, write in WRITES.items() for field in write.fields]


def _poisoned(body: dict[str, Any], path: str) -> dict[str, Any]:
    """Return a copy of `body` with a NUL in the middle of the string at dotted `path`."""
    body = copy.deepcopy(body)
    *parents, last = path.split(".")
    holder: Any = body
    for part in parents:
        holder = holder[int(part)] if isinstance(holder, list) else holder[part]
    key: Any = int(last) if isinstance(holder, list) else last
    value = holder[key]
    assert isinstance(value, str), path
    holder[key] = value[:1] + NUL + value[1:]
    return body


def _stored() -> dict[str, int]:
    """Count the rows of every model: a refused request changes none of them."""
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label.startswith(("cases", "referrals", "offers", "audit", "api"))
        and not model._meta.label.endswith("ApiToken")
    }


def _headers(world: World, write: Write) -> dict[str, str]:
    if write.persona is None:
        return {}
    _token, secret = create_token(world.net.user(write.persona), name="nul test")
    return {"Authorization": f"Bearer {secret}"}


def _send(client: Client, write: Write, world: World, body: Any, headers: dict[str, str]) -> Any:
    return getattr(client, write.method)(
        "/api/v1" + write.url(world),
        json.dumps(body),
        content_type="application/json",
        headers=headers,
    )


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "field"), ROWS, ids=[f"{n}: {f}" for n, f in ROWS])
def test_the_api_refuses_a_nul_in_any_text_field_and_stores_nothing(
    client: Client, name: str, field: str
) -> None:
    write = WRITES[name]
    world = _world(police=write.police)
    headers = _headers(world, write)
    before = _stored()
    events = AuditEvent.objects.count()
    response = _send(client, write, world, _poisoned(write.body(world), field), headers)
    assert response.status_code == 422, response.content
    error = response.json()["error"]
    assert error["code"] == "null_character"
    assert error["field"] == field
    assert f"“{field}”" in error["message"]
    assert response["Cache-Control"] == "no-store"
    assert AuditEvent.objects.count() == events
    assert _stored() == before
    # The same request without the NUL goes through: the NUL was all that was wrong.
    clean = _send(client, write, world, write.body(world), headers)
    assert clean.status_code == write.ok, clean.content


@pytest.mark.django_db
def test_the_api_names_a_key_holding_a_nul_and_answers_in_the_asked_language(
    client: Client,
) -> None:
    response = client.post(
        "/api/v1/assess",
        '{"indicators": {"debt\\u0000bondage": "yes"}}',
        content_type="application/json",
        headers={"Accept-Language": "mk"},
    )
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["field"] == "indicators.debt\\u0000bondage"
    assert error["message"].startswith("„indicators.debt")  # Macedonian quotes, not English
    assert "null character" not in error["message"]


@pytest.mark.parametrize(
    ("data", "path"),
    [
        ({"a": "fine", "b": ["ok", {"c": "x\x00"}]}, "b.1.c"),
        ([["deep"] * 3, "\x00"], "1"),
        ("\x00", "input"),
        ({"fine": "yes", "k\x00": 1}, "k\\u0000"),
        ({"a": 1, "b": [True, None, 2.5]}, None),
    ],
    ids=["nested", "list", "whole-document", "key", "none"],
)
def test_it_finds_the_first_string_holding_a_nul(data: Any, path: str | None) -> None:
    assert json_nul_path(data) == path


def test_it_looks_through_json_of_any_depth_without_recursion() -> None:
    deep: Any = "x\x00"
    for _ in range(100_000):
        deep = [deep]
    assert json_nul_path(deep) == ".".join(["0"] * 100_000)


# --- pages ------------------------------------------------------------------------------------

# Every page with a GET filter: who may open it, its address, and each of its parameters.
FILTERS = [
    ("nina", "/cases/list/", (*CaseFilterForm.base_fields, "page")),
    ("audrey", "/audit/", ("action", "object_type", "object_id", "page")),
    ("nina", "/orgs/directory/", tuple(DirectorySearchForm.base_fields)),
    ("nina", "/referrals/", ("status",)),
]
FILTER_ROWS = [(who, url, name) for who, url, names in FILTERS for name in names]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("persona", "url", "name"), FILTER_ROWS, ids=[f"{u}?{n}" for _, u, n in FILTER_ROWS]
)
def test_a_page_filter_with_a_nul_answers_400_naming_it(persona: str, url: str, name: str) -> None:
    net = build_network()
    client = net.client(persona)
    response = client.get(url, {name: "a\x00b"})
    assert response.status_code == 400
    page = response.content.decode()
    assert f"“{name}”" in page and "null character" in page
    assert "no-store" in response["Cache-Control"]
    assert client.get(url, {name: ""}).status_code == 200


@pytest.mark.django_db
def test_a_query_string_of_the_api_with_a_nul_answers_its_json_error(client: Client) -> None:
    net = build_network()
    _token, secret = create_token(net.user("nina"), name="nul test")
    response = client.get(
        "/api/v1/cases", {"stage": "screening\x00"}, headers={"Authorization": f"Bearer {secret}"}
    )
    assert response.status_code == 422
    assert response.json()["error"] == {
        "code": "null_character",
        "message": response.json()["error"]["message"],
        "field": "stage",
    }


@pytest.mark.django_db
def test_a_form_field_with_a_nul_is_refused_and_nothing_is_stored() -> None:
    net = build_network()
    case = open_case(net)
    client = net.client("nina")
    before = _stored()
    # The service form reads its note straight from the POST, without a Django form.
    response = client.post(
        f"/referrals/services/new/{case.pk}/", {"kind": "psychosocial", "note": "Weekly\x00"}
    )
    assert response.status_code == 400
    assert "“note”" in response.content.decode()
    assert _stored() == before
    assert case.services.count() == 0


@pytest.mark.django_db
def test_the_400_page_speaks_the_language_the_browser_asks_for() -> None:
    net = build_network()
    client = net.client("nina")
    response = client.get("/cases/list/", {"q": "\x00"}, headers={"Accept-Language": "mk"})
    assert response.status_code == 400
    page = response.content.decode()
    assert '<html lang="mk">' in page and "null character" not in page
    assert "„q“" in page  # the field, in Macedonian quotes


@pytest.mark.django_db
def test_a_cookie_holding_a_nul_is_ignored_not_a_server_error() -> None:
    net = build_network()
    client = net.client("nina")
    client.cookies["sessionid"] = "\x00" + "a" * 31
    # The session cookie is dropped: the visitor is not logged in, and nothing breaks.
    response = client.get("/cases/list/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client.get("/offers/").status_code == 200
