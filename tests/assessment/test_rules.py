"""ILO-EC Step 1, table-driven: when a dimension is positive, and which clause fired."""

from __future__ import annotations

import pytest

from stepstones.assessment import assess, parse_facts
from stepstones.assessment.rules import step1_clause as _clause

CLAUSE_TABLE = [
    # strong, medium, weak, clause
    (2, 0, 0, "a"),
    (3, 1, 0, "a"),
    (1, 1, 0, "b"),
    (1, 0, 1, "b"),
    (0, 3, 0, "c"),
    (0, 4, 2, "c"),
    (0, 2, 1, "d"),
    (1, 0, 0, None),
    (0, 2, 0, None),
    (0, 1, 2, None),
    (0, 0, 5, None),
    (0, 1, 1, None),
    (0, 0, 0, None),
]


@pytest.mark.parametrize(
    ("strong", "medium", "weak", "clause"),
    CLAUSE_TABLE,
    ids=[f"S{s}-M{m}-W{w}-{c or 'not_met'}" for s, m, w, c in CLAUSE_TABLE],
)
def test_it_applies_the_dimension_rule(strong: int, medium: int, weak: int, clause: str) -> None:
    assert _clause(strong, medium, weak) == clause


DIMENSION_CASES = [
    # (indicators answered yes, dimension, expected clause) for an adult, labour set
    (["violence_on_victim", "debt_bondage"], "coercion_at_destination", "a"),
    (["documents_confiscated", "wages_withheld"], "coercion_at_destination", "b"),
    (["documents_confiscated", "threats_to_inform_family"], "coercion_at_destination", "b"),
    (
        ["threat_of_denunciation", "forced_to_lie", "wages_withheld"],
        "coercion_at_destination",
        "c",
    ),
    (
        ["deceived_about_wages", "deceived_about_housing", "deceived_about_education"],
        "deceptive_recruitment",
        "d",
    ),
    (["violence_on_victim"], "coercion_at_destination", None),
    (["deceived_about_wages", "deceived_about_housing"], "deceptive_recruitment", None),
    (["deceived_about_wages", "deceived_about_education"], "deceptive_recruitment", None),
    (
        ["difficulties_in_the_past_at_destination", "personal_characteristics"],
        "destination_abuse_of_vulnerability",
        None,
    ),
]


@pytest.mark.parametrize(
    ("indicators", "dimension", "clause"),
    DIMENSION_CASES,
    ids=[f"{d}-{c or 'not_met'}-{'+'.join(i)}" for i, d, c in DIMENSION_CASES],
)
def test_it_reports_the_clause_that_fired(
    indicators: list[str], dimension: str, clause: str | None
) -> None:
    result = assess(parse_facts({"age": 30, "indicators": dict.fromkeys(indicators, "yes")}))
    found = {d.id: d for d in result.dimensions}[dimension]
    assert found.clause == clause
    assert found.positive is (clause is not None)
    assert {i.id for i in found.indicators} == set(indicators)


def test_it_uses_child_weights_for_a_child() -> None:
    facts = {"age": 12, "indicators": {"threats_of_violence": "yes", "forced_to_lie": "yes"}}
    dim = {d.id: d for d in assess(parse_facts(facts)).dimensions}["coercion_at_destination"]
    assert (dim.strong, dim.medium, dim.clause) == (1, 1, "b")
    adult = {d.id: d for d in assess(parse_facts({**facts, "age": 30})).dimensions}
    assert adult["coercion_at_destination"].clause is None


def test_it_marks_sexual_weights_that_fall_back_to_the_labour_set() -> None:
    facts = {
        "age": 25,
        "sector": "sex_industry",
        "indicators": {"debt_bondage": "yes", "forced_tasks_or_clients": "yes"},
    }
    result = assess(parse_facts(facts))
    dim = {d.id: d for d in result.dimensions}["coercion_at_destination"]
    assert dim.profile.value == "adult_sexual" and dim.clause == "a"
    bases = {i.id: i.basis.value for i in dim.indicators}
    assert bases == {"debt_bondage": "fallback", "forced_tasks_or_clients": "transcribed"}
    out = result.to_dict()
    notes = [i["weight_note"] for d in out["dimensions"] for i in d["indicators"]]
    assert any("not transcribed" in n for n in notes)
    assert any("not transcribed" in n for n in out["notes"])
