"""The training day under load: 80 phones answer one step while they poll for the next one.

Starts a real server (gunicorn, several workers) on a fresh PostgreSQL database of its own,
creates a trainer and a session through the actions, and simulates the room over HTTP: every
participant joins from the join page (its own cookies, the form's CSRF token), its phone polls
`/training/room/state/` every 3 s as htmx does, the trainer moves the room to a journey stage,
each phone notices within one poll, reloads, and its participant answers after some thought, all
inside a 10-second window. The projector's live fragment is polled every 2 s, as on the screen.
The schedule (when each phone polls, how long each participant thinks, what they answer) is
seeded, so every run replays the same room.

Prints: p50/p95 of answer submissions, errors (must be 0), rows created against answers
accepted, how long the phones took to see the new step, when the 80th answer arrived, and how
long after the last answer the projector's fragment showed every answer (polled every 50 ms, and
as the 2-second projector poll saw it).

    .venv/bin/python bench/bench_training.py
    BENCH_TRAINING_DATABASE_URL=postgres://postgres@127.0.0.1:5432/stepstones_bench_training
    BENCH_PARTICIPANTS=80 BENCH_WORKERS=<2 x cores + 1>              # the defaults
    BENCH_TRAINING_TIMELINE=1    # also print each answer's time after the move and its latency

The database is created for the run and dropped after it. Skips (exit 0, with a message) when
PostgreSQL is not reachable; exits 1 when a request failed or rows and answers disagree.
"""

from __future__ import annotations

import asyncio
import os
import random
import re
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
# The root is on the path now.
from bench._common import report  # noqa: E402
from bench._load import (  # noqa: E402
    DEFAULT_WORKERS,
    Browser,
    Reply,
    fresh_database,
    gunicorn,
    load_average,
    server_environment,
    server_log,
    setup_django,
)
from bench._load import csrf_token as _token  # noqa: E402

DB_URL = os.environ.get(
    "BENCH_TRAINING_DATABASE_URL",
    "postgres://postgres@127.0.0.1:5432/stepstones_bench_training",
)
N_PARTICIPANTS = int(os.environ.get("BENCH_PARTICIPANTS", "80"))
N_WORKERS = int(os.environ.get("BENCH_WORKERS", str(DEFAULT_WORKERS)))
WINDOW = 10.0  # seconds: every answer arrives within this window after the room moves
PHONE_POLL = 3.0  # seconds, as room.html's hx-trigger
PROJECTOR_POLL = 2.0  # seconds, as projector.html's hx-trigger
THINK = (0.5, 6.0)  # seconds a participant reads and thinks after the phone shows the step
TARGET_P95_MS = 200.0
TARGET_SHOWN_S = 2.0
PASSWORD = "bench trainer password"  # noqa: S105 - a throw-away account in a throw-away database
SCENARIO = "smuggling_turns_into_trafficking_in_transit"
STAGE = 3
KINDS = ("governmental", "non_governmental", "international", "volunteer")
CHOICES = ("smuggling", "trafficking", "both", "neither", "not_yet_known")
POSITION = re.compile(r'name="position" value="(\d+)"')
ANSWERED = re.compile(r"(\d+) answers? so far")


@dataclass(frozen=True)
class Room:
    session_id: int
    join_code: str
    step_id: int
    position: int


def prepare(env: dict[str, str]) -> Room:
    """Migrate the fresh database and create a trainer and a session through the actions."""
    setup_django(env)
    from django.contrib.auth.models import User
    from django.utils import timezone

    from stepstones.agencies.models import Kind, Membership, Organisation, Role
    from stepstones.training import actions
    from stepstones.training.models import StepKind
    from stepstones.training.steps import StepSpec

    org = Organisation.objects.create(
        name="Bench Training Centre",
        kind=Kind.NON_GOVERNMENTAL,
        region="Skopje",
        municipality="Centar",
    )
    user = User.objects.create_user("bench.trainer", "bench.trainer@example.org", PASSWORD)
    trainer = Membership.objects.create(user=user, organisation=org, role=Role.TRAINER)
    session = actions.create_session(
        by=trainer,
        title="Benchmark room",
        day=timezone.localdate(),
        language="en",
        steps=[StepSpec(StepKind.POLL), StepSpec(StepKind.JOURNEY, SCENARIO, STAGE)],
    )
    step = session.steps.get(position=1)
    return Room(session.pk, session.join_code, step.pk, step.position)


