"""A working day under load: simulated case workers on one server, with the daily mix of issue 13.

Starts gunicorn (2 x cores + 1 sync workers) on a fresh PostgreSQL database of its own, seeds a
few organisations, case workers, cases and consents through the project's actions, and gives each
case worker an API token. Then every simulated user logs in once (at the same time, with the
password hashing the settings have, then the code of an authenticator seeded for each: logins
are measured on their own). The daily mix: the case
list, a case page, the dashboard, opening a case (the case form), recording a consent, sending a
referral, the quick screen (GET and POST), the offer check, the notes assistant, and the API's
assess with a personal token; after 5 unmeasured seconds of it that warm every worker, four
measured phases:

1. the mix offered at the target rate (100 requests a second): requests arrive as a seeded
   Poisson process, each sent by a user not waiting for an answer, and each request's time
   counts from when it was due, so a server that falls behind shows it (no coordinated omission).
   This is issue 13's "100 a second sustained, p95 under 500 ms": the latency at that rate;
2. the mix with every user looping without pause: the most the server gives (its latencies are
   only the queue: users / rate);
3. and 4. the same for a read-only mix (pages and API GETs) at 200 a second, then without pause.

Prints, per phase: requests a second achieved, p50/p95/p99 per kind and overall, errors (any
status other than the one expected); then rows created (cases, consents, referrals) against
successful create responses over both mix phases. The schedule is seeded. The consent form
answers with a redirect whether or not the consent was recorded, so a refused consent shows as a
row missing, not as an error.

    .venv/bin/python bench/bench_load.py           # make bench-load
    BENCH_LOAD_SECONDS=60 BENCH_LOAD_USERS=50      # the defaults (seconds per phase)
    BENCH_LOAD_DATABASE_URL=postgres://postgres@127.0.0.1:5432/stepstones_bench_load
    BENCH_WORKERS=<2 x cores + 1>

The database is created for the run and dropped after it. Skips (exit 0, with a message) when
PostgreSQL is not reachable. Exits 0 whether or not the targets are met (it is a measurement);
exits 1 only when the run itself could not be done (no user could log in).
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import statistics
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
# The root is on the path now.
from bench._common import report  # noqa: E402
from bench._load import (  # noqa: E402
    DEFAULT_WORKERS,
    Browser,
    Reply,
    csrf_token,
    fresh_database,
    gunicorn,
    load_average,
    server_environment,
    server_log,
    setup_django,
)

LABEL = "bench_load"
DB_URL = os.environ.get(
    "BENCH_LOAD_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/stepstones_bench_load"
)
SECONDS = float(os.environ.get("BENCH_LOAD_SECONDS", "60"))
N_USERS = int(os.environ.get("BENCH_LOAD_USERS", "50"))
N_WORKERS = int(os.environ.get("BENCH_WORKERS", str(DEFAULT_WORKERS)))
N_ORGS = 4
WARMUP = 5.0  # seconds of the mix, not measured, before the measured run
CASES_PER_ORG = 25
PASSWORD = "bench case worker password"  # noqa: S105 - throw-away accounts in a throw-away database
TARGET_RPS, TARGET_P95_MS, TARGET_READ_RPS = 100.0, 500.0, 200.0
RATE_SEED = 20261207  # the arrivals of the paced phases

# The daily mix (weights): reads most, writes a fifth, the tools in between.
MIX = {
    "case list": 14,
    "case page": 18,
    "dashboard": 10,
    "create case": 7,
    "record consent": 6,
    "send referral": 4,
    "quick screen GET": 8,
    "quick screen POST": 8,
    "offer check": 6,
    "notes assistant": 5,
    "API assess": 14,
}
READ_MIX = {
    "case list": 20,
    "case page": 25,
    "dashboard": 15,
    "referral inbox": 10,
    "quick screen GET": 10,
    "API case list": 10,
    "API case": 10,
}
Form = dict[str, str] | list[tuple[str, str]]
CREATES = {"create case": "cases", "record consent": "consents", "send referral": "referrals"}

OFFER = (
    "URGENT! Waitresses wanted for a restaurant in Germany. No experience, no language needed. "
    "Salary 3,000 EUR a month plus tips, free accommodation. We pay the ticket and arrange the "
    "visa; you pay back from your first salary. Send a photo and your passport copy on WhatsApp "
    "to +49 151 0000 0000. Only girls 18-25. Leave within a week."
)
NOTES = (
    "Met her at the bus station at 6 am. She is 19, from Nepal, came through Turkey and Greece. "
    "A man recruited her for a job in a restaurant and paid the journey; now she owes him 4,000 "
    "euros and works in a bar without pay. He keeps her passport and she is not allowed to go "
    "out alone. She says she was threatened when she asked to leave. She sleeps at the bar."
)
FACTS = json.dumps(
    {
        "age": 24,
        "route": {"origin": "NP", "destination": "MK", "irregular_crossing": "no"},
        "elements": {
            "acts": ["recruitment"],
            "means": ["deception"],
            "purposes": ["forced_labour"],
        },
    }
).encode()


@dataclass(frozen=True)
class Seat:
    """One simulated user: account, organisation, the cases it may write, a partner, a token."""

    username: str
    cases: tuple[int, ...]
    partner: int
    token: str
    otp_key: str  # the key of the user's authenticator app (hex), to compute its codes


@dataclass
class World:
    seats: tuple[Seat, ...]
    screen_fields: tuple[str, ...]
    rows: dict[str, int]  # before the measured mix


def count_rows() -> dict[str, int]:
    from stepstones.cases.models import Case, Consent
    from stepstones.referrals.models import Referral

    return {
        "cases": Case.objects.count(),
        "consents": Consent.objects.count(),
        "referrals": Referral.objects.count(),
    }


def rows_now() -> dict[str, int]:
    """Count the rows from a thread of its own (the ORM is not used inside the event loop)."""
    from django.db import connections

    try:
        return count_rows()
    finally:
        connections.close_all()


def prepare(env: dict[str, str]) -> World:
    """Migrate the fresh database; seed organisations, case workers, cases, consents, tokens."""
    setup_django(env)
    import datetime as dt

    from bench._second_factor import authenticator

    from stepstones.agencies import actions as agencies
    from stepstones.agencies.models import Kind, Role, Sector
    from stepstones.api.actions import create_token
    from stepstones.cases import actions as cases
    from stepstones.referrals import actions as referrals
    from stepstones.screening.forms import ScreeningForm

    sectors = [Sector.OUTREACH, Sector.POLICE, Sector.SOCIAL_WORK, Sector.LEGAL_AID]
    orgs = [
        agencies.create_organisation(
            name=f"Bench Organisation {n}",
            kind=Kind.NON_GOVERNMENTAL if n % 2 == 0 else Kind.GOVERNMENTAL,
            sectors=[sectors[n % len(sectors)]],
            region="Skopje",
            municipality="Centar",
            services=["psychosocial", "shelter"],
            languages=["mk", "en"],
        )
        for n in range(N_ORGS)
    ]
    members = [
        agencies.add_member(
            orgs[n % N_ORGS],
            username=f"worker{n}",
            email=f"worker{n}@example.org",
            role=Role.CASE_MANAGER,
            password=PASSWORD,
            by=None,
        )
        for n in range(N_USERS)
    ]
    held: dict[int, list[int]] = {org.pk: [] for org in orgs}
    for n, org in enumerate(orgs):
        by = members[n]
        partner = orgs[(n + 1) % N_ORGS]
        for i in range(CASES_PER_ORG):
            case = cases.open_case(
                by=by,
                gender="Feminine",
                citizenship=["NP"],
                primary_language="en",
                summary=f"Seeded case {i}: met at the bus station; job promised abroad.",
                identity={"names": [{"script": "latin", "value": f"Person {n}-{i}"}]},
            )
            cases.record_consent(
                case,
                purpose="assistance",
                recipient=partner,
                given_on=dt.date(2026, 12, 1),
                language="en",
                how_given="oral",
                by=by,
            )
            if i % 5 == 0:
                referrals.send_referral(
                    case,
                    to_org=partner,
                    kind="service",
                    purpose="assistance",
                    service="shelter",
                    urgency="normal",
                    fields=["gender"],
                    by=by,
                )
            held[org.pk].append(case.pk)
    seats = []
    for n, member in enumerate(members):
        org = orgs[n % N_ORGS]
        _token, secret = create_token(member.user, name="bench")
        partner_id = orgs[(n % N_ORGS + 1) % N_ORGS].pk
        # Case managers pass a second factor after the password: one authenticator each.
        key = authenticator(member.user).key
        seats.append(Seat(member.user.username, tuple(held[org.pk]), partner_id, secret, key))
    names = tuple(name for name in ScreeningForm().questions)
    return World(tuple(seats), names, count_rows())


@dataclass
class Tally:
    """Latencies per kind, statuses, errors, successful creates."""

    ms: dict[str, list[float]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    created: dict[str, int] = field(default_factory=lambda: dict.fromkeys(CREATES.values(), 0))
    lost: int = 0  # requests that got no answer (refused, reset, timed out)

    def add(self, kind: str, ms: float) -> None:
        self.ms.setdefault(kind, []).append(ms)

    def all_ms(self) -> list[float]:
        return [ms for values in self.ms.values() for ms in values]


class User:
    """One simulated case worker: a browser with a session, its seat, a seeded random source."""

    def __init__(self, port: int, seat: Seat, world: World, n: int) -> None:
        self.browser = Browser(port)
        self.seat = seat
        self.world = world
        self.rng = random.Random(20261207 + n)
        self.mine: list[int] = list(seat.cases)  # the cases this user may write

    @property
    def csrf(self) -> str:
        # Django accepts the cookie's secret as the form's token, as a page's masked token.
        return self.browser.cookies.get("csrftoken", "")

    async def login(self, tally: Tally) -> bool:
        try:
            page = await self.browser.request("GET", "/accounts/login/")
        except (OSError, TimeoutError) as error:
            tally.errors.append(f"login page: {type(error).__name__}")
            return False
        form = {
            "csrfmiddlewaretoken": csrf_token(page.body),
            "username": self.seat.username,
            "password": PASSWORD,
        }
        start = time.perf_counter()
        try:
            reply = await self.browser.request("POST", "/accounts/login/", form)
        except (OSError, TimeoutError) as error:
            tally.errors.append(f"login: {type(error).__name__}")
            return False
        tally.add("login", (time.perf_counter() - start) * 1000)
        if reply.status != 302:
            tally.errors.append(f"login: HTTP {reply.status}, expected 302")
            return False
        return await self.second_factor(tally)

    async def second_factor(self, tally: Tally) -> bool:
        """Type the code the user's authenticator app shows now (computed from its key)."""
        from bench._second_factor import CODE_PAGE, code_for_key

        form = {"csrfmiddlewaretoken": self.csrf, "code": code_for_key(self.seat.otp_key)}
        start = time.perf_counter()
        try:
            reply = await self.browser.request("POST", CODE_PAGE, form)
        except (OSError, TimeoutError) as error:
            tally.errors.append(f"second factor: {type(error).__name__}")
            return False
        tally.add("second factor", (time.perf_counter() - start) * 1000)
        if reply.status != 302:
            tally.errors.append(f"second factor: HTTP {reply.status}, expected 302")
            return False
        return True

    def case(self) -> int:
        return self.rng.choice(self.mine)

    def _api(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.seat.token}"}

    async def do(self, kind: str) -> tuple[Reply, int]:
        """Send one request of `kind`; return the reply and the status that means success."""
        b = self.browser
        if kind == "case list":
            return await b.request("GET", "/cases/list/"), 200
        if kind == "case page":
            return await b.request("GET", f"/cases/{self.case()}/"), 200
        if kind == "dashboard":
            return await b.request("GET", "/cases/"), 200
        if kind == "referral inbox":
            return await b.request("GET", "/referrals/"), 200
        if kind == "quick screen GET":
            return await b.request("GET", "/screen/"), 200
        if kind == "API case list":
            return await b.request("GET", "/api/v1/cases?limit=20", headers=self._api()), 200
        if kind == "API case":
            return await b.request("GET", f"/api/v1/cases/{self.case()}", headers=self._api()), 200
        if kind == "create case":
            form: Form = [
                ("csrfmiddlewaretoken", self.csrf),
                ("kind", "trafficking"),
                ("gender", "Feminine"),
                ("citizenship", "NP, IN"),
                ("primary_language", "en"),
                ("summary", "Met at the bus station; job promised in a restaurant."),
                ("type_of_exploitation", "ForcedLabour"),
                ("confirmed", "on"),
            ]
            reply = await b.request("POST", "/cases/new/", form)
            if reply.status == 302:
                # The new case is this user's to write: later case pages and consents use it.
                case_id = reply.headers.get("location", "").rstrip("/").rpartition("/")[2]
                if case_id.isdigit():
                    self.mine.append(int(case_id))
            return reply, 302
        if kind == "record consent":
            form = {
                "csrfmiddlewaretoken": self.csrf,
                "purpose": "assistance",
                "recipient": str(self.seat.partner),
                "given_on": "2026-12-01",
                "language": "en",
                "how_given": "oral",
            }
            return await b.request("POST", f"/cases/{self.case()}/consent/", form), 302
        if kind == "send referral":
            # The seeded cases carry a consent for the partner; a created one may not yet.
            form = [
                ("csrfmiddlewaretoken", self.csrf),
                ("to_org", str(self.seat.partner)),
                ("kind", "service"),
                ("purpose", "assistance"),
                ("service", "shelter"),
                ("urgency", "normal"),
                ("reason", "AdditionalServicesRequired"),
                ("share", "gender"),
                ("note", "Please call before arrival."),
                ("send", "1"),
            ]
            case = self.rng.choice(self.seat.cases)
            return await b.request("POST", f"/referrals/new/{case}/", form), 302
        if kind == "quick screen POST":
            answers = [
                (name, self.rng.choice(("unknown", "unknown", "yes", "no")))
                for name in self.world.screen_fields
            ]
            form = [
                ("csrfmiddlewaretoken", self.csrf),
                ("age", "19"),
                ("origin", "NP"),
                ("transit", "TR, GR"),
                ("destination", "MK"),
                *answers,
            ]
            return await b.request("POST", "/screen/", form), 200
        if kind == "offer check":
            form = {"csrfmiddlewaretoken": self.csrf, "text": OFFER, "job_country": "DE"}
            return await b.request("POST", "/offers/", form), 200
        if kind == "notes assistant":
            form = {"csrfmiddlewaretoken": self.csrf, "notes": NOTES, "language": "en"}
            return await b.request("POST", "/suggest/", form), 200
        if kind == "API assess":
            return await b.request("POST", "/api/v1/assess", json=FACTS, headers=self._api()), 200
        raise ValueError(kind)

    async def one(self, mix: dict[str, int], tally: Tally, since: float | None = None) -> None:
        """One request of the mix; its time counts from `since` (when it was due) if given."""
        kind = self.rng.choices(list(mix), list(mix.values()))[0]
        start = time.perf_counter() if since is None else since
        try:
            reply, expected = await self.do(kind)
        except (OSError, TimeoutError) as error:
            tally.errors.append(f"{kind}: {type(error).__name__}")
            tally.lost += 1
            return
        tally.add(kind, (time.perf_counter() - start) * 1000)
        if reply.status != expected:
            tally.errors.append(f"{kind}: HTTP {reply.status}, expected {expected}")
        elif kind in CREATES:
            tally.created[CREATES[kind]] += 1

    async def loop(self, mix: dict[str, int], until: float, tally: Tally) -> None:
        while time.perf_counter() < until:
            await self.one(mix, tally)


