"""The values the notes assistant returns: frozen, typed, free of Django."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


def N_(message: str) -> str:  # noqa: N802 - the conventional name of a gettext no-op marker
    """Mark an English message template for translation; the Django layer translates it."""
    return message


class Kind(StrEnum):
    """What a suggestion points at: a Palermo element, the child flag, an ILO–EC indicator, or a
    way smuggling turns into trafficking (a conversion trigger of the catalogue)."""

    ACT = "act"
    MEANS = "means"
    PURPOSE = "purpose"
    CHILD = "child"
    INDICATOR = "indicator"
    TRIGGER = "trigger"


ACTS = ("recruitment", "transportation", "transfer", "harbouring", "receipt")
MEANS = (
    "threat",
    "use_of_force",
    "other_coercion",
    "abduction",
    "fraud",
    "deception",
    "abuse_of_power",
    "abuse_of_vulnerability",
    "payments_to_controller",
)
PURPOSES = (
    "sexual_exploitation",
    "forced_labour",
    "slavery",
    "servitude",
    "organ_removal",
    "forced_criminality",
    "forced_begging",
    "forced_marriage",
    "illegal_adoption",
    "other_exploitation",
)

ELEMENT_IDS: dict[Kind, tuple[str, ...]] = {
    Kind.ACT: ACTS,
    Kind.MEANS: MEANS,
    Kind.PURPOSE: PURPOSES,
}

# The list inside `facts["elements"]` that holds each kind of element.
ELEMENT_GROUP: dict[Kind, str] = {Kind.ACT: "acts", Kind.MEANS: "means", Kind.PURPOSE: "purposes"}


# English names of the targets, for people; the Django layer translates them.
TARGET_LABELS: dict[str, str] = {
    "child": N_("Child (under 18)"),
    "elements.acts.recruitment": N_("Act: recruitment"),
    "elements.acts.transportation": N_("Act: transportation"),
    "elements.acts.transfer": N_("Act: transfer"),
    "elements.acts.harbouring": N_("Act: harbouring"),
    "elements.acts.receipt": N_("Act: receipt"),
    "elements.means.threat": N_("Means: threat of force"),
    "elements.means.use_of_force": N_("Means: use of force"),
    "elements.means.other_coercion": N_("Means: other forms of coercion"),
    "elements.means.abduction": N_("Means: abduction"),
    "elements.means.fraud": N_("Means: fraud"),
    "elements.means.deception": N_("Means: deception"),
    "elements.means.abuse_of_power": N_("Means: abuse of power"),
    "elements.means.abuse_of_vulnerability": N_("Means: abuse of a position of vulnerability"),
    "elements.means.payments_to_controller": N_(
        "Means: payments to a person having control over the person"
    ),
    "elements.purposes.sexual_exploitation": N_("Purpose: sexual exploitation"),
    "elements.purposes.forced_labour": N_("Purpose: forced labour or services"),
    "elements.purposes.slavery": N_("Purpose: slavery or practices similar to slavery"),
    "elements.purposes.servitude": N_("Purpose: servitude"),
    "elements.purposes.organ_removal": N_("Purpose: removal of organs"),
    "elements.purposes.forced_criminality": N_("Purpose: forced criminality"),
    "elements.purposes.forced_begging": N_("Purpose: forced begging"),
    "elements.purposes.forced_marriage": N_("Purpose: forced marriage"),
    "elements.purposes.illegal_adoption": N_("Purpose: illegal adoption"),
    "elements.purposes.other_exploitation": N_("Purpose: other exploitation"),
}


class Reason(StrEnum):
    """Why a match in the notes was not turned into a suggestion."""

    NEGATED = "negated"
    HYPOTHETICAL = "hypothetical"
    QUESTION = "question"
    OTHER_PERSON = "other_person"
    ADULT_AGE = "adult_age"


REASON_MESSAGES: dict[Reason, str] = {
    Reason.NEGATED: N_('"%(cue)s" negates "%(match)s".'),
    Reason.HYPOTHETICAL: N_('"%(cue)s" makes "%(match)s" hypothetical.'),
    Reason.QUESTION: N_('"%(match)s" is part of a question, not an observation.'),
    Reason.OTHER_PERSON: N_('"%(match)s" is about someone else ("%(cue)s"), not the person.'),
    Reason.ADULT_AGE: N_(
        '"%(match)s" does not make the person a child: the notes give an adult age ("%(cue)s").'
    ),
}


@dataclass(frozen=True, order=True)
class Target:
    """A thing the notes may show: `kind` and its catalogue `id` (`child` for the child flag)."""

    kind: Kind
    id: str

    @property
    def fact(self) -> str:
        """Return the dotted path into the facts mapping the engine reads."""
        if self.kind is Kind.CHILD:
            return "child"
        if self.kind is Kind.INDICATOR:
            return f"indicators.{self.id}"
        if self.kind is Kind.TRIGGER:
            return f"triggers.{self.id}"
        return f"elements.{ELEMENT_GROUP[self.kind]}.{self.id}"

    @property
    def label(self) -> str:
        """Return the English name of the target (an indicator's id when it has none here)."""
        return TARGET_LABELS.get(self.fact, self.id)


@dataclass(frozen=True)
class Span:
    """Characters `start:end` of the notes (`text` is `notes[start:end]`) and its sentence."""

    start: int
    end: int
    text: str
    sentence_start: int
    sentence_end: int
    sentence: str


@dataclass(frozen=True)
class Evidence:
    """One match of a lexicon rule that supports a suggestion, with the rule's weight."""

    rule: str
    span: Span
    weight: float


@dataclass(frozen=True)
class Suppressed:
    """A match that was not counted, why (`reason`), and the words that made it so (`cue`)."""

    target: Target
    rule: str
    span: Span
    reason: Reason
    cue: str

    @property
    def message(self) -> str:
        """Return the English message template; fill it with `params`."""
        return REASON_MESSAGES[self.reason]

    @property
    def params(self) -> dict[str, str]:
        """Return the parameters of `message`."""
        return {"cue": self.cue, "match": self.span.text}


@dataclass(frozen=True)
class Suggestion:
    """A target the notes suggest, how confident, and every span that supports it (strongest first).

    `confidence` is the noisy-OR of the evidence weights: 1 - prod(1 - weight), capped at 0.99, so
    one strong cue or several independent weak ones make a confident suggestion.
    """

    target: Target
    confidence: float
    evidence: tuple[Evidence, ...]

    @property
    def fact(self) -> str:
        """Return the fact path a worker confirms to apply this suggestion."""
        return self.target.fact

    @property
    def span(self) -> Span:
        """Return the strongest supporting span."""
        return self.evidence[0].span


@dataclass(frozen=True)
class Suggestions:
    """Everything `suggest()` found in one text: suggestions (most confident first) and what it
    did not count, so a worker sees why."""

    text: str
    language: str
    lexicon_version: str
    suggestions: tuple[Suggestion, ...]
    suppressed: tuple[Suppressed, ...] = field(default=())

    @property
    def facts(self) -> list[str]:
        """Return the fact paths of every suggestion (what a worker could confirm)."""
        return [s.fact for s in self.suggestions]

    def suppressed_for(self, fact: str) -> tuple[Suppressed, ...]:
        """Return the matches of `fact` that were not counted (the negations it respected)."""
        return tuple(item for item in self.suppressed if item.target.fact == fact)
