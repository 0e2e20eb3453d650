"""Seeded variants: reproducible travellers and events of comparable difficulty."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stepstones.assessment import Outcome
from stepstones.training.content import (
    Scenario,
    difficulty,
    load_content,
    stage_keys,
    variant,
)

CONTENT = load_content()
SCENARIOS = list(CONTENT.scenarios.values())
ALTERNATIVES = [
    (s, si, ei, ai)
    for s in SCENARIOS
    for si, stage in enumerate(s.stages)
    for ei, event in enumerate(stage.events)
    for ai in range(len(event.alternatives))
]
scenarios = st.sampled_from(SCENARIOS)
seeds = st.integers(min_value=0, max_value=2**32)


@settings(max_examples=60, deadline=None)
@given(scenario=scenarios, seed=seeds)
def test_it_gives_the_same_variant_for_the_same_seed(scenario: Scenario, seed: int) -> None:
    assert variant(scenario, seed) == variant(scenario, seed)


@settings(max_examples=60, deadline=None)
@given(scenario=scenarios, seed=seeds)
def test_it_gives_every_stage_of_every_variant_an_engine_outcome(
    scenario: Scenario, seed: int
) -> None:
    keys = stage_keys(variant(scenario, seed))
    assert all(isinstance(k.key.outcome, Outcome) for k in keys)


@settings(max_examples=60, deadline=None)
@given(scenario=scenarios, seed=seeds)
def test_it_keeps_the_difficulty_of_every_variant(scenario: Scenario, seed: int) -> None:
    assert difficulty(variant(scenario, seed)) == difficulty(scenario)


@settings(max_examples=60, deadline=None)
@given(scenario=scenarios, seed=seeds)
def test_it_draws_the_traveller_from_the_scenarios_ranges(scenario: Scenario, seed: int) -> None:
    old, new = scenario.traveller, variant(scenario, seed).traveller
    assert old.ages[0] <= new.age <= old.ages[1]
    assert new.sex in old.sexes
    assert new.country in old.countries
    assert variant(scenario, seed).stages[0].country == new.country


@pytest.mark.parametrize(
    ("scenario", "stage", "event", "alternative"),
    ALTERNATIVES,
    ids=[f"{s.id}-{s.stages[si].events[ei].alternatives[ai].id}" for s, si, ei, ai in ALTERNATIVES],
)
def test_it_declares_only_alternatives_of_comparable_difficulty(
    scenario: Scenario, stage: int, event: int, alternative: int
) -> None:
    stages = list(scenario.stages)
    events = list(stages[stage].events)
    events[event] = events[event].alternatives[alternative]
    stages[stage] = replace(stages[stage], events=tuple(events))
    assert difficulty(replace(scenario, stages=tuple(stages))) == difficulty(scenario)


def test_it_gives_two_groups_different_journeys() -> None:
    scenario = CONTENT.scenarios["smuggling_stays_smuggling"]
    travellers = {variant(scenario, seed).traveller for seed in range(20)}
    assert len(travellers) > 1


def test_it_keeps_a_journey_inside_one_country_inside_one_country() -> None:
    scenario = CONTENT.scenarios["trafficking_inside_one_town"]
    for seed in range(10):
        countries = {stage.country for stage in variant(scenario, seed).stages}
        assert len(countries) == 1
