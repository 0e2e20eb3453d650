"""`stepstones demo-statistics`: earlier cases for the demo network, so the statistics show
figures (safe to run again; needs `stepstones demo` first)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from stepstones.stats.demo import load_demo


class Command(BaseCommand):
    help = "Add earlier demo cases so the statistics show figures (after `stepstones demo`)."

    def handle(self, *args: Any, **options: Any) -> None:
        added = load_demo()
        if added:
            self.stdout.write(f"Added {added} earlier demo cases for the statistics.")
        else:
            self.stdout.write("No demo cases added (loaded already, or no demo network).")
