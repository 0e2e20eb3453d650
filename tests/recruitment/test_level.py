"""How flags combine into a level: invariants over every combination."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from stepstones.recruitment import Level, Severity, level_for
from stepstones.recruitment.catalogue import catalogue

FLAGS = [(rule.id, rule.severity) for rule in catalogue().flags] + [
    (catalogue().reported.id, catalogue().reported.severity)
]
LOW_FLAGS = [f for f in FLAGS if f[1] == Severity.LOW]
flag_sets = st.lists(st.sampled_from(FLAGS), unique=True)


def test_a_single_weak_flag_is_never_high() -> None:
    for flag in FLAGS:
        if flag[1] != Severity.HIGH:
            assert level_for([flag]) != Level.HIGH, flag
    for flag in LOW_FLAGS:
        assert level_for([flag]) == Level.LOW, flag


def test_no_flags_is_low_and_a_serious_flag_is_high() -> None:
    assert level_for([]) == Level.LOW
    assert level_for([("fee", Severity.HIGH)]) == Level.HIGH


@given(flag_sets, st.sampled_from(FLAGS))
def test_adding_a_flag_never_lowers_the_level(
    flags: list[tuple[str, Severity]], extra: tuple[str, Severity]
) -> None:
    assert level_for([*flags, extra]).rank >= level_for(flags).rank


@given(st.lists(st.sampled_from(LOW_FLAGS), unique=True))
def test_weak_flags_alone_never_make_high(flags: list[tuple[str, Severity]]) -> None:
    assert level_for(flags) != Level.HIGH


def test_the_classic_hostess_abroad_pattern_is_high_without_any_serious_flag() -> None:
    flags = [("looks_requirements", Severity.MEDIUM), ("risky_job_abroad", Severity.MEDIUM)]
    assert level_for(flags) == Level.HIGH
