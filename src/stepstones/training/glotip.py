"""UNODC GLOTIP data on detected victims, read from the data set's CSV for the national picture.

The file stays outside the repository (`../shared/data/unodc-glotip/data_glotip.csv`, or
`STEPSTONES_SHARED_DATA`); `read_figures` keeps North Macedonia and its neighbours, detected
victims only, in total (by sex and age) and by form of exploitation, with "<5" kept as
suppressed (None), duplicate rows once and contradictory ones left out.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

SOURCE = "UNODC, Global Report on Trafficking in Persons (GLOTIP) data, export of 14 April 2025"
# North Macedonia and the countries around it on the route.
COUNTRIES = ("MKD", "ALB", "SRB", "GRC", "BGR", "MNE", "BIH")
_SEX = {"Female": "female", "Male": "male", "Total": "total"}
_AGE = {"0 to 17 years": "child", "18 years or over": "adult", "Total": "total"}
_FORM = {
    "Sexual exploitation": "sexual",
    "Forced labour": "labour",
    "Other forms of exploitation": "other",
}
COLUMNS = ("Iso3_code", "Indicator", "Dimension", "Category", "Sex", "Age", "Year", "txtVALUE")


@dataclass(frozen=True, slots=True)
class Figure:
    """One count: country, year, dimension (total | form), category, sex, age, value."""

    country: str
    year: int
    dimension: str
    category: str
    sex: str
    age: str
    value: int | None


class GlotipError(ValueError):
    """The file is not the GLOTIP export this reader knows (a column is missing, a bad value)."""


def default_path() -> Path:
    """Return where the GLOTIP CSV is expected beside the repository."""
    root = Path(__file__).resolve().parents[3]
    base = Path(os.environ.get("STEPSTONES_SHARED_DATA", root.parent / "shared" / "data"))
    return base / "unodc-glotip" / "data_glotip.csv"


@dataclass(frozen=True)
class Reading:
    """The figures read, and how many counts were left out because the file gives two values."""

    figures: tuple[Figure, ...]
    conflicting: int


def read_figures(path: Path) -> Reading:
    """Read the figures of the national picture from the GLOTIP CSV at `path`, once each.

    The export holds a few counts twice with different values (e.g. Bulgaria, 2017, women of
    all ages: 407 and 36); which one is right cannot be told from the file, so both are left
    out and counted in `conflicting`.
    """
    by_key: dict[tuple[str, int, str, str, str, str], set[int | None]] = {}
    for figure in _rows(path):
        key = (
            figure.country,
            figure.year,
            figure.dimension,
            figure.category,
            figure.sex,
            figure.age,
        )
        by_key.setdefault(key, set()).add(figure.value)
    kept = tuple(
        Figure(*key, next(iter(values))) for key, values in by_key.items() if len(values) == 1
    )
    return Reading(kept, len(by_key) - len(kept))


def _rows(path: Path) -> Iterator[Figure]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = set(COLUMNS) - set(reader.fieldnames or ())
        if missing:
            raise GlotipError(f"{path}: missing columns {', '.join(sorted(missing))}")
        for line, row in enumerate(reader, start=2):
            if (
                row["Iso3_code"] not in COUNTRIES
                or row["Indicator"] != "Detected trafficking victims"
            ):
                continue
            if row["Dimension"] == "Total" and row["Category"] == "Total":
                dimension, category = "total", "total"
            elif row["Dimension"] == "by form of exploitation" and row["Category"] in _FORM:
                dimension, category = "form", _FORM[row["Category"]]
            else:
                continue
            if row["Sex"] not in _SEX or row["Age"] not in _AGE:
                continue
            raw = row["txtVALUE"].strip()
            try:
                value = None if raw == "<5" else int(float(raw))
                year = int(row["Year"])
            except ValueError:
                raise GlotipError(f"{path}, line {line}: not a count: {raw!r}") from None
            yield Figure(
                row["Iso3_code"],
                year,
                dimension,
                category,
                _SEX[row["Sex"]],
                _AGE[row["Age"]],
                value,
            )
