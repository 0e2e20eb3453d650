"""Backups that restore exactly: the database engine's own copy, never a re-serialisation.

A `dumpdata`/`loaddata` round trip writes timestamps to the millisecond, so every audit hash
computed over microseconds breaks, and it re-creates rows through the ORM. A backup here is the
engine's own image of the database instead: SQLite's online backup (a page-by-page copy of the
file, consistent while the app writes) or PostgreSQL's `pg_dump` custom format, restored by the
same engine. Restored data is byte for byte what was saved, so every sealed value decrypts and
the audit chain verifies (`restore()` checks both before it reports success).

What a backup does not hold: the vault and audit keys (kept apart from the database on purpose,
docs/deploy.md "Backups") and the training sandbox's database (fictional data, re-created by
migrating). Without the keys of its time a backup's identities cannot be read and its chain
cannot be verified; keep each key as long as the backups made under it.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import connections

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_DUMP_MAGIC = b"PGDMP"


class BackupError(Exception):
    """A backup or restore could not be done; the message says why in words."""


@dataclass(frozen=True)
class Restored:
    """What a restore brought back, and whether the restored data checks out."""

    audit_events: int
    audit_problems: list[str]
    sealed: int  # values sealed with the vault keys: identities, case notes, narratives
    unreadable: int  # of those, how many no configured key opens

    @property
    def sound(self) -> bool:
        return not self.audit_problems and not self.unreadable


def _settings(using: str) -> dict[str, Any]:
    return dict(connections[using].settings_dict)


def _engine(using: str) -> str:
    vendor = connections[using].vendor
    if vendor not in ("sqlite", "postgresql"):
        raise BackupError(f"backups support SQLite and PostgreSQL, not {vendor}")
    return vendor


def _pg_environment(db: dict[str, Any]) -> dict[str, str]:
    """The connection as libpq's variables, so no password appears on a command line."""
    env = dict(os.environ)
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER")):
        if db.get(key):
            env[var] = str(db[key])
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    env["PGDATABASE"] = str(db["NAME"])
    return env


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(f"{name} is not installed (apt-get install postgresql-client)")
    return found


def _run(command: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed: {done.stderr.strip()[-2000:]}")


def _sqlite_copy(source: str, target: str) -> None:
    """Copy a whole SQLite database with SQLite's backup API (one consistent step)."""
    reading = sqlite3.connect(source, uri=source.startswith("file:"))
    writing = sqlite3.connect(target)
    try:
        reading.backup(writing)
    finally:
        writing.close()
        reading.close()


def backup(path: Path, *, using: str = "default") -> Path:
    """Write a backup of the database to `path` (replaced whole, never half-written)."""
    engine = _engine(using)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        if engine == "sqlite":
            _sqlite_copy(str(_settings(using)["NAME"]), str(partial))
        else:
            command = [_tool("pg_dump"), "--format=custom", "--no-owner", f"--file={partial}"]
            _run(command, _pg_environment(_settings(using)))
        os.chmod(partial, 0o600)  # the data of people in danger: readable by its owner only
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
    return path


def _kind_of(path: Path) -> str:
    with path.open("rb") as handle:
        head = handle.read(len(SQLITE_MAGIC))
    if head == SQLITE_MAGIC:
        return "sqlite"
    if head.startswith(PG_DUMP_MAGIC):
        return "postgresql"
    return "unknown"


def restore(path: Path, *, using: str = "default") -> Restored:
    """Replace the database's contents with the backup at `path`, then check what came back.

    The restore is all or nothing: SQLite copies the backup in one step, PostgreSQL restores
    in a single transaction. Raises `BackupError` (nothing changed) when the file is missing,
    is not a backup, or was made by the other engine.
    """
    engine = _engine(using)
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"no backup at {path}")
    kind = _kind_of(path)
    if kind == "unknown":
        raise BackupError(f"{path} is not a stepstones backup (neither SQLite nor pg_dump)")
    if kind != engine:
        raise BackupError(f"{path} is a {kind} backup; this database is {engine}")
    connections[using].close()
    if engine == "sqlite":
        _sqlite_copy(f"file:{path}?mode=ro", str(_settings(using)["NAME"]))
    else:
        command = [
            _tool("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={_settings(using)['NAME']}",
            str(path),
        ]
        _run(command, _pg_environment(_settings(using)))
    return check(using=using)


def _sealed_columns() -> list[tuple[str, str]]:
    """(table, column) of every value sealed with the vault keys: the identity vault, case
    notes, and each encrypted text column (`cases.fields.EncryptedTextField`)."""
    from django.apps import apps

    from stepstones.cases.fields import EncryptedTextField
    from stepstones.cases.models import CaseNote, IdentityVault

    found = [(IdentityVault._meta.db_table, "token"), (CaseNote._meta.db_table, "token")]
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, EncryptedTextField):
                found.append((model._meta.db_table, str(field.column)))
    return found


def check(*, using: str = "default") -> Restored:
    """Verify the audit chains and try to open every value sealed with the vault keys.

    The values are decrypted and dropped at once: nobody sees them, so no read is audited (as
    when `rotate-vault-keys` re-encrypts them). Read as stored, column by column, so that one
    value no key opens is counted instead of stopping the check.
    """
    from stepstones.audit.chain import verify_chains
    from stepstones.cases import vault

    found = verify_chains()
    sealed = unreadable = 0
    connection = connections[using]
    for table, column in _sealed_columns():
        quoted_table, quoted_column = (connection.ops.quote_name(n) for n in (table, column))
        with connection.cursor() as cursor:
            # Names from the models' own metadata, quoted: nothing from outside reaches the SQL.
            cursor.execute(
                f"SELECT {quoted_column} FROM {quoted_table} "  # noqa: S608  # nosec B608
                f"WHERE {quoted_column} IS NOT NULL AND {quoted_column} <> ''"
            )
            for (token,) in cursor:
                sealed += 1
                try:
                    vault.decrypt(token)
                except (vault.VaultError, ValueError):
                    unreadable += 1
    return Restored(
        audit_events=found.events,
        audit_problems=[f"chain {p.chain}, event {p.seq}: {p.message}" for p in found.problems],
        sealed=sealed,
        unreadable=unreadable,
    )
