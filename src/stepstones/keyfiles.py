"""Where the secret keys come from: the vault's (identity data), the audit chain's and linkage's.

Every key ring is configured the same way, in this order: a setting holding the keys
(comma-separated, the first one in use, every one still accepted), or a setting naming a file of
keys (one per line, `#` comments). With neither, a development set-up (DEBUG or the demo) gets a
key generated once into `var/<name>.keys` (mode 0600); otherwise a missing key is an error that
says how to make one.
"""

from __future__ import annotations

import base64
import binascii
import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class KeySource:
    """The settings and words of one key ring."""

    keys_setting: str  # e.g. STEPSTONES_VAULT_KEYS
    file_setting: str  # e.g. STEPSTONES_VAULT_KEY_FILE
    autogenerate_setting: str  # e.g. STEPSTONES_VAULT_AUTOGENERATE
    name: str  # the development file's name: var/<name>.keys
    what: str  # in the error: "No <what> key"
    command: str  # in the error: how to generate a key
    generate: Callable[[], str]


def random_secret(size: int) -> str:
    """Return `size` random bytes as URL-safe base64: a new key, as the rings store them."""
    return base64.urlsafe_b64encode(secrets.token_bytes(size)).decode("ascii")


def decode_secret(text: str, *, size: int, what: str, command: str) -> bytes:
    """Return the secret written as `text` (URL-safe base64 of `size` or more bytes).

    `ImproperlyConfigured` otherwise, naming the key (`what`, e.g. "An audit key") and the
    `command` that prints a good one.
    """
    try:
        secret = base64.b64decode(text.encode("ascii"), altchars=b"-_", validate=True)
    except (binascii.Error, UnicodeEncodeError):
        secret = b""
    if len(secret) < size:
        raise ImproperlyConfigured(
            f"{what} is not {size} or more bytes in URL-safe base64 (`{command}` prints one)."
        )
    return secret


@lru_cache(maxsize=8)
def _keys_in_file(path: Path, _modified: int) -> tuple[str, ...]:
    lines = path.read_text(encoding="ascii").splitlines()
    return tuple(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def keys_from_file(path: Path) -> tuple[str, ...]:
    """The keys in `path`, read again only when the file changes (keys are asked for often)."""
    return _keys_in_file(path, path.stat().st_mtime_ns)


def configured_keys(source: KeySource) -> tuple[str, ...]:
    """Return the configured keys, first key first; generate a development key if allowed."""
    keys = tuple(k for k in getattr(settings, source.keys_setting, []) if k)
    if keys:
        return keys
    key_file = getattr(settings, source.file_setting, "")
    if key_file:
        path = Path(key_file)
        if not path.is_file():
            raise ImproperlyConfigured(f"{source.file_setting}: no file at {path}.")
        keys = keys_from_file(path)
        if not keys:
            raise ImproperlyConfigured(f"{source.file_setting}: {path} holds no key.")
        return keys
    if not getattr(settings, source.autogenerate_setting, False):
        raise ImproperlyConfigured(
            f"No {source.what} key: set {source.keys_setting} or {source.file_setting} "
            f"(generate one with `{source.command}`)."
        )
    path = Path(settings.VAR_DIR) / f"{source.name}.keys"
    if not path.exists():
        _write_development_key(path, source)
    keys = keys_from_file(path)
    if not keys:
        raise ImproperlyConfigured(f"{path} holds no key: delete it to have a new one made.")
    return keys


def _write_development_key(path: Path, source: KeySource) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = f"# Development {source.what} key, generated on first run. Never commit.\n"
    text += source.generate() + "\n"
    # Written whole under another name, then linked in place: a second process of the demo
    # starting at the same moment reads either no file or the complete one.
    draft = path.with_name(f".{path.name}.{os.getpid()}")
    fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(text)
    try:
        os.link(draft, path)
    except FileExistsError:  # the other process was first: use its key
        pass
    finally:
        draft.unlink()
