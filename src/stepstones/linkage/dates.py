"""Birth dates as they are recorded on the route: exact, swapped, estimated or missing.

A date written 03/04/1990 is the 3rd of April to one officer and the 4th of March to another; a
person without papers gets an estimated year ("about 25"), often written as the 1st of January,
which is therefore read as an estimate too. The tokens below let such dates still meet: day and
month are also kept as an unordered pair, and the year falls into overlapping five-year windows,
so estimates a year or two apart still share most of them.
"""

from __future__ import annotations

from dataclasses import dataclass

YEAR_WINDOW = 5


@dataclass(frozen=True)
class BirthDate:
    """A birth date, each part optional; `estimated` when the year is a guess from the age."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    estimated: bool = False

    @property
    def placeholder(self) -> bool:
        """True for the 1st of January: where a registration writes down an estimated year."""
        return self.month == 1 and self.day == 1

    @property
    def known(self) -> bool:
        """True when at least the year is recorded."""
        return self.year is not None


def year_tokens(date: BirthDate) -> frozenset[str]:
    """Return the tokens of the year: the five-year windows it falls in, at every offset.

    Two years `d` apart share 5 - d of the 5 windows, so the share of agreeing year bits falls
    in step with the distance between two estimates, and is 0 from five years apart.
    """
    if date.year is None:
        return frozenset()
    return frozenset(
        f"y{offset}:{(date.year + offset) // YEAR_WINDOW}" for offset in range(YEAR_WINDOW)
    )


def date_tokens(date: BirthDate) -> frozenset[str]:
    """Return the tokens a birth date contributes to the encoding (none when unknown)."""
    tokens = set(year_tokens(date))
    if date.estimated or date.placeholder:
        return frozenset(tokens)  # an estimated year says nothing of the day or month
    if date.month is not None:
        tokens.add(f"m{date.month}")
    if date.day is not None:
        tokens.add(f"d{date.day}")
    if date.month is not None and date.day is not None:
        low, high = sorted((date.month, date.day))
        tokens.add(f"p{low}-{high}")
    return frozenset(tokens)


def swapped(date: BirthDate) -> BirthDate:
    """Return the date with day and month swapped, as a misreading officer would record it."""
    return BirthDate(date.year, date.day, date.month, date.estimated)
