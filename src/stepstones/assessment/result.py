"""The result types of an assessment: what was found, and the evidence for each finding."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from .catalogue import AgeGroup, Catalogue, ElementKind, Profile, Question, Weight, WeightBasis
from .facts import Facts
from .outcome import Flag, Outcome
from .text import Msg

__all__ = [
    "AskNext",
    "DimensionResult",
    "ElementFinding",
    "Evidence",
    "Findings",
    "IndicatorWeight",
]


class Evidence(NamedTuple):
    """One fact that evidences an element: `source` is element, indicator, dimension, trigger,
    smuggling or sector; `id` names the entry in that part of the catalogue."""

    source: str
    id: str


class ElementFinding(NamedTuple):
    """A Palermo element found, with the facts that evidence it."""

    id: str
    kind: ElementKind
    evidence: tuple[Evidence, ...]


class IndicatorWeight(NamedTuple):
    """A present indicator in a dimension, with the weight used and how it was obtained."""

    id: str
    weight: Weight
    basis: WeightBasis


class DimensionResult(NamedTuple):
    """An ILO-EC dimension: indicators present, counts, and the clause that fired (or None)."""

    id: str
    profile: Profile
    indicators: tuple[IndicatorWeight, ...]
    strong: int
    medium: int
    weak: int
    clause: str | None

    @property
    def positive(self) -> bool:
        """Return whether the dimension is positive (a Step 1 clause fired)."""
        return self.clause is not None


@dataclass(frozen=True, slots=True)
class AskNext:
    """An unanswered question that could change the outcome, and what answering yes would do."""

    question: Question
    outcome_if_yes: Outcome
    flags_gained: tuple[Flag, ...]
    reason: Msg


@dataclass(frozen=True)
class Findings:
    """What an assessment found: outcome, flags and every part of the explanation.

    `engine.Assessment` adds the explanation as a mapping and the questions to ask next; the
    modules that compute those read this class, so that nothing imports in a circle.
    """

    outcome: Outcome
    flags: frozenset[Flag]
    catalogue_version: str
    age_group: AgeGroup | None  # None: age unknown and no sign of a child (adult weights used)
    child_presumed: bool
    profiles: tuple[Profile, ...]
    elements: tuple[ElementFinding, ...]
    dimensions: tuple[DimensionResult, ...]
    step2_met: bool
    purpose_inferred: bool
    smuggling_found: bool
    smuggling_elements: tuple[str, ...]
    triggers: tuple[str, ...]
    aggravating: tuple[str, ...]
    forms_of_exploitation: tuple[str, ...]
    legal_provisions: tuple[str, ...]
    next_steps: tuple[str, ...]
    notes: tuple[Msg, ...]
    facts: Facts = field(repr=False, compare=False)
    catalogue: Catalogue = field(repr=False, compare=False)

    def element_ids(self, kind: ElementKind | None = None) -> frozenset[str]:
        """Return the ids of the elements found (of one kind, or all)."""
        return frozenset(e.id for e in self.elements if kind is None or e.kind is kind)
