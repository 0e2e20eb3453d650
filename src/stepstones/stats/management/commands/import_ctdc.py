"""`stepstones import-ctdc FILE`: a CTDC victim-perpetrator CSV as a reference data set.

Every row is checked before anything is stored; a file with a bad row stores nothing unless
`--skip-bad-rows`, and the bad rows are listed by number, column and reason. The data set
replaces one of the same name in one transaction, apart from the cases. Audited.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from stepstones.stats import ctdc
from stepstones.stats.imports import ImportFileError, report


class Command(BaseCommand):
    help = (
        "Import a CTDC victim-perpetrator CSV (such as CTDC_VPsynthetic_condensed.csv) as a"
        " reference data set beside the network's figures. Every row is checked first; a file"
        " with a bad row stores nothing unless --skip-bad-rows. One transaction; audited."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="the CTDC CSV file")
        parser.add_argument(
            "--name", help="the data set's name (default: the file's name); replaces one so named"
        )
        parser.add_argument(
            "--skip-bad-rows", action="store_true", help="import the good rows, list the bad ones"
        )
        parser.add_argument(
            "--if-present", action="store_true", help="exit quietly when the file is absent"
        )
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if options["if_present"] and not path.is_file():
            self.stdout.write(f"CTDC data not found at {path}: no reference data imported.")
            return
        try:
            raw = path.read_bytes()
            text = raw.decode("utf-8-sig")
        except OSError as error:
            raise CommandError(f"{path} cannot be read: {error.strerror}.") from None
        except UnicodeDecodeError:
            raise CommandError(f"{path} is not UTF-8 text.") from None
        quiet = bool(options["no_progress"])
        lines = text.count("\n")
        with tqdm(
            total=max(lines - 1, 0), desc="checking", unit=" rows", file=sys.stderr, disable=quiet
        ) as bar:
            try:
                checked = ctdc.check(text, bar.update)
            except ImportFileError as error:
                raise CommandError(f"{path}: {error}.") from None
        for line in report(checked.bad):
            self.stderr.write(line)
        if checked.bad and not options["skip_bad_rows"]:
            rows = len({b.number for b in checked.bad})
            raise CommandError(
                f"{rows} bad row(s): nothing imported. Correct them, or import the others with"
                " --skip-bad-rows."
            )
        name = options["name"] or path.name
        with tqdm(
            total=len(checked.rows), desc="importing", unit=" rows", file=sys.stderr, disable=quiet
        ) as bar:
            dataset = ctdc.store(checked, name=name, source=path.name, raw=raw, tick=bar.update)
        skipped = len({b.number for b in checked.bad})
        self.stdout.write(
            f"{dataset.rows} row(s) imported as the reference data set {name!r};"
            f" {skipped} bad row(s) skipped."
        )
