"""k-anonymous microdata: generalise the quasi-identifiers, drop what is still rare, say so."""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from stepstones.disclosure import Hierarchy, k_anonymise


def band(value: object) -> object:
    age = int(str(value))
    return "0-17" if age < 18 else "18+"


AGE = Hierarchy("age", [band, lambda v: "*"], ["age", "minor or adult", "hidden"])
REGIONS = {"MK": "Europe", "AL": "Europe", "NG": "Africa"}
CITIZENSHIP = Hierarchy(
    "citizenship",
    [
        lambda v: {"MK": "Europe", "AL": "Europe", "NG": "Africa"}.get(str(v), "other"),
        lambda v: "*",
    ],
    ["country", "region", "hidden"],
)


def test_rare_people_are_generalised_and_the_report_says_so() -> None:
    records = [{"age": 30, "citizenship": "MK", "form": "labour"} for _ in range(20)]
    records += [{"age": 15, "citizenship": "AL", "form": "sexual"} for _ in range(6)]
    records += [{"age": 16, "citizenship": "MK", "form": "sexual"} for _ in range(6)]
    out = k_anonymise(records, [AGE, CITIZENSHIP], k=11)
    groups = Counter((r["age"], r["citizenship"]) for r in out.records)
    assert min(groups.values()) >= 11
    assert out.dropped == 0
    assert out.generalised
    assert {r["form"] for r in out.records} == {"labour", "sexual"}


def test_a_lone_record_is_dropped_and_counted() -> None:
    records = [{"age": 30, "citizenship": "MK"} for _ in range(40)]
    records.append({"age": 70, "citizenship": "NG"})
    out = k_anonymise(records, [AGE, CITIZENSHIP], k=11)
    assert out.dropped == 1
    assert len(out.records) == 40
    assert out.generalised == {}


def test_fewer_records_than_k_leave_nothing() -> None:
    records = [{"age": 30, "citizenship": "MK"} for _ in range(5)]
    out = k_anonymise(records, [AGE, CITIZENSHIP], k=11)
    assert out.records == [] and out.dropped == 5


@settings(max_examples=50, deadline=None)
@given(
    st.lists(
        st.fixed_dictionaries(
            {"age": st.integers(0, 90), "citizenship": st.sampled_from(["MK", "AL", "NG", "XX"])}
        ),
        max_size=120,
    ),
    st.integers(1, 15),
)
def test_every_group_has_k_records(records: list[dict[str, object]], k: int) -> None:
    out = k_anonymise(records, [AGE, CITIZENSHIP], k=k)
    groups = Counter((r["age"], r["citizenship"]) for r in out.records)
    assert all(size >= k for size in groups.values())
    assert out.dropped + len(out.records) == len(records)
