"""`stepstones import-htcds FILE`: cases from an HTCDS 2.0 exchange (JSON or CSV, plain or sealed).

Every row is checked before anything is stored; a file with a bad row stores nothing unless
`--skip-bad-rows`, and the bad rows are listed by number, field and reason. The cases are
created in one transaction, held by `--organisation`; a case code already here is reported and
left alone. A sealed exchange (`export-htcds --exchange`) is opened with the passphrase from
`--passphrase-file` or STEPSTONES_EXPORT_PASSPHRASE. Audited: each case, and the import.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from stepstones.agencies.models import Organisation
from stepstones.sealing import MAGIC, ExportError, passphrase_from, unseal_bytes
from stepstones.stats.imports import (
    ImportFileError,
    check_htcds,
    guess_format,
    read_htcds,
    report,
    store_htcds,
)


def find_organisation(wanted: str) -> Organisation:
    """The organisation by its id or its exact name; CommandError when there is none."""
    found = Organisation.objects.filter(name=wanted).first()
    if found is None and wanted.isdigit():
        found = Organisation.objects.filter(pk=int(wanted)).first()
    if found is None:
        raise CommandError(f"No organisation has the id or name {wanted!r}.")
    return found


class Command(BaseCommand):
    help = (
        "Import cases from an HTCDS 2.0 exchange (JSON or CSV, plain or sealed by export-htcds"
        " --exchange). Every row is checked first; a file with a bad row stores nothing unless"
        " --skip-bad-rows. One transaction; audited."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="the exchange file")
        parser.add_argument(
            "--format", choices=["json", "csv"], help="the file's format (default: guessed)"
        )
        parser.add_argument(
            "--organisation",
            required=True,
            help="id or name of the organisation that becomes accountable for the cases",
        )
        parser.add_argument(
            "--skip-bad-rows", action="store_true", help="import the good rows, list the bad ones"
        )
        parser.add_argument(
            "--passphrase-file", help="a file holding a sealed exchange's passphrase"
        )
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args: Any, **options: Any) -> None:
        organisation = find_organisation(options["organisation"])
        path: Path = options["file"]
        try:
            raw = path.read_bytes()
        except OSError as error:
            raise CommandError(f"{path} cannot be read: {error.strerror}.") from None
        blob, sealed = raw, raw.startswith(MAGIC)
        if sealed:
            try:
                blob = unseal_bytes(raw, passphrase_from(options.get("passphrase_file")))
            except ExportError as error:
                raise CommandError(f"The exchange cannot be opened: {error}.") from None
        try:
            text = blob.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise CommandError(f"{path} is not UTF-8 text.") from None
        fmt = options["format"] or guess_format(text)
        try:
            reading = read_htcds(text, fmt)
        except ImportFileError as error:
            raise CommandError(f"{path}: {error}.") from None
        quiet = bool(options["no_progress"])
        with tqdm(
            total=len(reading.records),
            desc="checking",
            unit=" rows",
            file=sys.stderr,
            disable=quiet,
        ) as bar:
            checked = check_htcds(reading, bar.update)
        for line in report(checked.bad):
            self.stderr.write(line)
        if checked.bad and not options["skip_bad_rows"]:
            rows = len({b.number for b in checked.bad})
            raise CommandError(
                f"{rows} bad row(s): nothing imported. Correct them, or import the others with"
                " --skip-bad-rows."
            )
        for number, code in checked.present:
            self.stderr.write(f"row {number}: case {code} is already here; left as it is")
        details = {
            "format": fmt,
            "sealed": sealed,
            # The file as it came (sealed or not), so the import can be matched to it later.
            "sha256": hashlib.sha256(raw).hexdigest(),
            "rows": len(reading.records) + len({b.number for b in reading.bad}),
        }
        with tqdm(
            total=len(checked.good), desc="importing", unit=" cases", file=sys.stderr, disable=quiet
        ) as bar:
            stored = store_htcds(checked, organisation, details=details, tick=bar.update)
        self.stdout.write(
            f"{stored.created} case(s) imported for {organisation.name}; "
            f"{stored.skipped_bad_rows} bad row(s) skipped; "
            f"{stored.already_present} already here."
        )
