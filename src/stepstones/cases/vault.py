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
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def generate_key() -> str:
    """Return a new random Fernet key as text."""
    return Fernet.generate_key().decode("ascii")


def _keys_from_file(path: Path) -> list[str]:
    lines = path.read_text(encoding="ascii").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def configured_keys() -> list[str]:
    """Return the key ring, first key first; generate a development key when allowed."""
    keys = [k for k in getattr(settings, "STEPSTONES_VAULT_KEYS", []) if k]
    if keys:
        return keys
    key_file = getattr(settings, "STEPSTONES_VAULT_KEY_FILE", "")
    if key_file:
        path = Path(key_file)
        if not path.is_file():
            raise ImproperlyConfigured(f"STEPSTONES_VAULT_KEY_FILE: no file at {path}.")
        keys = _keys_from_file(path)
        if not keys:
            raise ImproperlyConfigured(f"STEPSTONES_VAULT_KEY_FILE: {path} holds no key.")
        return keys
    if not getattr(settings, "STEPSTONES_VAULT_AUTOGENERATE", False):
        raise ImproperlyConfigured(
            "No identity vault key: set STEPSTONES_VAULT_KEYS or STEPSTONES_VAULT_KEY_FILE "
            "(generate one with `stepstones rotate-vault-keys --generate`)."
        )
    path = Path(settings.VAR_DIR) / "vault.keys"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write("# Development vault key, generated on first run. Never commit.\n")
            handle.write(generate_key() + "\n")
    return _keys_from_file(path)


@lru_cache(maxsize=8)
def _ring(keys: tuple[str, ...]) -> MultiFernet:
    try:
        return MultiFernet([Fernet(k.encode("ascii")) for k in keys])
    except (ValueError, TypeError) as exc:
        raise ImproperlyConfigured(f"A vault key is not a valid Fernet key: {exc}") from None


def ring() -> MultiFernet:
    """Return the MultiFernet built from the configured keys."""
    return _ring(tuple(configured_keys()))


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
