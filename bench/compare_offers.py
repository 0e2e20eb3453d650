"""Compare the job-offer checker of two source trees on the same offers, as a pair, in turn.

    .venv/bin/python bench/compare_offers.py BEFORE_SRC [AFTER_SRC] [--rounds N] [--core C]

On a shared machine a benchmark run a minute later measures another machine. Here two worker
processes, one importing the checker from BEFORE_SRC and one from AFTER_SRC (default: this
tree's src), pinned to the same core, are asked in turn to check the same chunk of 25 offers; for
each chunk the fastest CPU time of N rounds counts (the load of the moment slows a chunk, never
speeds it up). The offers are bench_offers' sets: long offers (~1,400 characters) in every
language the checker reads, short offers, and the real EMSCAD ads when present. Not part of
`make bench`.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHUNK = 25


def _sets() -> dict[str, list[str]]:
    sys.path.insert(0, str(ROOT))
    from bench.bench_offers import LONG_CHARS, LONG_LANGUAGES, _emscad_offers, generate

    sets = {
        language: list(generate(300, chars=LONG_CHARS, languages=[language]))
        for language in LONG_LANGUAGES
    }
    sets["short"] = list(generate(600, sentences=5))
    if real := _emscad_offers():
        sets["EMSCAD"] = real[:300]
    return sets


def worker(sets_path: str, core: int) -> None:
    """Check the chunks asked on stdin ("set start end"), answering each with its CPU time."""
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {core})
    from stepstones.recruitment import Offer, check_offer

    sets = json.loads(Path(sets_path).read_text(encoding="utf-8"))
    for offers in sets.values():  # load data files and language models outside the timing
        for text in offers[:60]:
            check_offer(Offer(text))
    print(f"ready {Path(sys.modules['stepstones'].__file__ or '').parent}", flush=True)
    for line in sys.stdin:
        name, start, end = line.split()
        chunk = sets[name][int(start) : int(end)]
        began = time.process_time()
        for text in chunk:
            check_offer(Offer(text))
        print(time.process_time() - began, flush=True)


def compare(before: Path, after: Path, rounds: int, core: int) -> None:
    sets = _sets()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "sets.json"
        path.write_text(json.dumps(sets, ensure_ascii=False), encoding="utf-8")
        workers = {
            who: subprocess.Popen(  # noqa: S603 - this script, with our own arguments
                [sys.executable, __file__, "--worker", str(path), "--core", str(core)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
                env={**os.environ, "PYTHONPATH": str(src)},
            )
            for who, src in (("before", before), ("after", after))
        }
        for who, process in workers.items():
            assert process.stdout is not None
            print(f"{who}: {process.stdout.readline().split(maxsplit=1)[1].strip()}")

        def ask(who: str, name: str, start: int) -> float:
            process = workers[who]
            assert process.stdin is not None and process.stdout is not None
            process.stdin.write(f"{name} {start} {start + CHUNK}\n")
            process.stdin.flush()
            return float(process.stdout.readline())

        print(f"{'set':8} {'chars':>6} {'before':>8} {'after':>8} {'ratio':>6}   offers per CPU "
              f"second, one core (fastest of {rounds} rounds per chunk of {CHUNK})")  # fmt: skip
        for name, offers in sets.items():
            best: dict[str, dict[int, float]] = {"before": {}, "after": {}}
            for r in range(rounds):
                for start in range(0, len(offers), CHUNK):
                    turn = (
                        ("before", "after")
                        if (r + start // CHUNK) % 2 == 0
                        else ("after", "before")
                    )
                    for who in turn:
                        seconds = ask(who, name, start)
                        best[who][start] = min(best[who].get(start, seconds), seconds)
            rates = {who: len(offers) / sum(best[who].values()) for who in best}
            chars = sum(len(o) for o in offers) / len(offers)
            print(f"{name:8} {chars:6,.0f} {rates['before']:8,.0f} {rates['after']:8,.0f} "
                  f"{rates['after'] / rates['before']:6.2f}", flush=True)  # fmt: skip
        for process in workers.values():
            assert process.stdin is not None
            process.stdin.close()
            process.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("before", nargs="?", type=Path)
    parser.add_argument("after", nargs="?", type=Path, default=ROOT / "src")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--core", type=int, default=0)
    parser.add_argument("--worker", metavar="SETS_JSON")
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args.core)
    elif args.before is None:
        parser.error("BEFORE_SRC is required")
    else:
        compare(args.before.resolve(), args.after.resolve(), args.rounds, args.core)


if __name__ == "__main__":
    main()
