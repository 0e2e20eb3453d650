"""Reporting offers and finding their near-duplicates in the database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from stepstones.offers.actions import report_offer
from stepstones.offers.lookup import find_reported
from stepstones.offers.models import OrganisationKind, ReportedOffer, ReportedOfferBand
from stepstones.offers.services import run_check
from stepstones.recruitment import Offer, OfferError, signature
from stepstones.recruitment.similar import BANDS

pytestmark = pytest.mark.django_db

TEMPLATE = (
    "Work on a berry farm in the north, picking and packing every day from early morning. Shared "
    "rooms near the farm, meals at work. Salary {pay} euro every month. Call {name} at {phone}, "
    "the van leaves soon and there are only a few places left for this season."
)


def test_it_stores_the_signature_but_not_the_text() -> None:
    text = TEMPLATE.format(pay="1500", name="Goran", phone="070 111 222")
    report = report_offer(text, organisation_kind=OrganisationKind.NON_GOVERNMENTAL)
    assert report.organisation_kind == "non_governmental"
    assert report.language == "en"
    assert ReportedOfferBand.objects.filter(report=report).count() == BANDS
    stored = [str(v) for v in ReportedOffer.objects.values().get(pk=report.pk).values()]
    assert not any("berry" in value or "Goran" in value for value in stored)


def test_reporting_the_same_offer_twice_keeps_the_first_report() -> None:
    text = TEMPLATE.format(pay="1500", name="Goran", phone="070 111 222")
    first = report_offer(text, organisation_kind="governmental")
    again = report_offer("  " + text.upper(), organisation_kind="international")
    assert again.pk == first.pk
    assert ReportedOffer.objects.count() == 1


@pytest.mark.parametrize(
    ("text", "problem"), [("", "empty"), ("\x00\x01", "binary"), ("x" * 100_001, "too_long")]
)
def test_it_refuses_to_report_what_is_not_an_offer(text: str, problem: str) -> None:
    with pytest.raises(OfferError) as caught:
        report_offer(text, organisation_kind="governmental")
    assert caught.value.code == problem
    assert ReportedOffer.objects.count() == 0


def test_it_refuses_an_unknown_organisation_kind() -> None:
    with pytest.raises(ValueError):
        report_offer(TEMPLATE.format(pay="1", name="A", phone="1"), organisation_kind="company")


def test_a_new_copy_with_other_phone_name_and_pay_is_flagged_with_date_and_kind() -> None:
    with time_machine.travel("2026-10-05 10:00 +0200", tick=False):
        report_offer(
            TEMPLATE.format(pay="1500", name="Goran", phone="070 111 222"),
            organisation_kind=OrganisationKind.INTERNATIONAL,
        )
    check = run_check(Offer(TEMPLATE.format(pay="2900", name="Vesna", phone="+389 75 999 000")))
    flag = check.flags[0]
    assert flag.id == "reported_duplicate"
    assert check.level.value == "high"
    assert "2026-10-05" in flag.explanation.english()
    assert "international" in flag.explanation.english()


def test_an_unrelated_offer_is_not_flagged_as_reported() -> None:
    report_offer(
        TEMPLATE.format(pay="1500", name="Goran", phone="070 111 222"),
        organisation_kind="governmental",
    )
    check = run_check(
        Offer("Acme Ltd, 12 Baker Street, London, hires a Python developer with Django.")
    )
    assert "reported_duplicate" not in {f.id for f in check.flags}


def test_the_lookup_is_one_query_whatever_the_number_of_reports() -> None:
    for i in range(30):
        report_offer(
            f"Offer about {'abcdefghijklmnopqrstuvwxyz'[i % 26]} " * 8 + TEMPLATE[: 40 + i],
            organisation_kind="governmental",
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
