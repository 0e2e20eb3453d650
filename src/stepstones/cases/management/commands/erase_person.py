"""`stepstones erase-person CODE`: erase what identifies a person, at their request."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from stepstones.cases.actions import erase_person
from stepstones.cases.models import Person
from stepstones.errors import ActionError


class Command(BaseCommand):
    help = (
        "Erase the identity record and every free text of the person with case code CODE (all"
        " their cases must be closed); the case code and coded fields stay for statistics, the"
        " audit trail stays whole. Audited. Make a subject-access export first if it is wanted."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("code", help="The person's case code, e.g. SC-ABCD-EFGH.")
        parser.add_argument(
            "--yes", action="store_true", help="Confirm: the erased data cannot be brought back."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        code = options["code"].strip().upper()
        person = Person.objects.filter(code=code).first()
        if person is None:
            raise CommandError(f"No person has the case code {code}.")
        if not options["yes"]:
            raise CommandError("Erasing cannot be undone. Run again with --yes to confirm.")
        try:
            erase_person(person, reason="request")
        except ActionError as error:
            raise CommandError(error.words) from None
        self.stdout.write(f"What identified {person.code} is erased; the coded record remains.")
