"""CSV files a spreadsheet opens safely: no cell is read as a formula (issue 17 §4).

A spreadsheet program treats a cell that begins with `=`, `+`, `-` or `@` as a formula, and a
tab or carriage return before one of those as well; a formula can fetch from the network or run
a command ("CSV injection", OWASP). Cells of our CSV files can carry text someone else typed: a
job offer's id in `check-offers`, a participant's words in the training evaluation. So every
text cell that begins with one of those characters gets a leading apostrophe, which a
spreadsheet shows as text and does not display. Numbers (int, float) are written as they are.

Pure: no Django. Use `writer(handle)` wherever `csv.writer(handle)` would be used for a file a
person may open; `tests/test_csvsafe.py` checks that no module of the project writes CSV any
other way.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any, Protocol

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def escape_cell(value: Any) -> Any:
    """Return the cell with a leading apostrophe if a spreadsheet would read it as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class _Writable(Protocol):
    def write(self, text: str, /) -> Any: ...


class SafeWriter:
    """`csv.writer` with every cell passed through `escape_cell`."""

    def __init__(self, handle: _Writable, **options: Any) -> None:
        self._writer = csv.writer(handle, **options)

    def writerow(self, row: Iterable[Any]) -> Any:
        return self._writer.writerow([escape_cell(cell) for cell in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def writer(handle: _Writable, **options: Any) -> SafeWriter:
    """Return a CSV writer on `handle` that escapes formula prefixes (options as `csv.writer`)."""
    return SafeWriter(handle, **options)
