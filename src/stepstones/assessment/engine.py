"""The assessment engine: facts in, a reasoned screening suggestion out.

`assess(facts)` applies the rules (`rules.py`, where they are listed in order with their
sources), then gathers what the explanation cites: the elements with their evidence, the ILO-EC
dimensions, legal provisions, next steps and notes. The engine suggests; no text says that a
person *is* a victim.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import Any

from .ask import ask_next
from .catalogue import Catalogue, ElementKind, WeightBasis, load_catalogue
from .explain import to_dict
from .facts import Answer, Facts
from .outcome import Flag, Outcome
from .result import AskNext, DimensionResult, ElementFinding, Evidence, Findings
from .rules import RuleResult, apply_rules, rule_input
from .tables import tables_for
from .text import N_, Msg, Translate, identity

__all__ = ["Assessment", "assess"]


class Assessment(Findings):
    """The result of `assess`: outcome, flags and every part of the explanation."""

    @functools.cached_property
    def ask_next(self) -> tuple[AskNext, ...]:
        """Return the unanswered questions that could change the outcome, most decisive first.

        Each unanswered question is tried as "yes": those that would raise the outcome come
        first (the higher the new outcome, the earlier), then those that would add a flag,
        then those that would add a missing element; ties keep journey and catalogue order.
        """
        return ask_next(self)

    def to_dict(
        self, translate: Translate = identity, *, ask_next_limit: int = 10
    ) -> dict[str, Any]:
        """Return a JSON-able explanation; every text is `translate(msgid) % params`."""
        return to_dict(self, translate, ask_next_limit, self.ask_next)


def _applies(tokens: Iterable[str], core: RuleResult, purposes: frozenset[str]) -> bool:
    # Any token holds; "a&b" holds when both a and b hold.
    return any(all(_holds(c, core, purposes) for c in token.split("&")) for token in tokens)


def _holds(cond: str, core: RuleResult, purposes: frozenset[str]) -> bool:
    head, _, value = cond.partition(":")
    return (
        cond == "always"
        or (head == "outcome" and core.outcome.value == value)
        or (head == "flag" and value in core.flags)
        or (head == "purpose" and value in purposes)
        or (cond == "smuggling" and core.smuggling)
        or (cond == "coercion_only" and core.coercion_only)
        or (
            cond == "trafficking"
            and core.outcome in (Outcome.POSSIBLE_VICTIM, Outcome.SMUGGLING_WITH_TRAFFICKING_RISK)
        )
    )


def assess(facts: Facts, catalogue: Catalogue | None = None) -> Assessment:
    """Assess validated facts against the catalogue and return the reasoned result."""
    cat = catalogue or load_catalogue()
    t = tables_for(cat)
    core = apply_rules(t, rule_input(facts))

    order = t.element_order
    elements = tuple(
        ElementFinding(eid, t.kind_of[eid], tuple(sorted(set(core.evidence[eid]), key=_ev_key)))
        for eid in sorted(core.evidence, key=order.__getitem__)
    )
    purposes = frozenset(e.id for e in elements if e.kind is ElementKind.PURPOSE)

    dimensions: list[DimensionResult] = []
    fallback_relied = False
    by_dim: list[list[str]] = [[] for _ in cat.dimension_order]
    for iid in sorted(facts.indicators_yes):
        d = t.dim_of[iid]
        if d >= 0:
            by_dim[d].append(iid)
    for d, did in enumerate(cat.dimension_order):
        # Report the first profile in which the dimension is positive, else the primary one.
        p = 0
        if len(core.clauses) > 1 and core.clauses[0][d] is None and core.clauses[1][d] is not None:
            p = 1
        profile = core.profiles[p]
        table = t.weights[profile]
        weights = tuple(table[iid] for iid in by_dim[d])
        if not fallback_relied:
            fallback_relied = any(iw.basis is not WeightBasis.TRANSCRIBED for iw in weights)
        s, m, w = core.counts[p][d]
        dimensions.append(DimensionResult(did, profile, weights, s, m, w, core.clauses[p][d]))

    smuggling_elements = (
        tuple(
            se.id
            for se in cat.smuggling_elements.values()
            if any(facts.answer(_fact_path(f)) is Answer.YES for f in se.facts)
        )
        if core.smuggling
        else ()
    )
    key = (
        core.outcome,
        core.flags,
        purposes & t.purposes_cited,
        core.smuggling,
        core.coercion_only,
    )
    cited = t.cited.get(key)
    if cited is None:
        cited = (
            tuple(
                p.id for p in cat.provisions.values() if _applies(p.applies_when, core, purposes)
            ),
            tuple(
                s.id for s in cat.next_steps.values() if _applies(s.applies_when, core, purposes)
            ),
        )
        t.cited[key] = cited
    provisions, steps = cited
    return Assessment(
        outcome=core.outcome,
        flags=core.flags,
        catalogue_version=cat.version,
        age_group=core.age_group,
        child_presumed=core.child_presumed,
        profiles=core.profiles,
        elements=elements,
        dimensions=tuple(dimensions),
        step2_met=core.step2_met,
        purpose_inferred=core.purpose_inferred,
        smuggling_found=core.smuggling,
        smuggling_elements=smuggling_elements,
        triggers=core.triggers_fired,
        aggravating=core.aggravating,
        forms_of_exploitation=tuple(sorted(purposes, key=order.__getitem__)),
        legal_provisions=provisions,
        next_steps=steps,
        notes=_notes(facts, core, elements, fallback_relied),
        facts=facts,
        catalogue=cat,
    )


_SOURCE_ORDER = {
    s: i
    for i, s in enumerate(
        (
            "element",
            "implied",
            "indicator",
            "dimension",
            "vulnerability",
            "trigger",
            "sector",
            "smuggling",
        )
    )
}


def _ev_key(ev: Evidence) -> tuple[int, str]:
    """Order evidence the same way whatever order the facts came in."""
    return (_SOURCE_ORDER[ev.source], ev.id)


def _fact_path(fact: str) -> str:
    return fact if "." in fact else f"smuggling.{fact}"


def _notes(
    facts: Facts, core: RuleResult, elements: tuple[ElementFinding, ...], fallback: bool
) -> tuple[Msg, ...]:
    notes: list[Msg] = []
    kinds = {e.kind for e in elements}
    if core.child_presumed:
        notes.append(
            Msg(
                N_(
                    "The person's age is uncertain and there are signs they may be under 18: "
                    "they are treated as a child until their age is verified (CETS 197 Art. 10(3))."
                )
            )
        )
    if core.child:
        notes.append(
            Msg(
                N_(
                    "For a child no means is needed: an act for the purpose of exploitation is "
                    "enough (Palermo Protocol Art. 3(c))."
                )
            )
        )
    elif core.age_group is None:
        notes.append(
            Msg(
                N_(
                    "The person's age is not recorded: adult rules and weights were used. Ask "
                    "their age; a child needs no means."
                )
            )
        )
    if ElementKind.MEANS in kinds and "consented_to_movement" in facts.smuggling_yes:
        notes.append(
            Msg(
                N_(
                    "The person agreed to the journey, but consent is irrelevant once any means "
                    "was used (Palermo Protocol Art. 3(b))."
                )
            )
        )
    if core.purpose_inferred:
        notes.append(
            Msg(
                N_(
                    "No exploitation is recorded yet, but an act and a means are: the purpose of "
                    "exploitation is an intention, and exploitation need not have happened "
                    "(Palermo Protocol Art. 3(a))."
                )
            )
        )
    if core.step2_met:
        notes.append(
            Msg(
                N_(
                    "The ILO-EC combination of dimensions is met. This Step 2 rule is recalled "
                    "and not verified against the primary text."
                )
            )
        )
    if Flag.INTERNAL in core.flags and core.outcome is Outcome.POSSIBLE_VICTIM:
        notes.append(Msg(N_("No border was crossed: trafficking does not need a border crossing.")))
    if Flag.INTERCEPTED_BEFORE_DEPARTURE in core.flags:
        notes.append(
            Msg(
                N_(
                    "The person was stopped before crossing the border, on the way to another "
                    "country: the case is transnational in intent, not internal. Trafficking "
                    "needs no border crossing, and acts such as recruitment are complete before "
                    "departure (CETS 197 Art. 2 and 4(a))."
                )
            )
        )
    if core.coercion_only:
        notes.append(
            Msg(
                N_(
                    "Violence, threats or confinement are recorded, but no exploitation: no work, "
                    "sex, begging, crime or other gain taken from the person. Coercion alone is "
                    "not trafficking (Palermo Protocol Art. 3(a) needs a purpose of "
                    "exploitation); it may be domestic violence or another crime. Keep asking "
                    "whether anyone profits from the person."
                )
            )
        )
    if core.vulnerability_read:
        notes.append(
            Msg(
                N_(
                    "Abuse of a position of vulnerability is read as the Palermo interpretative "
                    "note reads it: the person had no real and acceptable alternative but to "
                    "submit (A/55/383/Add.1 para. 63), here a situation that leaves no "
                    "alternative together with dependence on the exploiter, while exploited. The "
                    "ILO-EC vulnerability dimensions are shown beside it with their own "
                    "threshold."
                )
            )
        )
    if core.act_from_control:
        notes.append(
            Msg(
                N_(
                    "No act was recorded: the strong coercion where the person works (papers "
                    "kept, a debt, confinement, threats) is control over the person, read as "
                    "receipt, which includes gaining control over a person (UNODC Model Law "
                    "2009). Ask how the person was recruited and brought there."
                )
            )
        )
    if fallback:
        notes.append(
            Msg(
                N_(
                    "Some weights used here are not transcribed for this profile: the labour-set "
                    "(or adult) weight was used instead, as marked next to each indicator."
                )
            )
        )
    if facts.education is not None:
        notes.append(
            Msg(
                N_(
                    "Education, wealth or social status never rule out trafficking: they do not "
                    "change this assessment."
                )
            )
        )
    if (
        facts.sector == "sex_industry"
        and not core.child
        and core.outcome in (Outcome.NO_INDICATORS, Outcome.SMUGGLING)
    ):
        notes.append(
            Msg(
                N_(
                    "Adult sex work chosen freely, without an act, a means and exploitation, is "
                    "not trafficking. Keep the door open: ask the questions below."
                )
            )
        )
    if (
        core.smuggling
        and "held_for_ransom" in facts.triggers_yes
        and not any(e.kind is ElementKind.PURPOSE for e in elements)
    ):
        notes.append(
            Msg(
                N_(
                    "Holding a person for ransom is not by itself a purpose of exploitation: it "
                    "is aggravated smuggling or kidnapping unless exploitation is intended."
                )
            )
        )
    return tuple(notes)
