"""Confirmed fact paths become facts; nothing else changes."""

from __future__ import annotations

from typing import Any

import pytest

from stepstones.notes import apply_confirmed

CASES: list[tuple[str, dict[str, Any], list[str], dict[str, Any]]] = [
    ("nothing confirmed", {}, [], {}),
    (
        "indicator",
        {},
        ["indicators.confiscation_of_documents"],
        {"indicators": {"confiscation_of_documents": "yes"}},
    ),
    (
        "element appended once",
        {"elements": {"means": ["threat"]}},
        ["elements.means.threat", "elements.means.deception"],
        {"elements": {"means": ["threat", "deception"]}},
    ),
    (
        "element into a mapping of answers",
        {"elements": {"means": {"threat": "no"}}},
        ["elements.means.threat", "elements.means.fraud"],
        {"elements": {"means": {"threat": "yes", "fraud": "yes"}}},
    ),
    (
        "element into a single id",
        {"elements": {"acts": "recruitment"}},
        ["elements.acts.harbouring"],
        {"elements": {"acts": ["recruitment", "harbouring"]}},
    ),
    ("trigger", {}, ["triggers.held_for_ransom"], {"triggers": {"held_for_ransom": "yes"}}),
    (
        "indicator into a list of ids",
        {"indicators": ["debt_bondage"]},
        ["indicators.documents_confiscated"],
        {"indicators": {"debt_bondage": "yes", "documents_confiscated": "yes"}},
    ),
    ("child", {}, ["child"], {"age_band": "child"}),
    ("child keeps a recorded age", {"age": 19}, ["child"], {"age": 19}),
    ("child keeps a recorded band", {"age_band": "adult"}, ["child"], {"age_band": "adult"}),
    ("child replaces unknown", {"age_band": "unknown"}, ["child"], {"age_band": "child"}),
    (
        "indicator overrides an answer",
        {"indicators": {"debt_bondage": "no"}},
        ["indicators.debt_bondage"],
        {"indicators": {"debt_bondage": "yes"}},
    ),
]


@pytest.mark.parametrize(
    ("facts", "confirmed", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_it_applies_confirmed_paths(
    facts: dict[str, Any], confirmed: list[str], expected: dict[str, Any]
) -> None:
    assert apply_confirmed(facts, confirmed) == expected


def test_it_leaves_the_given_facts_unchanged() -> None:
    facts: dict[str, Any] = {"elements": {"acts": ["recruitment"]}}
    apply_confirmed(facts, ["elements.acts.transportation"])
    assert facts == {"elements": {"acts": ["recruitment"]}}


BAD = ["elements.means.bribery", "elements.things.threat", "indicators.", "age", "indicators.A B"]


@pytest.mark.parametrize("path", BAD)
def test_it_refuses_a_malformed_path_and_applies_nothing(path: str) -> None:
    facts: dict[str, Any] = {}
    with pytest.raises(ValueError, match="confirm: "):
        apply_confirmed(facts, ["child", path])
    assert facts == {}


def test_the_engine_reads_the_facts_it_makes() -> None:
    from stepstones.assessment import Outcome, assess, parse_facts
    from stepstones.notes import suggest

    notes = (
        "A man recruited her in Prilep with a promise of work in a café. She was 16. "
        "He drove her to Ohrid, took her passport and forced her into prostitution."
    )
    facts = apply_confirmed({}, suggest(notes).facts)
    result = assess(parse_facts(facts))
    assert result.outcome is Outcome.POSSIBLE_VICTIM
