"""`stepstones export-htcds`: cases in HTCDS 2.0 (JSON or CSV) on standard output or a file.

By default the export is statistical: no case code, k-anonymous (k = 11), with a note on
standard error of what was generalised and how many records were dropped. `--exchange` keeps the
pseudonymous case codes and every record (for moving cases to another system under an
agreement): that is personal data, so it is only written to a file, sealed with a passphrase
(`stepstones.sealing`), and `--open FILE` reads it back. Every export is audited.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from stepstones.audit.chain import record
from stepstones.cases.models import Case
from stepstones.sealing import ExportError, passphrase_from, seal_bytes, unseal_bytes, write_sealed
from stepstones.stats import htcds


class Command(BaseCommand):
    help = (
        "Export cases in HTCDS 2.0 (JSON or CSV): k-anonymous, or with --exchange every case with"
        " its code, sealed with a passphrase into --out FILE. Audited. --open FILE reads a sealed"
        " exchange back."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", choices=["json", "csv"], default="json")
        parser.add_argument("--out", type=Path, help="file to write (default: standard output)")
        parser.add_argument(
            "--exchange",
            action="store_true",
            help="case codes, no k-anonymity; sealed, into --out FILE",
        )
        parser.add_argument(
            "--k", type=int, default=11, help="group size of the statistical export"
        )
        parser.add_argument("--passphrase-file", help="a file holding the exchange's passphrase")
        parser.add_argument("--open", type=Path, help="print a sealed exchange file")

    def _passphrase(self, options: dict[str, Any]) -> str:
        try:
            return passphrase_from(options.get("passphrase_file"))
        except ExportError as error:
            raise CommandError(error.sentence()) from None

    def handle(self, *args: Any, **options: Any) -> None:
        if options["open"]:
            try:
                plain = unseal_bytes(options["open"].read_bytes(), self._passphrase(options))
            except OSError as error:
                raise CommandError(f"The export cannot be opened: {error.strerror}.") from None
            except ExportError as error:
                raise CommandError(f"The export cannot be opened: {error}.") from None
            self.stdout.write(plain.decode("utf-8"), ending="")
            return
        exchange = bool(options["exchange"])
        out: Path | None = options["out"]
        passphrase = ""
        if exchange:
            if out is None:
                raise CommandError(
                    "An exchange holds every case with its code: name the file to seal it"
                    " into with --out FILE."
                )
            passphrase = self._passphrase(options)
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
        sealed = b""
        if exchange:
            try:
                sealed = seal_bytes(text.encode("utf-8"), passphrase)
            except ExportError as error:
                raise CommandError(f"No export written: {error}.") from None
        record(
            "htcds.exported",
            object_type="export",
            object_id="htcds",
            details={
                "records": len(rows),
                "format": options["format"],
                "exchange": exchange,
                "k": None if exchange else options["k"],
            },
        )
        if exchange and out is not None:
            write_sealed(out, sealed)
            sys.stderr.write(f"{len(rows)} cases written to {out}, sealed.\n")
        elif out is not None:
            out.write_text(text, encoding="utf-8")
        else:
            self.stdout.write(text, ending="")
