"""Reading an HTCDS exchange into cases: parse, check every row, then store all or nothing.

The steps are apart so that a file with a bad row stores nothing: `read_htcds` turns the text
into numbered records, `check_htcds` finds every bad row (the schema's problems, a case code
repeated in the file) and every case code already here, and only then `store_htcds` creates the
cases in one transaction, through `cases.actions.receive_case`, with one summary event.
Rows are numbered from 1 in the order of the file (in a CSV the header is not a row).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from stepstones.agencies.models import Organisation
from stepstones.audit.chain import record
from stepstones.cases.actions import receive_case
from stepstones.cases.models import Person
from stepstones.stats import htcds

Tick = Callable[[], object]
WHOLE_ROW = "(row)"  # the field named when a problem concerns the row, not one field


class ImportFileError(Exception):
    """The file as a whole cannot be read (not JSON, no header...); the message says why."""


@dataclass(frozen=True)
class BadRow:
    """One reason why one row cannot be imported."""

    number: int
    field: str
    reason: str

    def __str__(self) -> str:
        return f"row {self.number}, {self.field}: {self.reason}"


def _split(problem: str) -> tuple[str, str]:
    name, _sep, reason = problem.partition(": ")
    return (name, reason) if reason else (WHOLE_ROW, problem)


@dataclass
class Reading:
    """The records of a file, numbered, with what could not even be read as a record."""

    records: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    bad: list[BadRow] = field(default_factory=list)
    with_code: bool = True


def guess_format(text: str) -> str:
    """ "json" when the text starts as a JSON list does, else "csv"."""
    return "json" if text.lstrip().startswith("[") else "csv"


def read_htcds(text: str, fmt: str) -> Reading:
    """The records of an HTCDS file as `htcds.to_json` or `htcds.to_csv` write it."""
    reading = Reading()
    if fmt == "json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise ImportFileError(f"not JSON (line {error.lineno}: {error.msg})") from None
        if not isinstance(data, list):
            raise ImportFileError("an HTCDS JSON file is a list of records")
        for number, item in enumerate(data, 1):
            if isinstance(item, dict):
                reading.records.append((number, item))
            else:
                reading.bad.append(BadRow(number, WHOLE_ROW, "a record is a JSON object"))
        first = next((row for _n, row in reading.records), {})
        reading.with_code = htcds.CODE in first
        return reading
    rows = csv.reader(io.StringIO(text))
    header = next(rows, None)
    if not header:
        raise ImportFileError("the CSV file has no header")
    reading.with_code = htcds.CODE in header
    for number, values in enumerate(rows, 1):
        if len(values) != len(header):
            reading.bad.append(
                BadRow(
                    number,
                    WHOLE_ROW,
                    f"{len(values)} values where the header has {len(header)} columns",
                )
            )
            continue
        reading.records.append(
            (
                number,
                {
                    name: [v for v in value.split(";") if v] if name in htcds.MULTI else value
                    for name, value in zip(header, values, strict=True)
                },
            )
        )
    return reading


@dataclass
class Checked:
    """The rows that can be imported, the bad rows, and the rows whose case is already here."""

    good: list[tuple[int, dict[str, Any]]]
    bad: list[BadRow]
    present: list[tuple[int, str]]


def check_htcds(reading: Reading, tick: Tick | None = None) -> Checked:
    """Check every record against the schema and the cases already here (nothing is written)."""
    bad = list(reading.bad)
    valid: list[tuple[int, dict[str, Any]]] = []
    seen: dict[str, int] = {}
    for number, row in reading.records:
        found = [
            BadRow(number, *_split(p)) for p in htcds.problems(row, with_code=reading.with_code)
        ]
        code = row.get(htcds.CODE)
        if not found and isinstance(code, str):
            if code in seen:
                found.append(
                    BadRow(number, htcds.CODE, f"repeats the case code of row {seen[code]}")
                )
            else:
                seen[code] = number
        if found:
            bad += found
        else:
            valid.append((number, row))
        if tick is not None:
            tick()
    here = _codes_here(list(seen))
    good = [(n, row) for n, row in valid if row.get(htcds.CODE) not in here]
    present = [(n, str(row[htcds.CODE])) for n, row in valid if row.get(htcds.CODE) in here]
    bad.sort(key=lambda b: b.number)
    return Checked(good, bad, present)


def _codes_here(codes: list[str]) -> set[str]:
    here: set[str] = set()
    for start in range(0, len(codes), 500):
        chunk = codes[start : start + 500]
        here.update(Person.objects.filter(code__in=chunk).values_list("code", flat=True))
    return here


@dataclass(frozen=True)
class Stored:
    created: int
    skipped_bad_rows: int
    already_present: int


def store_htcds(
    checked: Checked,
    organisation: Organisation,
    *,
    details: dict[str, Any],
    tick: Tick | None = None,
) -> Stored:
    """Create a case for every good row, all in one transaction, and audit the import.

    Each case is audited by its action (`case.received`); the import as a whole by one
    `htcds.imported` event on the receiving organisation's chain.
    """
    bad_rows = len({b.number for b in checked.bad})
    with transaction.atomic():
        for _number, row in checked.good:
            receive_case(organisation, source="htcds", **htcds.case_fields(row))
            if tick is not None:
                tick()
        record(
            "htcds.imported",
            object_type="import",
            object_id="htcds",
            organisation=organisation,
            details={
                **details,
                "created": len(checked.good),
                "skipped_bad_rows": bad_rows,
                "already_present": len(checked.present),
            },
        )
    return Stored(len(checked.good), bad_rows, len(checked.present))


def report(bad: Iterable[BadRow], limit: int = 50) -> list[str]:
    """The bad rows as lines, the first `limit` of them and a count of the rest."""
    rows = list(bad)
    lines = [str(b) for b in rows[:limit]]
    if len(rows) > limit:
        lines.append(f"... and {len(rows) - limit} more")
    return lines
