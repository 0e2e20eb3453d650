"""`stepstones apply-retention`: erase what identifies people whose cases closed long ago."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.db.models import Max, Q
from django.utils import timezone

from stepstones.cases.actions import erase_person
from stepstones.cases.models import Person


def due_for_erasure(years: int, now: dt.datetime | None = None) -> list[Person]:
    """People whose every case is closed, the last closed more than `years` years ago, and who
    still have something to erase (an identity record)."""
    cutoff = (now or timezone.now()) - dt.timedelta(days=365 * years)
    return list(
        Person.objects.filter(vault__isnull=False)
        .annotate(last_closed=Max("cases__closed_at"))
        .exclude(cases__closed_at__isnull=True)
        .filter(Q(last_closed__lt=cutoff))
        .order_by("pk")
    )


class Command(BaseCommand):
    help = (
        "List (or with --apply, erase) the people whose cases all closed more than --years ago"
        " (STEPSTONES_RETENTION_YEARS, default 5): identity and free text go, the coded record"
        " and the audit trail stay. Each erasure is audited."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--years", type=int, default=settings.STEPSTONES_RETENTION_YEARS)
        parser.add_argument("--apply", action="store_true", help="Erase; without it, only count.")

    def handle(self, *args: Any, **options: Any) -> None:
        years = options["years"]
        if years < 1:
            self.stderr.write("--years must be at least 1.")
            raise SystemExit(2)
        due = due_for_erasure(years)
        if not options["apply"]:
            self.stdout.write(
                f"{len(due):,} people are past the retention period of {years} years;"
                " run again with --apply to erase what identifies them."
            )
            return
        for person in due:
            erase_person(person, reason="retention")
        self.stdout.write(f"Erased what identified {len(due):,} people ({years}-year retention).")
