"""Erasure and retention (issue 17 §4): what identifies a person goes, the coded record stays."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from stepstones.audit.chain import verify_chains
from stepstones.audit.models import AuditEvent
from stepstones.cases import actions as case_actions
from stepstones.cases import vault
from stepstones.cases.models import Case, CaseNote, ClosureReason, IdentityVault, Stage
from stepstones.errors import ActionError
from stepstones.referrals.models import Referral
from tests.personas import Network, build_network, open_case, refer

pytestmark = pytest.mark.django_db


def _closed_case(net: Network) -> Case:
    case = open_case(net)
    refer(net, case, net.social, fields=("gender", "names", "summary"))
    case_actions.add_note(case, "Lives above the bakery in Kumanovo.", by=net.nina)
    case.refresh_from_db()
    case_actions.close_case(
        case, reason=ClosureReason.ASSISTANCE_COMPLETED, note="Went home to Aleppo.", by=net.nina
    )
    case.refresh_from_db()
    return case


def test_erasing_removes_every_identifying_text_and_keeps_the_coded_record() -> None:
    net = build_network()
    case = _closed_case(net)
    kept = {"code": case.person.code, "stage": case.stage, "kind": case.kind}
    case_actions.erase_person(case.person, reason="request")
    case.refresh_from_db()
    assert not IdentityVault.objects.filter(person=case.person).exists()
    assert (case.summary, case.closure_note) == ("", "")
    assert not CaseNote.objects.filter(case=case).exists()
    packet = vault.decrypt(Referral.objects.get(case=case).packet_token)
    assert packet["values"] == {} and packet["erased"] is True
    assert {"code": case.person.code, "stage": case.stage, "kind": case.kind} == kept
    event = AuditEvent.objects.get(action="person.erased")
    # What matching held of the person (two names: two encodings) went too (docs/linkage.md).
    assert event.details == {"reason": "request", "cases": 1, "encodings": 2, "open_pairs": 0}
    assert not verify_chains().problems


def test_an_open_case_or_an_unknown_reason_is_refused_and_nothing_changes() -> None:
    net = build_network()
    case = open_case(net)
    with pytest.raises(ActionError) as refused:
        case_actions.erase_person(case.person, reason="request")
    assert refused.value.code == "case_open"
    closed = _closed_case(net)
    with pytest.raises(ActionError) as unknown:
        case_actions.erase_person(closed.person, reason="because")
    assert unknown.value.code == "invalid"
    assert IdentityVault.objects.count() == 2
    assert not AuditEvent.objects.filter(action="person.erased").exists()


def test_the_command_needs_confirming_and_names_what_is_wrong() -> None:
    net = build_network()
    case = _closed_case(net)
    code = case.person.code
    with pytest.raises(CommandError, match="--yes"):
        call_command("erase_person", code)
    with pytest.raises(CommandError, match=re.escape("No person has the case code SC-NO")):
        call_command("erase_person", "SC-NO", "--yes")
    call_command("erase_person", code, "--yes")
    assert not IdentityVault.objects.filter(person=case.person).exists()
    other = open_case(net)
    with pytest.raises(CommandError, match="open case"):
        call_command("erase_person", other.person.code, "--yes")


def test_retention_erases_only_people_whose_cases_all_closed_long_ago(
    capsys: pytest.CaptureFixture[str],
) -> None:
    net = build_network()
    old = _closed_case(net)
    recent = _closed_case(net)
    still_open = open_case(net)
    long_ago = timezone.now() - dt.timedelta(days=365 * 6)
    Case.objects.filter(pk=old.pk).update(closed_at=long_ago)
    call_command("apply_retention", "--years", "5")
    assert "1 people are past the retention period" in capsys.readouterr().out
    assert IdentityVault.objects.count() == 3  # counting changes nothing
    call_command("apply_retention", "--years", "5", "--apply")
    left = set(IdentityVault.objects.values_list("person_id", flat=True))
    assert left == {recent.person_id, still_open.person_id}
    assert Case.objects.get(pk=still_open.pk).stage != Stage.CLOSED
    assert AuditEvent.objects.get(action="person.erased").details["reason"] == "retention"
