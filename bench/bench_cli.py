"""`stepstones assess FILE --json` from start to finish, as a worker's script calls it.

    make bench        (or: .venv/bin/python bench/bench_cli.py)

Times the whole process (start-up, catalogue, assessment, output) over 11 runs after a warm-up,
and the same command through Django's management command (`--no-color` sends it there) in turn,
so the ratio is measured in one run on a noisy machine. Target: median under 0.3 s.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench._common import report  # noqa: E402 - the repository root is on the path now

FACTS = """\
age: 29
route: {origin: NP, destination: MK, irregular_crossing: "no"}
indicators: {deceived_about_nature_of_job: yes, documents_confiscated: yes, debt_bondage: yes}
"""
RUNS = 11


def _once(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)  # noqa: S603 - our own command
    return time.perf_counter() - start


def main() -> None:
    """Print the median wall time of both paths and their ratio."""
    tool = str(Path(sys.executable).with_name("stepstones"))
    with tempfile.TemporaryDirectory() as folder:
        facts = Path(folder) / "facts.yaml"
        facts.write_text(FACTS, encoding="utf-8")
        fast = [tool, "assess", str(facts), "--json"]
        django = [*fast, "--no-color"]
        _once(fast), _once(django)  # warm the file cache
        pairs = [(_once(fast), _once(django)) for _ in range(RUNS)]
    fast_ms = 1000 * statistics.median(a for a, _ in pairs)
    django_ms = 1000 * statistics.median(b for _, b in pairs)
    report("stepstones assess, one file, median wall", fast_ms, "ms", "< 300 ms")
    report("the same through Django's start-up", django_ms, "ms", "-")
    ratio = statistics.median(a / b for a, b in pairs)
    print(f"ratio fast/Django, median of {RUNS} pairs: {ratio:.2f}")


if __name__ == "__main__":
    main()
