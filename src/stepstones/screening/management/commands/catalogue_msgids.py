"""`stepstones catalogue-msgids`: rewrite the list of catalogue texts that translators see."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from stepstones.screening.msgids import MSGIDS_FILE, render_msgids_module


class Command(BaseCommand):
    help = "Rewrite screening/catalogue_msgids.py from the indicator catalogue."

    def handle(self, *args: Any, **options: Any) -> None:
        source = render_msgids_module()
        MSGIDS_FILE.write_text(source, encoding="utf-8")
        self.stdout.write(f"wrote {source.count('gettext_noop(')} texts to {MSGIDS_FILE}")