def count_rows(room: Room) -> int:
    from stepstones.training.models import Response

    return Response.objects.filter(step_id=room.step_id).count()


@dataclass
class Tally:
    """What the run saw: answer latencies and times, errors, and when phones saw the step."""

    answer_ms: list[float] = field(default_factory=list)
    answered_at: list[float] = field(default_factory=list)
    noticed_s: list[float] = field(default_factory=list)
    poll_ms: list[float] = field(default_factory=list)
    room_ms: list[float] = field(default_factory=list)
    polls: int = 0
    errors: list[str] = field(default_factory=list)

    def expect(self, reply: Reply, status: int, what: str) -> bool:
        if reply.status != status:
            self.errors.append(f"{what}: HTTP {reply.status}, expected {status}")
            return False
        return True


ROOM_TOKEN = re.compile(r"/training/room/state/\?at=([^\"&]+)")


def _room_token(page: str) -> str:
    """Return the state the room page says it shows (the phone polls with it)."""
    found = ROOM_TOKEN.search(page)
    return unquote(found.group(1)) if found else ""


class Load:
    """The room under load: participants, their phones' polling, the projector."""

    def __init__(self, port: int, room: Room, tally: Tally) -> None:
        self.port, self.room, self.tally = port, room, tally
        self.moved_at = 0.0
        self.moved = asyncio.Event()
        self.done = asyncio.Event()
        self.rng = random.Random(20261207)

    async def join(self, n: int) -> Browser:
        phone = Browser(self.port)
        page = await phone.request("GET", f"/training/join/?code={self.room.join_code}")
        self.tally.expect(page, 200, "join page")
        form = {
            "csrfmiddlewaretoken": _token(page.body),
            "code": self.room.join_code,
            "display_name": f"Participant {n}",
            "kind": KINDS[n % len(KINDS)],
        }
        joined = await phone.request("POST", "/training/join/", form)
        self.tally.expect(joined, 302, "join")
        room = await phone.request("GET", "/training/room/")
        self.tally.expect(room, 200, "room")
        phone.token = _room_token(room.body)
        return phone

    async def participant(self, phone: Browser, think: float, choice: str) -> None:
        """Poll every 3 s; when the room moves, reload, think, answer; poll until the end."""
        seen = phone.token
        answered = False
        await asyncio.sleep(self.rng.uniform(0, PHONE_POLL))  # phones joined at different times
        while not self.done.is_set():
            start = time.perf_counter()
            state = await phone.request("GET", f"/training/room/state/?at={seen}", htmx=True)
            self.tally.poll_ms.append((time.perf_counter() - start) * 1000)
            self.tally.polls += 1
            self.tally.expect(state, 204, "poll")
            if state.headers.get("hx-refresh") == "true" and not answered:
                start = time.perf_counter()
                page = await phone.request("GET", "/training/room/")
                self.tally.room_ms.append((time.perf_counter() - start) * 1000)
                if self.tally.expect(page, 200, "room after the move"):
                    position = POSITION.search(page.body)
                    if position is None or int(position.group(1)) != self.room.position:
                        self.tally.errors.append("a phone did not show the new step")
                        return
                    seen = _room_token(page.body)
                    self.tally.noticed_s.append(time.perf_counter() - self.moved_at)
                    await asyncio.sleep(think)
                    await self.answer(phone, page.body, choice)
                answered = True
            await asyncio.sleep(PHONE_POLL)

    async def answer(self, phone: Browser, page: str, choice: str) -> None:
        form = {
            "csrfmiddlewaretoken": _token(page),
            "position": str(self.room.position),
            "choice": choice,
        }
        start = time.perf_counter()
        reply = await phone.request("POST", "/training/room/answer/", form)
        end = time.perf_counter()
        if self.tally.expect(reply, 302, "answer"):
            self.tally.answer_ms.append((end - start) * 1000)
            self.tally.answered_at.append(end)

    async def trainer(self) -> Browser:
        desk = Browser(self.port)
        page = await desk.request("GET", "/accounts/login/")
        form = {
            "csrfmiddlewaretoken": _token(page.body),
            "username": "bench.trainer",
            "password": PASSWORD,
        }
        self.tally.expect(await desk.request("POST", "/accounts/login/", form), 302, "login")
        return desk

    async def move(self, desk: Browser) -> None:
        control = await desk.request("GET", f"/training/{self.room.session_id}/")
        self.tally.expect(control, 200, "controls")
        form = {"csrfmiddlewaretoken": _token(control.body), "position": str(self.room.position)}
        self.moved_at = time.perf_counter()
        moved = await desk.request("POST", f"/training/{self.room.session_id}/move/", form)
        self.tally.expect(moved, 302, "move")
        self.moved.set()

    async def live_count(self, desk: Browser) -> int:
        live = await desk.request("GET", f"/training/{self.room.session_id}/projector/live/")
        self.tally.expect(live, 200, "projector")
        found = ANSWERED.search(live.body)
        return int(found.group(1)) if found else -1

    async def projector(self, desk: Browser) -> float:
        """Poll the live fragment every 2 s from the move; return when it showed every answer."""
        await self.moved.wait()
        while True:
            if await self.live_count(desk) >= N_PARTICIPANTS:
                return time.perf_counter()
            await asyncio.sleep(PROJECTOR_POLL)


