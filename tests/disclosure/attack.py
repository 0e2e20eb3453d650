"""The attacker: what the published cells of a table tell about a hidden one."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy.optimize import linprog

from stepstones.disclosure.gauss import determined, vector


def interval(
    published: Sequence[tuple[Sequence[int], int]], size: int, target: Sequence[int]
) -> tuple[float, float]:
    """The smallest and largest value the target sum can take, given every published sum and
    that no inner cell is negative (a linear program: the strongest attack on sums alone)."""
    a_eq = np.array([vector(cells, size) for cells, _ in published]) if published else None
    b_eq = np.array([float(value) for _, value in published]) if published else None
    goal = vector(target, size)
    low = linprog(goal, A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs")
    high = linprog(-goal, A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs")
    assert low.status == 0 and high.status in (0, 3)
    upper = float("inf") if high.status == 3 else -float(high.fun or 0.0)
    return float(low.fun or 0.0), upper


def recoverable(
    published: Sequence[tuple[Sequence[int], int]], size: int, target: Sequence[int]
) -> bool:
    """Whether the published sums give the target exactly, by algebra or by bounds."""
    if determined([cells for cells, _ in published], size, target):
        return True
    low, high = interval(published, size, target)
    return high - low < 0.5
