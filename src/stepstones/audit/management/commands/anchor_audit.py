"""`stepstones anchor-audit`: record every organisation chain's head in the system chain."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from stepstones.audit.chain import anchor


class Command(BaseCommand):
    help = (
        "Anchor the organisations' audit chains in the system chain (run on a timer, e.g. every"
        " 10 minutes, beside send-referral-reminders)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        event = anchor()
        heads = event.details.get("heads", {})
        self.stdout.write(f"Anchored {len(heads)} chains in system event {event.seq}.")
