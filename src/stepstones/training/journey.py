"""Journeys step by step: the facts known after each stage, seeded variants, and offer checks."""

from __future__ import annotations

import copy
import random
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from stepstones.recruitment import Check, Offer, check_offer
from stepstones.training.model import JobAd, Scenario, StageKind

__all__ = ["offer_key", "stage_facts", "variant"]


def stage_facts(scenario: Scenario, index: int) -> dict[str, Any]:
    """Return the facts known after stage `index` (0-based), as a facts mapping.

    Facts accumulate along the journey: the traveller (age, sex, education), the route so far
    (origin, the transit countries reached, the destination once reached), then every event of
    stages 0..index in order. Mappings merge; a later answer to the same question replaces an
    earlier one; lists of ids join.
    """
    traveller = scenario.traveller
    facts: dict[str, Any] = {"age": traveller.age, "gender": traveller.sex}
    if traveller.education:
        facts["education"] = traveller.education
    reached = scenario.stages[: index + 1]
    route: dict[str, Any] = {"origin": reached[0].country}
    transit = [s.country for s in reached if s.kind is StageKind.TRANSIT]
    if transit:
        route["transit"] = list(dict.fromkeys(transit))
    if reached[-1].kind is StageKind.DESTINATION:
        route["destination"] = reached[-1].country
    facts["route"] = route
    for stage in reached:
        for event in stage.events:
            _merge(facts, event.facts)
    return facts


def offer_key(ad: JobAd, language: str) -> Check:
    """Return the job-offer checker's result for the ad in `language` (exactly that text)."""
    text = dict(ad.text.items).get(language)
    if text is None:
        raise KeyError(f"offer {ad.id} is not written in {language}")
    return check_offer(
        Offer(
            text=text,
            contact=ad.contact,
            job_country=ad.job_country,
            seeker_country=ad.seeker_country,
        )
    )


def variant(scenario: Scenario, seed: int) -> Scenario:
    """Return the scenario with a reproducible random traveller and events for `seed`.

    The traveller gets an age in the scenario's band, a sex and an origin country from its lists
    (every stage in the old origin country moves with it, so a journey inside one country stays
    inside one country); each event with alternatives becomes one of them. The same scenario and
    seed always give the same variant, on any machine (a string seed is hashed with SHA-512).
    Alternatives are declared of comparable difficulty; the tests check that every one keeps the
    scenario's `difficulty`.
    """
    rng = random.Random(f"{scenario.id}:{seed}")  # noqa: S311 - training data, not a secret
    old = scenario.traveller
    traveller = replace(
        old,
        age=rng.randint(*old.ages),
        sex=rng.choice(old.sexes),
        country=rng.choice(old.countries),
    )
    stages = tuple(
        replace(
            stage,
            country=traveller.country if stage.country == old.country else stage.country,
            events=tuple(
                rng.choice((event, *event.alternatives)) if event.alternatives else event
                for event in stage.events
            ),
        )
        for stage in scenario.stages
    )
    return replace(scenario, traveller=traveller, stages=stages, seed=seed)


def _merge(into: dict[str, Any], more: Mapping[str, Any]) -> None:
    for key, value in more.items():
        old = into.get(key)
        if isinstance(old, list) and isinstance(value, Mapping):
            old = into[key] = dict.fromkeys(old, "yes")
        if isinstance(old, dict) and isinstance(value, list):
            value = dict.fromkeys(value, "yes")
        if isinstance(old, dict) and isinstance(value, Mapping):
            _merge(old, value)
        elif isinstance(old, list) and isinstance(value, list):
            into[key] = old + [v for v in value if v not in old]
        else:
            into[key] = copy.deepcopy(value)
