"""Compare encodings: Dice, field agreement, a learned score, and blocking.

A registration being checked is compared only with the stored records sharing one of its
blocking keys, never with everyone. It knows which of its own bits are name, date or other
(`Probe`), so each comparison measures how much of its name, of its date and of its sex and
citizenship a stored filter holds; a logistic score weighs those with the Dice coefficient of
the whole filters. A name that agrees cannot outvote a date that disagrees, as it can in a plain
Dice over one filter. Every comparison is a popcount over 128-byte filters (numpy).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from stepstones.linkage.encoder import MAX_WORDS, STORED_BYTES, DateLevel, Encoding, Probe

WORDS = STORED_BYTES // 8
Bits = npt.NDArray[np.uint64]
Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]
FEATURES = (
    "name", "worst_word", "dice", "date", "sex", "citizenship", "name_x_date", "no_date",
    "year_only", "arabic", "common",
)  # fmt: skip
# Logistic weights of FEATURES and the intercept, fitted on seed 1 of the synthetic route
# (`bench/bench_linkage.py --tune`); the figures in docs/benchmarks.md come from seed 2.
COEFFICIENTS = (-1.63, 5.97, 6.23, 4.43, 1.73, 2.62, 8.81, 5.94, -1.41, 1.79, -2.84)
INTERCEPT = -17.75
CHUNK = 200_000  # pairs scored at once
THRESHOLD = 0.35  # the best F1 on seed 1


@dataclass(frozen=True)
class Candidate:
    """A stored record that may be the same person, with its score (0 to 1)."""

    index: int
    score: float


def dice(a: bytes, b: bytes) -> float:
    """Return the Dice coefficient of two filters: 2|A and B| / (|A| + |B|), 0 when both empty."""
    x, y = int.from_bytes(a, "big"), int.from_bytes(b, "big")
    total = x.bit_count() + y.bit_count()
    return 2 * (x & y).bit_count() / total if total else 0.0


def words(bits: bytes) -> Bits:
    """Return a filter as an array of 64-bit words."""
    return np.frombuffer(bits, dtype=np.uint64)


def _count(bits: Bits) -> Ints:
    counts: Ints = np.bitwise_count(bits).sum(axis=-1).astype(np.int64)
    return counts


class Probes:
    """The masks of many registrations as arrays: a batch checked at once."""

    def __init__(self, probes: Sequence[Probe]) -> None:
        def stack(name: str) -> Bits:
            return np.stack([words(getattr(p, name)) for p in probes])

        self.name, self.core = stack("name_mask"), stack("core_mask")
        empty = bytes(STORED_BYTES)
        self.words = np.stack(
            [
                np.stack([words(m) for m in (p.word_masks + (empty,) * MAX_WORDS)[:MAX_WORDS]])
                for p in probes
            ]
        )
        self.word_cores = np.stack(
            [
                np.stack([words(m) for m in (p.word_core_masks + (empty,) * MAX_WORDS)[:MAX_WORDS]])
                for p in probes
            ]
        )
        self.year, self.date = stack("year_mask"), stack("date_mask")
        self.sex, self.citizenship = stack("sex_mask"), stack("citizenship_mask")
        self.bits = np.stack([words(p.encoding.bits) for p in probes])
        self.lookups = [p.lookups for p in probes]
        self.level = np.array([p.encoding.date_level for p in probes], dtype=np.int64)
        self.arabic = np.array([p.encoding.arabic for p in probes], dtype=bool)


class Index:
    """The stored encodings of a network, searchable by blocking key."""

    def __init__(
        self,
        coefficients: Sequence[float] = COEFFICIENTS,
        intercept: float = INTERCEPT,
    ) -> None:
        self.coefficients = np.asarray(coefficients, dtype=np.float64)
        self.intercept = intercept
        self._bits: Bits = np.zeros((1024, WORDS), dtype=np.uint64)
        self._level = np.zeros(1024, dtype=np.int64)
        self._arabic = np.zeros(1024, dtype=bool)
        self._size = 0
        self.blocks: dict[str, list[int]] = {}

    def __len__(self) -> int:
        return self._size

    def add(self, encoding: Encoding) -> int:
        """Store an encoding; return its index."""
        if self._size == len(self._bits):
            self._bits = np.concatenate([self._bits, np.zeros_like(self._bits)])
            self._level = np.concatenate([self._level, np.zeros_like(self._level)])
            self._arabic = np.concatenate([self._arabic, np.zeros_like(self._arabic)])
        index = self._size
        self._bits[index] = words(encoding.bits)
        self._level[index] = encoding.date_level
        self._arabic[index] = encoding.arabic
        self._size += 1
        for key in encoding.blocks:
            self.blocks.setdefault(key, []).append(index)
        return index

    def extend(self, encodings: Iterable[Encoding]) -> None:
        """Store many encodings."""
        for encoding in encodings:
            self.add(encoding)

    def candidates(self, lookups: Iterable[str], below: int | None = None) -> tuple[Ints, Ints]:
        """Return the indexes stored under any of the keys looked up (the candidate set).

        With each, the size of the smallest block it was found in: how common its name and
        year are, which weighs a bare agreement as Splink's term-frequency adjustment does.
        `below` keeps only indexes below it (a batch checks each record against earlier ones).
        """
        found = [self.blocks[key] for key in lookups if key in self.blocks]
        if not found:
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty
        members = np.concatenate([np.asarray(f, dtype=np.int64) for f in found])
        sizes = np.concatenate([np.full(len(f), len(f), dtype=np.int64) for f in found])
        if below is not None:
            keep = members < below
            members, sizes = members[keep], sizes[keep]
        return _smallest(members, sizes)

    def features(self, probes: Probes, rows: Ints, stored: Ints, sizes: Ints) -> Floats:
        """Return the FEATURES of probes[rows[i]] against stored record stored[i], one row each."""
        bits = self._bits[stored]
        arabic = probes.arabic[rows] | self._arabic[stored]
        name_mask = np.where(arabic[:, None], probes.core[rows], probes.name[rows])
        name = _contained(name_mask, bits)
        word_masks = np.where(arabic[:, None, None], probes.word_cores[rows], probes.words[rows])
        worst_word = _contained(word_masks, bits[:, None, :]).min(axis=1)
        mine, theirs = probes.bits[rows], bits
        common = _count(mine & theirs)
        level, stored_level = probes.level[rows], self._level[stored]
        no_date = (level == DateLevel.NONE) | (stored_level == DateLevel.NONE)
        year_only = ~no_date & ((level == DateLevel.YEAR) | (stored_level == DateLevel.YEAR))
        date_mask = np.where(year_only[:, None], probes.year[rows], probes.date[rows])
        date = np.where(no_date, 0.0, _contained(date_mask, bits))
        # Date bits only one side could have (a full date against a year or nothing) are left
        # out of the Dice denominator: a missing date neither proves nor disproves a match.
        unshared = np.where(no_date | year_only, _count(probes.date[rows] & ~theirs), 0)
        total = np.maximum(_count(mine) + _count(theirs) - unshared, 1)
        dice_score = np.minimum(2.0 * common / total, 1.0)
        sex = _contained(probes.sex[rows], bits)
        citizenship = _contained(probes.citizenship[rows], bits)
        common = np.log10(np.maximum(sizes, 1))
        columns = [name, worst_word, dice_score, date, sex, citizenship, name * date, no_date]
        columns += [year_only, arabic, common]
        return np.column_stack(columns).astype(np.float64)

    def score(self, features: Floats) -> Floats:
        """Return the match probability of each row of features (logistic)."""
        z = features @ self.coefficients + self.intercept
        return 1.0 / (1.0 + np.exp(-z))

    def query(self, probe: Probe, threshold: float = THRESHOLD) -> list[Candidate]:
        """Return the stored records scoring at least `threshold` against a probe, best first."""
        found, sizes = self.candidates(probe.lookups)
        if not len(found):
            return []
        rows = np.zeros(len(found), dtype=np.int64)
        scores = self.score(self.features(Probes([probe]), rows, found, sizes))
        keep = np.flatnonzero(scores >= threshold)
        ordered = keep[np.argsort(-scores[keep], kind="stable")]
        return [Candidate(int(found[i]), float(scores[i])) for i in ordered]

    def candidate_pairs(self, probes: Probes) -> tuple[Ints, Ints, Ints]:
        """Return the pairs (i < j) where j's look-ups find stored i, with their block sizes."""
        lefts: list[Ints] = []
        rights: list[Ints] = []
        sizes: list[Ints] = []
        for j, lookups in enumerate(probes.lookups):
            found, size = self.candidates(lookups, below=j)
            lefts.append(found)
            rights.append(np.full(len(found), j, dtype=np.int64))
            sizes.append(size)
        if not lefts:
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty, empty
        return np.concatenate(lefts), np.concatenate(rights), np.concatenate(sizes)

    def pair_features(self, probes: Probes, chunk: int = CHUNK) -> tuple[Ints, Ints, Floats]:
        """Return the candidate pairs (i < j) and their features, j checked against stored i.

        `probes` holds the stored records' probes in the same order: the later registration
        is the one being checked, as it would have been when it arrived.
        """
        left, right, sizes = self.candidate_pairs(probes)
        parts = [
            self.features(probes, right[s : s + chunk], left[s : s + chunk], sizes[s : s + chunk])
            for s in range(0, len(left), chunk)
        ]
        found = np.concatenate(parts) if parts else np.zeros((0, len(FEATURES)))
        return left, right, found

    def link(self, probes: Probes, threshold: float = THRESHOLD) -> tuple[Ints, Ints, Floats]:
        """Return the pairs of stored records scoring at least `threshold`, with their scores."""
        left, right, sizes = self.candidate_pairs(probes)
        kept: list[tuple[Ints, Ints, Floats]] = []
        for s in range(0, len(left), CHUNK):  # features chunk by chunk: memory stays flat
            a, b = left[s : s + CHUNK], right[s : s + CHUNK]
            scores = self.score(self.features(probes, b, a, sizes[s : s + CHUNK]))
            keep = scores >= threshold
            kept.append((a[keep], b[keep], scores[keep]))
        if not kept:
            return left, right, np.zeros(0)
        return (
            np.concatenate([k[0] for k in kept]),
            np.concatenate([k[1] for k in kept]),
            np.concatenate([k[2] for k in kept]),
        )


def _smallest(keys: Ints, sizes: Ints) -> tuple[Ints, Ints]:
    """Return the distinct keys and, for each, the smallest size it came with."""
    order = np.lexsort((sizes, keys))
    keys, sizes = keys[order], sizes[order]
    first = np.ones(len(keys), dtype=bool)
    first[1:] = keys[1:] != keys[:-1]
    return keys[first], sizes[first]


def _contained(mask: Bits, bits: Bits) -> Floats:
    """Return the share of each mask's bits that are set in the matching filter (1 if empty)."""
    size = _count(mask)
    shared = _count(mask & bits)
    return np.where(size > 0, shared / np.maximum(size, 1), 1.0)


def pairs_of(groups: Sequence[int]) -> set[tuple[int, int]]:
    """Return the true pairs (i < j) of records whose group (the person) is the same."""
    members: dict[int, list[int]] = {}
    for index, group in enumerate(groups):
        members.setdefault(group, []).append(index)
    return {(a, b) for m in members.values() for i, a in enumerate(m) for b in m[i + 1 :]}