async def run(port: int, room: Room) -> tuple[Tally, dict[str, float]]:
    tally = Tally()
    load = Load(port, room, tally)
    desk = await load.trainer()
    # Warm every worker: a process's first request loads the content and the engine's keys.
    # Twice as many requests at once as there are workers, so that every worker takes some.
    pages = [f"/training/{room.session_id}/", f"/training/{room.session_id}/projector/live/"]
    for _ in range(4):
        await asyncio.gather(*(desk.request("GET", p) for p in pages * N_WORKERS))
    started = time.perf_counter()
    phones = await asyncio.gather(*(load.join(n) for n in range(N_PARTICIPANTS)))
    joined_s = time.perf_counter() - started
    thinking = [load.rng.uniform(*THINK) for _ in phones]
    choices = [load.rng.choice(CHOICES) for _ in phones]
    tasks = [
        asyncio.create_task(load.participant(phone, think, choice))
        for phone, think, choice in zip(phones, thinking, choices, strict=True)
    ]
    screen = asyncio.create_task(load.projector(desk))
    await asyncio.sleep(2 * PHONE_POLL)  # the room waits on the opening question a little
    await load.move(desk)
    # Wait for every answer (or the window's end and a margin), then for the projector to agree.
    deadline = load.moved_at + 2 * WINDOW
    while len(tally.answered_at) < N_PARTICIPANTS and time.perf_counter() < deadline:
        if tally.errors:
            break
        await asyncio.sleep(0.05)
    last = max(tally.answered_at, default=time.perf_counter())
    while await load.live_count(desk) < len(tally.answered_at):
        if time.perf_counter() > last + 30:
            tally.errors.append("the projector never showed every answer")
            break
        await asyncio.sleep(0.05)
    fresh = time.perf_counter()
    if len(tally.answered_at) == N_PARTICIPANTS and not tally.errors:
        shown = await asyncio.wait_for(screen, timeout=30)
    else:
        screen.cancel()
        shown = float("nan")
    load.done.set()
    await asyncio.gather(*tasks)
    return tally, {
        "joined_s": joined_s,
        "last_answer_s": last - load.moved_at,
        "first_answer_s": min(tally.answered_at, default=last) - load.moved_at,
        "fresh_ms": (fresh - last) * 1000,
        "shown_s": shown - last,
        "moved_at": load.moved_at,
    }


