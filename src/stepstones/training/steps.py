"""What the room sees at each step, in the room's language, and the key the engine gives it.

A step names its content (a scenario and stage, a case study, a myth); `prompt(step_spec,
language)` returns the question, the choices and, where the step has one, the key: for journey
stages and case studies the engine's assessment of the facts recorded so far, for myths the
fact that answers them. Prompts are cached per step and language: content and keys do not change
while the server runs.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any

import yaml
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from stepstones.agencies.models import Sector
from stepstones.assessment import OUTCOME_LABELS
from stepstones.offers.presenting import tr
from stepstones.recruitment import Check, Message, in_language
from stepstones.training.content import (
    CONTENT_DIR,
    Choice,
    FactorKind,
    Key,
    RoomAnswer,
    load_content,
    offer_key,
    score_offer,
    stage_keys,
    study_key,
    variant,
)
from stepstones.training.model import interface_language, with_serbian_latin
from stepstones.training.models import StepKind

__all__ = ["POLL_CHOICES", "Prompt", "StepSpec", "offer_flag_labels", "prompt"]

# The opening question of the day: everyone answers, and nobody is wrong.
POLL_QUESTION = gettext_lazy("Is there anyone here who does not want a better life?")
POLL_CHOICES = (("yes", gettext_lazy("Yes")), ("no", gettext_lazy("No")))
MYTH_CHOICES = (("true", gettext_lazy("True")), ("false", gettext_lazy("False")))


@dataclass(frozen=True, slots=True)
class StepSpec:
    """A step as stored: its kind, the content it names, and the journey stage."""

    kind: str
    ref: str = ""
    stage: int = 0
    seed: int = 0  # a journey's variant: 0 is the scenario as written


@dataclass(frozen=True)
class Prompt:
    """What a step shows and how its answers are scored.

    `key` is the room's answer (None for a poll); `debrief` holds what the projector shows once
    the answer is revealed: the engine's outcome and reasons, or the fact behind a myth.
    """

    title: str
    context: tuple[str, ...]
    question: str
    choices: tuple[tuple[str, str], ...]
    key: RoomAnswer | None = None
    myth_answer: str | None = None
    debrief: dict[str, Any] = field(default_factory=dict)
    # "Spot the deceptive offer": the flags to mark, and the checker's flags (the key).
    marks: tuple[tuple[str, str], ...] = ()
    check: Check | None = None
    free_text: bool = False  # "who is vulnerable": each answer is a few words
    # Journeys and case studies: who should act next, and the kinds the engine's steps name.
    next_kinds: tuple[tuple[str, str], ...] = ()
    next_key: frozenset[str] = frozenset()

    def next_overlap(self, marked: frozenset[str]) -> float | None:
        """Return how far the kinds of organisation named match the engine's (F1, 0..1)."""
        if not self.next_kinds or not (marked or self.next_key):
            return None
        return 2 * len(marked & self.next_key) / (len(marked) + len(self.next_key))

    def score_marks(self, marked: frozenset[str]) -> float | None:
        """Return the F1 overlap of the flags marked with the checker's flags (0..1)."""
        return None if self.check is None else score_offer(marked, self.check)

    def score(self, choice: str) -> float | None:
        """Return the points for `choice` (accuracy only), or None for a step without a key."""
        if self.myth_answer is not None:
            return 1.0 if choice == self.myth_answer else 0.0
        if self.key is None:
            return None
        if choice == self.key.answer.value:
            return 1.0
        return 0.5 if choice in {c.value for c in self.key.partly_right} else 0.0

    def valid(self, choice: str) -> bool:
        """Return whether `choice` is one of this step's choices."""
        return choice in {value for value, _label in self.choices}


def prompt(spec: StepSpec, language: str) -> Prompt:
    """Return the prompt of `spec` in `language` (cached)."""
    return _prompt(spec, language)


@functools.lru_cache(maxsize=512)
def _prompt(spec: StepSpec, language: str) -> Prompt:
    with translation.override(interface_language(language)):
        if spec.kind == StepKind.JOURNEY:
            return _journey(spec, language)
        if spec.kind == StepKind.STUDY:
            return _study(spec, language)
        if spec.kind == StepKind.MYTH:
            return _myth(spec, language)
        if spec.kind == StepKind.OFFER:
            return _offer(spec, language)
        if spec.kind == StepKind.VULNERABLE:
            return _vulnerable(language)
        return Prompt(
            title=str(_("Opening question")),
            context=(),
            question=str(POLL_QUESTION),
            choices=tuple((v, str(label)) for v, label in POLL_CHOICES),
        )


def _room_choices(language: str) -> tuple[tuple[str, str], ...]:
    content = load_content()
    return tuple((c.value, content.choices[c].get(language)) for c in Choice)


def _debrief(key: Key, language: str) -> dict[str, Any]:
    content = load_content()
    reasons = key.reasons
    return {
        "answer": content.choices[key.answer.answer].get(language),
        "partly": [content.choices[c].get(language) for c in sorted(key.answer.partly_right)],
        "outcome": str(_(OUTCOME_LABELS[key.outcome])),
        "summary": reasons["summary"],
        "elements": [
            {
                "label": e["label"],
                "kind": e["kind_label"],
                "evidence": [ev["text"] for ev in e["evidence"]],
            }
            for e in reasons["elements"]
        ],
        "flags": reasons["flag_labels"],
        "notes": reasons["notes"],
        "next": [action.text.get(language) for action in key.actions],
        "next_kinds": [label for value, label in _next_kinds() if value in _next_key(key)],
    }


