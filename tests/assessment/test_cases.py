"""The example cases in cases.yaml: each gives facts, the expected outcome and flags, and why."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from stepstones.assessment import Outcome, assess, parse_facts

CASES: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "cases.yaml").read_text(encoding="utf-8")
)["cases"]

REQUIRED = {
    "trafficking_inside_one_town",
    "highly_educated_victim",
    "child_in_a_bar_in_the_west",
    "free_adult_sex_work",
    "smuggling_that_stays_smuggling",
    "smuggling_turns_into_trafficking_in_transit",
    "forced_begging_child",
    "forced_criminality_adult",
    "organ_removal",
}


def test_it_has_at_least_forty_cases_with_unique_ids_and_reasons() -> None:
    ids = [case["id"] for case in CASES]
    assert len(ids) >= 40
    assert len(set(ids)) == len(ids)
    assert all(case["reason"].strip() for case in CASES)
    assert set(ids) >= REQUIRED


def test_it_covers_every_outcome() -> None:
    assert {case["outcome"] for case in CASES} == {o.value for o in Outcome}


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_it_reaches_the_expected_outcome_and_flags(case: dict[str, Any]) -> None:
    result = assess(parse_facts(case["facts"]))
    assert (result.outcome.value, sorted(f.value for f in result.flags)) == (
        case["outcome"],
        sorted(case["flags"]),
    ), case["reason"]
