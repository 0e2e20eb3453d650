"""Secondary suppression on small adversarial tables, and a property over random ones: no
suppressed cell can be recovered exactly from what is published."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from stepstones.disclosure import DEFAULT_POLICY, TOTAL, CrossTable, Policy, ProtectedTable, protect
from stepstones.disclosure.tables import Key, small_unions
from tests.disclosure.attack import recoverable


def published_sums(table: CrossTable, protected: ProtectedTable) -> list[tuple[list[int], int]]:
    return [(table.covers(key), table.value(key)) for key in protected.published_keys()]


def assert_safe(
    table: CrossTable, protected: ProtectedTable, policy: Policy = DEFAULT_POLICY
) -> None:
    """Every primary cell stays unknown to an attacker holding every published cell."""
    published = published_sums(table, protected)
    size = len(table.inner_keys())
    for cell in protected:
        if cell.reason == "primary":
            assert not recoverable(published, size, table.covers(cell.key)), cell.key
    keys = table.all_keys()
    values = [table.value(key) for key in keys]
    primary = {i for i, key in enumerate(keys) if protected.cells[key].reason == "primary"}
    for union in small_unions(table, keys, values, primary, policy):
        assert not recoverable(published, size, union), union


def one_way(**counts: int) -> CrossTable:
    return CrossTable((tuple(counts),), {(k,): v for k, v in counts.items()})


def test_a_small_cell_and_its_only_partner_are_hidden_and_the_total_kept() -> None:
    table = one_way(girls=3, boys=50)
    protected = protect(table)
    assert protected.count("girls") is None
    assert protected.count("boys") is None
    assert protected.count(TOTAL) == 53
    assert_safe(table, protected)


def test_two_small_cells_that_are_still_few_together_need_a_third() -> None:
    """3 and 4 hidden beside a total of 57 and a 50 would show that the two are 7."""
    table = one_way(a=3, b=4, c=50)
    protected = protect(table)
    assert protected.count("c") is None
    assert protected.count(TOTAL) == 57


def test_two_small_cells_that_reach_the_threshold_together_protect_each_other() -> None:
    table = one_way(a=6, b=7, c=50)
    protected = protect(table)
    assert protected.count("c") == 50
    assert protected.count(TOTAL) == 63


def test_nothing_is_hidden_when_every_cell_is_large() -> None:
    table = one_way(a=10, b=11, c=500)
    assert protect(table).suppressed_keys() == []


def test_a_small_total_hides_itself_and_its_cells() -> None:
    table = one_way(a=2, b=3)
    protected = protect(table)
    assert protected.published_keys() == []


def test_empty_cells_do_not_hide_a_small_one() -> None:
    """A row (3, 0, 0): publishing its total of 3 would give the 3 away, as the zeros show."""
    levels = (("r1", "r2"), ("x", "y", "z"))
    counts: dict[Key, int] = {("r1", "x"): 3, ("r2", "x"): 40, ("r2", "y"): 30, ("r2", "z"): 20}
    table = CrossTable(levels, counts)
    protected = protect(table)
    assert protected.count("r1", TOTAL) is None
    assert_safe(table, protected)


def test_a_single_small_cell_in_a_two_by_two_hides_the_whole_square() -> None:
    table = CrossTable(
        (("a", "b"), ("x", "y")), {("a", "x"): 4, ("a", "y"): 20, ("b", "x"): 30, ("b", "y"): 25}
    )
    protected = protect(table)
    assert {key for key in protected.suppressed_keys()} == {
        ("a", "x"),
        ("a", "y"),
        ("b", "x"),
        ("b", "y"),
    }
    assert protected.count(TOTAL, TOTAL) == 79
    assert_safe(table, protected)


def test_three_way_table_with_a_small_cell() -> None:
    levels = (("2025", "2026"), ("f", "m"), ("sex", "labour"))
    counts = {key: 25 for key in CrossTable(levels, {}).inner_keys()}
    counts[("2026", "f", "labour")] = 2
    table = CrossTable(levels, counts)
    protected = protect(table)
    assert protected.count("2026", "f", "labour") is None
    assert protected.count(TOTAL, TOTAL, TOTAL) == 25 * 7 + 2
    assert_safe(table, protected)


def test_a_larger_threshold_hides_more() -> None:
    table = one_way(a=12, b=40, c=40)
    assert protect(table).suppressed_keys() == []
    assert ("a",) in protect(table, Policy(threshold=15)).suppressed_keys()


# Counts as dashboards meet them: many empty and small cells beside large ones.
count = st.one_of(st.just(0), st.integers(1, 9), st.integers(10, 60))


@st.composite
def tables(draw: st.DrawFn) -> CrossTable:
    dims = draw(st.integers(1, 3))
    sizes = [draw(st.integers(1, 4 if dims < 3 else 3)) for _ in range(dims)]
    levels = tuple(tuple(f"d{d}v{v}" for v in range(n)) for d, n in enumerate(sizes))
    inner = CrossTable(levels, {}).inner_keys()
    return CrossTable(levels, {key: draw(count) for key in inner})


@settings(max_examples=60, deadline=None)
@given(tables(), st.sampled_from([3, 5, 10]))
def test_no_suppressed_cell_can_be_recovered(table: CrossTable, threshold: int) -> None:
    policy = Policy(threshold=threshold)
    protected = protect(table, policy)
    assert_safe(table, protected, policy)
    for cell in protected:
        if not cell.suppressed:
            assert cell.count == table.value(cell.key)
            assert cell.count == 0 or cell.count >= threshold


def test_a_multi_select_dimension_has_no_total() -> None:
    """A person exploited in two ways counts twice: the sum of the cells is no total."""
    table = CrossTable((("labour", "sexual"),), {("labour",): 30, ("sexual",): 4}, (False,))
    protected = protect(table)
    assert set(protected.cells) == {("labour",), ("sexual",)}
    assert protected.count("labour") == 30
    assert protected.count("sexual") is None
