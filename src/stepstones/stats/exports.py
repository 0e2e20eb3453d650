"""CSV and XLSX files of published tables. A cell a spreadsheet would read as a formula
(starting with = + - @, a tab or a carriage return) is prefixed with an apostrophe, as OWASP's
advice on CSV injection has it: labels come from data (region names) someone typed."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from django.http import HttpResponse
from openpyxl import Workbook

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

Cell = str | int


def escape(value: Cell) -> Cell:
    """A text cell that would start a formula gets a leading apostrophe; numbers stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_response(name: str, heading: Sequence[str], body: Sequence[Sequence[Cell]]) -> HttpResponse:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([escape(h) for h in heading])
    writer.writerows([[escape(c) for c in row] for row in body])
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


def xlsx_response(
    name: str, title: str, heading: Sequence[str], body: Sequence[Sequence[Cell]]
) -> HttpResponse:
    book = Workbook(write_only=True)
    # A sheet title may not hold []:*?/\ and is at most 31 characters.
    sheet = book.create_sheet(title="".join(c for c in title if c not in "[]:*?/\\")[:31] or "1")
    sheet.append([escape(h) for h in heading])
    for row in body:
        sheet.append([escape(c) for c in row])
    out = io.BytesIO()
    book.save(out)
    response = HttpResponse(out.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response
