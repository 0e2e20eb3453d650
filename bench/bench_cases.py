"""The case list, the referral inbox and the case page at 100,000 cases and 300,000 referrals.

Generates the data into a dedicated PostgreSQL database (created when missing, reused when it
already holds the same size), then renders each page for one case manager of the busiest
organisation through Django's test client against the real views: warm-up, then N requests, and
prints p50/p95 and the number of queries per page. The JSON API's equivalents are measured too.

    .venv/bin/python bench/bench_cases.py
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/stepstones_bench  # the default
    BENCH_CASES=100000 BENCH_REFERRALS=300000 BENCH_REQUESTS=200              # the defaults

Skips (exit 0, with a message) when PostgreSQL is not reachable.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench._common import pin_to_one_core, report  # noqa: E402 - root is on the path now

DB_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/stepstones_bench")
N_CASES = int(os.environ.get("BENCH_CASES", "100000"))
N_REFERRALS = int(os.environ.get("BENCH_REFERRALS", "300000"))
N_REQUESTS = int(os.environ.get("BENCH_REQUESTS", "200"))
WARM_UP = 20
N_ORGS = 30
BUSY_SHARE = 0.10  # the benchmark user's organisation holds and receives 10% of everything
TARGET_MS = 150.0
BATCH = 5000


def _pg(url: str) -> str:
    return url.replace("postgres://", "postgresql://", 1)


def _server_and_name(url: str) -> tuple[str, str]:
    base, _slash, name = url.rpartition("/")
    return base + "/postgres", name


def prepare_database() -> bool:
    """Create the database when missing; return True when it already holds data of this size."""
    server, name = _server_and_name(DB_URL)
    try:
        admin = psycopg.connect(_pg(server), connect_timeout=3, autocommit=True)
    except psycopg.Error as error:
        print(f"bench_cases: skipped, PostgreSQL not reachable at {server}: {error}")
        sys.exit(0)
    with admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists is not None:
            try:
                with psycopg.connect(_pg(DB_URL)) as conn:
                    cases = conn.execute("SELECT count(*) FROM cases_case").fetchone()
                    referrals = conn.execute("SELECT count(*) FROM referrals_referral").fetchone()
                if cases == (N_CASES,) and referrals == (N_REFERRALS,):
                    return True
            except psycopg.Error:
                pass
            print(f"bench_cases: dropping {name} (different size or incomplete)")
            admin.execute(f'DROP DATABASE "{name}"')  # name from our own configuration
        admin.execute(f'CREATE DATABASE "{name}"')
    return False


def setup_django() -> None:
    from cryptography.fernet import Fernet

    os.environ["DATABASE_URL"] = DB_URL
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "stepstones.settings")
    os.environ["DEBUG"] = "false"
    os.environ.setdefault("SECRET_KEY", "bench-" + Fernet.generate_key().decode())
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    os.environ.setdefault("STEPSTONES_VAULT_KEYS", Fernet.generate_key().decode())
    os.environ.setdefault("STEPSTONES_AUDIT_KEYS", Fernet.generate_key().decode())
    os.environ.setdefault("STEPSTONES_LINKAGE_KEYS", Fernet.generate_key().decode())
    os.environ["STEPSTONES_HOME"] = str(Path(__file__).resolve().parents[1])
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _code(i: int) -> str:
    from stepstones.cases.models import _CODE_ALPHABET

    alphabet = _CODE_ALPHABET
    # A bijection of the index, so codes are unique and look random.
    n = (i * 2_654_435_761 + 12345) % (len(alphabet) ** 8)
    chars = []
    for _ in range(8):
        n, r = divmod(n, len(alphabet))
        chars.append(alphabet[r])
    body = "".join(chars)
    return f"BC-{body[:4]}-{body[4:]}"


def generate() -> None:
    """Fill the database: organisations, members, cases, consents, referrals, services."""
    import datetime as dt

    from django.contrib.auth.models import User
    from django.db import transaction
    from django.utils import timezone

    from stepstones.agencies.models import Kind, Membership, Organisation, Role, ServiceKind
    from stepstones.cases import vault
    from stepstones.cases.models import (
        Assessment,
        Case,
        Consent,
        Custody,
        IdentityVault,
        Person,
        Stage,
    )
    from stepstones.referrals.models import Referral, Service

    rng = random.Random(20261127)
    started = time.perf_counter()
    now = timezone.now()
    services = [s for s in ServiceKind.values]
    with transaction.atomic():
        orgs = Organisation.objects.bulk_create(
            Organisation(
                name=f"Bench Organisation {i:02d}",
                kind=Kind.NON_GOVERNMENTAL if i % 2 else Kind.GOVERNMENTAL,
                sectors=["outreach"],
                region=f"Region {i % 8}",
                municipality=f"Municipality {i}",
                services=rng.sample(services, 3),
                languages=["mk", "en", "ar"],
            )
            for i in range(N_ORGS)
        )
        users = []
        for i in range(len(orgs)):
            user = User(username=f"bench{i:02d}", email=f"bench{i:02d}@example.org")
            user.set_unusable_password()
            users.append(user)
        User.objects.bulk_create(users)
        users = list(User.objects.filter(username__startswith="bench").order_by("username"))
        Membership.objects.bulk_create(
            Membership(user=u, organisation=o, role=Role.CASE_MANAGER)
            for u, o in zip(users, orgs, strict=True)
        )
    weights = [BUSY_SHARE] + [(1 - BUSY_SHARE) / (N_ORGS - 1)] * (N_ORGS - 1)
    stages = [s for s in Stage.values]
    # A packet of a typical size (a few fields, a summary, a note), encrypted as the real ones are.
    packet_token = vault.encrypt(
        {
            "version": 1,
            "code": "BC-0000-0000",
            "kind": "service",
            "purpose": "assistance",
            "service": "shelter",
            "urgency": "normal",
            "reason": "AdditionalServicesRequired",
            "note": "Please call before arrival; she speaks Arabic and some English. " * 3,
            "from_org": "Bench Organisation 00",
            "to_org": "Bench Organisation 01",
            "fields": ["gender", "age_group", "citizenship", "summary", "names"],
            "values": {
                "gender": "Feminine",
                "age_group": "adult",
                "citizenship": ["SY"],
                "summary": "Met at the border; job promised in a restaurant. " * 6,
                "names": [{"script": "latin", "value": "Generated Name"}],
            },
        }
    )
    holder: list[int] = []  # org index per case
    case_ids: list[int] = []
    case_times: list[dt.datetime] = []
    for start in range(0, N_CASES, BATCH):
        size = min(BATCH, N_CASES - start)
        with transaction.atomic():
            people = Person.objects.bulk_create(
                Person(code=_code(start + k), gender="Feminine", citizenship=["SY"])
                for k in range(size)
            )
            batch_orgs = rng.choices(range(N_ORGS), weights=weights, k=size)
            opened = [now - dt.timedelta(minutes=rng.randrange(2 * 365 * 24 * 60)) for _ in people]
            cases = Case.objects.bulk_create(
                Case(
                    person=p,
                    accountable_org=orgs[o],
                    case_owner=users[o],
                    stage=rng.choice(stages),
                    opened_at=t,
                    updated_at=t + dt.timedelta(minutes=rng.randrange(60 * 24 * 30)),
                    summary="Generated for the benchmark.",
                    type_of_exploitation=["ForcedLabour"],
                )
                for p, o, t in zip(people, batch_orgs, opened, strict=True)
            )
            Custody.objects.bulk_create(
                Custody(case=c, organisation=orgs[o], since=t)
                for c, o, t in zip(cases, batch_orgs, opened, strict=True)
            )
            Assessment.objects.bulk_create(
                Assessment(
                    case=c,
                    facts={"recruited_by_deception": True},
                    result={"outcome": "possible_victim"},
                    catalogue_version="bench-1",
                    outcome="possible_victim",
                    assessed_by=users[o],
                    organisation=orgs[o],
                    assessed_at=t,
                )
                for c, o, t in zip(cases, batch_orgs, opened, strict=True)
            )
            holder.extend(batch_orgs)
            case_ids.extend(c.pk for c in cases)
            case_times.extend(opened)
        print(f"  cases {start + size:,}/{N_CASES:,}", end="\r", flush=True)
    print()
    statuses = ["pending", "accepted", "declined", "completed", "withdrawn"]
    status_weights = [0.2, 0.5, 0.15, 0.1, 0.05]
    for start in range(0, N_REFERRALS, BATCH):
        size = min(BATCH, N_REFERRALS - start)
        with transaction.atomic():
            picks = [rng.randrange(N_CASES) for _ in range(size)]
            targets = []
            for i in picks:
                to = rng.choices(range(N_ORGS), weights=weights)[0]
                if to == holder[i]:
                    to = (to + 1) % N_ORGS
                targets.append(to)
            consents = Consent.objects.bulk_create(
                Consent(
                    case_id=case_ids[i],
                    purpose="assistance",
                    recipient=orgs[to],
                    given_on=case_times[i].date(),
                    language="ar",
                    how_given="oral",
                    recorded_by=users[holder[i]],
                    recorded_by_org=orgs[holder[i]],
                    recorded_at=case_times[i],
                )
                for i, to in zip(picks, targets, strict=True)
            )
            rows = []
            for i, to, consent in zip(picks, targets, consents, strict=True):
                sent = min(now, case_times[i] + dt.timedelta(hours=rng.randrange(1, 24 * 60)))
                status = rng.choices(statuses, weights=status_weights)[0]
                rows.append(
                    Referral(
                        case_id=case_ids[i],
                        kind="service",
                        from_org=orgs[holder[i]],
                        to_org=orgs[to],
                        sent_by=users[holder[i]],
                        purpose="assistance",
                        service_requested=rng.choice(services),
                        urgency=rng.choice(["urgent", "normal"]),
                        shared_fields=["gender"],
                        packet_token=packet_token,
                        consent=consent,
                        status=status,
                        sent_at=sent,
                        due_at=sent + dt.timedelta(hours=72),
                        responded_at=None if status == "pending" else sent,
                    )
                )
            referrals = Referral.objects.bulk_create(rows)
            Service.objects.bulk_create(
                Service(
                    case_id=r.case_id,
                    referral=r,
                    provider_id=r.to_org_id,
                    kind=r.service_requested,
                    status="completed" if r.status == "completed" else "started",
                    requested_at=r.sent_at,
                )
                for r in referrals
                if r.status in ("accepted", "completed")
            )
        print(f"  referrals {start + size:,}/{N_REFERRALS:,}", end="\r", flush=True)
    print()
    with transaction.atomic():
        IdentityVault.objects.bulk_create(
            IdentityVault(person_id=p, token=vault.encrypt({"names": []}))
            for p in Case.objects.filter(accountable_org=orgs[0]).values_list(
                "person_id", flat=True
            )[:100]
        )
    from django.db import connection

    with connection.cursor() as cursor:
        # Fresh statistics, as a production database has after autovacuum.
        cursor.execute("VACUUM ANALYZE")
    print(f"  generated in {time.perf_counter() - started:.0f} s")


def expire_stale_referrals() -> None:
    """Expire pending referrals long past their deadline, as the production timer does.

    `send_referral_reminders` runs `expire_overdue` every few minutes, so a real database holds
    pending referrals only within their deadline plus the expiry grace (7 days by default).
    Generated data ages while it is reused, so this runs before every measurement: one bulk
    UPDATE (the audit chain is not part of this benchmark).
    """
    from django.utils import timezone

    from stepstones.referrals.actions import expiry_grace
    from stepstones.referrals.models import Referral, ReferralStatus

    cutoff = timezone.now() - expiry_grace()
    expired = Referral.objects.filter(status=ReferralStatus.PENDING, due_at__lt=cutoff).update(
        status=ReferralStatus.EXPIRED, responded_at=cutoff
    )
    if expired:
        print(f"  expired {expired:,} referrals past deadline + grace (as the timer would)")
    from django.db import connection

    with connection.cursor() as cursor:
        # Statistics as autovacuum keeps them after such an update (the test server runs without
        # autovacuum): stale ones make the planner expect thousands of pending referrals.
        cursor.execute("ANALYZE referrals_referral")


def measure(client: Any, url: str, headers: dict[str, str] | None = None) -> dict[str, float]:
    """Return p50/p95 in ms and the query count of GET `url` (after a warm-up)."""
    from django.db import connection

    for _ in range(WARM_UP):
        assert client.get(url, headers=headers or {}).status_code == 200, url
    queries: list[str] = []

    def count(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        queries.append(sql)
        return execute(sql, params, many, context)

    # Counted at the driver, so Django's per-request reset of its query log does not matter.
    with connection.execute_wrapper(count):
        client.get(url, headers=headers or {})
    times = []
    cpu = []
    for _ in range(N_REQUESTS):
        start, start_cpu = time.perf_counter(), time.process_time()
        response = client.get(url, headers=headers or {})
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
        assert response.status_code == 200
    cuts = statistics.quantiles(times, n=100)
    return {
        "p50": cuts[49],
        "p95": cuts[94],
        # The app process's own CPU time (database time excluded): steadier on a busy machine.
        "cpu_p50": statistics.median(cpu),
        "queries": len(queries),
    }


def main() -> None:
    pin_to_one_core()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"bench_cases: load average {load:.1f} on {os.cpu_count()} cores at start")
    reused = prepare_database()
    setup_django()
    if reused:
        print(f"bench_cases: reusing {N_CASES:,} cases and {N_REFERRALS:,} referrals")
    else:
        print(f"bench_cases: generating {N_CASES:,} cases and {N_REFERRALS:,} referrals")
        generate()
    expire_stale_referrals()
    from bench._second_factor import pass_second_factor
    from django.contrib.auth.models import User
    from django.db.models import Count
    from django.test import Client
    from django.urls import reverse

    from stepstones.api.actions import create_token
    from stepstones.api.models import ApiToken
    from stepstones.cases.models import Case

    user = User.objects.get(username="bench00")
    org = user.membership.organisation
    busiest = (
        Case.objects.filter(accountable_org=org)
        .annotate(n=Count("referrals"))
        .order_by("-n", "id")
        .values_list("id", "n")
        .first()
    )
    assert busiest is not None
    case_id, n_refs = busiest
    print(
        f"user {user.username} of {org.name}: {Case.objects.filter(accountable_org=org).count():,}"
        f" cases held, case page for case {case_id} with {n_refs} referrals"
    )
    client = Client()
    client.force_login(user)
    pass_second_factor(client, user)  # a case worker types a code after the password
    ApiToken.objects.filter(user=user).delete()  # earlier runs' tokens
    _token, secret = create_token(user, name="benchmark")
    bearer = {"Authorization": f"Bearer {secret}"}
    pages = [
        ("case list", reverse("cases:list"), None),
        ("referral inbox", reverse("referrals:inbox"), None),
        # The heavier variants a user reaches from the filters and the paging links.
        ("case list, all stages, page 100", reverse("cases:list") + "?stage=all&page=100", None),
        ("referral inbox, all statuses", reverse("referrals:inbox") + "?status=all", None),
        ("case page", reverse("cases:case", args=[case_id]), None),
        ("api case list", "/api/v1/cases", bearer),
        ("api referral inbox", "/api/v1/referrals?box=inbox&status=pending", bearer),
        ("api case", f"/api/v1/cases/{case_id}", bearer),
        ("api case chain", f"/api/v1/cases/{case_id}/chain", bearer),
    ]
    slow = []
    for name, url, headers in pages:
        figures = measure(client, url, headers)
        report(f"{name} p50", figures["p50"], "ms", f"< {TARGET_MS:.0f} ms at p95")
        report(f"{name} p95", figures["p95"], "ms", f"< {TARGET_MS:.0f} ms")
        print(f"{name} app cpu p50: {figures['cpu_p50']:.1f} ms; queries: {figures['queries']:.0f}")
        if figures["p95"] >= TARGET_MS:
            slow.append(name)
    if slow:
        print(f"bench_cases: over the {TARGET_MS:.0f} ms target: {', '.join(slow)}")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"bench_cases: load average {load:.1f} at the end")


if __name__ == "__main__":
    main()
