"""The national picture a trainer shows: GLOTIP counts for North Macedonia and its neighbours.

Reads only `NationalFigure` rows (imported from UNODC's file) and returns plain tables; the
page adds the push, pull and universal factors and the trainer's own facts beside them.
"""

from __future__ import annotations

from dataclasses import dataclass

from stepstones.training.glotip import COUNTRIES
from stepstones.training.models import NationalFigure

ISO2 = {"MKD": "MK", "ALB": "AL", "SRB": "RS", "GRC": "GR", "BGR": "BG", "MNE": "ME", "BIH": "BA"}
HOME = "MKD"


@dataclass(frozen=True)
class Picture:
    """The tables of the page; counts are None where UNODC publishes "<5"."""

    by_year: tuple[tuple[int, int | None], ...]  # North Macedonia, all detected victims
    latest_year: int | None
    by_sex_age: tuple[tuple[str, str, int | None], ...]  # latest year: sex, age, count
    by_form: tuple[tuple[str, int, int], ...]  # form, sum of published counts, years "<5"
    neighbours: tuple[tuple[str, int, int | None], ...]  # iso2, latest year, count

    @property
    def empty(self) -> bool:
        """Return whether no GLOTIP data was imported."""
        return not self.by_year


def national_picture() -> Picture:
    """Return the national picture from the imported GLOTIP figures (four queries)."""
    totals = NationalFigure.objects.filter(
        dimension="total", category="total", sex="total", age="total"
    )
    by_year = tuple(totals.filter(country=HOME).order_by("year").values_list("year", "value"))
    latest = by_year[-1][0] if by_year else None
    by_sex_age = (
        ()
        if latest is None
        else tuple(
            NationalFigure.objects.filter(
                country=HOME,
                year=latest,
                dimension="total",
                sex__in=("female", "male"),
                age__in=("child", "adult"),
            )
            .order_by("sex", "age")
            .values_list("sex", "age", "value")
        )
    )
    forms: dict[str, list[int]] = {}
    for form, value in NationalFigure.objects.filter(
        country=HOME, dimension="form", sex="total", age="total"
    ).values_list("category", "value"):
        counts = forms.setdefault(form, [0, 0])
        if value is None:
            counts[1] += 1
        else:
            counts[0] += value
    latest_of: dict[str, tuple[int, int | None]] = {}
    for country, year, value in totals.exclude(country=HOME).values_list(
        "country", "year", "value"
    ):
        if country not in latest_of or year > latest_of[country][0]:
            latest_of[country] = (year, value)
    neighbours = tuple((ISO2[c], *latest_of[c]) for c in COUNTRIES if c in latest_of)
    return Picture(
        by_year=by_year,
        latest_year=latest,
        by_sex_age=by_sex_age,
        by_form=tuple((form, c[0], c[1]) for form, c in sorted(forms.items())),
        neighbours=neighbours,
    )
