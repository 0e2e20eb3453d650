"""Reporting offers and finding their near-duplicates in the database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from stepstones.agencies.models import Kind, Membership
from stepstones.audit.chain import verify
from stepstones.audit.models import AuditEvent
from stepstones.errors import ActionError
from stepstones.offers.actions import report_offer
from stepstones.offers.lookup import find_reported
from stepstones.offers.models import ReportedOffer, ReportedOfferBand
from stepstones.offers.services import run_check
from stepstones.recruitment import Offer, OfferError, signature
from stepstones.recruitment.similar import BANDS
from tests.personas import Network

pytestmark = pytest.mark.django_db

TEMPLATE = (
    "Work on a berry farm in the north, picking and packing every day from early morning. Shared "
    "rooms near the farm, meals at work. Salary {pay} euro every month. Call {name} at {phone}, "
    "the van leaves soon and there are only a few places left for this season."
)


def test_it_stores_the_signature_but_not_the_text(member: Membership) -> None:
    text = TEMPLATE.format(pay="1500", name="Goran", phone="070 111 222")
    report = report_offer(text, by=member)
    assert report.organisation_kind == "non_governmental"
    assert report.language == "en"
    assert ReportedOfferBand.objects.filter(report=report).count() == BANDS
    stored = [str(v) for v in ReportedOffer.objects.values().get(pk=report.pk).values()]
    assert not any("berry" in value or "Goran" in value for value in stored)


@pytest.mark.parametrize(
    ("reporter", "kind"),
    [("nina", Kind.NON_GOVERNMENTAL), ("petar", Kind.GOVERNMENTAL), ("cora", Kind.GOVERNMENTAL)],
    ids=["ngo", "police", "coordination-office"],
)
def test_the_kind_comes_from_the_reporters_organisation(
    net: Network, reporter: str, kind: Kind
) -> None:
    membership: Membership = getattr(net, reporter)
    report = report_offer(TEMPLATE.format(pay="1", name="A", phone="1"), by=membership)
    assert report.organisation_kind == kind == membership.organisation.kind


def test_an_international_organisations_report_is_international(net: Network) -> None:
    net.legal.kind = Kind.INTERNATIONAL
    net.legal.save()
    otto = Membership.objects.select_related("organisation").get(pk=net.otto.pk)
    report = report_offer(TEMPLATE.format(pay="1", name="A", phone="1"), by=otto)
    assert report.organisation_kind == "international"


def test_a_report_writes_one_audit_event_without_the_text(member: Membership) -> None:
    text = TEMPLATE.format(pay="1500", name="Goran", phone="070 111 222")
    report = report_offer(text, by=member)
    event = AuditEvent.objects.get()
    assert event.action == "offer.reported"
    assert (event.object_type, event.object_id) == ("reported_offer", str(report.pk))
    assert event.actor_id == member.user.pk
    assert event.organisation_id == member.organisation.pk
    assert event.details == {"organisation_kind": "non_governmental", "language": "en"}
    logged = " ".join(str(v) for v in AuditEvent.objects.values().get().values())
    for word in ("berry", "Goran", "070 111 222", "1500", report.text_sha256):
        assert word not in logged


def test_reporting_the_same_offer_twice_keeps_the_first_report(net: Network) -> None:
    text = TEMPLATE.format(pay="1500", name="Goran", phone="070 111 222")
    first = report_offer(text, by=net.nina)
    again = report_offer("  " + text.upper(), by=net.petar)
    assert again.pk == first.pk
    assert again.organisation_kind == "non_governmental"
    assert ReportedOffer.objects.count() == 1
    events = list(AuditEvent.objects.order_by("seq"))
    assert [e.action for e in events] == ["offer.reported", "offer.reported_again"]
    assert events[1].object_id == str(first.pk)
    assert events[1].actor_id == net.petar.user.pk
    assert events[1].details == {"organisation_kind": "governmental"}


def test_the_audit_chain_stays_intact_after_reports(
    net: Network, capsys: pytest.CaptureFixture[str]
) -> None:
    for i, membership in enumerate([net.nina, net.petar, net.sara, net.nina]):
        report_offer(TEMPLATE.format(pay=str(i % 3), name="A", phone="1") + " x" * i, by=membership)
    report_offer(TEMPLATE.format(pay="0", name="A", phone="1"), by=net.otto)
    assert verify() == []
    call_command("verify_audit")
    assert "Audit chain intact: 5 events." in capsys.readouterr().out


def test_an_inactive_membership_cannot_report(member: Membership) -> None:
    member.active = False
    member.save()
    with pytest.raises(ActionError) as caught:
        report_offer(TEMPLATE.format(pay="1", name="A", phone="1"), by=member)
    assert (caught.value.code, caught.value.status) == ("forbidden", 403)
    assert ReportedOffer.objects.count() == 0
    assert AuditEvent.objects.count() == 0


@pytest.mark.parametrize(
    ("text", "problem"), [("", "empty"), ("\x00\x01", "binary"), ("x" * 100_001, "too_long")]
)
def test_it_refuses_to_report_what_is_not_an_offer(
    member: Membership, text: str, problem: str
) -> None:
    with pytest.raises(OfferError) as caught:
        report_offer(text, by=member)
    assert caught.value.code == problem
    assert ReportedOffer.objects.count() == 0
    assert AuditEvent.objects.count() == 0


def test_a_new_copy_with_other_phone_name_and_pay_is_flagged_with_date_and_kind(
    member: Membership,
) -> None:
    member.organisation.kind = Kind.INTERNATIONAL
    member.organisation.save()
    with time_machine.travel("2026-10-05 10:00 +0200", tick=False):
        report_offer(TEMPLATE.format(pay="1500", name="Goran", phone="070 111 222"), by=member)
    check = run_check(Offer(TEMPLATE.format(pay="2900", name="Vesna", phone="+389 75 999 000")))
    flag = check.flags[0]
    assert flag.id == "reported_duplicate"
    assert check.level.value == "high"
    assert "2026-10-05" in flag.explanation.english()
    assert "International" in flag.explanation.english()


def test_an_unrelated_offer_is_not_flagged_as_reported(member: Membership) -> None:
    report_offer(TEMPLATE.format(pay="1500", name="Goran", phone="070 111 222"), by=member)
    check = run_check(
        Offer("Acme Ltd, 12 Baker Street, London, hires a Python developer with Django.")
    )
    assert "reported_duplicate" not in {f.id for f in check.flags}


def test_the_lookup_is_one_query_whatever_the_number_of_reports(member: Membership) -> None:
    for i in range(30):
        report_offer(
            f"Offer about {'abcdefghijklmnopqrstuvwxyz'[i % 26]} " * 8 + TEMPLATE[: 40 + i],
            by=member,
        )
    with CaptureQueriesContext(connection) as queries:
        find_reported(signature(TEMPLATE.format(pay="1", name="A", phone="1")))
    assert len(queries) == 1


def test_a_wrong_model_path_fails_the_start_up_check(settings: Any, tmp_path: Path) -> None:
    from stepstones.offers.checks import check_offer_model
    from stepstones.offers.services import _load

    _load.cache_clear()
    settings.OFFER_MODEL_PATH = str(tmp_path / "missing.npz")
    errors = check_offer_model()
    assert [e.id for e in errors] == ["offers.E001"]
    settings.OFFER_MODEL_PATH = ""
    assert check_offer_model() == []


def test_a_report_that_loses_a_race_keeps_the_winners_and_logs_a_repeat(
    net: Network, monkeypatch: pytest.MonkeyPatch
) -> None:
    from stepstones.offers import actions

    text = TEMPLATE.format(pay="1500", name="Goran", phone="070 111 222")
    real_signature = signature
    raced: list[str] = []

    def signature_while_petar_reports(value: str) -> Any:
        # Between nina's "already reported?" look-up and her insert, petar reports the same text.
        if not raced:
            raced.append(value)
            report_offer(text, by=net.petar)
        return real_signature(value)

    monkeypatch.setattr(actions, "signature", signature_while_petar_reports)
    mine = report_offer(text, by=net.nina)
    report = ReportedOffer.objects.get()
    assert mine.pk == report.pk
    assert report.organisation_kind == "governmental"
    assert ReportedOfferBand.objects.filter(report=report).count() == BANDS
    events = list(AuditEvent.objects.order_by("seq").values_list("action", "actor_username"))
    assert events == [("offer.reported", "petar"), ("offer.reported_again", "nina")]
    assert verify() == []
