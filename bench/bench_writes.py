"""Concurrent writes by different organisations: does the audit chain make them queue?

Every write appends to the audit chain inside its transaction. This benchmark starts W writer
processes (default 20), each a case manager of a different organisation, on a fresh PostgreSQL
database of its own; each opens cases and records consents through the project's actions, without
pause, for a fixed time. It prints, for 1, 2 and W writers in turn: writes a second, the median
and p95 time of one write, and the share of the writers' time spent waiting to append to the audit
chain (the time of the statement that claims the chain's head row, which waits while another
transaction holds it). Afterwards the whole chain is verified.

    .venv/bin/python bench/bench_writes.py           # make bench
    BENCH_WRITERS=20 BENCH_WRITES_SECONDS=8          # the defaults
    BENCH_WRITES_DATABASE_URL=postgres://postgres@127.0.0.1:5432/stepstones_bench_writes

Skips (exit 0, with a message) when PostgreSQL is not reachable.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench._common import report  # noqa: E402 - the root is on the path now
from bench._load import fresh_database, load_average, server_environment, setup_django  # noqa: E402

LABEL = "bench_writes"
DB_URL = os.environ.get(
    "BENCH_WRITES_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/stepstones_bench_writes"
)
WRITERS = int(os.environ.get("BENCH_WRITERS", "20"))
SECONDS = float(os.environ.get("BENCH_WRITES_SECONDS", "8"))


def seed(n: int) -> list[tuple[int, int]]:
    """Create `n` organisations with a case manager and a partner each: (membership, partner)."""
    from stepstones.agencies import actions as agencies
    from stepstones.agencies.models import Kind, Role, Sector

    ids = []
    for i in range(n):
        org = agencies.create_organisation(
            name=f"Writer Organisation {i}",
            kind=Kind.NON_GOVERNMENTAL,
            sectors=[Sector.OUTREACH],
            region="Skopje",
            municipality="Centar",
            services=["shelter"],
            languages=["mk"],
        )
        partner = agencies.create_organisation(
            name=f"Partner Organisation {i}",
            kind=Kind.GOVERNMENTAL,
            sectors=[Sector.SOCIAL_WORK],
            region="Skopje",
            municipality="Centar",
            services=["shelter"],
            languages=["mk"],
        )
        member = agencies.add_member(
            org,
            username=f"writer{i}",
            email=f"writer{i}@example.org",
            role=Role.CASE_MANAGER,
            password=None,
            by=None,
        )
        ids.append((member.pk, partner.pk))
    return ids


def writer(membership_id: int, partner_id: int, until: float, out: Any) -> None:
    """Open cases and record consents until `until`; send back latencies and waits (seconds)."""
    from django.db import connection

    from stepstones.agencies.models import Membership, Organisation
    from stepstones.cases import actions as cases

    connection.close()  # a connection of this process's own, not the parent's
    by = Membership.objects.select_related("organisation", "user").get(pk=membership_id)
    partner = Organisation.objects.get(pk=partner_id)
    waited = [0.0]

    def timed(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        if "audit_chainhead" in sql and sql.lstrip().upper().startswith("UPDATE"):
            start = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                waited[0] += time.perf_counter() - start
        return execute(sql, params, many, context)

    latencies = []
    started = time.perf_counter()
    with connection.execute_wrapper(timed):
        while time.perf_counter() < until:
            start = time.perf_counter()
            case = cases.open_case(
                by=by, gender="Feminine", citizenship=["AF"], summary="Met at the border."
            )
            latencies.append(time.perf_counter() - start)
            start = time.perf_counter()
            cases.record_consent(
                case,
                purpose="assistance",
                recipient=partner,
                given_on=dt.date(2026, 12, 1),
                language="mk",
                how_given="oral",
                by=by,
            )
            latencies.append(time.perf_counter() - start)
    out.put((latencies, waited[0], time.perf_counter() - started))
    connection.close()


def run(pairs: list[tuple[int, int]]) -> dict[str, float]:
    from django.db import connections

    connections.close_all()  # never share a connection with the writers
    context = multiprocessing.get_context("fork")
    out = context.Queue()
    until = time.perf_counter() + SECONDS + 1.0  # a second for every writer to start
    processes = [context.Process(target=writer, args=(m, p, until, out)) for m, p in pairs]
    for process in processes:
        process.start()
    results = [out.get() for _ in processes]
    for process in processes:
        process.join()
    latencies = [x for lat, _w, _s in results for x in lat]
    waited = sum(w for _lat, w, _s in results)
    busy = sum(s for _lat, _w, s in results)
    wall = max(s for _lat, _w, s in results)
    cuts = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [0.0] * 99
    return {
        "writes": len(latencies) / wall,
        "p50": cuts[49] * 1000,
        "p95": cuts[94] * 1000,
        "waiting": waited / busy if busy else 0.0,
    }


def main() -> None:
    print(
        f"{LABEL}: load average {load_average():.1f} on {os.cpu_count()} cores at start;"
        f" up to {WRITERS} writers, {SECONDS:.0f} s each round"
    )
    env = server_environment(DB_URL)
    with fresh_database(DB_URL, LABEL):
        setup_django(env)
        pairs = seed(WRITERS)
        for n in sorted({1, 2, WRITERS}):
            figures = run(pairs[:n])
            report(f"{n} writers: writes a second", figures["writes"], "writes/s", "-")
            report(f"{n} writers: write p50", figures["p50"], "ms", "-")
            print(f"{n} writers: write p95: {figures['p95']:,.1f} ms")
            report(
                f"{n} writers: share of time waiting for the audit chain",
                100 * figures["waiting"],
                "%",
                "small",
            )
        from stepstones.audit.chain import verify

        problems = verify()
        report("audit chain problems after the run", len(problems), "problems", "0")
    print(f"{LABEL}: load average {load_average():.1f} at the end")


if __name__ == "__main__":
    main()
