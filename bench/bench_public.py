"""The public endpoints' work on hostile text (issue 17 §6): one long token, and notes built slow.

    .venv/bin/python bench/bench_public.py                          (part of `make bench`)
    BENCH_PUBLIC_BEFORE=1 .venv/bin/python bench/bench_public.py    (also the old pattern: ~1 min)

1. The offer check as the page and the API run it (the near-duplicate signature included) on one
   token of 20,000 characters (the limit: checked in full) and of 30,000 and 100,000 (refused at
   once with the limit's message).
2. The near-duplicate signature alone on one token of 20,000, 30,000 and 100,000 characters (it
   has no limit of its own: linear time is what keeps it cheap); with BENCH_PUBLIC_BEFORE=1 also
   with the pattern it used before, which was quadratic (at 20,000 and 30,000 characters only).
3. The notes assistant on the slowest of a few 20,000-character notes built to be slow.
Times are CPU seconds of this process (`time.process_time`), on one core.
"""

from __future__ import annotations

import os
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench._common import pin_to_one_core, report  # noqa: E402 - the repository root is on the path

#: Notes of 20,000 characters built to make the notes assistant slow (each a repeated unit).
SLOW_NOTES = ("x x. ", "\n- ", "(", "'s ", "sold her ", "1,", "a.")


def _cpu(work: Callable[[str], object], text: str) -> float:
    """Return the CPU seconds `work(text)` takes."""
    start = time.process_time()
    work(text)
    return time.process_time() - start


def bench_offer_check() -> None:
    from stepstones.recruitment import Offer, OfferError, check_offer

    def check(text: str) -> None:
        try:
            check_offer(Offer(text), find_reported=lambda _signature: ())
        except OfferError as error:
            assert error.code == "too_long", error.code

    check("Warm-up: load the data files and language models outside the timing.")
    for length in (20_000, 30_000, 100_000):
        answer = "checked" if length <= 20_000 else "refused: over the limit"
        report(
            f"offer check, one token of {length:,} characters ({answer})",
            _cpu(check, "a" * length) * 1000,
            "ms",
            "< 500 ms",
        )


def bench_signature() -> None:
    from stepstones.recruitment import similar

    for length in (20_000, 30_000, 100_000):
        report(
            f"near-duplicate signature, one token of {length:,} characters",
            _cpu(similar.signature, "a" * length) * 1000,
            "ms",
            "linear",
        )
    if not os.environ.get("BENCH_PUBLIC_BEFORE"):
        return
    linear = similar._DROP
    similar._DROP = re.compile(similar.DROP_REFERENCE)  # the pattern as it was before issue 17
    try:
        for length in (20_000, 30_000):
            report(
                f"BEFORE: near-duplicate signature, one token of {length:,} characters",
                _cpu(similar.signature, "a" * length),
                "s",
                "-",
            )
    finally:
        similar._DROP = linear


def bench_notes() -> None:
    from stepstones.notes import suggest

    def read(text: str) -> None:
        suggest(text, "en")

    read("Warm-up: she was not paid.")
    slowest = max(_cpu(read, (unit * 20_000)[:20_000]) for unit in SLOW_NOTES)
    report("notes assistant, slowest built 20,000-character notes", slowest * 1000, "ms", "< 2 s")


def main() -> None:
    pin_to_one_core()
    bench_offer_check()
    bench_signature()
    bench_notes()


if __name__ == "__main__":
    main()
