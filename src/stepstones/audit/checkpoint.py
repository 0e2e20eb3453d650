"""Signed checkpoints of the audit chains' heads, kept outside the database.

`stepstones audit-checkpoint --out FILE` appends one JSON line: the time, every chain's last event
(sequence number and hash), the id of the audit key and an HMAC-SHA256 of the rest under that key.
`stepstones verify-audit --checkpoint FILE` checks every line's signature and then the chains
against the last line: an event the checkpoint recorded that is gone (a cut-off tail, even with
its head moved back) or that now has another hash (a chain rewritten, re-hashed or re-sealed) is a
problem. Only the file's copy in a second place (docs/deploy.md) protects it from someone who can
also delete its last lines.
"""

from __future__ import annotations

import hmac
import json
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from io import TextIOBase
from pathlib import Path
from typing import Any

from stepstones.audit import keys

VERSION = 1
# What a checkpoint's MAC covers first, so that no audit event's seal can pass for a checkpoint's.
SCHEME = "stepstones-audit-checkpoint/hmac-sha256"


class CheckpointError(Exception):
    """A checkpoint file that cannot be read or trusted."""


@dataclass(frozen=True)
class Checkpoint:
    """One checkpoint: when, each chain's last event, and which key signed it."""

    at: str
    heads: dict[int, tuple[int, str]]
    key_id: str
    line: int = 0  # its line in the file it was read from

    @property
    def taken(self) -> str:
        """Return when it was taken, to the second ("2026-12-07 17:37:09 UTC")."""
        try:
            moment = datetime.fromisoformat(self.at).astimezone(UTC)
        except ValueError:
            return self.at
        return moment.strftime("%Y-%m-%d %H:%M:%S UTC")


def _signed_part(at: str, heads: dict[int, tuple[int, str]], key_id: str) -> dict[str, Any]:
    return {
        "version": VERSION,
        "at": at,
        "heads": {str(chain): [seq, hash_] for chain, (seq, hash_) in sorted(heads.items())},
        "key_id": key_id,
    }


def _mac(key: keys.AuditKey, body: dict[str, Any]) -> str:
    text = json.dumps([SCHEME, body], sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return key.mac(text.encode("ascii"))


def make_line(heads: dict[int, tuple[int, str]], *, at: datetime) -> str:
    """Return the signed JSON line of a checkpoint of `heads` taken at `at` (no newline)."""
    key = keys.ring().sealing
    body = _signed_part(at.isoformat(), heads, key.id)
    return json.dumps({**body, "mac": _mac(key, body)}, sort_keys=True, separators=(",", ":"))


def append_line(out: TextIOBase | Path, line: str) -> None:
    """Append `line` to the file `out` (0600 if new), flushed to disk; or write it to a stream."""
    if not isinstance(out, Path):
        out.write(line + "\n")
        out.flush()
        return
    fd = os.open(out, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    with os.fdopen(fd, "a", encoding="ascii") as handle:
        handle.write(line + "\n")
        handle.flush()
        os.fsync(handle.fileno())


def _parse(text: str, number: int, ring: keys.KeyRing) -> Checkpoint:
    try:
        data = json.loads(text)
        if not isinstance(data, dict) or data.get("version") != VERSION:
            raise ValueError("not a version 1 checkpoint")
        at, key_id, mac = str(data["at"]), str(data["key_id"]), str(data["mac"])
        heads = {
            int(chain): (int(seq), str(hash_)) for chain, (seq, hash_) in data["heads"].items()
        }
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise CheckpointError(f"line {number} is not a checkpoint ({error})") from None
    key = ring.get(key_id)
    if key is None:
        raise CheckpointError(
            f"line {number} is signed with a key that is not configured ({key_id})"
        )
    if not hmac.compare_digest(_mac(key, _signed_part(at, heads, key_id)), mac):
        raise CheckpointError(f"line {number} does not match its signature (edited or forged)")
    return Checkpoint(at=at, heads=heads, key_id=key_id, line=number)


def read_last(path: Path) -> Checkpoint:
    """Return the file's last checkpoint, after checking the signature of every line in it."""
    if not path.is_file():
        raise CheckpointError(f"no checkpoint file at {path}")
    ring = keys.ring()
    last: Checkpoint | None = None
    with path.open(encoding="ascii", errors="replace") as handle:
        for number, text in enumerate(handle, start=1):
            if text.strip():
                last = _parse(text, number, ring)
    if last is None:
        raise CheckpointError(f"{path} holds no checkpoint")
    return last
