"""The training content's types: texts per language, journeys, studies, offers, myths, factors.

Frozen dataclasses and enums only; `training.loader` builds them from the data files and
`training.content` derives the answer keys from them.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from stepstones.assessment import Flag, Outcome
from stepstones.serbian import to_latin

__all__ = [
    "AGENCY_SECTORS",
    "CONTENT_DIR",
    "EDUCATION",
    "GENDERS",
    "INTERFACE_LANGUAGES",
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
    "LegalText",
    "Myth",
    "NextAction",
    "Scenario",
    "Stage",
    "StageKind",
    "Study",
    "Text",
    "Traveller",
    "interface_language",
    "room_language",
    "with_serbian_latin",
]

#: Every text must be complete in these languages (the loader's minimum; `Content.languages`
#: lists every language the content is complete in).
REQUIRED_LANGUAGES = ("en", "mk")
#: Languages a text may carry (codes as the job-offer checker reports them).
LANGUAGES = ("en", "mk", "sq", "sr-Cyrl", "sr-Latn", "tr", "rom", "bg", "el", "ar", "fa", "uk")
#: `agencies.models.Sector` values: the kinds of organisation a next step sends the person to.
AGENCY_SECTORS = (
    "police",
    "border_police",
    "social_work",
    "health",
    "shelter",
    "legal_aid",
    "outreach",
    "international_organisation",
    "municipality",
    "national_coordination",
)
#: `agencies.models.ServiceKind` values: the services a next step asks for.
SERVICE_KINDS = (
    "shelter",
    "medical",
    "psychosocial",
    "legal_aid",
    "interpretation",
    "child_protection",
    "return_reintegration",
    "employment",
    "education",
    "identification",
    "case_management",
)
GENDERS = ("female", "male", "transgender", "non_binary", "other")
EDUCATION = ("none", "primary", "secondary", "vocational", "university", "postgraduate")
CONTENT_DIR = Path(__file__).parent / "content"
#: Room languages whose interface language (Django's code) is spelt differently.
INTERFACE_LANGUAGES = {"sr-Cyrl": "sr", "sr-Latn": "sr-latn"}


def interface_language(room: str) -> str:
    """Return Django's code for the interface of a room in `room` ("sr-Cyrl" -> "sr")."""
    return INTERFACE_LANGUAGES.get(room, room)


def room_language(interface: str) -> str:
    """Return the content's code for the interface language `interface` ("sr-latn" -> "sr-Latn")."""
    found = {code.lower(): room for room, code in INTERFACE_LANGUAGES.items()}
    return found.get(interface.lower(), interface)


