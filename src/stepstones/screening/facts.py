"""Read facts from the places they arrive (a file, stdin, a request body) with one set of errors.

Every failure is a `FactsError` naming the field (or `input` for the document as a whole), so the
CLI, the API and the page all say the same thing about the same mistake.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import yaml

from stepstones.assessment import Assessment, Facts, FactsError, assess, parse_facts

MAX_FACTS_BYTES = 256 * 1024


def load_facts_document(raw: bytes) -> Mapping[str, Any]:
    """Return the mapping in a YAML (or JSON) document; raise `FactsError` saying what is wrong."""
    if len(raw) > MAX_FACTS_BYTES:
        raise FactsError("input", f"the document is larger than {MAX_FACTS_BYTES // 1024} kB")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FactsError("input", f"not UTF-8 text (byte {exc.start})") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or "malformed"
        raise FactsError("input", f"not valid YAML{where}: {problem}") from None
    if data is None:
        return {}
    if not isinstance(data, Mapping):
        raise FactsError("input", f"expected a mapping of facts, got {_kind(data)}")
    return data


def assess_mapping(data: Mapping[str, Any]) -> tuple[Facts, Assessment]:
    """Parse `data` as facts and assess them; `FactsError` names the first wrong field."""
    facts = parse_facts(data)
    return facts, assess(facts)


def _kind(value: object) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "a string"
    return f"a {type(value).__name__}"
