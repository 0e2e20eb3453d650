"""Assessments per second on one core over a realistic, generated mix of screenings.

    python bench/bench_assess.py        (make bench runs it)

The mix: adults and children (some of unknown age with signs of a child), labour and sexual
exploitation, smuggled journeys with and without conversion triggers, directly coded elements,
and partial answers (most questions unanswered, some answered no), as a quick screen produces.
"""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench._common import pin_to_one_core, rate, report  # noqa: E402 - root is on the path now

from stepstones.assessment import (  # noqa: E402
    ElementKind,
    assess,
    load_catalogue,
    parse_facts,
)

CASES = 2_000


def cpu_rate(work: Callable[[], int], *, min_seconds: float = 2.0) -> float:
    """Return items per CPU second: on a shared machine this ignores time spent waiting for the
    core, so it is the figure to compare across runs (the wall-clock one is printed too)."""
    done = 0
    start = time.process_time()
    while time.process_time() - start < min_seconds:
        done += work()
    return done / (time.process_time() - start)


def generate(rng: random.Random) -> list[dict[str, Any]]:
    """Return CASES facts mappings drawn from a fixed seed."""
    cat = load_catalogue()
    indicators = sorted(cat.indicators)
    triggers = sorted(cat.triggers)
    sectors = sorted(cat.sectors)
    acts = [e.id for e in cat.elements_of(ElementKind.ACT)]
    means = [e.id for e in cat.elements_of(ElementKind.MEANS)]
    purposes = [e.id for e in cat.elements_of(ElementKind.PURPOSE)]
    out: list[dict[str, Any]] = []
    for _ in range(CASES):
        kind = rng.choice(["labour", "sexual", "smuggling", "coded", "quick"])
        data: dict[str, Any] = {}
        who = rng.random()
        if who < 0.6:
            data["age"] = rng.randint(18, 65)
        elif who < 0.85:
            data["age"] = rng.randint(8, 17)
        else:
            data["may_be_child"] = rng.choice(["yes", "no", "unknown"])
        data["sector"] = "sex_industry" if kind == "sexual" else rng.choice(sectors)
        answers = {
            i: rng.choice(["yes", "no", "no", "unknown"])
            for i in rng.sample(indicators, rng.randint(0, 12))
        }
        data["indicators"] = answers
        if kind == "smuggling":
            data["route"] = {
                "origin": "SY",
                "transit": ["TR", "GR"],
                "destination": "MK",
                "irregular_crossing": "yes",
            }
            data["smuggling"] = {
                "paid_to_cross": "yes",
                "consented_to_movement": "yes",
                "relationship_ended_at_arrival": rng.choice(["yes", "no"]),
            }
            data["triggers"] = {t: "yes" for t in rng.sample(triggers, rng.randint(0, 2))}
        elif kind == "coded":
            data["elements"] = {
                "acts": rng.sample(acts, rng.randint(0, 2)),
                "means": rng.sample(means, rng.randint(0, 2)),
                "purposes": rng.sample(purposes, rng.randint(0, 1)),
            }
        else:
            data["route"] = {"origin": "MK", "destination": rng.choice(["MK", "DE"])}
        out.append(data)
    return out


def main() -> None:
    pin_to_one_core()
    cat = load_catalogue()
    raw = generate(random.Random(2026))
    parsed = [parse_facts(d, cat) for d in raw]
    outcomes: dict[str, int] = {}
    for facts in parsed:
        name = assess(facts, cat).outcome.value
        outcomes[name] = outcomes.get(name, 0) + 1
    print("mix:", ", ".join(f"{k} {v}" for k, v in sorted(outcomes.items())))

    def only_assess() -> int:
        for facts in parsed:
            assess(facts, cat)
        return len(parsed)

    def parse_and_assess() -> int:
        for data in raw:
            assess(parse_facts(data, cat), cat)
        return len(raw)

    some = parsed[:200]

    def full_explanation() -> int:
        for facts in some:
            assess(facts, cat).to_dict()
        return len(some)

    report("assess() on parsed facts", rate(only_assess), "assessments/s/core", ">= 20,000")
    report(
        "assess() on parsed facts, per CPU second",
        cpu_rate(only_assess),
        "assessments/s/core",
        ">= 20,000",
    )
    report("parse_facts() + assess()", rate(parse_and_assess), "assessments/s/core", "none")
    report(
        "assess() + to_dict() with what to ask next",
        rate(full_explanation),
        "assessments/s/core",
        "none",
    )


if __name__ == "__main__":
    main()
