"""Shared machinery of the load benchmarks: a fresh database, gunicorn, simulated browsers.

`bench_training.py` and `bench_load.py` use it. Each benchmark names its own database; only that
database is ever created and dropped. Every request opens its own connection (HTTP/1.0), as
gunicorn's sync workers close them anyway.
"""

from __future__ import annotations

import asyncio
import http.client
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

import psycopg

ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"
DEFAULT_WORKERS = 2 * (os.cpu_count() or 1) + 1
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _pg(url: str) -> str:
    return url.replace("postgres://", "postgresql://", 1)


def _server_and_name(url: str) -> tuple[str, str]:
    base, _slash, name = url.rpartition("/")
    return base + "/postgres", name


@contextmanager
def fresh_database(url: str, label: str) -> Iterator[None]:
    """Create the benchmark's own database `url` for the run, and drop it afterwards.

    Exits 0 with a message (the benchmark is skipped) when PostgreSQL is not reachable.
    """
    server, name = _server_and_name(url)
    try:
        admin = psycopg.connect(_pg(server), connect_timeout=3, autocommit=True)
    except psycopg.Error as error:
        print(f"{label}: skipped, PostgreSQL not reachable at {server}: {error}")
        sys.exit(0)
    with admin:
        # Only this benchmark's own database, named in its own configuration, is ever dropped.
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield
    finally:
        with psycopg.connect(_pg(server), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def server_environment(url: str) -> dict[str, str]:
    """Return the environment of a production-like server on the benchmark database `url`."""
    from cryptography.fernet import Fernet

    return os.environ | {
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "stepstones.settings",
        "DEBUG": "false",
        "SECRET_KEY": "bench-" + Fernet.generate_key().decode(),
        "ALLOWED_HOSTS": HOST,
        "STEPSTONES_VAULT_KEYS": Fernet.generate_key().decode(),
        "STEPSTONES_AUDIT_KEYS": Fernet.generate_key().decode(),  # 32 bytes, URL-safe base64
        "STEPSTONES_LINKAGE_KEYS": Fernet.generate_key().decode(),  # 32 bytes as well
        "STEPSTONES_HOME": str(ROOT),
        # Plain http on loopback: no redirect to https (production behind TLS redirects).
        "STEPSTONES_SSL_REDIRECT": "false",
        # The settings' connection handling unless the caller's environment says otherwise
        # (DB_CONN_MAX_AGE=0 measures a connection per request).
        **(
            {"DB_CONN_MAX_AGE": os.environ["DB_CONN_MAX_AGE"]}
            if "DB_CONN_MAX_AGE" in os.environ
            else {}
        ),
        "PYTHONPATH": str(ROOT / "src"),
    }


def setup_django(env: dict[str, str]) -> None:
    """Set Django up in this process on the server's environment, and migrate the database."""
    os.environ.update(env)
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


@contextmanager
def gunicorn(
    env: dict[str, str], workers: int, probe: str, label: str
) -> Iterator[tuple[int, Path]]:
    """Run gunicorn with `workers` sync workers; yield its port once `probe` answers 200.

    Also yields the path of its log (warnings and errors only), readable after the block.
    """
    with tempfile.NamedTemporaryFile("w+", prefix=f"{label}-", delete=False) as log:
        port = free_port()
        server = subprocess.Popen(  # noqa: S603 - our own server, fixed arguments
            [
                str(Path(sys.executable).parent / "gunicorn"),
                "stepstones.wsgi:application",
                f"--bind={HOST}:{port}",
                f"--workers={workers}",
                "--log-level=warning",
            ],
            env=env,
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_until_up(port, server, Path(log.name), probe, label)
        yield port, Path(log.name)
    finally:
        server.terminate()
        server.wait(timeout=30)
        from django.db import connections

        connections.close_all()


def server_log(path: Path) -> list[str]:
    """Return the server log's lines and remove the file."""
    lines = [line for line in path.read_text().splitlines() if line]
    path.unlink(missing_ok=True)
    return lines


def wait_until_up(
    port: int, server: subprocess.Popen[bytes], log: Path, probe: str, label: str
) -> None:
    """Wait until gunicorn's workers serve `probe` (30 s at most)."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"{label}: gunicorn exited:\n{log.read_text()}")
        try:
            connection = http.client.HTTPConnection(HOST, port, timeout=5)
            connection.request("GET", probe)
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    sys.exit(f"{label}: gunicorn did not serve within 30 s:\n{log.read_text()}")


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: str


def csrf_token(html: str) -> str:
    """Return the CSRF token a page's form carries ("" when there is none)."""
    found = TOKEN.search(html)
    return found.group(1) if found else ""


@dataclass
class Browser:
    """One person's browser: its cookies, and every request's outcome."""

    port: int
    cookies: dict[str, str] = field(default_factory=dict)
    token: str = ""  # free for the benchmark: the training room's state, for instance

    async def request(
        self,
        method: str,
        path: str,
        form: dict[str, str] | list[tuple[str, str]] | None = None,
        htmx: bool = False,
        *,
        json: bytes | None = None,
        headers: dict[str, str] | None = None,
        timeout: float = 30,
    ) -> Reply:
        """Send one request (HTTP/1.0, a connection each, as gunicorn's sync workers close them).

        `form` is sent url-encoded, `json` as application/json; `headers` are added as given.
        """
        reader, writer = await asyncio.open_connection(HOST, self.port)
        try:
            head = [f"{method} {path} HTTP/1.0", f"Host: {HOST}:{self.port}", "Accept-Language: en"]
            if self.cookies:
                head.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
            if htmx:
                head.append("HX-Request: true")
            head += [f"{name}: {value}" for name, value in (headers or {}).items()]
            body = b""
            if form is not None:
                body = urlencode(form).encode()
                head.append("Content-Type: application/x-www-form-urlencoded")
            elif json is not None:
                body = json
                head.append("Content-Type: application/json")
            if form is not None or json is not None:
                head.append(f"Content-Length: {len(body)}")
            writer.write(("\r\n".join(head) + "\r\n\r\n").encode() + body)
            await writer.drain()
            raw = await asyncio.wait_for(reader.read(), timeout=timeout)
        finally:
            writer.close()
        top, _sep, content = raw.partition(b"\r\n\r\n")
        lines = top.decode("latin-1").split("\r\n")
        found: dict[str, str] = {}
        for line in lines[1:]:
            name, _colon, value = line.partition(":")
            if name.lower() == "set-cookie":
                cookie, _semi, _attributes = value.strip().partition(";")
                key, _eq, val = cookie.partition("=")
                self.cookies[key] = val
            else:
                found[name.lower()] = value.strip()
        return Reply(int(lines[0].split()[1]), found, content.decode("utf-8", "replace"))


def load_average() -> float:
    return os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
