"""`stepstones suggest-indicators FILE|-`: suggest elements and indicators from notes.

Readable output by default; `--json` prints the suggestions (element or indicator id, fact path,
span, confidence) and the matches not counted. Bad input: one line on stderr, exit status 2.
"""

from __future__ import annotations

import json
import sys
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext

from stepstones.notes import LexiconError, suggest
from stepstones.suggest.present import MAX_NOTES_CHARS, label, suggestions_json


class BadInput(Exception):
    """Input the command refuses, with the one line that says why."""


class Command(BaseCommand):
    help = "Suggest Palermo elements and indicators from free-text notes (FILE, or - for stdin)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", help="a UTF-8 text file with the notes, or - for stdin")
        parser.add_argument("--json", action="store_true", help="print JSON")
        parser.add_argument("--language", default="en", help="language of the notes (default en)")
        parser.add_argument(
            "--min-confidence",
            type=float,
            default=None,
            help="leave out suggestions below this confidence (0..1, default 0.5)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            text = _read(options["file"])
            kwargs: dict[str, Any] = {}
            threshold = options["min_confidence"]
            if threshold is not None:
                if not 0.0 <= threshold <= 1.0:
                    raise BadInput("--min-confidence: must be between 0 and 1")
                kwargs["min_confidence"] = threshold
            result = suggest(text, options["language"], **kwargs)
        except LexiconError as exc:
            self._fail(f"--language: {exc}".replace("language: language: ", "language: "))
        except BadInput as exc:
            self._fail(str(exc))
        if options["json"]:
            self.stdout.write(json.dumps(suggestions_json(result), ensure_ascii=False, indent=2))
            return
        if not result.suggestions:
            self.stdout.write(gettext("No suggestions."))
        for s in result.suggestions:
            self.stdout.write(
                f"{s.confidence:.2f}  {s.fact}  ({label(s.target)})\n"
                f"      {s.span.start}-{s.span.end} \u201c{s.span.text}\u201d in: {s.span.sentence}"
            )
        if result.suppressed:
            self.stdout.write(gettext("Not counted:"))
            for item in result.suppressed:
                message = gettext(item.message) % item.params
                self.stdout.write(f"  {item.target.fact}: {message}")

    def _fail(self, message: str) -> None:
        sys.stderr.write(f"suggest-indicators: {message}\n")
        raise SystemExit(2)


def _read(name: str) -> str:
    try:
        data = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
    except OSError as exc:
        raise BadInput(f"{name}: cannot read ({exc.strerror})") from exc
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadInput(f"{name}: not UTF-8 text (byte {exc.start})") from exc
    if not text.strip():
        raise BadInput(f"{name}: the notes are empty")
    if len(text) > MAX_NOTES_CHARS:
        raise BadInput(f"{name}: the notes are longer than {MAX_NOTES_CHARS:,} characters")
    return text