async def paced(
    users: list[User], mix: dict[str, int], rate: float, seconds: float, tally: Tally
) -> float:
    """Offer the mix at `rate` requests a second for `seconds`; return the time until all answered.

    Requests arrive as a Poisson process (seeded), each sent by a user who is not waiting for
    an answer; a request's time counts from when it was due, so a server that falls behind
    shows it in the latencies (no coordinated omission). With every user waiting, the next
    request waits for one, and its wait counts.
    """
    rng = random.Random(RATE_SEED)
    idle: asyncio.Queue[User] = asyncio.Queue()
    for user in users:
        idle.put_nowait(user)

    async def send(due: float) -> None:
        user = await idle.get()
        try:
            await user.one(mix, tally, since=due)
        finally:
            idle.put_nowait(user)

    start = time.perf_counter()
    due, sent = start, []
    while True:
        due += rng.expovariate(rate)
        if due >= start + seconds:
            break
        await asyncio.sleep(max(0.0, due - time.perf_counter()))
        sent.append(asyncio.create_task(send(due)))
    await asyncio.gather(*sent)
    return time.perf_counter() - start


@dataclass
class Phase:
    name: str
    mix: dict[str, int]
    tally: Tally
    seconds: float
    requests: int
    client_cpu: float
    offered: float | None = None  # requests a second offered; None: users without pause


