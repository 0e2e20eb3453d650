"""`stepstones restore FILE --replace`: bring a backup back, then check it (stepstones.backups)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from stepstones.audit.chain import record
from stepstones.backups import BackupError, restore


class Command(BaseCommand):
    help = (
        "Replace everything in the database with the backup in FILE (all or nothing), then"
        " verify the audit chains and open every encrypted value with the configured keys. Exits 1"
        " when the restored data does not check out."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="A file written by `stepstones backup`.")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Confirm that the database's current contents are to be replaced.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["replace"]:
            raise CommandError(
                "Restoring replaces everything in the database with the backup. Run again with"
                " --replace to confirm."
            )
        try:
            found = restore(Path(options["file"]))
        except BackupError as error:
            raise CommandError(f"Nothing restored: {error}.") from None
        self.stdout.write(
            f"Restored {options['file']}: {found.audit_events:,} audit events,"
            f" {found.sealed:,} encrypted values (identities, notes, narratives)."
        )
        if not found.sound:
            for problem in found.audit_problems:
                self.stderr.write(f"Audit chain: {problem}")
            if found.unreadable:
                self.stderr.write(
                    f"{found.unreadable:,} encrypted values cannot be decrypted with the"
                    " configured keys: configure the keys of the backup's time."
                )
            raise SystemExit(1)
        record("database.restored", object_type="database", object_id="default")
        self.stdout.write("The audit chains verify and every encrypted value opens.")
