"""The explanation of an assessment as a JSON-able mapping, every text translated."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .catalogue import Catalogue, ElementKind, Profile, Weight, WeightBasis
from .outcome import FLAG_LABELS, OUTCOME_LABELS, SUMMARIES
from .result import AskNext, Evidence, Findings
from .text import N_, Msg, msg

__all__ = ["STAGE_LABELS", "to_dict"]

CLAUSES = {
    "a": N_("(a) at least two strong indicators"),
    "b": N_("(b) one strong indicator and one medium or weak indicator"),
    "c": N_("(c) three medium indicators"),
    "d": N_("(d) two medium indicators and one weak indicator"),
}
NOT_MET = N_("not met")
WEIGHT_NOTES = {
    WeightBasis.TRANSCRIBED: "",
    WeightBasis.LABOUR_FALLBACK: N_(
        "labour-set weight: the sexual-exploitation weight is not transcribed"
    ),
    WeightBasis.ADULT_FALLBACK: N_("adult weight: this indicator is not in the child list"),
    WeightBasis.ASSUMED: N_(
        "weight not transcribed: derived from a partial or recalled statement, unverified"
    ),
}


KIND_LABELS = {
    ElementKind.ACT: N_("act"),
    ElementKind.MEANS: N_("means"),
    ElementKind.PURPOSE: N_("purpose"),
}
PROFILE_LABELS = {
    Profile.ADULT_LABOUR: N_("adults, labour exploitation"),
    Profile.CHILD_LABOUR: N_("children, labour exploitation"),
    Profile.ADULT_SEXUAL: N_("adults, sexual exploitation"),
    Profile.CHILD_SEXUAL: N_("children, sexual exploitation"),
}
WEIGHT_LABELS = {Weight.STRONG: N_("strong"), Weight.MEDIUM: N_("medium"), Weight.WEAK: N_("weak")}
STAGE_LABELS = {
    "person": N_("The person"),
    "recruitment": N_("Recruitment"),
    "travel": N_("Travel"),
    "destination": N_("Destination"),
}


def _evidence_text(cat: Catalogue, ev: Evidence) -> Msg:
    if ev.source == "element":
        return Msg(N_("observed directly"))
    if ev.source == "implied":
        form = Msg(cat.elements[ev.id].label)
        return msg(N_("implied by the form of exploitation recorded: %(form)s"), form=form)
    if ev.source == "indicator":
        return msg(N_("indicator: %(name)s"), name=Msg(cat.indicators[ev.id].name))
    if ev.source == "dimension":
        name = Msg(cat.dimensions[ev.id].name)
        return msg(N_("positive ILO-EC dimension: %(name)s"), name=name)
    if ev.source == "vulnerability":
        name = Msg(cat.indicators[ev.id].name)
        return msg(
            N_(
                "no real and acceptable alternative but to submit (Palermo interpretative note, "
                "A/55/383/Add.1 para. 63): %(name)s"
            ),
            name=name,
        )
    if ev.source == "trigger":
        return msg(N_("conversion trigger: %(name)s"), name=Msg(cat.triggers[ev.id].name))
    if ev.source == "sector":
        sector = Msg(cat.sectors[ev.id].label)
        return msg(N_("a child working in this sector: %(sector)s"), sector=sector)
    question = Msg(cat.smuggling_facts[ev.id].question.text)
    return msg(N_("smuggling fact: %(question)s"), question=question)


def to_dict(
    a: Findings, tr: Callable[[str], str], limit: int, asked: tuple[AskNext, ...]
) -> dict[str, Any]:
    """Return the explanation of `a` with the first `limit` of `asked` (all when negative).

    See `Assessment.to_dict`.
    """
    cat = a.catalogue
    indicator_by_dim: dict[str, list[dict[str, Any]]] = {}
    dims = []
    for d in a.dimensions:
        dim = cat.dimensions[d.id]
        items = [
            {
                "id": iw.id,
                "name": tr(cat.indicators[iw.id].name),
                "weight": iw.weight.value,
                "weight_label": tr(WEIGHT_LABELS[iw.weight]),
                "weight_basis": iw.basis.value,
                "weight_note": tr(WEIGHT_NOTES[iw.basis]) if WEIGHT_NOTES[iw.basis] else "",
            }
            for iw in d.indicators
        ]
        indicator_by_dim[d.id] = items
        dims.append(
            {
                "id": d.id,
                "number": dim.number,
                "name": tr(dim.name),
                "profile": d.profile.value,
                "profile_label": tr(PROFILE_LABELS[d.profile]),
                "positive": d.positive,
                "clause": d.clause,
                "clause_text": tr(CLAUSES[d.clause]) if d.clause else tr(NOT_MET),
                "counts": {"strong": d.strong, "medium": d.medium, "weak": d.weak},
                "indicators": items,
            }
        )
    supplementary = [
        {"id": iid, "name": tr(cat.indicators[iid].name)}
        for iid in sorted(a.facts.indicators_yes)
        if cat.indicators[iid].supplementary
    ]
    elements = [
        {
            "id": e.id,
            "kind": e.kind.value,
            "kind_label": tr(KIND_LABELS[e.kind]),
            "label": tr(cat.elements[e.id].label),
            "evidence": [
                {"source": ev.source, "id": ev.id, "text": _evidence_text(cat, ev).render(tr)}
                for ev in e.evidence
            ],
        }
        for e in a.elements
    ]
    missing = [
        {"kind": kind.value, "kind_label": tr(KIND_LABELS[kind])}
        for kind in ElementKind
        if not any(e.kind is kind for e in a.elements)
    ]
    ask = asked[:limit] if limit >= 0 else asked
    return {
        "outcome": a.outcome.value,
        "outcome_label": tr(OUTCOME_LABELS[a.outcome]),
        "flags": sorted(f.value for f in a.flags),
        "flag_labels": [tr(FLAG_LABELS[f]) for f in sorted(a.flags)],
        "catalogue_version": a.catalogue_version,
        "summary": tr(SUMMARIES[a.outcome]),
        "age_group": a.age_group.value if a.age_group else None,
        "child_presumed": a.child_presumed,
        "profiles": [p.value for p in a.profiles],
        "elements": elements,
        "missing_elements": missing,
        "dimensions": dims,
        "ilo_ec_step2": {
            "met": a.step2_met,
            "verified": False,
            "text": tr(
                N_(
                    "Adults: a positive recruitment dimension (1, 2 or 3), a positive dimension 4, "
                    "and a positive destination dimension (5 or 6)."
                )
            ),
        },
        "supplementary_signs": supplementary,
        "smuggling": {
            "found": a.smuggling_found,
            "elements": [
                {"id": s, "label": tr(cat.smuggling_elements[s].label)}
                for s in a.smuggling_elements
            ],
            "aggravating": [
                {"id": s, "text": tr(cat.smuggling_facts[s].question.text)} for s in a.aggravating
            ],
            "triggers": [
                {"id": s, "code": cat.triggers[s].code, "name": tr(cat.triggers[s].name)}
                for s in a.triggers
            ],
        },
        "forms_of_exploitation": [
            {"id": p, "label": tr(cat.elements[p].label)} for p in a.forms_of_exploitation
        ],
        "legal_provisions": [
            {
                "id": p,
                "title": tr(cat.provisions[p].title),
                "text": tr(cat.provisions[p].text),
                "source": cat.sources[cat.provisions[p].source].citation,
                "verified": cat.provisions[p].verified,
            }
            for p in a.legal_provisions
        ],
        "next_steps": [{"id": s, "text": tr(cat.next_steps[s].text)} for s in a.next_steps],
        "notes": [n.render(tr) for n in a.notes],
        "ask_next": [
            {
                "id": q.question.id,
                "fact": q.question.fact,
                "stage": q.question.stage.value,
                "text": tr(q.question.text),
                "help": tr(q.question.help) if q.question.help else "",
                "outcome_if_yes": q.outcome_if_yes.value,
                "reason": q.reason.render(tr),
            }
            for q in ask
        ],
    }
