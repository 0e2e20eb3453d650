"""The training day's content and its answer keys (pure: no Django).

content = load_content()                        # every data file, validated; ContentError names
                                                # the file and the entry that is wrong
keys = stage_keys(content.scenarios["x"])       # one StageKey per stage, from the engine
study_key(content.studies["y"])                 # a case study's key, from the engine
check = offer_key(content.offers["z"], "mk")    # the job-offer checker's flags are the key
score_offer({"fee", "passport"}, check)         # F1 overlap with the checker's flags
variant(scenario, seed=7)                       # a reproducible random traveller and events

No answer is written by hand: every key is `assess(parse_facts(facts))` for the facts that the
content files record, or `check_offer` for a job ad. The files live in `content/`; every text is
a mapping `{language: text}` complete in English and Macedonian (`content.languages` lists every
language the whole content is written in, which a room may use); every entry that states law or
figures names a `source` (an id of `content/sources.yaml` or of the assessment catalogue).

This module is the public API. The types live in `training.model`, the loader in
`training.loader`, the journey arithmetic (facts per stage, variants) in `training.journey`;
the answer keys and the scoring are here.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from stepstones.assessment import Assessment, Facts, Flag, Outcome, assess, parse_facts
from stepstones.recruitment import Check
from stepstones.training.journey import offer_key, stage_facts, variant
from stepstones.training.loader import complete_languages, load_content
from stepstones.training.model import (
    AGENCY_SECTORS,
    CONTENT_DIR,
    LANGUAGES,
    REQUIRED_LANGUAGES,
    SERVICE_KINDS,
    Choice,
    Content,
    ContentError,
    Event,
    Expect,
    Factor,
    FactorKind,
    JobAd,
    LegalText,
    Myth,
    NextAction,
    Scenario,
    Stage,
    StageKind,
    Study,
    Text,
    Traveller,
)

__all__ = [
    "AGENCY_SECTORS",
    "CONTENT_DIR",
    "LANGUAGES",
    "REQUIRED_LANGUAGES",
    "SERVICE_KINDS",
    "Choice",
    "Content",
    "ContentError",
    "Event",
    "Expect",
    "Factor",
    "FactorKind",
    "JobAd",
    "Key",
    "LegalText",
    "Myth",
    "NextAction",
    "RoomAnswer",
    "Scenario",
    "Stage",
    "StageKey",
    "StageKind",
    "Study",
    "Text",
    "Translate",
    "Traveller",
    "complete_languages",
    "difficulty",
    "intent_problems",
    "key_for",
    "load_content",
    "offer_key",
    "room_answer",
    "score_answer",
    "score_offer",
    "score_total",
    "stage_facts",
    "stage_keys",
    "study_key",
    "variant",
]

Translate = Callable[[str], str]


def _identity(message: str) -> str:
    return message


# ---------------------------------------------------------------------------------------------
# The room's choices and scoring


@dataclass(frozen=True, slots=True)
class RoomAnswer:
    """The key to one question: the answer, and the choices that earn half a point."""

    answer: Choice
    partly_right: frozenset[Choice] = frozenset()


def room_answer(outcome: Outcome, flags: Collection[Flag]) -> RoomAnswer:
    """Return the room's answer for the engine's outcome and flags.

    The room chooses among smuggling, trafficking, both, neither and not yet known; the engine
    has five outcomes. This is the one place they meet:

    - `possible_victim`: reasonable grounds to suspect trafficking (Palermo Art. 3; CETS 197
      Art. 10(2)). With the `smuggled_then_trafficked` flag the journey was smuggling too, so the
      answer is *both*, and *trafficking* earns half (the trafficking was seen, the smuggling
      was missed). Without it the answer is *trafficking*.
    - `smuggling_with_trafficking_risk`: the smuggling is established and trafficking is not yet:
      the answer is *smuggling*; *not yet known* earns half, because the engine itself asks to
      screen further. *Both* and *trafficking* earn nothing: they jump ahead of the facts.
    - `smuggling`: *smuggling*.
    - `exploitation_without_trafficking`: exploitation is there, but the act and the means that
      make it trafficking are not yet known: *not yet known*; *neither* earns half (labour
      exploitation that is not trafficking is a real answer once the act and means are ruled
      out).
    - `no_indicators`: *neither*; *not yet known* earns half, because nothing recorded rules
      anything out.

    The answer is a screening answer, never an identification: "trafficking" means "refer for
    formal identification", as the engine's summary says.
    """
    if outcome is Outcome.POSSIBLE_VICTIM:
        if Flag.SMUGGLED_THEN_TRAFFICKED in flags:
            return RoomAnswer(Choice.BOTH, frozenset({Choice.TRAFFICKING}))
        return RoomAnswer(Choice.TRAFFICKING)
    if outcome is Outcome.SMUGGLING_WITH_TRAFFICKING_RISK:
        return RoomAnswer(Choice.SMUGGLING, frozenset({Choice.NOT_YET_KNOWN}))
    if outcome is Outcome.SMUGGLING:
        return RoomAnswer(Choice.SMUGGLING)
    if outcome is Outcome.EXPLOITATION_WITHOUT_TRAFFICKING:
        return RoomAnswer(Choice.NOT_YET_KNOWN, frozenset({Choice.NEITHER}))
    return RoomAnswer(Choice.NEITHER, frozenset({Choice.NOT_YET_KNOWN}))


def score_answer(chosen: Choice | None, key: RoomAnswer) -> float:
    """Return the points for one answer: 1 for the key, 0.5 for a partly right choice, else 0.

    Accuracy only: there is no time input, so a slow right answer scores as much as a fast one.
    No answer (`None`) scores 0.
    """
    if chosen is None:
        return 0.0
    if chosen is key.answer:
        return 1.0
    return 0.5 if chosen in key.partly_right else 0.0


def score_total(scores: Iterable[float]) -> float:
    """Return the share of the points available, 0..1: the mean score (0 when there is none)."""
    values = list(scores)
    return sum(values) / len(values) if values else 0.0


def score_offer(marked_flag_ids: Collection[str], check: Check) -> float:
    """Return the F1 overlap (0..1) of the flags a participant marked with the checker's flags.

    F1 = 2|M ∩ C| / (|M| + |C|) over flag ids (the Dice coefficient): marking every flag costs
    precision, marking none costs recall, so neither guessing strategy pays. When the checker
    finds nothing and the participant marks nothing, the score is 1.
    """
    marked = set(marked_flag_ids)
    found = {flag.id for flag in check.flags}
    if not marked and not found:
        return 1.0
    return 2 * len(marked & found) / (len(marked) + len(found))


# ---------------------------------------------------------------------------------------------
# Keys from the engine


@dataclass(frozen=True)
class Key:
    """The engine's answer to a set of facts: outcome, flags, the room's answer, the reasons
    (`Assessment.to_dict`, translated) and what to do next."""

    outcome: Outcome
    flags: frozenset[Flag]
    answer: RoomAnswer
    actions: tuple[NextAction, ...]
    reasons: Mapping[str, Any] = field(compare=False, repr=False)
    assessment: Assessment = field(compare=False, repr=False)


@dataclass(frozen=True)
class StageKey:
    """The key after one stage: the stage, the facts accumulated up to it, and the engine's key."""

    index: int
    stage: Stage
    facts: Facts
    key: Key


