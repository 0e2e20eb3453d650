"""The statistics dashboard on many cases: every panel counted and protected, cold and warm.

Generates N cases (default 100,000; the issue's target is 1,000,000) with their people and a third
as many referrals, by bulk inserts (no audit events: the figures are under test, not the actions),
in a PostgreSQL database of its own, then times `publish` for every panel (what the dashboard
computes: the GROUP BY queries and disclosure control), unfiltered and with a region filter.

    BENCH_STATS_CASES=100000 .venv/bin/python bench/bench_stats.py
    BENCH_STATS_DATABASE_URL=postgres://postgres@127.0.0.1:5432/stepstones_bench_stats

Skips (exit 0, with a message) when PostgreSQL is not reachable.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench._common import report  # noqa: E402 - the root is on the path now
from bench._load import fresh_database, server_environment, setup_django  # noqa: E402

LABEL = "bench_stats"
DB_URL = os.environ.get(
    "BENCH_STATS_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/stepstones_bench_stats"
)
CASES = int(os.environ.get("BENCH_STATS_CASES", "100000"))
BATCH = 10_000


def generate(rng: random.Random) -> None:
    from django.utils import timezone

    from stepstones.agencies.models import Kind, Organisation
    from stepstones.cases.models import Case, Person
    from stepstones.referrals.models import Referral

    regions = ["Skopje", "Polog", "Southeast", "Northeast"]
    kinds = [Kind.GOVERNMENTAL, Kind.NON_GOVERNMENTAL, Kind.INTERNATIONAL]
    orgs = [
        Organisation.objects.create(
            name=f"Bench organisation {n}",
            kind=kinds[n % 3],
            sectors=[],
            region=regions[n % 4],
            municipality="x",
            services=[],
            languages=[],
        )
        for n in range(12)
    ]
    now = timezone.now()
    countries = ["MK"] * 9 + ["AL", "RS", "XK", "SY", "AF", "NG", "UA", "BD", "IN"]
    forms = ["SexualExploitation"] * 4 + ["ForcedLabour"] * 3 + ["ForcedBegging", "ForcedMarriage"]
    for start in range(0, CASES, BATCH):
        size = min(BATCH, CASES - start)
        people = Person.objects.bulk_create(
            [
                Person(
                    code=f"SC-B{(start + i) // 10000:03d}-{(start + i) % 10000:04d}",
                    gender=rng.choice(["Feminine", "Feminine", "Masculine"]),
                    is_child=rng.random() < 0.2,
                    citizenship=[rng.choice(countries)],
                )
                for i in range(size)
            ]
        )
        cases = Case.objects.bulk_create(
            [
                Case(
                    person=person,
                    accountable_org=rng.choice(orgs),
                    opened_at=(opened := now - dt.timedelta(days=rng.randint(0, 1500))),
                    updated_at=opened,
                    stage=rng.choice(["screening", "assistance", "closed", "identified"]),
                    type_of_exploitation=[rng.choice(forms)],
                    methods_of_control=[rng.choice(["DebtBondage", "FalsePromises"])],
                    method_of_recruitment=[rng.choice(["ThroughOnlineSocialNetworks", "AtWork"])],
                )
                for person in people
            ]
        )
        Referral.objects.bulk_create(
            [
                Referral(
                    case=case,
                    kind="service",
                    from_org=case.accountable_org,
                    to_org=rng.choice(orgs),
                    purpose="assistance",
                    service_requested="shelter",
                    urgency="normal",
                    packet_token="",
                    status=rng.choice(["pending", "accepted", "declined"]),
                    sent_at=case.opened_at,
                    due_at=case.opened_at + dt.timedelta(hours=72),
                    responded_at=case.opened_at + dt.timedelta(hours=rng.randint(1, 120)),
                )
                for case in cases[::3]
            ]
        )


def dashboard(filters: object) -> float:
    from stepstones.stats.compute import publish
    from stepstones.stats.panels import PANELS

    start = time.perf_counter()
    for panel in PANELS.values():
        publish(panel, filters)  # type: ignore[arg-type]
    return time.perf_counter() - start


def main() -> None:
    with fresh_database(DB_URL, LABEL):
        setup_django(server_environment(DB_URL))
        from django.db import connection

        from stepstones.stats.panels import Filters

        start = time.perf_counter()
        generate(random.Random(18))  # noqa: S311 - invented figures
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        print(f"{LABEL}: {CASES:,} cases generated in {time.perf_counter() - start:.0f} s")
        report(
            f"{LABEL} dashboard cold, {CASES:,} cases",
            dashboard(Filters()) * 1000,
            "ms",
            "< 1000 ms at 1M",
        )
        report(
            f"{LABEL} dashboard warm, {CASES:,} cases",
            dashboard(Filters()) * 1000,
            "ms",
            "< 1000 ms at 1M",
        )
        report(
            f"{LABEL} filter change (region), {CASES:,} cases",
            dashboard(Filters(region="Polog")) * 1000,
            "ms",
            "< 300 ms at 1M",
        )


if __name__ == "__main__":
    main()
