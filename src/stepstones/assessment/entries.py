"""The catalogue's entries as typed values: indicators, elements, sources, questions and the rest.

`catalogue.py` reads the data files into these; the engine and the pages read them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

__all__ = [
    "AgeGroup",
    "Catalogue",
    "CatalogueError",
    "Dimension",
    "Element",
    "ElementKind",
    "ExploitationType",
    "Indicator",
    "LegalProvision",
    "NextStep",
    "Profile",
    "Question",
    "Sector",
    "SmugglingElement",
    "SmugglingFact",
    "Source",
    "Stage",
    "Trigger",
    "VulnerabilityRule",
    "Weight",
    "WeightBasis",
    "WeightEntry",
]

# The pseudo-element an indicator names when the purpose depends on the context.
EXPLOITATION = "exploitation"


class CatalogueError(ValueError):
    """A data file is inconsistent (a programming error: the catalogue test catches it)."""


class Stage(StrEnum):
    """Where in the journey a question belongs, in journey order."""

    PERSON = "person"
    RECRUITMENT = "recruitment"
    TRAVEL = "travel"
    DESTINATION = "destination"


STAGE_ORDER = {stage: index for index, stage in enumerate(Stage)}


class ElementKind(StrEnum):
    """The three elements of trafficking (Palermo Art. 3(a))."""

    ACT = "act"
    MEANS = "means"
    PURPOSE = "purpose"


class Weight(StrEnum):
    """ILO-EC indicator weight."""

    STRONG = "strong"
    MEDIUM = "medium"
    WEAK = "weak"


class WeightBasis(StrEnum):
    """How a profile's weight was obtained."""

    TRANSCRIBED = "transcribed"
    LABOUR_FALLBACK = "fallback"  # sexual weight not transcribed: the labour weight is used
    ADULT_FALLBACK = "not_in_set"  # not in the child list: the adult weight is used
    ASSUMED = "assumed"  # not transcribed: derived from a partial or recalled statement


class AgeGroup(StrEnum):
    """Age group of an ILO-EC profile."""

    ADULT = "adult"
    CHILD = "child"


class ExploitationType(StrEnum):
    """Exploitation type of an ILO-EC profile."""

    LABOUR = "labour"
    SEXUAL = "sexual"


class Profile(StrEnum):
    """The four ILO-EC indicator sets."""

    ADULT_LABOUR = "adult_labour"
    CHILD_LABOUR = "child_labour"
    ADULT_SEXUAL = "adult_sexual"
    CHILD_SEXUAL = "child_sexual"

    @staticmethod
    def of(age: AgeGroup, kind: ExploitationType) -> Profile:
        """Return the profile for an age group and exploitation type."""
        return Profile(f"{age.value}_{kind.value}")


@dataclass(frozen=True, slots=True)
class Source:
    """A cited source and what the research note says about its verification."""

    id: str
    citation: str
    tag: str  # V, S, M, NOT_FOUND or DESIGN


@dataclass(frozen=True, slots=True)
class Question:
    """A question a worker asks (or a sign to observe); a form sets `fact` to yes/no/unknown."""

    id: str
    fact: str
    text: str
    help: str
    stage: Stage
    child_only: bool = False  # only about children: not asked about a known adult


@dataclass(frozen=True, slots=True)
class Element:
    """A Palermo element: an act, a means or a purpose."""

    id: str
    kind: ElementKind
    label: str
    help: str
    source: str
    verified: bool
    question: Question | None
    implies: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Dimension:
    """One of the six ILO-EC dimensions."""

    id: str
    number: int
    name: str
    phase: str
    evidences: tuple[str, ...]
    source: str
    verified: bool


@dataclass(frozen=True, slots=True)
class WeightEntry:
    """An indicator's weight in one profile and how it was obtained."""

    weight: Weight
    basis: WeightBasis
    source: str


@dataclass(frozen=True, slots=True)
class Indicator:
    """An ILO-EC indicator (dimension set) or a supplementary sign (dimension None, no weights)."""

    id: str
    name: str
    dimension: str | None
    weights: Mapping[Profile, WeightEntry]
    evidences: tuple[str, ...]
    stage: Stage
    question: Question
    help: str
    source: str
    verified: bool
    # The indicator itself shows work, services or gain taken from the person, so coercion
    # beside it can evidence a purpose (every exploitative-conditions indicator does).
    shows_exploitation: bool = False

    @property
    def supplementary(self) -> bool:
        """Return whether this is a supplementary sign outside the ILO-EC dimensions."""
        return self.dimension is None


@dataclass(frozen=True, slots=True)
class SmugglingElement:
    """An element of the smuggling offence and the facts that evidence it."""

    id: str
    label: str
    facts: tuple[str, ...]
    source: str
    verified: bool


