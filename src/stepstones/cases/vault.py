"""Encryption of identity data at rest: Fernet tokens under a MultiFernet key ring.

Keys come, in this order, from `STEPSTONES_VAULT_KEYS` (comma-separated Fernet keys, the first
encrypts, all decrypt) or from the file `STEPSTONES_VAULT_KEY_FILE` (one key per line, same
order). With neither set and DEBUG on, a key is generated once into `var/vault.keys` (mode 0600)
so `make run` needs nothing; with DEBUG off a missing key stops the server with a clear error.

Rotation: put a new key first, keep the old ones after it, run `stepstones rotate-vault-keys`
(re-encrypts every row with the first key), then remove the old keys.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.core.exceptions import ImproperlyConfigured

from stepstones import keyfiles
from stepstones.keyfiles import KeySource


def generate_key() -> str:
    """Return a new random Fernet key as text."""
    return Fernet.generate_key().decode("ascii")


SOURCE = KeySource(
    keys_setting="STEPSTONES_VAULT_KEYS",
    file_setting="STEPSTONES_VAULT_KEY_FILE",
    autogenerate_setting="STEPSTONES_VAULT_AUTOGENERATE",
    name="vault",
    what="identity vault",
    command="stepstones rotate-vault-keys --generate",
    generate=generate_key,
)


def configured_keys() -> tuple[str, ...]:
    """Return the key ring's keys, first key first (`stepstones.keyfiles`)."""
    return keyfiles.configured_keys(SOURCE)


@lru_cache(maxsize=8)
def _ring(keys: tuple[str, ...]) -> MultiFernet:
    try:
        return MultiFernet([Fernet(k.encode("ascii")) for k in keys])
    except (ValueError, TypeError) as exc:
        raise ImproperlyConfigured(f"A vault key is not a valid Fernet key: {exc}") from None


def ring() -> MultiFernet:
    """Return the MultiFernet built from the configured keys."""
    return _ring(configured_keys())


def encrypt(data: dict[str, Any]) -> str:
    """Encrypt a JSON-able dict with the first key; return the token as text."""
    plain = json.dumps(data, sort_keys=True, ensure_ascii=False).encode("utf-8")
    return ring().encrypt(plain).decode("ascii")


class VaultError(Exception):
    """A token cannot be read with any configured key."""


def decrypt(token: str) -> dict[str, Any]:
    """Decrypt a token made by `encrypt` with any key of the ring."""
    if not token:
        return {}
    try:
        plain = ring().decrypt(token.encode("ascii"))
    except InvalidToken:
        raise VaultError(
            "The identity record cannot be decrypted with the configured keys."
        ) from None
    value = json.loads(plain.decode("utf-8"))
    assert isinstance(value, dict)
    return value


def rotate(token: str) -> str:
    """Re-encrypt a token under the first key of the ring."""
    return ring().rotate(token.encode("ascii")).decode("ascii")
