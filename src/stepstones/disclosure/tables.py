"""Frequency tables with their margins, and their protection before publication."""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from stepstones.disclosure.gauss import secondary_suppression
from stepstones.disclosure.policy import DEFAULT_POLICY, Policy
from stepstones.disclosure.primary import count_is_sensitive

# The key part of a margin ("all values of this dimension").
TOTAL = "\x00total"

Key = tuple[str, ...]

PRIMARY = "primary"
SECONDARY = "secondary"


@dataclass(frozen=True)
class CrossTable:
    """Counts of people over one or more dimensions; every margin is part of the table.

    levels: the values of each dimension in display order; counts: the inner cells (a key per
    combination of values; a missing key counts 0). additive: per dimension, whether its values
    part the people (one value each, so the total is their sum); a multi-select dimension (a
    person exploited in two ways counts under both) has no total in the table. Empty: all are.
    """

    levels: tuple[tuple[str, ...], ...]
    counts: Mapping[Key, int]
    additive: tuple[bool, ...] = ()

    def __post_init__(self) -> None:
        for key, value in self.counts.items():
            if len(key) != len(self.levels):
                raise ValueError(f"key {key!r} does not have one value per dimension")
            if any(part not in dim for part, dim in zip(key, self.levels, strict=True)):
                raise ValueError(f"key {key!r} names a value outside the levels")
            if value < 0:
                raise ValueError("counts cannot be negative")
        if self.additive and len(self.additive) != len(self.levels):
            raise ValueError("additive needs one flag per dimension")

    def is_additive(self, dimension: int) -> bool:
        return not self.additive or self.additive[dimension]

    def inner_keys(self) -> list[Key]:
        return list(itertools.product(*self.levels))

    def all_keys(self) -> list[Key]:
        """Every published cell: each dimension either one of its values or the total."""
        return list(
            itertools.product(
                *[
                    (*dim, TOTAL) if self.is_additive(d) else dim
                    for d, dim in enumerate(self.levels)
                ]
            )
        )

    def covers(self, key: Key) -> list[int]:
        """The indices of the inner cells a cell sums."""
        return [
            index
            for index, inner in enumerate(self.inner_keys())
            if all(k in (TOTAL, i) for k, i in zip(key, inner, strict=True))
        ]

    def value(self, key: Key) -> int:
        inner = self.inner_keys()
        return sum(self.counts.get(inner[i], 0) for i in self.covers(key))


@dataclass(frozen=True)
class Cell:
    """One cell as it may be shown: its value, or None with the reason it is hidden."""

    key: Key
    count: int | None
    reason: str = ""

    @property
    def suppressed(self) -> bool:
        return self.count is None


@dataclass(frozen=True)
class ProtectedTable:
    """A table after disclosure control. Only `cells` leaves the system; `true_values` stays
    with the code that protects a filtered table against this one."""

    levels: tuple[tuple[str, ...], ...]
    cells: Mapping[Key, Cell]
    true_values: Mapping[Key, int] = field(repr=False)

    def count(self, *key: str) -> int | None:
        return self.cells[tuple(key)].count

    def published_keys(self) -> list[Key]:
        return [key for key, cell in self.cells.items() if not cell.suppressed]

    def suppressed_keys(self) -> list[Key]:
        return [key for key, cell in self.cells.items() if cell.suppressed]

    def __iter__(self) -> Iterator[Cell]:
        return iter(self.cells.values())


def preference(table: CrossTable, keys: Sequence[Key]) -> list[int]:
    """The order in which cells are kept: wider margins first, then larger counts, so that the
    totals stay published and the secondary suppressions fall on small cells."""
    return sorted(
        range(len(keys)),
        key=lambda i: (-sum(part == TOTAL for part in keys[i]), -table.value(keys[i]), i),
    )


def protect(table: CrossTable, policy: Policy = DEFAULT_POLICY) -> ProtectedTable:
    """Primary suppression of every cell, margins included, then secondary suppression."""
    keys = table.all_keys()
    values = [table.value(key) for key in keys]
    primary = {i for i, v in enumerate(values) if count_is_sensitive(v, policy)}
    inner = table.inner_keys()
    known = (
        []
        if policy.zeros_disclosive
        else [i for i, key in enumerate(inner) if table.counts.get(key, 0) == 0]
    )
    secondary = secondary_suppression(
        [table.covers(key) for key in keys],
        len(inner),
        primary,
        preference(table, keys),
        known_inner=known,
        hidden=small_unions(table, keys, values, primary, policy),
    )
    return assemble(table, keys, values, primary, secondary)


def small_unions(
    table: CrossTable,
    keys: Sequence[Key],
    values: Sequence[int],
    primary: set[int],
    policy: Policy,
) -> list[list[int]]:
    """The small cells of one line of the table taken together, when they are still few.

    Two hidden cells of 3 and 4 beside a published row total and a published 50 are each
    unknown, but together they are 7: fewer than the threshold, a group that may be recognised.
    So the union of a line's primary cells must stay undetermined too when it is below the
    threshold (the line: a margin and the cells that split one of its totals).
    """
    index = {key: i for i, key in enumerate(keys)}
    out: list[list[int]] = []
    for key in keys:
        for d, part in enumerate(key):
            if part != TOTAL:
                continue
            children = [index[key[:d] + (v,) + key[d + 1 :]] for v in table.levels[d]]
            small = [i for i in children if i in primary]
            if len(small) >= 2 and 0 < sum(values[i] for i in small) < policy.threshold:
                out.append(sorted({cell for i in small for cell in table.covers(keys[i])}))
    return out


def assemble(
    table: CrossTable,
    keys: Sequence[Key],
    values: Sequence[int],
    primary: set[int],
    secondary: set[int],
) -> ProtectedTable:
    cells: dict[Key, Cell] = {}
    for i, key in enumerate(keys):
        if i in primary:
            cells[key] = Cell(key, None, PRIMARY)
        elif i in secondary:
            cells[key] = Cell(key, None, SECONDARY)
        else:
            cells[key] = Cell(key, values[i])
    return ProtectedTable(table.levels, cells, dict(zip(keys, values, strict=True)))