def main() -> None:
    print(
        f"bench_training: load average {load_average():.1f} on {os.cpu_count()} cores at start;"
        f" {N_PARTICIPANTS} participants, gunicorn with {N_WORKERS} workers"
    )
    env = server_environment(DB_URL)
    with fresh_database(DB_URL, "bench_training"):
        room = prepare(env)
        with gunicorn(env, N_WORKERS, "/training/join/", "bench_training") as (port, log):
            client_cpu = time.process_time()
            tally, figures = asyncio.run(run(port, room))
            client_cpu = time.process_time() - client_cpu
            rows = count_rows(room)
        server_errors = server_log(log)
    answers = len(tally.answer_ms)
    cuts = (
        statistics.quantiles(tally.answer_ms, n=100, method="inclusive")
        if answers > 1
        else [float("nan")] * 99
    )
    print(
        f"{N_PARTICIPANTS} joined in {figures['joined_s']:.1f} s; {tally.polls} polls of"
        f" /training/room/state/; answers from {figures['first_answer_s']:.1f} s to"
        f" {figures['last_answer_s']:.1f} s after the room moved; the simulated phones used"
        f" {client_cpu:.1f} s of CPU on the same machine"
    )
    report("answers accepted", answers, "answers", f"{N_PARTICIPANTS} within {WINDOW:.0f} s")
    report("last answer after the room moved", figures["last_answer_s"], "s", f"< {WINDOW:.0f} s")
    report("answer submission p50", cuts[49], "ms", f"< {TARGET_P95_MS:.0f} ms at p95")
    report("answer submission p95", cuts[94], "ms", f"< {TARGET_P95_MS:.0f} ms")
    for name, times in (("phone poll", tally.poll_ms), ("room page after the move", tally.room_ms)):
        some = statistics.quantiles(times, n=100, method="inclusive")
        report(f"{name} p50", some[49], "ms", "-")
        report(f"{name} p95", some[94], "ms", "-")
    if os.environ.get("BENCH_TRAINING_TIMELINE"):
        for at, ms in sorted(zip(tally.answered_at, tally.answer_ms, strict=True)):
            print(f"  answer at {at - figures['moved_at']:.2f} s took {ms:.0f} ms")
    report("answer submission max", max(tally.answer_ms, default=float("nan")), "ms", "-")
    report(
        "phones showing the new step, slowest",
        max(tally.noticed_s, default=float("nan")),
        "s",
        f"one poll ({PHONE_POLL:.0f} s) and a page",
    )
    report("errors", len(tally.errors), "requests", "0")
    report("rows created", rows, "rows", f"= answers accepted ({answers})")
    report(
        "projector fragment complete after the last answer (polled every 50 ms)",
        figures["fresh_ms"],
        "ms",
        f"< {TARGET_SHOWN_S * 1000:.0f} ms",
    )
    report(
        "projector screen complete after the last answer (its 2 s poll)",
        figures["shown_s"],
        "s",
        f"< {TARGET_SHOWN_S:.0f} s",
    )
    print(f"bench_training: load average {load_average():.1f} at the end")
    for error in sorted(set(tally.errors))[:10]:
        print(f"  error: {error} (x{tally.errors.count(error)})")
    for line in server_errors[:20]:
        print(f"  server: {line}")
    if tally.errors or rows != answers or answers != N_PARTICIPANTS:
        sys.exit(1)


if __name__ == "__main__":
    main()
