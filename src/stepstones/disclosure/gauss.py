"""Secondary suppression by Gaussian elimination, after Statistics Norway's GaussSuppression.

Every published cell is a sum of inner cells (the finest cells of the table): a row of the
published table is a 0/1 vector over the inner cells. A reader who knows the published values
knows every linear combination of those vectors. A suppressed cell is safe when its own vector
is NOT in their span: then there is a direction that changes it and keeps every published value,
so no arithmetic on the published figures returns it.

The method (Langsrud 2024, doi:10.1007/978-3-031-69651-0_6; R package GaussSuppression) takes
the cells that could be published in order of preference and reduces each against the ones
already accepted. A cell whose acceptance would put a primary cell in the span becomes a
secondary suppression; any other is published. The primary cells are kept reduced against the
accepted basis, so each candidate costs one reduction and one rank-one update. No LP solver is
needed, which is why it ports to numpy.

Inner cells the reader knows anyway (empty ones: nobody can be "fewer than nobody") enter the
basis first. With them in, every hidden inner cell is positive, so a direction that is free in the
linear sense can be followed both ways: a hidden cell is then not pinned by the bounds (>= 0) of
the cells around it either (tests/disclosure checks this with a linear program).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
from numpy.typing import NDArray

TOLERANCE = 1e-9

Vector = NDArray[np.float64]


def vector(inner: Iterable[int], size: int) -> Vector:
    """The 0/1 vector of a cell that sums the given inner cells."""
    out = np.zeros(size, dtype=np.float64)
    for index in inner:
        out[index] = 1.0
    return out


class _Basis:
    """The span of what a reader knows, in reduced form, with the primary cells kept reduced."""

    def __init__(self, size: int, primaries: list[Vector]) -> None:
        self.size = size
        self.rows: list[Vector] = []
        self.pivots: list[int] = []
        self.residuals: Vector = (
            np.array(primaries, dtype=np.float64)
            if primaries
            else np.zeros((0, size), dtype=np.float64)
        )

    def reduce(self, v: Vector) -> Vector:
        out = v.copy()
        for pivot, row in zip(self.pivots, self.rows, strict=True):
            if out[pivot] != 0.0:
                out -= out[pivot] * row
        out[np.abs(out) < TOLERANCE] = 0.0
        return out

    def exposes(self, v: Vector) -> tuple[bool, Vector | None, int]:
        """Would adding v determine a primary cell? Returns (exposes, normalised row, pivot)."""
        residual = self.reduce(v)
        if not residual.any():
            return False, None, -1
        pivot = int(np.argmax(np.abs(residual)))
        row = residual / residual[pivot]
        updated = self.residuals - np.outer(self.residuals[:, pivot], row)
        updated[np.abs(updated) < TOLERANCE] = 0.0
        if updated.shape[0] and bool((~updated.any(axis=1)).any()):
            return True, None, -1
        return False, row, pivot

    def add(self, row: Vector, pivot: int) -> None:
        self.residuals = self.residuals - np.outer(self.residuals[:, pivot], row)
        self.residuals[np.abs(self.residuals) < TOLERANCE] = 0.0
        self.rows.append(row)
        self.pivots.append(pivot)

    def any_primary_determined(self) -> bool:
        return bool(self.residuals.shape[0]) and bool((~self.residuals.any(axis=1)).any())


def secondary_suppression(
    cells: Sequence[Sequence[int]],
    size: int,
    primary: Iterable[int],
    order: Sequence[int],
    *,
    known_inner: Iterable[int] = (),
    forced: Iterable[int] = (),
    hidden: Sequence[Sequence[int]] = (),
) -> set[int]:
    """The cells (indices into `cells`) to suppress besides the primary ones.

    cells: each publishable cell as the inner cells it sums; size: the number of inner cells.
    primary: the cells that must stay undetermined. order: the other cells, most wanted first
    (the totals usually come first, so that they stay published). known_inner: inner cells the
    reader knows (the empty ones). forced: cells already published elsewhere, which the reader
    knows whatever we decide (the unfiltered table when a filtered one is protected).
    hidden: further sums that must stay undetermined but are no cell of this table (the people a
    filter removed). Raises ValueError when the forced cells alone already determine one.
    """
    primary_set = set(primary)
    targets = [vector(cells[i], size) for i in sorted(primary_set)]
    targets += [vector(h, size) for h in hidden]
    basis = _Basis(size, targets)
    for index in known_inner:
        _add_known(basis, vector([index], size))
    for index in forced:
        _add_known(basis, vector(cells[index], size))
    if basis.any_primary_determined():
        raise ValueError("the cells published already determine a cell that must stay hidden")
    secondary: set[int] = set()
    for index in order:
        if index in primary_set:
            continue
        exposes, row, pivot = basis.exposes(vector(cells[index], size))
        if exposes:
            secondary.add(index)
        elif row is not None:
            basis.add(row, pivot)
    return secondary


def _add_known(basis: _Basis, v: Vector) -> None:
    residual = basis.reduce(v)
    if residual.any():
        pivot = int(np.argmax(np.abs(residual)))
        basis.add(residual / residual[pivot], pivot)


def determined(published: Sequence[Sequence[int]], size: int, target: Sequence[int]) -> bool:
    """Whether the target sum follows from the published sums (a rank test, for checks)."""
    if not published:
        return False
    matrix = np.array([vector(cell, size) for cell in published])
    goal = vector(target, size)
    stacked = np.vstack([matrix, goal])
    return bool(np.linalg.matrix_rank(stacked) == np.linalg.matrix_rank(matrix))