def key_for(
    facts: Mapping[str, Any], translate: Translate = _identity, content: Content | None = None
) -> Key:
    """Return the engine's key for a facts mapping; raise FactsError for bad facts."""
    assessment = assess(parse_facts(facts))
    actions = (content or load_content()).actions
    return Key(
        outcome=assessment.outcome,
        flags=assessment.flags,
        answer=room_answer(assessment.outcome, assessment.flags),
        actions=tuple(actions[s] for s in assessment.next_steps if s in actions),
        reasons=assessment.to_dict(translate),
        assessment=assessment,
    )


def stage_keys(
    scenario: Scenario, translate: Translate = _identity, content: Content | None = None
) -> tuple[StageKey, ...]:
    """Return one key per stage: `assess(parse_facts(facts of stages 1..k))` for each k."""
    keys = []
    for index, stage in enumerate(scenario.stages):
        facts = stage_facts(scenario, index)
        keys.append(StageKey(index, stage, parse_facts(facts), key_for(facts, translate, content)))
    return tuple(keys)


def study_key(
    study: Study, translate: Translate = _identity, content: Content | None = None
) -> Key:
    """Return the engine's key for a case study (the expected answer is never stored)."""
    return key_for(study.facts, translate, content)


def difficulty(scenario: Scenario) -> tuple[tuple[Outcome, frozenset[Flag]], ...]:
    """Return the sequence of engine outcomes and flags, stage by stage: two journeys of
    comparable difficulty have the same sequence."""
    out = []
    for index in range(len(scenario.stages)):
        result = assess(parse_facts(stage_facts(scenario, index)))
        out.append((result.outcome, result.flags))
    return tuple(out)


def intent_problems(scenario: Scenario) -> list[str]:
    """Return where the engine's keys contradict what the scenario says it teaches."""
    found: list[str] = []
    steps = difficulty(scenario)
    for label, expect, (outcome, flags) in (
        ("first stage", scenario.expect_first, steps[0]),
        ("last stage", scenario.expect_last, steps[-1]),
    ):
        found += [f"{label}: {p}" for p in expect.problems(outcome, flags)]
    for stage, (outcome, flags) in zip(scenario.stages, steps, strict=True):
        found += [f"stage {stage.id}: {p}" for p in scenario.expect_every.problems(outcome, flags)]
    return found
