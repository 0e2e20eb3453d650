"""The catalogue precompiled into lookup tables, once per catalogue, for the rules to read."""

from __future__ import annotations

from dataclasses import dataclass

from .entries import EXPLOITATION, Catalogue, ElementKind, Profile
from .outcome import Flag, Outcome
from .result import IndicatorWeight

__all__ = ["Tables", "tables_for"]


@dataclass(frozen=True)
class Tables:
    """The catalogue read into the lookups the rules use on every assessment."""

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
    # Provisions and next steps by (outcome, flags, cited purposes, smuggling, coercion only),
    # filled on use.
    cited: dict[
        tuple[Outcome, frozenset[Flag], frozenset[str], bool, bool],
        tuple[tuple[str, ...], tuple[str, ...]],
    ]
    recruitment_sources: frozenset[str]  # indicators and dimensions of the recruitment phase
    shows_exploitation: frozenset[str]  # indicators that show work or gain taken
    purpose_triggers: frozenset[str]  # triggers that evidence a purpose themselves
    apov_situations: frozenset[str]  # the Palermo reading of abuse of vulnerability
    apov_dependence: frozenset[str]
    trigger_ids: frozenset[str]
    child_only_questions: frozenset[str]  # fact paths of the questions only about children


_TABLES: dict[int, Tables] = {}


def tables_for(cat: Catalogue) -> Tables:
    """Return the tables of `cat`, built once per catalogue object."""
    found = _TABLES.get(id(cat))
    if found is not None and found.catalogue is cat:
        return found
    order = cat.dimension_order
    also: dict[str, list[str]] = {}
    for trigger in cat.triggers.values():
        for iid in trigger.also_from:
            also.setdefault(iid, []).append(trigger.id)
    tables = Tables(
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
        shows_exploitation=frozenset(i.id for i in cat.indicators.values() if i.shows_exploitation),
        purpose_triggers=frozenset(
            t.id
            for t in cat.triggers.values()
            if any(cat.elements[e].kind is ElementKind.PURPOSE for e in t.evidences)
        ),
        apov_situations=cat.vulnerability_rule.situations,
        apov_dependence=cat.vulnerability_rule.dependence,
        trigger_ids=frozenset(cat.triggers),
        child_only_questions=frozenset(q.fact for q in cat.questions() if q.child_only),
    )
    _TABLES[id(cat)] = tables
    return tables
