"""The rules: a small input read from the facts in, the outcome and its evidence out.

A pure function of `RuleInput`, cheap enough to rerun once per unanswered question for "what to
ask next". In order (docs/catalogue.md explains each with its sources):

1. Age: a stated age or band, or the child presumption when there are signs (CETS 197 Art. 10(3)).
2. Weight sets: the age group with the labour set, plus the sexual set with signs of sexual
   exploitation; more facts never remove a set.
3. ILO-EC Step 1 per dimension and set: (a) two strong, (b) one strong and one medium or weak,
   (c) three medium, (d) two medium and one weak.
4. Palermo elements (Art. 3(a)): an indicator evidences its acts always, its means and purposes
   when strong or its dimension positive; a positive dimension evidences its own elements (a
   positive coercion at destination is receipt: control gained over the person). The context
   purpose (`exploitation`) needs something to exploit: coercion alone is never a purpose (ILO
   C29 Art. 2(1)), and a purpose answered "no" is never inferred.
5. Abuse of a position of vulnerability, the Palermo reading (A/55/383/Add.1 para. 63): a
   situation leaving no real alternative plus dependence on the exploiter, while exploited.
6. Smuggling (Smuggling Protocol Art. 3, 6(1)).
7. Outcome, highest first:
   - possible_victim: act + purpose + (means or child) [Palermo Art. 3(a), (c)]; or ILO-EC
     Step 2 for adults; or a child with a purpose; or act + means at recruitment with no
     exploitation yet (the purpose is an intention).
   - smuggling_with_trafficking_risk: smuggling plus any sign of trafficking (a smuggled child
     only while not known to travel with a parent or carer), or a conversion trigger.
   - exploitation_without_trafficking: a purpose without both an act and a means (an adult).
   - smuggling, else no_indicators.
8. Flags: child; internal (no border crossed or intended); intercepted_before_departure (no
   border crossed yet, a destination abroad); smuggled_then_trafficked.
No input lowers the outcome because of education, wealth or status: there is no such input.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from .entries import EXPLOITATION, AgeGroup, ElementKind, ExploitationType, Profile
from .facts import AgeBand, Answer, Facts
from .outcome import Flag, Outcome
from .result import Evidence
from .tables import Tables

__all__ = ["RuleInput", "RuleResult", "apply_rules", "rule_input", "step1_clause"]


class RuleInput(NamedTuple):
    """The facts the rules read, in a form cheap to copy with one answer changed."""

    indicators: frozenset[str]
    triggers: frozenset[str]
    triggers_no: frozenset[str]
    smuggling_yes: frozenset[str]
    smuggling_no: frozenset[str]
    acts: frozenset[str]
    means: frozenset[str]
    purposes: frozenset[str]
    elements_no: frozenset[str]
    age: int | None
    age_band: AgeBand
    may_be_child: Answer
    sector: str | None
    internal: bool
    intercepted: bool
    irregular_no: bool


def rule_input(facts: Facts) -> RuleInput:
    """Return the rules' input for `facts`, with the journey read as internal or intercepted.

    Internal: no border crossed and none intended (the same origin and destination, or no
    border crossed and no destination recorded). Trafficking needs no border (CETS 197 Art. 2).
    Intercepted before departure: no border crossed yet, but a destination in another country
    (or a route through others); the case is transnational in intent, not internal. With only a
    destination recorded, neither is said: where the person set out from decides it.
    """
    route = facts.route
    # A destination abroad: another country than the origin, or a route through other countries.
    abroad = route.destination is not None and (
        (route.origin is not None and route.origin != route.destination) or bool(route.transit)
    )
    # No border crossed, a destination recorded but not where from: internal or not is unknown.
    unknown = route.origin is None and route.destination is not None and not route.transit
    intercepted = route.crossed_border is Answer.NO and abroad
    internal = not intercepted and (
        (route.crossed_border is Answer.NO and not unknown)
        or (
            route.crossed_border is not Answer.YES
            and route.irregular_crossing is not Answer.YES
            and route.origin is not None
            and route.origin == route.destination
            and not route.transit
        )
    )
    return RuleInput(
        indicators=facts.indicators_yes,
        triggers=facts.triggers_yes,
        triggers_no=facts.triggers_no,
        smuggling_yes=facts.smuggling_yes,
        smuggling_no=facts.smuggling_no,
        acts=facts.acts,
        means=facts.means,
        purposes=facts.purposes,
        elements_no=facts.elements_no,
        age=facts.age,
        age_band=facts.age_band,
        may_be_child=facts.may_be_child,
        sector=facts.sector,
        internal=internal,
        intercepted=intercepted,
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
    """What the rules found: the outcome and flags, and every intermediate the explanation shows."""

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
    exploitation_context: bool
    coercion_only: bool  # means recorded, no purpose, no smuggling: not trafficking
    act_from_control: bool  # the only act is control over the person at the workplace
    vulnerability_read: bool  # abuse of vulnerability from the Palermo reading, not ILO-EC


# The evidence of an act read from control over the person at the workplace (rule 4).
_CONTROL = Evidence("dimension", "coercion_at_destination")


class _Age(NamedTuple):
    child: bool
    presumed: bool
    group: AgeGroup | None


def _age(t: Tables, x: RuleInput) -> _Age:
    """Return whether the person is a child, and whether only presumed to be one.

    A stated age or band decides; when the age is uncertain and there are signs of a child, the
    person is presumed to be a child until their age is verified (CETS 197 Art. 10(3)).
    """
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
    group = AgeGroup.CHILD if child else (AgeGroup.ADULT if child_by_age is False else None)
    return _Age(child, signs and child_by_age is not True, group)


def _exploitation_context(t: Tables, x: RuleInput) -> bool:
    """Return whether anything recorded shows work, services or gain taken from the person.

    Forced labour is work exacted under the menace of a penalty (ILO C29 Art. 2(1)): coercion
    is half of it, and the work is the other half. Violence, threats or confinement with no
    work, sex, begging, crime or other gain recorded evidence a means, never a purpose on their
    own. The context is a sector the person works in, an indicator that itself shows work or
    gain (`shows_exploitation` in indicators.yaml), or a purpose recorded or evidenced directly.
    """
    return (
        x.sector is not None
        or bool(x.purposes)
        or not t.shows_exploitation.isdisjoint(x.indicators)
        or not t.purpose_triggers.isdisjoint(x.triggers)
    )


def _step1(
    t: Tables, x: RuleInput, profiles: tuple[Profile, ...]
) -> tuple[list[list[list[int]]], list[list[str | None]], list[bool], set[str]]:
    """Count each dimension's indicators by weight, per profile, and find the Step 1 clauses.

    A dimension is positive when it is positive in any profile that applies (ILO-EC 2009,
    Step 1), so more facts never lower it. Also return the indicators strong in any profile.
    """
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
    return counts, clauses, positive, strong


def apply_rules(t: Tables, x: RuleInput) -> RuleResult:  # noqa: C901 - the rules, in order
    """Apply the rules to `x`, in the order the module docstring lists them."""
    age = _age(t, x)
    child = age.child

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
    context = _exploitation_context(t, x)
    profiles = _PROFILES[(AgeGroup.CHILD if child else AgeGroup.ADULT, sexual)]
    counts, clauses, positive, strong = _step1(t, x, profiles)
    ndim = len(positive)

    # Palermo elements and their evidence (Art. 3(a)).
    kind_of = t.kind_of
    evidence: dict[str, list[Evidence]] = {}

    def add(element: str, ev: Evidence) -> None:
        if element == EXPLOITATION:
            # The purpose that fits the context, only when there is one, and never a purpose
            # the worker answered "no" to.
            if not context or context_purpose in x.elements_no:
                return
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
    # A positive dimension evidences its elements. A positive coercion at destination (papers
    # kept, a debt, confinement, threats) is control over the person where they are exploited:
    # the receipt of the person, whose act includes gaining control over them (UNODC Model Law
    # against Trafficking in Persons, 2009, commentary on the acts).
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

    has_purpose = any(kind_of[e] is ElementKind.PURPOSE for e in evidence)
    # Abuse of a position of vulnerability: the person has no real and acceptable alternative
    # but to submit to the abuse involved (Interpretative Notes, A/55/383/Add.1 para. 63). A
    # situation that leaves no alternative (no papers, illness, pregnancy, not knowing the
    # place) together with dependence on the exploiter for a bed or food, while exploited, is
    # that abuse, whether or not the ILO-EC vulnerability dimension reaches its threshold.
    vulnerability_read = False
    if has_purpose and "abuse_of_vulnerability" not in evidence:
        situations = sorted(t.apov_situations & x.indicators)
        dependence = sorted(t.apov_dependence & x.indicators)
        if situations and dependence:
            vulnerability_read = True
            for iid in situations + dependence:
                add("abuse_of_vulnerability", Evidence("vulnerability", iid))

    acts = [e for e in evidence if kind_of[e] is ElementKind.ACT]
    has_means = any(kind_of[e] is ElementKind.MEANS for e in evidence)

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
    # A smuggled child is at risk by age alone unless the child travels with a parent or usual
    # carer, or every conversion trigger was asked and answered no; an unaccompanied or
    # separated child stays at risk (UN CRC General Comment No. 6, 2005, paras 7-8).
    unaccompanied = "child_unaccompanied" in x.smuggling_yes
    child_at_risk = child and (
        unaccompanied
        or not ("child_unaccompanied" in x.smuggling_no or t.trigger_ids <= x.triggers_no)
    )
    trafficking = (
        (acts and has_purpose and (has_means or child))
        or step2_met
        or (child and has_purpose)
        or purpose_inferred
    )
    if trafficking:
        outcome = Outcome.POSSIBLE_VICTIM
        act_from_control = all(ev == _CONTROL for e in acts for ev in evidence[e])
    elif (
        # A conversion trigger (research §1.4: held by smugglers, held for ransom, sold on, a
        # child controlled by a non-relative...) is itself a sign that a journey is turning
        # into trafficking, even when the facts of the smuggling itself were not recorded.
        bool(x.triggers)
        or smuggling
        and (
            child_at_risk
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
    if not trafficking:
        act_from_control = False

    flags = set()
    if child:
        flags.add(Flag.CHILD)
    if x.internal:
        flags.add(Flag.INTERNAL)
    if x.intercepted:
        flags.add(Flag.INTERCEPTED_BEFORE_DEPARTURE)
    if smuggling and outcome is Outcome.POSSIBLE_VICTIM:
        flags.add(Flag.SMUGGLED_THEN_TRAFFICKED)
    return RuleResult(
        outcome=outcome,
        flags=frozenset(flags),
        child=child,
        child_presumed=age.presumed,
        age_group=age.group,
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
        exploitation_context=context,
        coercion_only=has_means and not has_purpose and not smuggling and not trafficking,
        act_from_control=bool(acts) and act_from_control,
        vulnerability_read=vulnerability_read,
    )
