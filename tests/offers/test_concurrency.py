"""Two organisations report the same offer at the same moment, on separate PostgreSQL
connections: one report, one `offer.reported` and one `offer.reported_again`, chain intact."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from django.db import connection

from stepstones.agencies.models import Membership
from stepstones.audit.chain import verify
from stepstones.audit.models import AuditEvent
from stepstones.offers.actions import report_offer
from stepstones.offers.models import ReportedOffer
from tests.personas import Network, build_network

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="a real race needs PostgreSQL: SQLite serialises every writer "
        "(run with DATABASE_URL=postgres://...)",
    ),
]

OFFER = (
    "Hostess work in a club abroad, 3000 EUR a month, no experience needed. Flights and a flat "
    "are arranged by us. Send your passport copy and photos on WhatsApp today."
)


def _race(*jobs: Callable[[], object]) -> list[object]:
    """Run the jobs in threads released together; return each result or the exception."""
    barrier = threading.Barrier(len(jobs))
    results: list[object] = [None] * len(jobs)

    def run(i: int, job: Callable[[], object]) -> None:
        try:
            barrier.wait()
            results[i] = job()
        except Exception as error:  # noqa: BLE001 - reported by the assertions below
            results[i] = error
        finally:
            connection.close()  # each thread had its own connection

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


def _fresh(membership: Membership) -> Membership:
    return Membership.objects.select_related("organisation", "user").get(pk=membership.pk)


def test_two_simultaneous_reports_of_one_offer_make_one_report_and_two_events() -> None:
    net: Network = build_network()
    nina, petar = _fresh(net.nina), _fresh(net.petar)
    results = _race(
        lambda: report_offer(OFFER, by=nina),
        lambda: report_offer(OFFER + "  ", by=petar),
    )
    assert all(isinstance(r, ReportedOffer) for r in results), results
    report = ReportedOffer.objects.get()
    assert {r.pk for r in results if isinstance(r, ReportedOffer)} == {report.pk}
    actions = sorted(AuditEvent.objects.values_list("action", flat=True))
    assert actions == ["offer.reported", "offer.reported_again"]
    assert set(AuditEvent.objects.values_list("object_id", flat=True)) == {str(report.pk)}
    assert verify() == []
