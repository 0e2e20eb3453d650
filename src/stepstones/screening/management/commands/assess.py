"""`stepstones assess FILE.yaml|-`: assess the facts in a file and explain the result.

`stepstones assess FILE [--json]` normally runs without Django (`screening.assess_cli`); this
command is the same path for `call_command`, `--help` and Django's own options.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from stepstones.screening.assess_cli import AssessError, assess_file, result_text


class Command(BaseCommand):
    help = (
        "Assess the facts in FILE (YAML or JSON; '-' reads standard input) and explain what the "
        "situation may be and what to ask next. The result is a suggestion, never a decision."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="facts file (YAML or JSON), or '-' for standard input")
        parser.add_argument("--json", action="store_true", help="print the full result as JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            assessment = assess_file(options["file"])
        except AssessError as exc:
            raise CommandError(str(exc), returncode=2) from None
        text = result_text(assessment, as_json=options["json"], translate=translation.gettext)
        self.stdout.write(text)