async def warm(port: int) -> None:
    """Warm every worker: a process's first request loads the catalogue, templates and keys."""
    browser = Browser(port)
    pages = ["/screen/", "/accounts/login/", "/offers/", "/suggest/"]
    for _ in range(4):
        await asyncio.gather(*(browser.request("GET", p) for p in pages * N_WORKERS))


async def timed(users: list[User], work: Callable[[User], Awaitable[object]]) -> float:
    start = time.perf_counter()
    await asyncio.gather(*(work(user) for user in users))
    return time.perf_counter() - start


async def measured(
    name: str, users: list[User], mix: dict[str, int], offered: float | None
) -> Phase:
    """One phase: the mix offered at a rate, or every user looping without pause."""
    tally = Tally()
    cpu = time.process_time()
    if offered is not None:
        seconds = await paced(users, mix, offered, SECONDS, tally)
    else:
        until = time.perf_counter() + SECONDS
        seconds = await timed(users, lambda user: user.loop(mix, until, tally))
    requests = len(tally.all_ms()) + tally.lost
    return Phase(name, mix, tally, seconds, requests, time.process_time() - cpu, offered)


async def run(port: int, world: World) -> tuple[Phase, list[Phase]]:
    await warm(port)
    users = [User(port, seat, world, n) for n, seat in enumerate(world.seats)]
    logins = Tally()
    cpu = time.process_time()
    seconds = await timed(users, lambda user: user.login(logins))
    login = Phase("logins", {}, logins, seconds, len(users), time.process_time() - cpu)
    # A short unmeasured round of the mix warms what the first POSTs load in each worker (the
    # offer checker's and the notes assistant's data); the rows are counted after it.
    until = time.perf_counter() + WARMUP
    await asyncio.gather(*(user.loop(MIX, until, Tally()) for user in users))
    world.rows.update(await asyncio.to_thread(rows_now))
    phases = [
        await measured(
            f"the daily mix offered at {TARGET_RPS:.0f} a second", users, MIX, TARGET_RPS
        ),
        await measured("the daily mix, every user without pause", users, MIX, None),
        await measured(
            f"the read-only mix offered at {TARGET_READ_RPS:.0f} a second",
            users,
            READ_MIX,
            TARGET_READ_RPS,
        ),
        await measured("the read-only mix, every user without pause", users, READ_MIX, None),
    ]
    return login, phases