def _next_kinds() -> tuple[tuple[str, str], ...]:
    """Return the kinds of organisation a room can name as acting next, translated."""
    return tuple((value, str(label)) for value, label in Sector.choices)


def _next_key(key: Key) -> frozenset[str]:
    """Return the kinds of organisation the engine's next steps involve."""
    return frozenset(sector for action in key.actions for sector in action.sectors)


def _journey(spec: StepSpec, language: str) -> Prompt:
    content = load_content()
    scenario = content.scenarios[spec.ref]
    if spec.seed:
        scenario = variant(scenario, spec.seed)
    keys = stage_keys(scenario, _, content)
    stage_key = keys[spec.stage]
    traveller = scenario.traveller
    home = content.countries[traveller.country].get(language)
    who = (
        _("A woman of %(age)d from %(country)s.")
        if traveller.sex == "female"
        else _("A man of %(age)d from %(country)s.")
        if traveller.age >= 18
        else _("A boy of %(age)d from %(country)s.")
    )
    if traveller.sex == "female" and traveller.age < 18:
        who = _("A girl of %(age)d from %(country)s.")
    context = [who % {"age": traveller.age, "country": home}, traveller.family.get(language)]
    for stage in scenario.stages[: spec.stage + 1]:
        place = stage.place.get(language)
        country = content.countries[stage.country].get(language)
        for event in stage.events:
            context.append(f"{place}, {country}: {event.text.get(language)}")
    return Prompt(
        title=scenario.title.get(language),
        context=tuple(context),
        question=str(_("Where does this journey stand now?")),
        choices=_room_choices(language),
        key=stage_key.key.answer,
        debrief=_debrief(stage_key.key, language),
        next_kinds=_next_kinds(),
        next_key=_next_key(stage_key.key),
    )


def _study(spec: StepSpec, language: str) -> Prompt:
    content = load_content()
    study = content.studies[spec.ref]
    key = study_key(study, _, content)
    return Prompt(
        title=study.title.get(language),
        context=(study.story.get(language),),
        question=str(_("What does this case show?")),
        choices=_room_choices(language),
        key=key.answer,
        debrief=_debrief(key, language),
        next_kinds=_next_kinds(),
        next_key=_next_key(key),
    )


def _myth(spec: StepSpec, language: str) -> Prompt:
    myth = load_content().myths[spec.ref]
    return Prompt(
        title=str(_("Myth or fact?")),
        context=(myth.myth.get(language),),
        question=str(_("Is this statement true?")),
        choices=tuple((v, str(label)) for v, label in MYTH_CHOICES),
        myth_answer="false",
        debrief={
            "fact": myth.fact.get(language),
            "explanation": myth.explanation.get(language),
            "law": [(law.ref.get(language), law.text.get(language)) for law in myth.law],
        },
    )


@functools.cache
def _offer_flag_texts() -> dict[str, dict[str, str]]:
    with (CONTENT_DIR / "offer_flags.yaml").open(encoding="utf-8") as handle:
        loaded: dict[str, dict[str, str]] = yaml.safe_load(handle)
    return {fid: dict(with_serbian_latin(tuple(texts.items()))) for fid, texts in loaded.items()}


def offer_flag_labels(language: str) -> tuple[tuple[str, str], ...]:
    """Return `(flag id, label)` for every flag a participant can mark, in `language`."""
    return tuple(
        (fid, texts.get(language) or texts["en"]) for fid, texts in _offer_flag_texts().items()
    )


def _message(message: Message, language: str) -> str:
    """Return a checker message in `language`: its own data files, else gettext."""
    return in_language(message, language) or tr(message)


def _offer(spec: StepSpec, language: str) -> Prompt:
    ad = load_content().offers[spec.ref]
    # The ad as the room reads it; an ad not written in the room's language is shown in English.
    written = language if ad.text.has(language) else "en"
    check = offer_key(ad, written)
    return Prompt(
        title=ad.title.get(language),
        context=(ad.text.get(written),),
        question=str(_("Mark every warning sign you see in this offer.")),
        choices=(),
        marks=offer_flag_labels(language),
        check=check,
        debrief={
            "offer_flags": [
                {
                    "label": dict(offer_flag_labels(language)).get(f.id, f.id),
                    "explanation": _message(f.explanation, language),
                }
                for f in check.flags
            ],
            "summary": _message(check.summary, language),
        },
    )


def _vulnerable(language: str) -> Prompt:
    factors = load_content().factors.values()
    kinds = {
        FactorKind.UNIVERSAL: _("Universal factors: anyone can be made vulnerable"),
        FactorKind.PUSH: _("Push factors"),
        FactorKind.PULL: _("Pull factors"),
    }
    return Prompt(
        title=str(_("Who is vulnerable?")),
        context=(
            str(
                _(
                    "In your group, name the people or situations you see as vulnerable to "
                    "trafficking."
                )
            ),
        ),
        question=str(_("Who is vulnerable, in a few words?")),
        choices=(),
        free_text=True,
        debrief={
            "factors": [
                (
                    str(label),
                    [
                        (f.label.get(language), f.explanation.get(language))
                        for f in factors
                        if f.kind is kind
                    ],
                )
                for kind, label in kinds.items()
            ]
        },
    )
