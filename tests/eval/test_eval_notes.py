"""The notes evaluation's own logic: how it reads the file's summaries and sorts its errors.
Hand-written cases; the real data stays outside the repository."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "eval"))

import eval_notes  # type: ignore[import-not-found]  # noqa: E402 - a script beside its helper


def case(text: str, means: set[str]) -> object:
    gold = {"acts": None, "means": frozenset(means), "purposes": None, "minors": None}
    return eval_notes.Case(1, text, gold)


@pytest.mark.parametrize(
    ("text", "means", "line"),
    [
        ("He threatened to kill her.", set(), "coercion: false positive, stated"),
        (
            "A 15-year-old girl was found at the motel.",
            set(),
            "abuse_of_power_or_vulnerability: false positive, inferred",
        ),
        ("She worked in a bar in Ohrid.", {"fraud"}, "fraud: miss, no cue"),
        ("She was afraid of him.", {"coercion"}, "coercion: miss, weak cue"),
        ("He did not threaten her.", {"coercion"}, "coercion: miss, suppressed (negated"),
    ],
)
def test_the_audit_sorts_each_error_by_what_the_text_holds(
    text: str, means: set[str], line: str, capsys: pytest.CaptureFixture[str]
) -> None:
    eval_notes.audit([case(text, means)], 0.5, "means")
    assert line in capsys.readouterr().out


def test_the_audit_counts_nothing_when_the_suggestions_agree(
    capsys: pytest.CaptureFixture[str],
) -> None:
    eval_notes.audit([case("He threatened to kill her.", {"coercion"})], 0.5, "means")
    out = capsys.readouterr().out
    assert "false positive" not in out
    assert "miss" not in out


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("She was sold.; She was sold.", "She was sold."),
        ("She was sold.\r\n", "She was sold."),
        ("One text; another text", "One text; another text"),
    ],
)
def test_a_summary_given_twice_is_read_once(raw: str, expected: str) -> None:
    assert eval_notes.summary(raw) == expected
