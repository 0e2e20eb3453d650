"""Differencing: a filtered table checked against the unfiltered one cannot give the people the
filter removed by subtraction."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from stepstones.disclosure import (
    DEFAULT_POLICY,
    TOTAL,
    CrossTable,
    Policy,
    protect,
    protect_filtered,
)
from stepstones.disclosure.tables import Key
from tests.disclosure.attack import recoverable

GENDER = (("female", "male"),)


def joint_published(
    broad: CrossTable, narrow: CrossTable, policy: Policy = DEFAULT_POLICY
) -> tuple[list[tuple[list[int], int]], int, list[tuple[Key, list[int]]]]:
    """Everything an attacker holds after both releases, over the kept and the removed people,
    and the removed people's sums (which must stay unknown when small)."""
    size = len(broad.inner_keys())
    out_broad = protect(broad, policy)
    out_narrow = protect_filtered(broad, out_broad, narrow, policy)
    published: list[tuple[list[int], int]] = []
    for key in out_broad.published_keys():
        cells = broad.covers(key)
        published.append((cells + [size + i for i in cells], broad.value(key)))
    for key in out_narrow.published_keys():
        published.append((narrow.covers(key), narrow.value(key)))
    removed = [(key, [size + i for i in broad.covers(key)]) for key in broad.all_keys()]
    return published, 2 * size, removed


def removed_value(broad: CrossTable, narrow: CrossTable, key: Key) -> int:
    return broad.value(key) - narrow.value(key)


def test_all_regions_minus_all_but_one_does_not_give_the_one() -> None:
    """50 women and 40 men in all regions; one region holds 3 women. Published naively, the
    table "all but that region" (47, 40) gives the 3 by subtraction."""
    broad = CrossTable(GENDER, {("female",): 50, ("male",): 40})
    narrow = CrossTable(GENDER, {("female",): 47, ("male",): 40})
    out_broad = protect(broad)
    assert out_broad.suppressed_keys() == []
    naive = protect(narrow)
    assert naive.suppressed_keys() == [], "the naive release would publish 47"
    out_narrow = protect_filtered(broad, out_broad, narrow)
    assert out_narrow.count("female") is None
    assert out_narrow.count(TOTAL) is None
    published, size, removed = joint_published(broad, narrow)
    for key, cells in removed:
        if 0 < removed_value(broad, narrow, key) < 10:
            assert not recoverable(published, size, cells), key


def test_a_filter_that_removes_nobody_hides_nothing() -> None:
    broad = CrossTable(GENDER, {("female",): 50, ("male",): 40})
    assert protect_filtered(broad, protect(broad), broad).suppressed_keys() == []


def test_a_filter_that_removes_many_hides_nothing() -> None:
    broad = CrossTable(GENDER, {("female",): 50, ("male",): 40})
    narrow = CrossTable(GENDER, {("female",): 20, ("male",): 15})
    assert protect_filtered(broad, protect(broad), narrow).suppressed_keys() == []


count = st.one_of(st.just(0), st.integers(1, 9), st.integers(10, 40))


@st.composite
def pairs(draw: st.DrawFn) -> tuple[CrossTable, CrossTable]:
    dims = draw(st.integers(1, 2))
    levels = tuple(tuple(f"d{d}v{v}" for v in range(draw(st.integers(1, 3)))) for d in range(dims))
    inner = CrossTable(levels, {}).inner_keys()
    kept = {key: draw(count) for key in inner}
    gone = {key: draw(count) for key in inner}
    broad = CrossTable(levels, {key: kept[key] + gone[key] for key in inner})
    return broad, CrossTable(levels, kept)


@settings(max_examples=40, deadline=None)
@given(pairs())
def test_no_small_group_is_recovered_from_both_releases(
    pair: tuple[CrossTable, CrossTable],
) -> None:
    broad, narrow = pair
    published, size, removed = joint_published(broad, narrow)
    for key, cells in removed:
        if 0 < removed_value(broad, narrow, key) < 10:
            assert not recoverable(published, size, cells), ("removed", key)
    for key in broad.all_keys():
        if 0 < narrow.value(key) < 10:
            assert not recoverable(published, size, narrow.covers(key)), ("kept", key)
