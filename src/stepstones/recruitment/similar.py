"""Near-duplicate matching of offers: MinHash signatures with banded locality-sensitive hashing.

What is compared is the offer's wording, not its slots: numbers (phones, amounts, dates), e-mail
addresses, links and capitalised words inside a sentence (names of people, firms and places) are
dropped before shingling, so the same template with a new phone number, name or wage still
matches. The signature is NUM_PERM 32-bit minima of word 3-gram hashes; it is cut into BANDS bands
of ROWS values, and each band is hashed to one signed 64-bit key. Two offers whose Jaccard
similarity is s share at least one band key with probability 1 - (1 - s**ROWS)**BANDS: about 0.92
at s = 0.7, 0.998 at 0.8 and 0.06 at 0.5. A database stores the keys in an indexed column, so a
look-up is one indexed query whatever the number of reported offers, and any app server can do it.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from stepstones.recruitment.text import fold

NUM_PERM = 120
BANDS = 20
ROWS = 6
_PRIME = np.uint64((1 << 61) - 1)
_MASK32 = np.uint64(0xFFFFFFFF)
_rng = np.random.RandomState(20261127)  # fixed: signatures must be stable across processes
_A = _rng.randint(1, 1 << 31, size=NUM_PERM, dtype=np.int64).astype(np.uint64)
_B = _rng.randint(0, 1 << 31, size=NUM_PERM, dtype=np.int64).astype(np.uint64)

# E-mail addresses, links and words with a digit: what the shingles leave out. As the plain
# pattern `\S+@\S+|https?://\S+|www\.\S+|\S*\d\S*` (DROP_REFERENCE), `re.sub` was quadratic in
# the length of a long token holding neither "@" nor a digit: each position tried `\S+@` and
# `\S*\d` to the token's end and back (7 of the 11 s that checking one 20,000-character token
# took). Each alternative runs to the end of its token, so a token holding "@" with a character
# on each side, or a digit, matches whole from its first character; where the first fails, no
# later start in the token can match those two either. So they are tried at a token's first
# character only, and the matches are the same (tests compare the two on random text).
DROP_REFERENCE = r"\S+@\S+|https?://\S+|www\.\S+|\S*\d\S*"
_DROP = re.compile(r"(?<!\S)(?:\S+@\S+|\S*\d\S*)|https?://\S+|www\.\S+")
_TOKEN = re.compile(r"\w+|[.!?\n]")


@dataclass(frozen=True, slots=True)
class Signature:
    """An offer's MinHash values and its LSH band keys."""

    values: tuple[int, ...]
    bands: tuple[int, ...]


def _tokens(text: str) -> list[str]:
    tokens: list[str] = []
    sentence_start = True
    for tok in _TOKEN.findall(_DROP.sub(" ", text)):
        if tok in ".!?\n":
            sentence_start = True
            continue
        if tok[0].isupper() and not sentence_start:
            sentence_start = False
            continue  # a name inside a sentence: ignored, like numbers
        sentence_start = False
        tokens.append(fold(tok))
    return tokens


def shingles(text: str) -> set[int]:
    """Return the 32-bit hashes of the word 3-grams of `text`, names and numbers left out."""
    tokens = _tokens(text)
    if len(tokens) < 3:
        return {zlib.crc32(t.encode()) for t in tokens}
    return {
        zlib.crc32(f"{a} {b} {c}".encode())
        for a, b, c in zip(tokens, tokens[1:], tokens[2:], strict=False)
    }


def _band_key(index: int, values: Sequence[int]) -> int:
    raw = index.to_bytes(2, "little") + b"".join(v.to_bytes(4, "little") for v in values)
    return int.from_bytes(hashlib.blake2b(raw, digest_size=8).digest(), "little", signed=True)


def signature(text: str) -> Signature:
    """Return the MinHash signature and band keys of `text`."""
    hashes = shingles(text)
    if not hashes:
        # Nothing to compare (only numbers, names or links): no bands, so it matches nothing.
        return Signature((0xFFFFFFFF,) * NUM_PERM, ())
    else:
        h = np.fromiter(hashes, dtype=np.uint64, count=len(hashes))
        mins = ((np.outer(_A, h) + _B[:, None]) % _PRIME & _MASK32).min(axis=1)
        values = [int(v) for v in mins]
    bands = tuple(_band_key(i, values[i * ROWS : (i + 1) * ROWS]) for i in range(BANDS))
    return Signature(tuple(values), bands)


def similarity(a: Sequence[int], b: Sequence[int]) -> float:
    """Return the estimated Jaccard similarity of two MinHash value lists."""
    if not a or len(a) != len(b):
        return 0.0
    return sum(1 for x, y in zip(a, b, strict=True) if x == y) / len(a)


def pack(values: Sequence[int]) -> bytes:
    """Return MinHash values as bytes (4 per value, little-endian) for storage."""
    return np.asarray(values, dtype="<u4").tobytes()


def unpack(raw: bytes) -> tuple[int, ...]:
    """Return the MinHash values stored by `pack`."""
    return tuple(int(v) for v in np.frombuffer(raw, dtype="<u4"))


class MemoryIndex:
    """An in-memory LSH index (for bulk runs, tests and benchmarks; the app uses the database)."""

    def __init__(self) -> None:
        self._by_band: dict[int, list[int]] = defaultdict(list)
        self._values: list[tuple[int, ...]] = []

    def __len__(self) -> int:
        return len(self._values)

    def add(self, sig: Signature) -> int:
        """Add a signature and return its number in the index."""
        number = len(self._values)
        self._values.append(sig.values)
        for key in sig.bands:
            self._by_band[key].append(number)
        return number

    def query(self, sig: Signature) -> list[tuple[int, float]]:
        """Return (number, similarity) of the indexed signatures that share a band with `sig`."""
        candidates = {n for key in sig.bands for n in self._by_band.get(key, ())}
        return sorted(
            ((n, similarity(sig.values, self._values[n])) for n in candidates),
            key=lambda pair: -pair[1],
        )
