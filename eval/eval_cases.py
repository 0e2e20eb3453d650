"""Run the assessment engine on real prosecutions coded by UNODC (SHERLOC, US cases).

    make eval-cases        (or: python eval/eval_cases.py [--verbose])

Every case in `sherloc-us-trafficking-cases/HumanTrafficking_CLDB.csv` is a trafficking
prosecution, so the engine should say `possible_victim`. Each coded case is mapped to facts with
one fixed table (below; no per-case rules), assessed, and every case that comes out otherwise is
listed with its reason: a *coding gap* when the UNODC coding lacks an element the law needs (the
engine cannot see what was not coded), an *engine gap* when the coding has what the law needs
and the engine still says something else.
"""

from __future__ import annotations

import csv
import sys
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from eval._common import shared_data  # noqa: E402 - the repository root is on the path now

from stepstones.assessment import Outcome, assess, parse_facts  # noqa: E402

# One fixed table for every case: a coded value maps by the keywords it contains, so spelling
# variants ("Harboring", "Forced labor", "Recruitment/Hiring") map the same way. A coded category
# that names several means ("Threat or use of force or other forms of coercion") maps to the one
# that covers them all.
ACTS = [
    ("recruit", "recruitment"),
    ("transport", "transportation"),
    ("transfer", "transfer"),
    ("harbo", "harbouring"),
    ("receipt", "receipt"),
    ("receiv", "receipt"),
]
MEANS = [
    ("abduct", "abduction"),
    ("decept", "deception"),
    ("fraud", "fraud"),
    ("payment", "payments_to_controller"),
    ("vulnerab", "abuse_of_vulnerability"),
    ("abuse of power", "abuse_of_power"),
    ("coercion", "other_coercion"),
    ("force", "use_of_force"),
    ("threat", "threat"),
]
PURPOSES = [
    ("prostitution", "sexual_exploitation"),
    ("sexual", "sexual_exploitation"),
    ("forced lab", "forced_labour"),
    ("slavery", "slavery"),
    ("servitude", "servitude"),
    ("organ", "organ_removal"),
    ("begging", "forced_begging"),
    ("marriage", "forced_marriage"),
    ("adoption", "illegal_adoption"),
    ("crim", "forced_criminality"),
    ("other", "other_exploitation"),
]
SECTORS = [
    ("commercial sexual", "sex_industry"),
    ("domestic", "domestic_work"),
    ("hotel", "hospitality"),
    ("restaurant", "hospitality"),
    ("agricultur", "agriculture"),
    ("factory", "manufacturing"),
    ("manufactur", "manufacturing"),
    ("construction", "construction"),
    ("beauty", "beauty"),
    ("fishing", "fishing"),
    ("begging", "begging"),
    ("other sectors", "other"),
]


def _values(cell: str) -> list[str]:
    parts = cell.replace("\r", "\n").replace("\n", ";").split(";")
    return [p.strip().lower() for p in parts if p.strip() and p.strip().upper() != "NA"]


def _mapped(cell: str, table: list[tuple[str, str]], unmapped: Counter[str]) -> list[str]:
    """Map each coded value by the first keyword it contains (first match wins)."""
    out = []
    for value in _values(cell):
        match = next((target for keyword, target in table if keyword in value), None)
        if match is None:
            unmapped[value] += 1
        else:
            out.append(match)
    return sorted(set(out))


def facts_for(row: dict[str, str], unmapped: Counter[str]) -> dict[str, Any]:
    """Map one coded case to a facts mapping (the same table for every case)."""
    facts: dict[str, Any] = {}
    minors = row["MinorsIncluded"].strip().lower().rstrip("*")
    offences = row["Offences"].lower()
    if minors == "yes" or (minors != "no" and "children" in offences):
        facts["age_band"] = "child"
    elif minors == "no":
        facts["age_band"] = "adult"
    form = _values(row["FormOfTrafficking"])
    if "internal" in form:
        facts["route"] = {"crossed_border": "no"}
    elif "transnational" in form:
        facts["route"] = {"crossed_border": "yes"}
    sectors = _mapped(row["ExploitationSector"], SECTORS, Counter())
    if len(sectors) == 1:
        facts["sector"] = sectors[0]
    elements = {
        "acts": _mapped(row["ActsInvolved"], ACTS, unmapped),
        "means": _mapped(row["MeansUsed"], MEANS, unmapped),
        "purposes": _mapped(row["ExploitativePurposes"], PURPOSES, unmapped),
    }
    facts["elements"] = {k: v for k, v in elements.items() if v}
    return facts


def _gap(facts: dict[str, Any]) -> str:
    """Say what the coding lacks for the law (coding gap), or that it lacks nothing."""
    elements = facts.get("elements", {})
    child = facts.get("age_band") == "child"
    missing = [k for k in ("acts", "purposes") if not elements.get(k)]
    if not child and not elements.get("means"):
        missing.append("means")
    if missing:
        return "coding gap: no " + ", ".join(missing) + " coded"
    return "ENGINE GAP: the coding has every element the law needs"


def main() -> int:
    folder = shared_data("sherloc-us-trafficking-cases")
    verbose = "--verbose" in sys.argv
    path = Path(folder) / "HumanTrafficking_CLDB.csv"
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    unmapped: Counter[str] = Counter()
    outcomes: Counter[str] = Counter()
    others: list[str] = []
    engine_gaps = 0
    for row in rows:
        facts = facts_for(row, unmapped)
        result = assess(parse_facts(facts))
        outcomes[result.outcome.value] += 1
        if verbose:
            print(row["Case"], result.outcome.value, facts)
        if result.outcome is not Outcome.POSSIBLE_VICTIM:
            gap = _gap(facts)
            engine_gaps += gap.startswith("ENGINE")
            others.append(
                f"  {row['Case']} (WebOrder {row['WebOrder']}): {result.outcome.value}; {gap}; "
                f"facts {facts}"
            )
    total = len(rows)
    hits = outcomes[Outcome.POSSIBLE_VICTIM.value]
    print(f"SHERLOC US cases: {total}")
    print(f"possible_victim: {hits}/{total} = {100 * hits / total:.1f}% (target >= 95%)")
    for outcome, count in sorted(outcomes.items()):
        print(f"  {outcome}: {count}")
    if others:
        print(f"other results ({len(others)}; engine gaps: {engine_gaps}):")
        print("\n".join(others))
    if unmapped:
        print("coded values with no mapping:", dict(unmapped))
    return 0


if __name__ == "__main__":
    sys.exit(main())
