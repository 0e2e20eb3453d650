"""The rules: a small input read from the facts in, the outcome and its evidence out.

A pure function of `RuleInput`, cheap enough to rerun once per unanswered question for "what to
ask next". The rules read in the order they apply; each cites the text it rests on.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from .catalogue import EXPLOITATION, AgeGroup, ElementKind, ExploitationType, Profile
from .facts import AgeBand, Answer, Facts
from .outcome import Flag, Outcome
from .result import Evidence
from .tables import Tables

__all__ = ["RuleInput", "RuleResult", "apply_rules", "rule_input", "step1_clause"]


class RuleInput(NamedTuple):
    indicators: frozenset[str]
    triggers: frozenset[str]
    smuggling_yes: frozenset[str]
    smuggling_no: frozenset[str]
    acts: frozenset[str]
    means: frozenset[str]
    purposes: frozenset[str]
    age: int | None
    age_band: AgeBand
    may_be_child: Answer
    sector: str | None
    internal: bool
    irregular_no: bool


def rule_input(facts: Facts) -> RuleInput:
    route = facts.route
    internal = route.crossed_border is Answer.NO or (
        route.crossed_border is not Answer.YES
        and route.irregular_crossing is not Answer.YES
        and route.origin is not None
        and route.origin == route.destination
        and not route.transit
    )
    return RuleInput(
        indicators=facts.indicators_yes,
        triggers=facts.triggers_yes,
        smuggling_yes=facts.smuggling_yes,
        smuggling_no=facts.smuggling_no,
        acts=facts.acts,
        means=facts.means,
        purposes=facts.purposes,
        age=facts.age,
        age_band=facts.age_band,
        may_be_child=facts.may_be_child,
        sector=facts.sector,
        internal=internal,
        irregular_no=route.irregular_crossing is Answer.NO,
    )


# The weight sets that apply: the sexual set (first, the primary one) only with signs of sexual
# exploitation; the labour set always, so more facts never remove a set.
_PROFILES = {
    (age, sexual): (
        (Profile.of(age, ExploitationType.SEXUAL), Profile.of(age, ExploitationType.LABOUR))
        if sexual
        else (Profile.of(age, ExploitationType.LABOUR),)
    )
    for age in AgeGroup
    for sexual in (False, True)
}


def step1_clause(s: int, m: int, w: int) -> str | None:
    """Return the ILO-EC Step 1 clause that makes a dimension positive, or None."""
    if s >= 2:
        return "a"
    if s >= 1 and m + w >= 1:
        return "b"
    if m >= 3:
        return "c"
    if m >= 2 and w >= 1:
        return "d"
    return None


@dataclass(slots=True)
class RuleResult:
    outcome: Outcome
    flags: frozenset[Flag]
    child: bool
    child_presumed: bool
    age_group: AgeGroup | None
    profiles: tuple[Profile, ...]
    counts: list[list[list[int]]]  # per profile, per dimension: [strong, medium, weak]
    clauses: list[list[str | None]]  # per profile, per dimension
    positive: list[bool]  # per dimension, any profile
    evidence: dict[str, list[Evidence]]
    step2_met: bool
    purpose_inferred: bool
    smuggling: bool
    aggravating: tuple[str, ...]
    triggers_fired: tuple[str, ...]
    context_purpose: str


def apply_rules(t: Tables, x: RuleInput) -> RuleResult:  # noqa: C901 - the rules, in order, in one place
    # Age: a stated age or band, or the child presumption when there are signs (CETS Art. 10(3)).
    if x.age is not None:
        child_by_age: bool | None = x.age < 18
    elif x.age_band is AgeBand.CHILD:
        child_by_age = True
    elif x.age_band is AgeBand.ADULT:
        child_by_age = False
    else:
        child_by_age = None
    signs = x.may_be_child is Answer.YES or not t.child_triggers.isdisjoint(x.triggers)
    child = child_by_age is True or signs
    presumed = signs and child_by_age is not True
    age_group = AgeGroup.CHILD if child else (AgeGroup.ADULT if child_by_age is False else None)
    age = AgeGroup.CHILD if child else AgeGroup.ADULT

    # Sexual-exploitation context: adds the sexual weight set; names the context purpose.
    sexual = (
        (x.sector in t.sexual_sectors)
        or "sexual_exploitation" in x.purposes
        or "earnings_from_sex_taken" in x.indicators
        or "sexual_violence_as_payment" in x.triggers
    )
    if "sexual_exploitation" in x.purposes or "earnings_from_sex_taken" in x.indicators:
        context_purpose = "sexual_exploitation"
    elif x.sector is not None:
        context_purpose = t.sector_form[x.sector]
    else:
        context_purpose = "forced_labour"
    profiles = _PROFILES[(age, sexual)]

    # Step 1 per profile; a dimension is positive in any profile that applies.
    ndim = len(t.dim_evidences)
    counts: list[list[list[int]]] = []
    clauses: list[list[str | None]] = []
    positive = [False] * ndim
    strong: set[str] = set()
    for profile in profiles:
        codes = t.codes[profile]
        c = [[0, 0, 0] for _ in range(ndim)]
        for iid in x.indicators:
            code = codes.get(iid)
            if code is not None:
                c[t.dim_of[iid]][code] += 1
                if code == 0:
                    strong.add(iid)
        cl = [step1_clause(*row) for row in c]
        for d in range(ndim):
            if cl[d] is not None:
                positive[d] = True
        counts.append(c)
        clauses.append(cl)

    # Palermo elements and their evidence.
    kind_of = t.kind_of
    evidence: dict[str, list[Evidence]] = {}

    def add(element: str, ev: Evidence) -> None:
        if element == EXPLOITATION:
            element = context_purpose
        evidence.setdefault(element, []).append(ev)

    for kind_set in (x.acts, x.means, x.purposes):
        for eid in kind_set:
            ev = Evidence("element", eid)
            add(eid, ev)
            for implied in t.implies.get(eid, ()):
                add(implied, Evidence("implied", eid))
    # Acts are facts about what happened, whatever the weight; means and purposes need a
    # strong indicator or a positive dimension (Step 1).
    for iid in x.indicators:
        d = t.dim_of[iid]
        ev = Evidence("indicator", iid)
        if d < 0 or iid in strong or positive[d]:
            for eid in t.evidences[iid]:
                add(eid, ev)
        else:
            for eid in t.evidences[iid]:
                if kind_of[eid] is ElementKind.ACT:
                    add(eid, ev)
    for d in range(ndim):
        if positive[d]:
            ev = Evidence("dimension", t.catalogue.dimension_order[d])
            for eid in t.dim_evidences[d]:
                add(eid, ev)
    for tid in x.triggers:
        ev = Evidence("trigger", tid)
        for eid in t.trigger_evidences[tid]:
            add(eid, ev)
    if child and x.sector in t.sector_child_purpose:
        add(t.sector_child_purpose[x.sector], Evidence("sector", x.sector))
    smuggling_yes = x.smuggling_yes
    if "paid_to_cross" in smuggling_yes:
        add("transportation", Evidence("smuggling", "paid_to_cross"))
    if "consented_to_movement" in x.smuggling_no:
        add("other_coercion", Evidence("smuggling", "consented_to_movement"))

    acts = [e for e in evidence if kind_of[e] is ElementKind.ACT]
    has_means = any(kind_of[e] is ElementKind.MEANS for e in evidence)
    has_purpose = any(kind_of[e] is ElementKind.PURPOSE for e in evidence)

    # Smuggling (Smuggling Protocol Art. 3, 6(1)).
    smuggling = (
        not x.internal
        and "consented_to_movement" not in x.smuggling_no
        and (
            ("paid_to_cross" in smuggling_yes and not x.irregular_no)
            or "false_documents_provided" in smuggling_yes
            or "helped_to_stay_irregularly" in smuggling_yes
        )
    )
    aggravating = tuple(
        sorted(f for f in ("life_endangered", "inhuman_treatment") if f in smuggling_yes)
    )
    fired = set(x.triggers)
    for iid in x.indicators:
        fired.update(t.trigger_also.get(iid, ()))
    triggers_fired = tuple(sorted(fired)) if smuggling or x.triggers else ()

    step2_met = not child and all(any(positive[d] for d in clause) for clause in t.step2)
    # Recruited by deception or coercion (or means observed directly): the purpose is an
    # intention and exploitation need not have happened yet. Means that only come from the
    # journey or from triggers (smugglers' violence, ransom) do not infer a purpose.
    purpose_inferred = (
        not has_purpose
        and not step2_met
        and bool(acts)
        and any(
            kind_of[e] is ElementKind.MEANS
            and any(
                ev.source in ("element", "smuggling") or ev.id in t.recruitment_sources
                for ev in evidence[e]
            )
            for e in evidence
        )
    )
    trafficking = (
        (acts and has_purpose and (has_means or child))
        or step2_met
        or (child and has_purpose)
        or purpose_inferred
    )
    if trafficking:
        outcome = Outcome.POSSIBLE_VICTIM
    elif (
        # A conversion trigger (research §1.4: held by smugglers, held for ransom, sold on, a
        # child controlled by a non-relative...) is itself a sign that a journey is turning
        # into trafficking, even when the facts of the smuggling itself were not recorded.
        bool(x.triggers)
        or smuggling
        and (
            child
            or bool(triggers_fired)
            or bool(aggravating)
            or has_means
            or has_purpose
            or "relationship_ended_at_arrival" in x.smuggling_no
            or not t.evidencing_indicators.isdisjoint(x.indicators)
            # Vulnerability alone is not a sign of trafficking: only dimensions that evidence
            # elements count here.
            or any(positive[d] for d in range(ndim) if t.dim_evidences[d])
        )
    ):
        outcome = Outcome.SMUGGLING_WITH_TRAFFICKING_RISK
    elif has_purpose:
        outcome = Outcome.EXPLOITATION_WITHOUT_TRAFFICKING
    elif smuggling:
        outcome = Outcome.SMUGGLING
    else:
        outcome = Outcome.NO_INDICATORS

    flags = set()
    if child:
        flags.add(Flag.CHILD)
    if x.internal:
        flags.add(Flag.INTERNAL)
    if smuggling and outcome is Outcome.POSSIBLE_VICTIM:
        flags.add(Flag.SMUGGLED_THEN_TRAFFICKED)
    return RuleResult(
        outcome=outcome,
        flags=frozenset(flags),
        child=child,
        child_presumed=presumed,
        age_group=age_group,
        profiles=profiles,
        counts=counts,
        clauses=clauses,
        positive=positive,
        evidence=evidence,
        step2_met=step2_met,
        purpose_inferred=bool(purpose_inferred),
        smuggling=smuggling,
        aggravating=aggravating,
        triggers_fired=triggers_fired,
        context_purpose=context_purpose,
    )
