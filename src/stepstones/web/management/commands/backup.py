"""`stepstones backup FILE`: the database's own image, restorable exactly (stepstones.backups)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from stepstones.audit.chain import record
from stepstones.backups import BackupError, backup


class Command(BaseCommand):
    help = (
        "Back up the database to FILE: SQLite's online backup or pg_dump's custom format,"
        " readable by its owner only. The keys are not in it: keep them apart (docs/deploy.md)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="Where to write the backup (replaced whole).")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        # Recorded first, so the backup holds the event of its own making.
        record("database.backed_up", object_type="database", object_id="default")
        try:
            written = backup(path)
        except BackupError as error:
            raise CommandError(f"No backup written: {error}.") from None
        size = written.stat().st_size
        self.stdout.write(f"Backup written to {written} ({size:,} bytes).")