def cuts(values: list[float]) -> list[float]:
    if len(values) < 2:
        return [values[0] if values else float("nan")] * 99
    return statistics.quantiles(values, n=100, method="inclusive")


def print_errors(tally: Tally) -> None:
    for error in sorted(set(tally.errors))[:10]:
        print(f"  error: {error} (x{tally.errors.count(error)})")


def print_phase(phase: Phase) -> None:
    """Per kind and overall latencies, the rate achieved, errors."""
    print(
        f"-- {phase.name}: {phase.seconds:.1f} s, the load generator used"
        f" {phase.client_cpu:.1f} s CPU"
    )
    for kind in phase.mix:
        some = cuts(phase.tally.ms.get(kind, []))
        print(
            f"  {kind}: {len(phase.tally.ms.get(kind, []))} requests,"
            f" p50 {some[49]:,.0f} / p95 {some[94]:,.0f} / p99 {some[98]:,.0f} ms"
        )
    label = "mix" if phase.mix is MIX else "read-only"
    mode = "offered" if phase.offered is not None else "without pause"
    target = TARGET_RPS if phase.mix is MIX else TARGET_READ_RPS
    overall = cuts(phase.tally.all_ms())
    report(
        f"{label} {mode}: requests a second",
        phase.requests / phase.seconds,
        "req/s",
        f">= {target:.0f}",
    )
    report(f"{label} {mode}: p50", overall[49], "ms", "-")
    report(
        f"{label} {mode}: p95",
        overall[94],
        "ms",
        f"< {TARGET_P95_MS:.0f} ms" if phase.offered is not None else "-",
    )
    report(f"{label} {mode}: p99", overall[98], "ms", "-")
    report(f"{label} {mode}: errors", len(phase.tally.errors), "requests", "0")
    print_errors(phase.tally)


