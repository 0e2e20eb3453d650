"""Stored codes shown as words: the label tables, and the audit log as an auditor reads it."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from stepstones.agencies.models import Role
from stepstones.web import words
from tests.personas import Network, build_network, open_case, refer

SRC = Path(__file__).resolve().parents[2] / "src" / "stepstones"


def test_every_recorded_action_has_words() -> None:
    """Each literal action name passed to `record(` in the code has a label."""
    call = re.compile(r"record\(\s*\"([a-z_]+\.[a-z_.]+)\"")
    constant = re.compile(r"^[A-Z_]+ = \"([a-z_]+\.[a-z_.]+)\"$", re.M)  # offers' names
    actions: set[str] = set()
    for path in SRC.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        actions.update(call.findall(text))
        if "record(" in text:
            actions.update(constant.findall(text))
    assert {"case.opened", "offer.reported", "identity.viewed"} <= actions
    assert actions - set(words.ACTION_LABELS) == set()


@pytest.mark.parametrize(
    ("code", "name"),
    [("ps", "Pashto"), ("fa", "Farsi/Dari"), ("ar", "Arabic"), ("it", "Italian"), ("xx", "xx")],
    ids=["ps", "fa", "ar", "django-only", "unknown"],
)
def test_it_names_languages(code: str, name: str) -> None:
    with translation.override("en"):
        assert words.language_name(code) == name


def test_it_names_roles_outcomes_and_audit_details() -> None:
    with translation.override("en"):
        assert words.role_label(Role.FRONTLINE_WORKER) == "Frontline worker"
        assert words.outcome_label("possible_victim").startswith("possible victim of trafficking")
        assert words.action_label("case.opened") == "Case opened"
        details = dict(
            words.audit_details(
                "consent.recorded",
                {"purpose": "case_transfer", "how_given": "oral", "recipient": 3},
            )
        )
        assert details == {
            "Purpose": "Transfer of case responsibility",
            "How given": "Oral",
            "Recipient": "3",
        }
        member = dict(words.audit_details("member.added", {"role": "frontline_worker"}))
        assert member == {"Role": "Frontline worker"}


@pytest.mark.django_db
def test_the_audit_log_shows_words_not_codes() -> None:
    net = build_network()
    case = open_case(net)
    refer(net, case, net.social, kind="transfer", purpose="case_transfer")
    case_actions_outcome(net, case)
    client = Client()
    client.force_login(net.audrey.user)
    html = client.get(reverse("audit:log")).content.decode()
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    cells = [unescape(re.sub(r"<[^>]+>", "", c)) for c in re.findall(r"<td>(.*?)</td>", body)]
    text = " | ".join(cells)
    for words_shown in ("Case opened", "Consent recorded", "Referral sent", "Screening recorded"):
        assert words_shown in text
    assert "Transfer of case responsibility" in text
    assert "possible victim of trafficking" in text
    for code in ("case.opened", "case_transfer", "possible_victim", "referral.sent", "{'"):
        assert code not in text, code


def case_actions_outcome(net: Network, case: object) -> None:
    from stepstones.cases import actions as case_actions

    case_actions.record_assessment(
        case,  # type: ignore[arg-type]
        facts={},
        result={},
        catalogue_version="v1",
        outcome="possible_victim",
        by=net.nina,
    )
