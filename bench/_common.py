"""Shared helpers for the benchmarks: `make bench` runs every bench/bench_*.py.

Each benchmark prints one line per figure, `name: value unit (target ...)`, so the figures can be
pasted into docs/benchmarks.md together with the command that produced them.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))


def pin_to_one_core() -> None:
    """Run this process on one core, so figures are per core whatever the machine."""
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


def rate(work: Callable[[], int], *, min_seconds: float = 2.0) -> float:
    """Return items per second: call `work` (which returns how many items it did) repeatedly."""
    done = 0
    start = time.perf_counter()
    elapsed = 0.0
    while elapsed < min_seconds:
        done += work()
        elapsed = time.perf_counter() - start
    return done / elapsed


def report(name: str, value: float, unit: str, target: str) -> None:
    """Print one figure in the format the docs quote."""
    print(f"{name}: {value:,.1f} {unit} (target {target})")
