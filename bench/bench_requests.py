"""CPU time of one request to the pages a case worker uses most, in process, on PostgreSQL.

Seeds a fresh database of its own (one organisation's case manager with 60 cases, a partner,
referrals both ways), then requests each page through Django's test client with DEBUG off,
logged in: a warm-up, then 30 times. The figure is the median CPU time of one request on one core
(`time.process_time`: the app's own work, not PostgreSQL's), with the number of queries. The case
page is measured on a case with one consent, referral and service, and again after it gathered
60 of each: the page is paged, so both figures and query counts should be the same.

    .venv/bin/python bench/bench_requests.py      # make bench
    BENCH_REQUESTS_DATABASE_URL=postgres://postgres@127.0.0.1:5432/stepstones_bench_requests

Skips (exit 0, with a message) when PostgreSQL is not reachable.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench._common import pin_to_one_core, report  # noqa: E402 - the root is on the path now
from bench._load import fresh_database, load_average, server_environment, setup_django  # noqa: E402

LABEL = "bench_requests"
DB_URL = os.environ.get(
    "BENCH_REQUESTS_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/stepstones_bench_requests"
)
RUNS = 30
CASES = 60
GROWN = 60  # consents, referrals and services on the grown case


def measure(request: Callable[[], Any]) -> tuple[float, int]:
    """Return the median CPU ms of `request` and its number of queries."""
    from django.db import connection

    for _ in range(3):
        assert request().status_code == 200
    queries: list[str] = []

    def count(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        request()
    times = []
    for _ in range(RUNS):
        start = time.process_time()
        request()
        times.append(1000 * (time.process_time() - start))
    return statistics.median(times), len(queries)


def seed() -> dict[str, Any]:
    from stepstones.agencies import actions as agencies
    from stepstones.agencies.models import Kind, Role, Sector
    from stepstones.cases import actions as cases
    from stepstones.referrals import actions as referrals

    def organisation(name: str, kind: str, sector: str) -> Any:
        return agencies.create_organisation(
            name=name,
            kind=kind,
            sectors=[sector],
            region="Skopje",
            municipality="Centar",
            services=["shelter", "psychosocial"],
            languages=["mk", "en"],
        )

    ngo = organisation("Bench Outreach", Kind.NON_GOVERNMENTAL, Sector.OUTREACH)
    centre = organisation("Bench Centre for Social Work", Kind.GOVERNMENTAL, Sector.SOCIAL_WORK)
    worker = agencies.add_member(
        ngo, username="bench", email="b@example.org", role=Role.CASE_MANAGER, by=None
    )
    partner = agencies.add_member(
        centre, username="partner", email="p@example.org", role=Role.CASE_MANAGER, by=None
    )

    def grow(case: Any, by: Any, to: Any, n: int) -> None:
        for _ in range(n):
            cases.record_consent(
                case,
                purpose="assistance",
                recipient=to,
                given_on=dt.date(2026, 12, 1),
                language="mk",
                how_given="oral",
                by=by,
            )
            referrals.send_referral(
                case,
                to_org=to,
                kind="service",
                purpose="assistance",
                service="shelter",
                urgency="normal",
                fields=["gender"],
                by=by,
            )
            referrals.record_service(case, kind="psychosocial", by=by)

    # Three in four cases are the worker's; every fourth is the partner's.
    opened = [
        cases.open_case(
            by=worker if i % 4 else partner,
            gender="Feminine",
            citizenship=["NP"],
            summary=f"Bench case {i}: met at a bus stop.",
        )
        for i in range(CASES)
    ]
    small, grown = opened[1], opened[2]
    grow(small, worker, centre, 1)
    grow(grown, worker, centre, GROWN)
    for case in opened[4:20:4]:  # the partner's cases refer to the NGO: its inbox has rows
        grow(case, partner, ngo, 1)
    return {"user": worker.user, "small": small.pk, "grown": grown.pk}


def main() -> None:
    print(f"{LABEL}: load average {load_average():.1f} on {os.cpu_count()} cores at start")
    env = server_environment(DB_URL) | {"ALLOWED_HOSTS": "testserver"}
    with fresh_database(DB_URL, LABEL):
        setup_django(env)
        world = seed()
        from django.test import Client

        pin_to_one_core()
        client = Client()
        client.force_login(world["user"])
        # A case worker types a code after the password.
        from bench._second_factor import pass_second_factor

        pass_second_factor(client, world["user"])
        answers = {
            "age": "19",
            "origin": "Nepal",
            "transit": "Türkiye, Greece",
            "destination": "MK",
            "indicators__debt_bondage": "yes",
            "smuggling__paid_to_cross": "yes",
        }
        pages: list[tuple[str, Callable[[], Any], str]] = [
            ("home page (fixed cost)", lambda: client.get("/"), "-"),
            ("case list", lambda: client.get("/cases/list/"), "< 10 ms"),
            ("referral inbox", lambda: client.get("/referrals/"), "< 10 ms"),
            ("dashboard", lambda: client.get("/cases/"), "-"),
            (
                "case page, 1 consent/referral/service",
                lambda: client.get(f"/cases/{world['small']}/"),
                "< 20 ms",
            ),
            (
                f"case page, {GROWN} of each",
                lambda: client.get(f"/cases/{world['grown']}/"),
                "< 20 ms, flat",
            ),
            ("quick screen GET, logged in", lambda: client.get("/screen/"), "< 15 ms"),
            ("quick screen POST, logged in", lambda: client.post("/screen/", answers), "< 15 ms"),
        ]
        for name, request, target in pages:
            ms, queries = measure(request)
            report(f"{name}, CPU per request", ms, "ms", target)
            print(f"{name}: {queries} queries")
    print(f"{LABEL}: load average {load_average():.1f} at the end")


if __name__ == "__main__":
    main()
