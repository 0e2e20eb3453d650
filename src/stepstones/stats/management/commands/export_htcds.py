"""`stepstones export-htcds`: cases in HTCDS 2.0 (JSON or CSV) on standard output or a file.

By default the export is statistical: no case code, k-anonymous (k = 11), with a note on
standard error of what was generalised and how many records were dropped. `--exchange` keeps the
pseudonymous case codes and every record (for moving cases to another system under an agreement).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from stepstones.cases.models import Case
from stepstones.stats import htcds


class Command(BaseCommand):
    help = "Export cases in HTCDS 2.0 (JSON or CSV): k-anonymous unless --exchange."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", choices=["json", "csv"], default="json")
        parser.add_argument("--out", type=Path, help="file to write (default: standard output)")
        parser.add_argument("--exchange", action="store_true", help="case codes, no k-anonymity")
        parser.add_argument(
            "--k", type=int, default=11, help="group size of the statistical export"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        exchange = bool(options["exchange"])
        cases = Case.objects.select_related("person").order_by("id").iterator(chunk_size=2000)
        rows = list(htcds.records(cases, with_code=exchange))
        if not exchange:
            result = htcds.anonymise(rows, k=options["k"])
            rows = result.records
            sys.stderr.write(
                f"k = {result.k}: generalised {result.generalised or 'nothing'}; "
                f"{result.dropped} records dropped, {len(rows)} exported.\n"
            )
        if options["format"] == "json":
            text = htcds.to_json(rows)
        else:
            text = "".join(htcds.to_csv(rows, htcds.columns(with_code=exchange)))
        if options["out"]:
            options["out"].write_text(text, encoding="utf-8")
        else:
            self.stdout.write(text, ending="")
