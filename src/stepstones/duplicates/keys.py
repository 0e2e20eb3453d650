"""The network's linkage secret: what keys the Bloom-filter encodings of identities.

Configured like the vault and audit keys (`stepstones.keyfiles`): `STEPSTONES_LINKAGE_KEYS`
(comma-separated, URL-safe base64 of 32 or more random bytes) or the file
`STEPSTONES_LINKAGE_KEY_FILE` (one per line); in development a key is generated once into
`var/linkage.keys`. Only the FIRST key is used: encodings made under two secrets cannot be
compared, so there is nothing for an older key to do. It is held by the servers alone; no
user of any organisation sees it, and it never reaches the database (an encoding stores the
secret's `fingerprint`, which names it without revealing it).

Rotation: put a new key first, run `stepstones reencode-linkage` (every person is encoded again
from the identity vault under the new key), then remove the old key. Until a person is
re-encoded, their old encodings are simply not compared (their fingerprint differs).
"""

from __future__ import annotations

from functools import lru_cache

from stepstones import keyfiles
from stepstones.keyfiles import KeySource
from stepstones.linkage import Encoder, fingerprint

KEY_BYTES = 32


def generate_key() -> str:
    """Return a new random linkage key as text."""
    return keyfiles.random_secret(KEY_BYTES)


SOURCE = KeySource(
    keys_setting="STEPSTONES_LINKAGE_KEYS",
    file_setting="STEPSTONES_LINKAGE_KEY_FILE",
    autogenerate_setting="STEPSTONES_LINKAGE_AUTOGENERATE",
    name="linkage",
    what="linkage",
    command="stepstones reencode-linkage --generate",
    generate=generate_key,
)


def parse_key(text: str) -> bytes:
    """Return the secret written as `text` (URL-safe base64 of 32 or more bytes)."""
    return keyfiles.decode_secret(
        text, size=KEY_BYTES, what="A linkage key", command="stepstones reencode-linkage --generate"
    )


def secret() -> bytes:
    """Return the network secret in use: the first configured key."""
    return parse_key(keyfiles.configured_keys(SOURCE)[0])


@lru_cache(maxsize=4)
def _encoder(key: bytes) -> Encoder:
    return Encoder(key)


def encoder() -> Encoder:
    """Return the encoder under the current secret (cached: it caches token positions)."""
    return _encoder(secret())


def current_fingerprint() -> str:
    """Return the public id of the current secret, stored beside each encoding."""
    return fingerprint(secret())
