"""The assessment engine: facts in, a reasoned screening suggestion out.

The rules (docs/catalogue.md explains them with their sources):

1. ILO-EC Step 1, per dimension and weight profile: a dimension is positive with (a) two strong
   indicators, (b) one strong and one medium or weak, (c) three medium, or (d) two medium and one
   weak. Profiles: the person's age group with the labour set, plus the sexual set when there are
   signs of sexual exploitation; a dimension is positive when it is positive in any profile that
   applies, so more facts never lower it.
2. Palermo elements: an indicator evidences its acts always, and its means and purposes when it
   is strong for the profile or its dimension is positive; a positive dimension evidences its own
   elements; directly observed elements, supplementary signs and conversion triggers evidence
   theirs directly; vulnerability situations evidence nothing on their own.
3. Outcome, highest first:
   - possible_victim: act + purpose + (means or child) [Palermo Art. 3(a), (c)];
     or ILO-EC Step 2 for adults; or a child with a purpose (the act is asked next);
     or act + means at recruitment with no exploitation yet (the purpose is an intention:
     exploitation need not have happened).
   - smuggling_with_trafficking_risk: smuggling plus any sign of trafficking.
   - exploitation_without_trafficking: a purpose without both an act and a means (an adult).
   - smuggling: smuggling and nothing else.
   - no_indicators.
   No input lowers the outcome because of education, wealth or status: there is no such input
   to the rules. The engine suggests; no text says that a person *is* a victim.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from .catalogue import (
    EXPLOITATION,
    STAGE_ORDER,
    AgeGroup,
    Catalogue,
    ElementKind,
    ExploitationType,
    Profile,
    Question,
    Weight,
    WeightBasis,
    load_catalogue,
)
from .explain import to_dict
from .facts import AgeBand, Answer, Facts
from .outcome import OUTCOME_LABELS, Flag, Outcome
from .text import N_, Msg, Translate, identity, msg

__all__ = [
    "AskNext",
    "Assessment",
    "DimensionResult",
    "ElementFinding",
    "Evidence",
    "Flag",
    "IndicatorWeight",
    "Outcome",
    "assess",
]


_WEIGHTS = (Weight.STRONG, Weight.MEDIUM, Weight.WEAK)


# ---------------------------------------------------------------------------------------------
# Result types


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
class Assessment:
    """The result of `assess`: outcome, flags and every part of the explanation."""

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

    @functools.cached_property
    def ask_next(self) -> tuple[AskNext, ...]:
        """Return the unanswered questions that could change the outcome, most decisive first.

        Each unanswered question is tried as "yes": those that would raise the outcome come
        first (the higher the new outcome, the earlier), then those that would add a flag,
        then those that would add a missing element; ties keep journey and catalogue order.
        """
        return _ask_next(self)

    def to_dict(
        self, translate: Translate = identity, *, ask_next_limit: int = 10
    ) -> dict[str, Any]:
        """Return a JSON-able explanation; every text is `translate(msgid) % params`."""
        return to_dict(self, translate, ask_next_limit)


# ---------------------------------------------------------------------------------------------
# Precompiled tables


@dataclass(frozen=True)
class _Tables:
    catalogue: Catalogue
    dim_of: dict[str, int]
    evidences: dict[str, tuple[str, ...]]
    codes: dict[Profile, dict[str, int]]
    kind_of: dict[str, ElementKind]
    trigger_evidences: dict[str, tuple[str, ...]]
    trigger_also: dict[str, tuple[str, ...]]
    child_triggers: frozenset[str]
    dim_evidences: tuple[tuple[str, ...], ...]
    step2: tuple[tuple[int, ...], ...]
    element_order: dict[str, int]
    implies: dict[str, tuple[str, ...]]
    sexual_sectors: frozenset[str]
    sector_form: dict[str, str]
    sector_child_purpose: dict[str, str]
    evidencing_indicators: frozenset[str]
    weights: dict[Profile, dict[str, IndicatorWeight]]
    purposes_cited: frozenset[str]
    # Provisions and next steps by (outcome, flags, cited purposes, smuggling), filled on use.
    cited: dict[
        tuple[Outcome, frozenset[Flag], frozenset[str], bool],
        tuple[tuple[str, ...], tuple[str, ...]],
    ]
    recruitment_sources: frozenset[str]  # indicators and dimensions of the recruitment phase


_TABLES: dict[int, _Tables] = {}


def _tables(cat: Catalogue) -> _Tables:
    found = _TABLES.get(id(cat))
    if found is not None and found.catalogue is cat:
        return found
    order = cat.dimension_order
    also: dict[str, list[str]] = {}
    for trigger in cat.triggers.values():
        for iid in trigger.also_from:
            also.setdefault(iid, []).append(trigger.id)
    tables = _Tables(
        catalogue=cat,
        dim_of={
            i.id: order.index(i.dimension) if i.dimension else -1 for i in cat.indicators.values()
        },
        evidences={i.id: i.evidences for i in cat.indicators.values()},
        codes={
            p: dict(m)
            for p, m in ((p, {k: v[1] for k, v in cat.weight_index[p].items()}) for p in Profile)
        },
        kind_of={e.id: e.kind for e in cat.elements.values()} | {EXPLOITATION: ElementKind.PURPOSE},
        trigger_evidences={t.id: t.evidences for t in cat.triggers.values()},
        trigger_also={k: tuple(v) for k, v in also.items()},
        child_triggers=frozenset(t.id for t in cat.triggers.values() if t.signals_child),
        dim_evidences=tuple(cat.dimensions[d].evidences for d in order),
        step2=tuple(tuple(order.index(d) for d in clause) for clause in cat.step2_clauses),
        element_order={e: i for i, e in enumerate(cat.elements)},
        implies={e.id: e.implies for e in cat.elements.values() if e.implies},
        sexual_sectors=frozenset(s.id for s in cat.sectors.values() if s.sexual),
        sector_form={s.id: s.form for s in cat.sectors.values()},
        sector_child_purpose={
            s.id: s.child_purpose for s in cat.sectors.values() if s.child_purpose
        },
        evidencing_indicators=frozenset(i.id for i in cat.indicators.values() if i.evidences),
        weights={
            p: {
                i.id: IndicatorWeight(i.id, i.weights[p].weight, i.weights[p].basis)
                for i in cat.indicators.values()
                if i.weights
            }
            for p in Profile
        },
        purposes_cited=frozenset(
            cond.partition(":")[2]
            for conds in [p.applies_when for p in cat.provisions.values()]
            + [s.applies_when for s in cat.next_steps.values()]
            for token in conds
            for cond in token.split("&")
            if cond.startswith("purpose:")
        ),
        cited={},
        # Means that point to an intended exploitation: deceptive recruitment (about a job, a
        # marriage, an education), and recruitment-stage indicators; not force or threats on
        # the journey, which smuggling alone can explain.
        recruitment_sources=frozenset(
            ["deceptive_recruitment"]
            + [
                i.id
                for i in cat.indicators.values()
                if i.dimension
                and cat.dimensions[i.dimension].phase == "recruitment"
                and i.stage.value == "recruitment"
            ]
        ),
    )
    _TABLES[id(cat)] = tables
    return tables


# ---------------------------------------------------------------------------------------------
# The core: pure function of a small input, cheap enough to rerun for "what to ask next"


class _Input(NamedTuple):
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


def _input(facts: Facts) -> _Input:
    route = facts.route
    internal = route.crossed_border is Answer.NO or (
        route.crossed_border is not Answer.YES
        and route.irregular_crossing is not Answer.YES
        and route.origin is not None
        and route.origin == route.destination
        and not route.transit
    )
    return _Input(
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


def _clause(s: int, m: int, w: int) -> str | None:
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
class _Core:
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


def _core(t: _Tables, x: _Input) -> _Core:  # noqa: C901 - the rules, in order, in one place
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
        cl = [_clause(*row) for row in c]
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
    return _Core(
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


# ---------------------------------------------------------------------------------------------
# assess


def _applies(tokens: Iterable[str], core: _Core, purposes: frozenset[str]) -> bool:
    # Any token holds; "a&b" holds when both a and b hold.
    return any(all(_holds(c, core, purposes) for c in token.split("&")) for token in tokens)


def _holds(cond: str, core: _Core, purposes: frozenset[str]) -> bool:
    head, _, value = cond.partition(":")
    return (
        cond == "always"
        or (head == "outcome" and core.outcome.value == value)
        or (head == "flag" and value in core.flags)
        or (head == "purpose" and value in purposes)
        or (cond == "smuggling" and core.smuggling)
        or (
            cond == "trafficking"
            and core.outcome in (Outcome.POSSIBLE_VICTIM, Outcome.SMUGGLING_WITH_TRAFFICKING_RISK)
        )
    )


def assess(facts: Facts, catalogue: Catalogue | None = None) -> Assessment:
    """Assess validated facts against the catalogue and return the reasoned result."""
    cat = catalogue or load_catalogue()
    t = _tables(cat)
    core = _core(t, _input(facts))

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
    key = (core.outcome, core.flags, purposes & t.purposes_cited, core.smuggling)
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
        ("element", "implied", "indicator", "dimension", "trigger", "sector", "smuggling")
    )
}


def _ev_key(ev: Evidence) -> tuple[int, str]:
    """Order evidence the same way whatever order the facts came in."""
    return (_SOURCE_ORDER[ev.source], ev.id)


def _fact_path(fact: str) -> str:
    return fact if "." in fact else f"smuggling.{fact}"


def _notes(
    facts: Facts, core: _Core, elements: tuple[ElementFinding, ...], fallback: bool
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


# ---------------------------------------------------------------------------------------------
# What to ask next


def _with_yes(x: _Input, fact: str) -> _Input | None:
    head, _, rest = fact.partition(".")
    if head == "indicators":
        return x._replace(indicators=x.indicators | {rest})
    if head == "triggers":
        return x._replace(triggers=x.triggers | {rest})
    if head == "smuggling":
        return x._replace(
            smuggling_yes=x.smuggling_yes | {rest}, smuggling_no=x.smuggling_no - {rest}
        )
    if head == "elements":
        kind, _, eid = rest.partition(".")
        return x._replace(**{kind: getattr(x, kind) | {eid}})
    if fact == "may_be_child":
        return x._replace(may_be_child=Answer.YES)
    return None  # route questions change flags only through the border; asked, not simulated


_CHILD_SIGNS = frozenset({"may_be_child", "triggers.child_controlled_by_non_relative"})


def _ask_next(a: Assessment) -> tuple[AskNext, ...]:
    t = _tables(a.catalogue)
    base = _input(a.facts)
    rank = a.outcome.rank
    have = a.element_ids()
    have_kinds = {e.kind for e in a.elements}
    on_journey = bool(a.facts.smuggling_yes or a.facts.triggers_yes) or (
        a.facts.route.irregular_crossing is Answer.YES
    )
    candidates: list[tuple[tuple[int, ...], AskNext]] = []
    adult = a.age_group is AgeGroup.ADULT
    stated_adult = a.facts.age is not None and a.facts.age >= 18
    for position, question in enumerate(a.catalogue.questions()):
        if a.facts.answer(question.fact) is not Answer.UNKNOWN or (adult and question.child_only):
            continue
        x = _with_yes(base, question.fact)
        if x is None:
            continue
        core = _core(t, x)
        gained = tuple(sorted(core.flags - a.flags - {Flag.INTERNAL}))
        new_kinds = {t.kind_of[e] for e in core.evidence} - have_kinds
        new_elements = set(core.evidence) - have
        raise_by = core.outcome.rank - rank
        if raise_by > 0:
            reason = msg(
                N_("Answering yes would change the outcome to: %(outcome)s."),
                outcome=Msg(OUTCOME_LABELS[core.outcome]),
            )
        elif Flag.CHILD in gained:
            reason = Msg(N_("Answering yes would mean treating the person as a child."))
        elif gained:
            reason = Msg(N_("Answering yes would show smuggling that turned into trafficking."))
        elif new_kinds:
            reason = Msg(N_("Answering yes would add a missing element of trafficking."))
        else:
            continue
        # How telling a yes would be: strong indicators and, on a journey, triggers first.
        head, _, rest = question.fact.partition(".")
        ind = a.catalogue.indicators.get(rest) if head == "indicators" else None
        if ind is not None and ind.weights:
            weight = min(_WEIGHTS.index(ind.weights[p].weight) for p in a.profiles)
        elif head == "triggers" or question.fact == "may_be_child":
            weight = 0
        else:
            weight = 1
        # Journey questions matter less when nothing suggests a smuggled journey, and signs of a
        # child matter less when an adult age is stated (they are still asked: CETS Art. 10(3)).
        off_context = (not on_journey and head in ("triggers", "smuggling")) or (
            stated_adult and question.fact in _CHILD_SIGNS
        )
        key = (
            -max(raise_by, 0),
            -core.outcome.rank,
            int(off_context),
            -len(gained),
            weight,
            -len(new_kinds),
            -len(new_elements),
            STAGE_ORDER[question.stage],
            position,
        )
        candidates.append((key, AskNext(question, core.outcome, gained, reason)))
    candidates.sort(key=lambda item: item[0])
    return tuple(item for _, item in candidates)
