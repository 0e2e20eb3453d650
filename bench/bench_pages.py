"""CPU time per request of pages that need no database rows, in process (issue 13's figures).

    make bench        (or: .venv/bin/python bench/bench_pages.py)

Each page is requested once to warm up, then 30 times through Django's test client with DEBUG
off; the figure is the median CPU time of one request (`time.process_time`), on one core.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench._common import pin_to_one_core, report  # noqa: E402 - the repository root is on the path

RUNS = 30


def _cpu_ms(request: Callable[[], object]) -> float:
    request()
    times = []
    for _ in range(RUNS):
        start = time.process_time()
        request()
        times.append(1000 * (time.process_time() - start))
    return statistics.median(times)


def main() -> None:
    """Print the median CPU milliseconds of the quick screen's GET and POST."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "stepstones.settings")
    os.environ["DEBUG"] = "false"
    os.environ.setdefault("SECRET_KEY", "bench-" + "x" * 60)
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    import django

    django.setup()
    from django.test import Client

    pin_to_one_core()
    client = Client()
    report(
        "quick screen GET, CPU per request",
        _cpu_ms(lambda: client.get("/screen/")),
        "ms",
        "< 15 ms",
    )
    answered = {"age": "30", "indicators__debt_bondage": "yes", "smuggling__paid_to_cross": "yes"}
    report(
        "quick screen POST, CPU per request",
        _cpu_ms(lambda: client.post("/screen/", answered)),
        "ms",
        "< 15 ms",
    )


if __name__ == "__main__":
    main()