def main() -> None:
    print(
        f"{LABEL}: load average {load_average():.1f} on {os.cpu_count()} cores at start;"
        f" {N_USERS} users, {SECONDS:.0f} s per mix, gunicorn with {N_WORKERS} workers"
    )
    env = server_environment(DB_URL)
    with fresh_database(DB_URL, LABEL):
        seeding = time.perf_counter()
        world = prepare(env)
        print(
            f"seeded {N_ORGS} organisations, {N_USERS} case workers, {world.rows['cases']} cases"
            f" in {time.perf_counter() - seeding:.1f} s"
        )
        with gunicorn(env, N_WORKERS, "/accounts/login/", LABEL) as (port, log):
            login, phases = asyncio.run(run(port, world))
            rows = count_rows()
        server_errors = server_log(log)

    logged_in = len(login.tally.ms.get("login", [])) - len(login.tally.errors)
    login_cuts = cuts(login.tally.ms.get("login", []))
    report("logins, all users at once", logged_in / login.seconds, "logins/s", "-")
    report("login p50", login_cuts[49], "ms", "-")
    report("login p95", login_cuts[94], "ms", "-")
    if login.tally.ms.get("second factor"):
        code_cuts = cuts(login.tally.ms["second factor"])
        report("second factor p50", code_cuts[49], "ms", "-")
        report("second factor p95", code_cuts[94], "ms", "-")
    print_errors(login.tally)

    for phase in phases:
        print_phase(phase)
    created = {
        name: sum(phase.tally.created[name] for phase in phases if phase.mix is MIX)
        for name in rows
    }
    for name in rows:
        made = rows[name] - world.rows[name]
        report(f"{name} created", made, "rows", f"= successful responses ({created[name]})")
    print(f"{LABEL}: load average {load_average():.1f} at the end")
    for line in server_errors[:20]:
        print(f"  server: {line}")
    if logged_in == 0:
        sys.exit(1)


if __name__ == "__main__":
    main()
