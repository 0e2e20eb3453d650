"""`stepstones assess` without starting Django: the pure engine's path from a file to a result.

Workers and scripts call `stepstones assess` one file at a time, and Django's start-up would be
nearly all of each call. `cli.main` hands `assess FILE [--json]` here; anything else (`--help`,
`--settings`, `-v`...) goes to the management command, which uses the same functions below, so
the output, the messages and the exit codes are the same on both paths.
"""

from __future__ import annotations

import gettext
import json
import sys
from pathlib import Path
from typing import TextIO

from stepstones.assessment import Assessment, FactsError, render_text
from stepstones.assessment.text import Translate, identity
from stepstones.screening.facts import assess_mapping, load_facts_document

__all__ = ["AssessError", "fast_assess", "read_facts_file", "result_text"]

LOCALE_DIR = Path(__file__).resolve().parents[1] / "locale"


class AssessError(Exception):
    """A file that cannot be read or facts that are not valid: one line, exit status 2."""


def read_facts_file(name: str) -> bytes:
    """Return the bytes of `name` ('-' is standard input); raise `AssessError` saying why not."""
    if name == "-":
        return sys.stdin.buffer.read()
    try:
        return Path(name).read_bytes()
    except FileNotFoundError:
        raise AssessError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise AssessError(f"{name}: is a folder, not a facts file") from None
    except PermissionError:
        raise AssessError(f"{name}: permission denied") from None


def assess_file(name: str) -> Assessment:
    """Read and assess the facts in `name`; raise `AssessError` naming the file and the field."""
    raw = read_facts_file(name)
    try:
        _, assessment = assess_mapping(load_facts_document(raw))
    except FactsError as exc:
        raise AssessError(f"{name}: {exc}") from None
    return assessment


def result_text(assessment: Assessment, *, as_json: bool, translate: Translate = identity) -> str:
    """Return the result as the command prints it: readable text, or the full result as JSON."""
    if as_json:
        return json.dumps(assessment.to_dict(translate=translate), ensure_ascii=False, indent=2)
    return render_text(assessment, translate=translate)


def fast_assess(args: list[str], language: str, stdout: TextIO, stderr: TextIO) -> int | None:
    """Run `assess FILE [--json]` and return the exit status; None when Django must handle it.

    Texts are translated from the same compiled catalogues Django reads, for `language`.
    """
    rest = [a for a in args if a != "--json"]
    if len(rest) != 1 or (rest[0].startswith("-") and rest[0] != "-") or len(args) - len(rest) > 1:
        return None
    translations = gettext.translation(
        "django", localedir=LOCALE_DIR, languages=[language], fallback=True
    )
    try:
        assessment = assess_file(rest[0])
    except AssessError as exc:
        stderr.write(f"CommandError: {exc}\n")
        return 2
    stdout.write(
        result_text(assessment, as_json="--json" in args, translate=translations.gettext) + "\n"
    )
    return 0
