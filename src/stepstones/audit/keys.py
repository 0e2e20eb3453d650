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

import hashlib
import hmac
from dataclasses import dataclass
from functools import lru_cache

from stepstones import keyfiles
from stepstones.keyfiles import KeySource

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
    return keyfiles.random_secret(KEY_BYTES)


def parse_key(text: str) -> AuditKey:
    """Return the key written as `text` (URL-safe base64 of 32 or more bytes), with its id."""
    secret = keyfiles.decode_secret(
        text, size=KEY_BYTES, what="An audit key", command="stepstones audit-key --generate"
    )
    # The id is derived from the key, so it can be public: it names the key without revealing it.
    key_id = hmac.new(secret, b"stepstones audit key id", hashlib.sha256).hexdigest()[:12]
    return AuditKey(id=key_id, secret=secret)


@lru_cache(maxsize=8)
def _ring(keys: tuple[str, ...]) -> KeyRing:
    return KeyRing(tuple(parse_key(text) for text in keys))


SOURCE = KeySource(
    keys_setting="STEPSTONES_AUDIT_KEYS",
    file_setting="STEPSTONES_AUDIT_KEY_FILE",
    autogenerate_setting="STEPSTONES_AUDIT_AUTOGENERATE",
    name="audit",
    what="audit",
    command="stepstones audit-key --generate",
    generate=generate_key,
)


def configured_keys() -> tuple[str, ...]:
    """Return the configured keys as text, first key first (`stepstones.keyfiles`)."""
    return keyfiles.configured_keys(SOURCE)


def ring() -> KeyRing:
    """Return the key ring built from the configured keys."""
    return _ring(configured_keys())
