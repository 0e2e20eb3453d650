"""The readable explanation of an assessment, for the command line."""

from __future__ import annotations

from .engine import Assessment
from .text import N_, Translate, identity, msg


def render_text(assessment: Assessment, translate: Translate = identity) -> str:
    """Return the explanation as plain text, every line translated with `translate`."""
    tr = translate
    d = assessment.to_dict(tr)
    lines: list[str] = []
    lines.append(msg(N_("Outcome: %(outcome)s"), outcome=d["outcome_label"]).render(tr))
    if d["flag_labels"]:
        lines.append(msg(N_("Flags: %(flags)s"), flags="; ".join(d["flag_labels"])).render(tr))
    lines.append(d["summary"])
    lines.append(msg(N_("Catalogue version: %(v)s"), v=d["catalogue_version"]).render(tr))
    lines.append("")
    lines.append(tr(N_("Elements of trafficking found")))
    if not d["elements"]:
        lines.append("  " + tr(N_("none")))
    for e in d["elements"]:
        lines.append(f"  [{e['kind_label']}] {e['label']}")
        for ev in e["evidence"]:
            lines.append(f"      - {ev['text']}")
    for m in d["missing_elements"]:
        lines.append("  " + msg(N_("[%(kind)s] not found yet"), kind=m["kind_label"]).render(tr))
    lines.append("")
    lines.append(tr(N_("ILO-EC dimensions")))
    for dim in d["dimensions"]:
        counts = dim["counts"]
        if not dim["indicators"]:
            lines.append(
                "  "
                + msg(
                    N_("%(n)s. %(name)s: no indicators recorded"), n=dim["number"], name=dim["name"]
                ).render(tr)
            )
            continue
        lines.append(
            "  "
            + msg(
                N_("%(n)s. %(name)s: %(clause)s (strong %(s)s, medium %(m)s, weak %(w)s; %(p)s)"),
                n=dim["number"],
                name=dim["name"],
                clause=dim["clause_text"],
                s=counts["strong"],
                m=counts["medium"],
                w=counts["weak"],
                p=dim["profile_label"],
            ).render(tr)
        )
        for ind in dim["indicators"]:
            note = f" ({ind['weight_note']})" if ind["weight_note"] else ""
            lines.append(f"      - {ind['name']}: {ind['weight_label']}{note}")
    for sign in d["supplementary_signs"]:
        lines.append(f"  * {sign['name']}")
    smuggling = d["smuggling"]
    if smuggling["found"] or smuggling["triggers"]:
        lines.append("")
        lines.append(tr(N_("Smuggling")))
        for item in smuggling["elements"]:
            lines.append(f"  - {item['label']}")
        for item in smuggling["aggravating"]:
            lines.append("  ! " + item["text"])
        for item in smuggling["triggers"]:
            lines.append(f"  > {item['code']} {item['name']}")
    if d["forms_of_exploitation"]:
        lines.append("")
        lines.append(tr(N_("Forms of exploitation")))
        lines += [f"  - {f['label']}" for f in d["forms_of_exploitation"]]
    if d["notes"]:
        lines.append("")
        lines.append(tr(N_("Notes")))
        lines += [f"  - {n}" for n in d["notes"]]
    if d["legal_provisions"]:
        lines.append("")
        lines.append(tr(N_("Legal provisions")))
        for p in d["legal_provisions"]:
            lines += [f"  - {p['title']}", f"      {p['text']}"]
    lines.append("")
    lines.append(tr(N_("Next steps")))
    lines += [f"  - {s['text']}" for s in d["next_steps"]]
    if d["ask_next"]:
        lines.append("")
        lines.append(tr(N_("What to ask next")))
        lines += [f"  - {q['text']} ({q['reason']})" for q in d["ask_next"]]
    return "\n".join(lines) + "\n"
