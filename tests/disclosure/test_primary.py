"""Primary suppression: the threshold and the dominance rule, table-driven."""

from __future__ import annotations

import pytest

from stepstones.disclosure import Policy, count_is_sensitive, sum_is_sensitive


@pytest.mark.parametrize(
    ("count", "policy", "sensitive"),
    [
        (0, Policy(), False),
        (0, Policy(zeros_disclosive=True), True),
        (1, Policy(), True),
        (9, Policy(), True),
        (10, Policy(), False),
        (10, Policy(threshold=11), True),
        (4, Policy(threshold=3), False),
    ],
)
def test_threshold(count: int, policy: Policy, sensitive: bool) -> None:
    assert count_is_sensitive(count, policy) is sensitive


@pytest.mark.parametrize(
    ("contributions", "sensitive", "why"),
    [
        ([5.0] * 10, False, "ten even contributions"),
        ([5.0] * 9, True, "fewer contributors than the threshold"),
        ([500.0, 400.0] + [1.0] * 10, True, "two contributions make 99 %"),
        ([50.0, 40.0] + [10.0] * 10, False, "two contributions make 47 %"),
        ([0.0] * 12, False, "a sum of nothing"),
        ([], False, "no contributor at all"),
    ],
)
def test_dominance(contributions: list[float], sensitive: bool, why: str) -> None:
    assert sum_is_sensitive(contributions) is sensitive, why


def test_negative_count_is_refused() -> None:
    with pytest.raises(ValueError):
        count_is_sensitive(-1)


@pytest.mark.parametrize(
    "kwargs", [{"threshold": 0}, {"k": 0}, {"dominance_k": 1.5}, {"dominance_n": 0}]
)
def test_policy_refuses_nonsense(kwargs: dict[str, float]) -> None:
    with pytest.raises(ValueError):
        Policy(**kwargs)  # type: ignore[arg-type]
