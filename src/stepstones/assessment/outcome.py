"""Outcomes and flags of an assessment, with their English labels and summaries (msgids)."""

from __future__ import annotations

from enum import StrEnum

from .text import N_

__all__ = ["FLAG_LABELS", "OUTCOME_LABELS", "SUMMARIES", "Flag", "Outcome"]


class Outcome(StrEnum):
    """The screening outcome, in rank order (lowest first)."""

    NO_INDICATORS = "no_indicators"
    SMUGGLING = "smuggling"
    EXPLOITATION_WITHOUT_TRAFFICKING = "exploitation_without_trafficking"
    SMUGGLING_WITH_TRAFFICKING_RISK = "smuggling_with_trafficking_risk"
    POSSIBLE_VICTIM = "possible_victim"

    @property
    def rank(self) -> int:
        """Return the order used for "adding a fact never lowers the outcome"."""
        return _RANK[self]


_RANK = {outcome: index for index, outcome in enumerate(Outcome)}


class Flag(StrEnum):
    """Flags that qualify the outcome."""

    CHILD = "child"
    INTERNAL = "internal"
    INTERCEPTED_BEFORE_DEPARTURE = "intercepted_before_departure"
    SMUGGLED_THEN_TRAFFICKED = "smuggled_then_trafficked"


SUMMARIES = {
    Outcome.POSSIBLE_VICTIM: N_(
        "There are reasonable grounds to suspect trafficking in human beings. Refer the person "
        "for formal identification. This is a screening suggestion, not an identification."
    ),
    Outcome.SMUGGLING_WITH_TRAFFICKING_RISK: N_(
        "The facts point to smuggling of migrants, with signs that it may be turning into "
        "trafficking. Screen further and consult the identification team."
    ),
    Outcome.EXPLOITATION_WITHOUT_TRAFFICKING: N_(
        "The facts point to exploitation, but not yet to the act and the means of trafficking. "
        "Keep asking how the person was recruited or moved, and whether they are free to leave."
    ),
    Outcome.SMUGGLING: N_(
        "The facts point to smuggling of migrants, with no sign of trafficking recorded so far."
    ),
    Outcome.NO_INDICATORS: N_(
        "No combination of facts recorded so far points to trafficking, smuggling or "
        "exploitation. This does not rule them out: ask the questions below."
    ),
}

OUTCOME_LABELS = {
    Outcome.NO_INDICATORS: N_("no indicators of trafficking, smuggling or exploitation so far"),
    Outcome.SMUGGLING: N_("smuggling of migrants"),
    Outcome.EXPLOITATION_WITHOUT_TRAFFICKING: N_("exploitation without trafficking"),
    Outcome.SMUGGLING_WITH_TRAFFICKING_RISK: N_("smuggling with a risk of trafficking"),
    Outcome.POSSIBLE_VICTIM: N_("possible victim of trafficking: refer for identification"),
}
FLAG_LABELS = {
    Flag.CHILD: N_("child (under 18, or presumed to be)"),
    Flag.INTERNAL: N_("internal: no border crossed"),
    Flag.INTERCEPTED_BEFORE_DEPARTURE: N_(
        "transnational: stopped before crossing the border to the destination"
    ),
    Flag.SMUGGLED_THEN_TRAFFICKED: N_("smuggled, then signs of trafficking"),
}
