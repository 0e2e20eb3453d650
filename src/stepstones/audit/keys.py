"""The audit key ring: secret HMAC-SHA256 keys, held outside the database, that seal the chains.

Keys come, in this order, from `STEPSTONES_AUDIT_KEYS` (comma-separated) or from the file
`STEPSTONES_AUDIT_KEY_FILE` (one key per line); the first key seals new events and checkpoints,
every key verifies. A key is 32 random bytes in URL-safe base64 (`stepstones audit-key
--generate` prints one). With neither set and DEBUG (or the demo) on, a key is generated once into
`var/audit.keys` (mode 0600) so `make run` needs nothing; otherwise a missing key stops the server
with a clear error (check `stepstones.E102`), as for the identity vault.

Unlike the vault's keys, an audit key is never retired while events sealed with it exist: those
events are verified with it for as long as they are kept. Rotation puts a new key first and keeps
the old ones after it (docs/security.md).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
import secrets
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

KEY_BYTES = 32


@dataclass(frozen=True)
class AuditKey:
    """One secret key and its public id (what an event stores to say which key sealed it)."""

    id: str
    secret: bytes = b""

    def mac(self, payload: bytes) -> str:
        """Return the HMAC-SHA256 of `payload` under this key, in hex."""
        return hmac.new(self.secret, payload, hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class KeyRing:
    """The configured keys, first (sealing) key first."""

    keys: tuple[AuditKey, ...]

    @property
    def sealing(self) -> AuditKey:
        """Return the key that seals new events and checkpoints."""
        return self.keys[0]

    def get(self, key_id: str) -> AuditKey | None:
        """Return the key with this id, or None when no configured key has it."""
        for key in self.keys:
            if key.id == key_id:
                return key
        return None


def generate_key() -> str:
    """Return a new random audit key as text."""
    return base64.urlsafe_b64encode(secrets.token_bytes(KEY_BYTES)).decode("ascii")


def parse_key(text: str) -> AuditKey:
    """Return the key written as `text` (URL-safe base64 of 32 or more bytes), with its id."""
    try:
        secret = base64.b64decode(text.encode("ascii"), altchars=b"-_", validate=True)
    except (binascii.Error, UnicodeEncodeError):
        secret = b""
    if len(secret) < KEY_BYTES:
        raise ImproperlyConfigured(
            f"An audit key is not {KEY_BYTES} or more bytes in URL-safe base64 "
            "(`stepstones audit-key --generate` prints one)."
        )
    # The id is derived from the key, so it can be public: it names the key without revealing it.
    key_id = hmac.new(secret, b"stepstones audit key id", hashlib.sha256).hexdigest()[:12]
    return AuditKey(id=key_id, secret=secret)


@lru_cache(maxsize=8)
def _ring(keys: tuple[str, ...]) -> KeyRing:
    return KeyRing(tuple(parse_key(text) for text in keys))


@lru_cache(maxsize=8)
def _keys_in_file(path: Path, _modified: int) -> tuple[str, ...]:
    lines = path.read_text(encoding="ascii").splitlines()
    return tuple(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def _keys_from_file(path: Path) -> tuple[str, ...]:
    return _keys_in_file(path, path.stat().st_mtime_ns)


def configured_keys() -> tuple[str, ...]:
    """Return the configured keys as text, first key first; generate a development key if allowed.

    The key file is read again only when it changes: `record()` asks on every write.
    """
    keys = tuple(k for k in getattr(settings, "STEPSTONES_AUDIT_KEYS", []) if k)
    if keys:
        return keys
    key_file = getattr(settings, "STEPSTONES_AUDIT_KEY_FILE", "")
    if key_file:
        path = Path(key_file)
        if not path.is_file():
            raise ImproperlyConfigured(f"STEPSTONES_AUDIT_KEY_FILE: no file at {path}.")
        keys = _keys_from_file(path)
        if not keys:
            raise ImproperlyConfigured(f"STEPSTONES_AUDIT_KEY_FILE: {path} holds no key.")
        return keys
    if not getattr(settings, "STEPSTONES_AUDIT_AUTOGENERATE", False):
        raise ImproperlyConfigured(
            "No audit key: set STEPSTONES_AUDIT_KEYS or STEPSTONES_AUDIT_KEY_FILE "
            "(generate one with `stepstones audit-key --generate`)."
        )
    path = Path(settings.VAR_DIR) / "audit.keys"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        text = "# Development audit key, generated on first run. Never commit.\n"
        text += generate_key() + "\n"
        # Written whole under another name, then linked in place: a second process of the demo
        # starting at the same moment reads either no file or the complete one.
        draft = path.with_name(f".audit.keys.{os.getpid()}")
        fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(text)
        try:
            os.link(draft, path)
        except FileExistsError:  # the other process was first: use its key
            pass
        finally:
            draft.unlink()
    keys = _keys_from_file(path)
    if not keys:
        raise ImproperlyConfigured(f"{path} holds no key: delete it to have a new one made.")
    return keys


def ring() -> KeyRing:
    """Return the key ring built from the configured keys."""
    return _ring(configured_keys())
