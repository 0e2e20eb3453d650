"""The API shows each persona exactly the case fields its case page shows, field by field.

Issue 17 §4: `GET /api/v1/cases/{id}` gave a partner organisation nine fields and a former holder
seven that the case page hid from them. Both now take what they show from
`cases.access.shown_case_fields`; this test reads the page and the API as every persona and, for
every field of the API's case, checks that the API gives it exactly when the page shows it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
import time_machine
from django.contrib.auth.models import User
from django.test import Client
from django.utils.translation import override

from stepstones.agencies.models import Membership, Role
from stepstones.api.actions import create_token
from stepstones.cases import actions as case_actions
from stepstones.cases.access import CASE_DETAIL_FIELDS, CASE_STATE_FIELDS
from stepstones.cases.models import Case, Purpose, Stage
from stepstones.referrals import actions as referral_actions
from stepstones.web import words
from stepstones.web.templatetags.rows import day
from tests.personas import PASSWORD, Network, build_network, refer

pytestmark = pytest.mark.django_db

SUMMARY = "QZXPAGESUMMARY"
BASIS = "QZXPAGEBASIS"
CLOSURE = "QZXPAGECLOSURE"


def _build_world() -> tuple[Network, Case]:
    """A case opened by the NGO, identified by the police, transferred to social work, closed.

    Then: social work holds it (sara, and the admin "sasha"), the NGO held it before (nina,
    olga), the police worked on it (petar, ivan), and the others never touched it.
    """
    net = build_network()
    user = type(net.nobody).objects.create_user("sasha", "sasha@example.org", PASSWORD)
    Membership.objects.create(user=user, organisation=net.social, role=Role.ORG_ADMIN)
    with time_machine.travel(dt.datetime(2026, 1, 10, 9, tzinfo=dt.UTC)):
        case = case_actions.open_case(
            by=net.nina,
            gender="Feminine",
            citizenship=["SY"],
            primary_language="ar",
            summary=SUMMARY,
            type_of_exploitation=["ForcedLabour"],
            methods_of_control=["DebtBondage"],
            method_of_recruitment=["ThroughAnOnlineAdvertisement"],
            identity={"names": ["A. T."]},
        )
        case_actions.advance_stage(case, Stage.POSSIBLE_VICTIM, by=net.nina)
        identification = refer(net, case, net.police, purpose=Purpose.IDENTIFICATION)
        referral_actions.accept_referral(identification, by=net.petar)
    case_actions.decide_identification(
        case, identified=True, decided_on=dt.date(2026, 2, 3), basis=BASIS, by=net.ivan
    )
    with time_machine.travel(dt.datetime(2026, 3, 17, 9, tzinfo=dt.UTC)):
        transfer = refer(
            net, Case.objects.get(pk=case.pk), net.social, kind="transfer",
            purpose=Purpose.CASE_TRANSFER,
        )  # fmt: skip
        referral_actions.accept_referral(transfer, by=net.sara)
    with time_machine.travel(dt.datetime(2026, 4, 21, 9, tzinfo=dt.UTC)):
        case_actions.close_case(
            Case.objects.get(pk=case.pk), reason="other", note=CLOSURE, by=net.sara
        )
    return net, Case.objects.select_related("person").get(pk=case.pk)


def _labels(choices: Callable[[], list[str]]) -> str:
    return ", ".join(choices())


# How the case page writes each field of the API's case (in English). Fields left out are not
# the case's own: `id` is in every link, `htcds_status` is the stage in HTCDS' words, and
# `updated_at` is the case list's column (the same for every reader of the case).
ON_THE_PAGE: dict[str, Callable[[Case], str]] = {
    "code": lambda c: c.person.code,
    "kind": lambda c: str(c.get_kind_display()),
    "stage": lambda c: str(c.get_stage_display()),
    "accountable_org": lambda c: c.accountable_org.name,
    "is_child": lambda c: "Not marked as under 18",
    "opened_at": lambda c: day(c.opened_at),
    "gender": lambda c: str(c.person.get_gender_display()),
    "citizenship": lambda c: ", ".join(words.country_names(c.person.citizenship)),
    "primary_language": lambda c: words.language_name(c.person.primary_language),
    "summary": lambda c: c.summary,
    "type_of_exploitation": lambda c: _labels(c.exploitation_labels),
    "methods_of_control": lambda c: _labels(c.control_labels),
    "method_of_recruitment": lambda c: _labels(c.recruitment_labels),
    "trafficking_status": lambda c: str(c.get_trafficking_status_display()),
    # In brackets after the deciding organisation: "Police" alone is in an organisation's name.
    "decision_making_org": lambda c: f"({c.get_decision_making_org_display()})",
    "identification_date": lambda c: day(c.identification_date),
    "identification_basis": lambda c: c.identification_basis,
    "closed_at": lambda c: day(c.closed_at),
    "closure_reason": lambda c: f"{day(c.closed_at)} · {c.get_closure_reason_display()}",
    "closure_note": lambda c: c.closure_note,
}
NOT_ON_THE_PAGE = {"id", "htcds_status", "updated_at"}

# Who reads the case, and whether their page shows its details.
READERS = {
    "sara": True,  # the holder's case manager
    "sasha": True,  # the holder's organisation admin
    "nina": False,  # the former holder's case manager
    "olga": False,  # the former holder's organisation admin
    "petar": False,  # a partner that accepted a referral
    "ivan": False,  # the partner's identification officer, who decided
}
STRANGERS = ("otto", "cora", "audrey", "nobody")


def test_every_api_case_field_is_compared() -> None:
    assert set(ON_THE_PAGE) | NOT_ON_THE_PAGE == set(CASE_STATE_FIELDS + CASE_DETAIL_FIELDS)


def _page_and_api(username: str, case: Case) -> tuple[int, str, int, dict[str, Any]]:
    account = User.objects.get(username=username)
    browser = Client()
    browser.force_login(account)
    page = browser.get(f"/cases/{case.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    _token, secret = create_token(account, name="comparison")
    api = Client().get(
        f"/api/v1/cases/{case.pk}",
        headers={"Authorization": f"Bearer {secret}", "Accept-Language": "en"},
    )
    body = api.json() if api.status_code == 200 else {}
    return page.status_code, page.content.decode(), api.status_code, body


def test_the_api_gives_each_reader_exactly_the_fields_its_page_shows() -> None:
    _net, case = _build_world()
    with override("en"):
        expected_text = {name: show(case) for name, show in ON_THE_PAGE.items()}
    assert all(expected_text.values()), expected_text  # every field has something to find
    for username, details in READERS.items():
        page_status, page, api_status, body = _page_and_api(username, case)
        assert (page_status, api_status) == (200, 200), username
        for name, text in expected_text.items():
            shown = text in page
            given = name in body
            assert shown == given, f"{username}: {name} page={shown} api={given}"
            if name in CASE_DETAIL_FIELDS:
                assert given == details, f"{username}: {name}"


def test_the_api_and_the_page_refuse_the_same_strangers() -> None:
    _net, case = _build_world()
    for username in STRANGERS:
        page_status, _page, api_status, _body = _page_and_api(username, case)
        assert page_status == 404, username
        assert api_status == 404, username


def test_a_partners_case_list_gives_only_the_state_of_the_case() -> None:
    _net, case = _build_world()
    _token, secret = create_token(User.objects.get(username="petar"), name="list")
    listed = Client().get(
        "/api/v1/cases", {"scope": "partner"}, headers={"Authorization": f"Bearer {secret}"}
    )
    items = listed.json()["items"]
    assert [item["id"] for item in items] == [case.pk]
    assert set(items[0]) == set(CASE_STATE_FIELDS)