def with_serbian_latin(items: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    """Add the Serbian Latin text made from the Cyrillic one, when there is a Cyrillic one.

    The files keep Serbian once, in Cyrillic (`sr-Cyrl`); the Latin is the same text letter for
    letter (`stepstones.serbian`), so it is made here and never drifts from the Cyrillic.
    """
    found = dict(items)
    if "sr-Cyrl" not in found or "sr-Latn" in found:
        return items
    return (*items, ("sr-Latn", to_latin(found["sr-Cyrl"])))


# ---------------------------------------------------------------------------------------------
# Errors and texts


class ContentError(ValueError):
    """Bad training content: `.file`, `.entry` (a dotted path) and a one-line `.message`."""

    def __init__(self, file: str, entry: str, message: str) -> None:
        self.file = file
        self.entry = entry
        self.message = message
        super().__init__(f"{file}: {entry}: {message}" if entry else f"{file}: {message}")


@dataclass(frozen=True, slots=True)
class Text:
    """A text in several languages: `(language, text)` pairs, English and Macedonian always."""

    items: tuple[tuple[str, str], ...]

    def get(self, language: str) -> str:
        """Return the text in `language`, else its base language (sr for sr-Latn), else English."""
        found = dict(self.items)
        return found.get(language) or found.get(language.partition("-")[0]) or found["en"]

    def has(self, language: str) -> bool:
        """Return whether the text is written in exactly `language` (no fallback)."""
        return any(code == language for code, _ in self.items)

    @property
    def languages(self) -> tuple[str, ...]:
        """Return the languages the text is written in, in file order."""
        return tuple(code for code, _ in self.items)


# ---------------------------------------------------------------------------------------------
# The room's choices


class Choice(StrEnum):
    """What a group answers at each stage of a journey or for each case study."""

    SMUGGLING = "smuggling"
    TRAFFICKING = "trafficking"
    BOTH = "both"
    NEITHER = "neither"
    NOT_YET_KNOWN = "not_yet_known"


# ---------------------------------------------------------------------------------------------
# Content types


class StageKind(StrEnum):
    """Where a stage happens: red origin, blue transit, green destination."""

    ORIGIN = "origin"
    TRANSIT = "transit"
    DESTINATION = "destination"


class FactorKind(StrEnum):
    """Push factors drive people away, pull factors draw them, universal ones affect anyone."""

    PUSH = "push"
    PULL = "pull"
    UNIVERSAL = "universal"


@dataclass(frozen=True)
class Event:
    """Something that happens at a stage, and the facts it adds; `alternatives` are events of
    comparable difficulty that a variant may use instead."""

    id: str
    text: Text
    facts: Mapping[str, Any]
    alternatives: tuple[Event, ...] = ()


@dataclass(frozen=True)
class Stage:
    """One stage of a journey: its kind, country, place and events."""

    id: str
    kind: StageKind
    country: str
    place: Text
    events: tuple[Event, ...]


@dataclass(frozen=True)
class Traveller:
    """The person on the journey (no name), and the ranges a variant draws from."""

    age: int
    sex: str
    country: str
    family: Text
    education: str | None
    ages: tuple[int, int]
    sexes: tuple[str, ...]
    countries: tuple[str, ...]


@dataclass(frozen=True)
class Expect:
    """A sanity check of what the content means to teach; never the key itself.

    `outcome` must be reached (when set), none of `outcome_not`, every flag of `flags` and none
    of `flags_not`. `engine_gap` says why the engine disagrees with the law today: the test then
    expects the check to fail, and fails itself once the engine is fixed.
    """

    outcome: Outcome | None = None
    outcome_not: frozenset[Outcome] = frozenset()
    flags: frozenset[Flag] = frozenset()
    flags_not: frozenset[Flag] = frozenset()

    def problems(self, outcome: Outcome, flags: Collection[Flag]) -> list[str]:
        """Return what contradicts this expectation (empty when it holds)."""
        found: list[str] = []
        if self.outcome is not None and outcome is not self.outcome:
            found.append(f"expected {self.outcome.value}, the engine gives {outcome.value}")
        if outcome in self.outcome_not:
            found.append(f"the engine gives {outcome.value}, which the content rules out")
        if missing := sorted(f.value for f in self.flags - set(flags)):
            found.append(f"flags missing: {', '.join(missing)}")
        if extra := sorted(f.value for f in self.flags_not & set(flags)):
            found.append(f"unexpected flags: {', '.join(extra)}")
        return found


@dataclass(frozen=True)
class Scenario:
    """A journey role-play: the traveller, the stages in order, what it teaches and checks.

    `seed` is None for the scenario as written, or the seed of the variant it is.
    """

    id: str
    title: Text
    teaches: Text
    traveller: Traveller
    stages: tuple[Stage, ...]
    expect_first: Expect
    expect_last: Expect
    expect_every: Expect
    engine_gap: str
    source: tuple[str, ...]
    seed: int | None = None


@dataclass(frozen=True)
class Study:
    """A case study: a story, its facts (the key comes from the engine), and a sanity check."""

    id: str
    title: Text
    form: str
    story: Text
    facts: Mapping[str, Any]
    expect: Expect
    engine_gap: str
    source: tuple[str, ...]


@dataclass(frozen=True)
class JobAd:
    """A job ad for "spot the deceptive offer", in several languages; the key is the checker's."""

    id: str
    title: Text
    text: Text
    job_country: str
    seeker_country: str
    contact: str
    source: tuple[str, ...]


@dataclass(frozen=True)
class LegalText:
    """A provision behind a fact: its reference, its text (quoted or summarised) and source."""

    ref: Text
    text: Text
    source: str


@dataclass(frozen=True)
class Myth:
    """A myth, the fact that answers it, why, and the law behind it."""

    id: str
    myth: Text
    fact: Text
    explanation: Text
    law: tuple[LegalText, ...]


@dataclass(frozen=True)
class Factor:
    """A push, pull or universal factor of vulnerability."""

    id: str
    kind: FactorKind
    label: Text
    explanation: Text
    source: tuple[str, ...]


@dataclass(frozen=True)
class NextAction:
    """What an engine next step asks the room to do: which kinds of organisation (agency
    sectors), which services, and the step in the room's words."""

    step: str
    sectors: tuple[str, ...]
    services: tuple[str, ...]
    text: Text


@dataclass(frozen=True)
class Content:
    """Every piece of training content, validated."""

    scenarios: Mapping[str, Scenario]
    studies: Mapping[str, Study]
    offers: Mapping[str, JobAd]
    myths: Mapping[str, Myth]
    factors: Mapping[str, Factor]
    sources: Mapping[str, str]
    countries: Mapping[str, Text]
    actions: Mapping[str, NextAction]
    choices: Mapping[Choice, Text]
    #: The languages every text of the content is written in (`LANGUAGES` order): a room can
    #: run in these. Always at least `REQUIRED_LANGUAGES`, which the loader insists on.
    languages: tuple[str, ...] = REQUIRED_LANGUAGES
