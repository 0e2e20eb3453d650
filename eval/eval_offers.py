"""`make eval-offers`: the job-offer checker on the real ads of EMSCAD (../shared/data/emscad/).

Prints the share of legitimate ads rated high (target at most 5 %) and medium or above (target at
most 20 %), how often each flag fires on them, and the levels given to the fraudulent ones.
EMSCAD ads are English, US-centred generic job scams of 2012-2014, not trafficking recruitment:
this measures false alarms on real legitimate ads more than it measures detection.

Then offers written after the lexicons, in all ten languages (tests/data/offers/unseen/, see its
README for what was changed after their first reading), and the labelled offers in the route
languages (tests/data/offers/route/, see its README): per
language and fold, hits (deceptive rated high, and medium or high) and false alarms (genuine rated
high, and medium or high). Fold 0 is the fold to tune on; folds 1 and 2 are reported apart as
offers the lexicon was not tuned on.
"""

from __future__ import annotations

import csv
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from eval._common import shared_data  # noqa: E402  (eval/ is not a package on sys.path)

from stepstones.recruitment import Offer, check_offer  # noqa: E402

TEXT_FIELDS = ("title", "location", "company_profile", "description", "requirements", "benefits")


def offer_text(row: dict[str, str]) -> str:
    """Return the ad's text fields joined as one offer, the way a person would paste it."""
    return "\n".join(row[f].strip() for f in TEXT_FIELDS if row.get(f, "").strip())


ROUTE = Path(__file__).resolve().parents[1] / "tests" / "data" / "offers" / "route"


def route_languages() -> int:
    """Print hits and false alarms per route language, on the folds not tuned on (1, 2)."""
    print("route languages, folds 1-2 (not tuned on) | all folds")
    print("lang  deceptive: high / >=medium  genuine: high / >=medium  | all: same")
    for path in sorted(ROUTE.glob("*.yaml")):
        items = yaml.safe_load(path.read_text(encoding="utf-8"))
        cells = []
        for folds in ({1, 2}, {0, 1, 2}):
            dec = [i for i in items if i["label"] == "deceptive" and i["fold"] in folds]
            gen = [i for i in items if i["label"] == "genuine" and i["fold"] in folds]
            dl = [check_offer(Offer(i["text"])).level.value for i in dec]
            gl = [check_offer(Offer(i["text"])).level.value for i in gen]
            cells.append(
                f"{dl.count('high')}/{len(dl)} {len(dl) - dl.count('low')}/{len(dl)}  "
                f"{gl.count('high')}/{len(gl)} {len(gl) - gl.count('low')}/{len(gl)}"
            )
        print(f"{path.stem:4}  " + "  |  ".join(cells))
    return 0


UNSEEN = ROUTE.parent / "unseen"


def unseen() -> None:
    """Print hits, false alarms and language detection on the offers in unseen/."""
    print("offers written after the lexicons, all ten languages (see unseen/README.md)")
    print("lang     deceptive: high / >=medium  genuine: high / >=medium  language right")
    for path in sorted(UNSEEN.glob("*.yaml")):
        items = yaml.safe_load(path.read_text(encoding="utf-8"))
        dec = [check_offer(Offer(i["text"])) for i in items if i["label"] == "deceptive"]
        gen = [check_offer(Offer(i["text"])) for i in items if i["label"] == "genuine"]

        def counts(checks: list[Any]) -> str:
            high = sum(c.level.value == "high" for c in checks)
            medium_up = sum(c.level.value != "low" for c in checks)
            return f"{high}/{len(checks)} {medium_up}/{len(checks)}"

        right = sum(c.language == path.stem for c in dec + gen)
        print(f"{path.stem:8} {counts(dec):>12}  {counts(gen):>22}  {right:>10}/{len(dec + gen)}")


def main() -> int:
    unseen()
    route_languages()
    folder = shared_data("emscad")
    path = folder / "emscad_random_sample_358.csv"
    if not path.exists():
        print(f"skipped: {path} is absent")
        return 0
    csv.field_size_limit(10_000_000)
    legit: Counter[str] = Counter()
    fraud: Counter[str] = Counter()
    legit_flags: Counter[str] = Counter()
    fraud_rows: list[tuple[str, str, list[str]]] = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            text = offer_text(row)
            if not text.strip():
                continue
            check = check_offer(Offer(text[:100_000]))
            ids = [f.id for f in check.flags]
            if row["fraudulent"].strip() == "1":
                fraud[check.level.value] += 1
                fraud_rows.append((row["job_id"], check.level.value, ids))
            else:
                legit[check.level.value] += 1
                legit_flags.update(ids)
    n = sum(legit.values())
    high = legit["high"] / n
    medium_plus = (legit["high"] + legit["medium"]) / n
    print(f"EMSCAD sample: {n} legitimate, {sum(fraud.values())} fraudulent ads")
    print(f"legitimate rated high: {legit['high']}/{n} = {high:.1%} (target <= 5%)")
    print(
        f"legitimate rated medium or high: {legit['high'] + legit['medium']}/{n} = "
        f"{medium_plus:.1%} (target <= 20%)"
    )
    print("flags on legitimate ads: " + ", ".join(f"{k} {v}" for k, v in legit_flags.most_common()))
    print(
        "fraudulent ads: " + ", ".join(f"{lvl} {fraud[lvl]}" for lvl in ("high", "medium", "low"))
    )
    for job_id, level, ids in fraud_rows:
        print(f"  job {job_id}: {level} {ids}")
    ok = high <= 0.05 and medium_plus <= 0.20
    print("targets met" if ok else "TARGETS MISSED")
    return 0


if __name__ == "__main__":
    sys.exit(main())
