"""`stepstones assess FILE.yaml|-`: assess the facts in a file and explain the result."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext

from stepstones.assessment import FactsError, render_text
from stepstones.screening.facts import assess_mapping, load_facts_document


class Command(BaseCommand):
    help = (
        "Assess the facts in FILE (YAML or JSON; '-' reads standard input) and explain what the "
        "situation may be and what to ask next. The result is a suggestion, never a decision."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="facts file (YAML or JSON), or '-' for standard input")
        parser.add_argument("--json", action="store_true", help="print the full result as JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        name: str = options["file"]
        raw = self._read(name)
        try:
            _, assessment = assess_mapping(load_facts_document(raw))
        except FactsError as exc:
            raise CommandError(f"{name}: {exc}", returncode=2) from None
        if options["json"]:
            payload = assessment.to_dict(translate=gettext)
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
        else:
            self.stdout.write(render_text(assessment, translate=gettext))

    def _read(self, name: str) -> bytes:
        if name == "-":
            return sys.stdin.buffer.read()
        path = Path(name)
        try:
            return path.read_bytes()
        except FileNotFoundError:
            raise CommandError(f"{name}: no such file", returncode=2) from None
        except IsADirectoryError:
            raise CommandError(f"{name}: is a folder, not a facts file", returncode=2) from None
        except PermissionError:
            raise CommandError(f"{name}: permission denied", returncode=2) from None