@dataclass(frozen=True, slots=True)
class SmugglingFact:
    """A smuggling fact a worker records under `smuggling:`."""

    id: str
    role: str  # smuggling | relationship | aggravating
    question: Question
    source: str
    verified: bool


@dataclass(frozen=True, slots=True)
class Trigger:
    """A way smuggling turns into trafficking (research note section 1.4, T1-T10)."""

    id: str
    code: str
    name: str
    help: str
    evidences: tuple[str, ...]
    also_from: tuple[str, ...]
    signals_child: bool
    question: Question
    source: str
    verified: bool


@dataclass(frozen=True, slots=True)
class LegalProvision:
    """A legal provision the explanation can cite."""

    id: str
    title: str
    text: str
    applies_when: tuple[str, ...]
    source: str
    verified: bool


@dataclass(frozen=True, slots=True)
class NextStep:
    """A next step the explanation can propose."""

    id: str
    text: str
    applies_when: tuple[str, ...]
    source: str
    verified: bool


@dataclass(frozen=True, slots=True)
class Sector:
    """A sector of work and what it means for the weight sets and the form of exploitation."""

    id: str
    label: str
    form: str
    sexual: bool
    child_purpose: str | None
    source: str
    verified: bool


@dataclass(frozen=True, slots=True)
class VulnerabilityRule:
    """The Palermo reading of abuse of a position of vulnerability (catalogue.yaml).

    A situation that leaves no real and acceptable alternative, together with dependence on the
    exploiter, while the person is exploited, evidences the means.
    """

    situations: frozenset[str]
    dependence: frozenset[str]
    source: str
    verified: bool


@dataclass(frozen=True)
class Catalogue:
    """The whole catalogue, read from the package data files, with indexes for the engine."""

    version: str
    sources: Mapping[str, Source]
    elements: Mapping[str, Element]
    dimensions: Mapping[str, Dimension]
    indicators: Mapping[str, Indicator]
    smuggling_elements: Mapping[str, SmugglingElement]
    smuggling_facts: Mapping[str, SmugglingFact]
    triggers: Mapping[str, Trigger]
    provisions: Mapping[str, LegalProvision]
    next_steps: Mapping[str, NextStep]
    sectors: Mapping[str, Sector]
    step2_clauses: tuple[tuple[str, ...], ...]
    person_questions: tuple[Question, ...]
    vulnerability_rule: VulnerabilityRule
    # Precompiled for the engine: (dimension index, weight code 0/1/2) per profile and indicator.
    weight_index: Mapping[Profile, Mapping[str, tuple[int, int]]] = field(repr=False)
    dimension_order: tuple[str, ...] = field(repr=False)
    # Other spellings accepted in facts for an indicator id: the ILO wording as snake_case
    # ("confiscation_of_documents") and the entry's `aliases`; ambiguous spellings are dropped.
    indicator_aliases: Mapping[str, str] = field(repr=False, default_factory=dict)

    def elements_of(self, kind: ElementKind) -> tuple[Element, ...]:
        """Return the elements of one kind, in catalogue order."""
        return tuple(e for e in self.elements.values() if e.kind is kind)

    def questions(self) -> list[Question]:
        """Return every question in catalogue order (person, indicators, acts, smuggling...)."""
        found: list[Question] = list(self.person_questions)
        found += [e.question for e in self.elements.values() if e.question is not None]
        found += [i.question for i in self.indicators.values()]
        found += [f.question for f in self.smuggling_facts.values()]
        found += [t.question for t in self.triggers.values()]
        return found

    def questions_by_stage(self) -> list[tuple[Stage, list[Question]]]:
        """Return the questions grouped by stage, in journey order (person first)."""
        groups: dict[Stage, list[Question]] = {stage: [] for stage in Stage}
        for question in self.questions():
            groups[question.stage].append(question)
        return [(stage, qs) for stage, qs in groups.items() if qs]

    def all_msgids(self) -> list[str]:
        """Return every English text in the catalogue, once each, for gettext extraction."""
        texts: list[str] = []
        texts += [q.text for q in self.questions()] + [q.help for q in self.questions()]
        texts += [e.label for e in self.elements.values()] + [
            e.help for e in self.elements.values()
        ]
        texts += [d.name for d in self.dimensions.values()]
        texts += [i.name for i in self.indicators.values()] + [
            i.help for i in self.indicators.values()
        ]
        texts += [s.label for s in self.smuggling_elements.values()]
        texts += [t.name for t in self.triggers.values()] + [t.help for t in self.triggers.values()]
        for p in self.provisions.values():
            texts += [p.title, p.text]
        texts += [s.text for s in self.next_steps.values()]
        texts += [s.label for s in self.sectors.values()]
        return list(dict.fromkeys(t for t in texts if t))


# ---------------------------------------------------------------------------------------------
# Loading
