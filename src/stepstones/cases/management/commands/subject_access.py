"""`stepstones subject-access CODE FILE`: all that is held about a person, sealed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from stepstones.audit.chain import record
from stepstones.cases.models import Person
from stepstones.cases.subject_access import person_record
from stepstones.sealing import ExportError, passphrase_from, seal, unseal, write_sealed


class Command(BaseCommand):
    help = (
        "Write everything stored about the person with case code CODE (identity, cases and all"
        " that hangs from them) to FILE, sealed with a passphrase. Audited. Read it back with"
        " --open."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("code", nargs="?", help="The person's case code, e.g. SC-ABCD-EFGH.")
        parser.add_argument("file", help="The sealed export to write (or to read with --open).")
        parser.add_argument("--passphrase-file", help="A file holding the passphrase.")
        parser.add_argument(
            "--open", action="store_true", help="Print the export in FILE instead of writing one."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            passphrase = passphrase_from(options.get("passphrase_file"))
        except ExportError as error:
            raise CommandError(error.sentence()) from None
        path = Path(options["file"])
        if options["open"]:
            try:
                data = unseal(path.read_bytes(), passphrase)
            except (OSError, ExportError) as error:
                raise CommandError(f"The export cannot be opened: {error}.") from None
            import json

            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=1))
            return
        code = (options["code"] or "").strip().upper()
        person = Person.objects.filter(code=code).first()
        if person is None:
            raise CommandError(f"No person has the case code {code or '(none given)'}.")
        try:
            sealed = seal(person_record(person), passphrase)
        except ExportError as error:
            raise CommandError(f"No export written: {error}.") from None
        record(
            "person.exported",
            object_type="person",
            object_id=person.code,
            details={"reason": "subject_access"},
        )
        write_sealed(path, sealed)
        self.stdout.write(f"Everything held about {person.code} written to {path}, sealed.")
