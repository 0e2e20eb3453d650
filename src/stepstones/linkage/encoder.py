"""Keyed Bloom-filter encodings of an identity: what is stored for matching instead of the name.

Every piece of an identity (bigrams of each spelling and skeleton of the name, whole canonical
name words, birth-date tokens, sex, citizenship) sets a few bits chosen by HMAC-SHA256 under a
key of its own field, derived from the network secret: without the secret nobody can tell which
bits a name would set, and the same bigram sets different bits in different fields (per-field
salting). All fields share one filter (a record-level "CLK"), so a stored filter repeats only
where the whole identity repeats, and the filter is then XOR-folded in half, which hides which of
two positions a bit came from (Schnell, Borgs and Encheva 2016; Christen et al. 2018 found that
with XOR folding frequency attacks stayed at or below 5 % and pattern mining at 0). The number of
bits a field sets per token is its weight.

We wrote this on `hmac`/`hashlib` (about 150 lines) instead of using clkhash/anonlink: both last
changed in 2023, have no wheel for Python 3.12 and pin cryptography below 41.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import combinations

from stepstones.linkage.dates import BirthDate, date_tokens, year_tokens
from stepstones.linkage.names import NameKeys, block_codes, name_keys
from stepstones.linkage.scripts import script_of

FILTER_BITS = 2048  # before folding; the stored filter has half as many
STORED_BYTES = FILTER_BITS // 16
# Bits set per token, by field.
WEIGHTS = {"name": 3, "skel": 3, "canon": 6, "dob": 8, "sex": 6, "cit": 6}
NAME_FIELDS = ("name", "skel", "canon")
BLOCK_YEARS = 2  # an estimated year is rarely further off
FIRST_YEAR, LAST_YEAR = 1920, 2030  # the years a registration without one is looked up under
MAX_WORDS = 4  # words of a name checked one by one; more are checked only as a whole
CORE_FIELDS = ("skel", "canon")  # what an Arabic spelling (no short vowels) shares with others


@dataclass(frozen=True)
class Identity:
    """What a registration knows of a person, before encoding."""

    name: str
    birth: BirthDate = field(default_factory=BirthDate)
    sex: str = ""
    citizenship: str = ""


class DateLevel:
    """How much of the birth date an encoding holds (stored beside the filter)."""

    NONE = 0
    YEAR = 1  # an estimated year
    FULL = 2


@dataclass(frozen=True)
class Encoding:
    """The stored form: the folded filter, blocking keys, and two small facts for scoring.

    `date_level` (none, an estimated year, a full date) and `arabic` (the name was written in
    Arabic script) say which parts of two filters can be compared; neither says who it is.
    """

    bits: bytes
    date_level: int
    arabic: bool
    blocks: frozenset[str]


@dataclass(frozen=True)
class Probe:
    """A registration being checked: its encoding and which of its bits belong to which field.

    The masks exist only while the registration is checked (they need its plaintext and the
    secret); they are never stored, so a stored filter cannot be split back into its fields.
    """

    encoding: Encoding
    lookups: frozenset[str]
    word_masks: tuple[bytes, ...]
    word_core_masks: tuple[bytes, ...]
    name_mask: bytes
    core_mask: bytes
    year_mask: bytes
    date_mask: bytes
    sex_mask: bytes
    citizenship_mask: bytes


def bigrams(word: str) -> list[str]:
    """Return the bigrams of a word padded with "_" at both ends ("ali" -> _a al li i_)."""
    padded = f"_{word}_"
    return [padded[i : i + 2] for i in range(len(padded) - 1)]


def field_tokens(keys: NameKeys, identity: Identity) -> dict[str, set[str]]:
    """Return each field's tokens: what the filter is built from.

    The spelled-out readings of an Arabic-script name are left out: without short vowels they
    resemble no Latin spelling, and their skeletons and variant groups already carry them.
    """
    arabic = script_of(identity.name) == "arabic"
    return {
        "name": set() if arabic else {g for r in keys.readings for g in bigrams(r)},
        "skel": {g for skel in keys.skeletons for g in bigrams(skel)},
        "canon": set(keys.canonicals),
        "dob": set(date_tokens(identity.birth)),
        "sex": {identity.sex.lower()} if identity.sex else set(),
        "cit": {identity.citizenship.upper()} if identity.citizenship else set(),
    }


def word_tokens(keys: NameKeys, arabic: bool) -> list[dict[str, set[str]]]:
    """Return the name fields' tokens of each word apart (for checking word by word)."""
    return [
        field_tokens(NameKeys((word,)), Identity("ا" if arabic else "a"))
        for word in keys.words[:MAX_WORDS]
    ]


def date_level(birth: BirthDate) -> int:
    """Return how much of the date is known: none, an estimated year, or a full date."""
    if birth.year is None:
        return DateLevel.NONE
    if birth.estimated or birth.placeholder or birth.month is None:
        return DateLevel.YEAR
    return DateLevel.FULL


class Encoder:
    """Encode identities under one network secret (never shown, kept like the vault keys)."""

    def __init__(self, secret: bytes, weights: dict[str, int] | None = None) -> None:
        if len(secret) < 16:
            raise ValueError("The linkage secret must be at least 16 bytes.")
        self.weights = dict(weights or WEIGHTS)
        self._field_keys = {
            name: hmac.digest(secret, b"stepstones-linkage/field/" + name.encode(), "sha256")
            for name in self.weights
        }
        self._block_key = hmac.digest(secret, b"stepstones-linkage/block", "sha256")
        self._positions = lru_cache(maxsize=500_000)(self._compute_positions)

    def _compute_positions(self, field_name: str, token: str) -> tuple[int, ...]:
        """Return the bit positions of one token in one field (HMAC-SHA256, 2 bytes each)."""
        count = self.weights[field_name]
        key = self._field_keys[field_name]
        positions: list[int] = []
        counter = 0
        while len(positions) < count:
            message = token.encode() + b"\x00" + counter.to_bytes(2, "big")
            digest = hmac.digest(key, message, "sha256")
            positions.extend(
                int.from_bytes(digest[i : i + 2], "big") % FILTER_BITS for i in range(0, 32, 2)
            )
            counter += 1
        return tuple(positions[:count])

    def filter(self, tokens: dict[str, set[str]]) -> int:
        """Return the unfolded filter of the tokens, as an integer of FILTER_BITS bits."""
        bits = 0
        for field_name, values in tokens.items():
            for token in values:
                for position in self._positions(field_name, token):
                    bits |= 1 << position
        return bits

    def block_key(self, text: str) -> str:
        """Return a keyed blocking key: 16 hex digits, meaningless without the secret."""
        return hmac.digest(self._block_key, text.encode(), "sha256")[:8].hex()

    def blocks(self, keys: NameKeys, birth: BirthDate) -> frozenset[str]:
        """Return the keyed blocking keys stored with a record: name codes with the year.

        Each pair of the name's codes with the year, and each code alone with the year. A key
        never holds name codes without the year when the year is known: their frequency would
        tell an attacker which key is "Muhammad"; with the year it is one of many alike.
        A record without a year is stored under its bare codes (few records are).
        """
        return frozenset(self.block_key(text) for text in _block_texts(keys, birth.year, 0, 0))

    def lookups(self, keys: NameKeys, birth: BirthDate) -> frozenset[str]:
        """Return the keys a new registration looks up.

        Pairs of codes with every year within BLOCK_YEARS of its own (estimates drift), single
        codes with the years within 1 of its own (a typo in the other word), and the bare codes,
        where the records without a year are.
        Without a year of its own, it looks its pairs up under every year.
        """
        if birth.year is None:
            texts = _block_texts(keys, None, 0, 0)
            for year in range(FIRST_YEAR, LAST_YEAR + 1):
                texts |= _block_texts(keys, year, 0, -1)
        else:
            texts = _block_texts(keys, birth.year, BLOCK_YEARS, 1) | _block_texts(keys, None, 0, 0)
        return frozenset(self.block_key(text) for text in texts)

    def probe(self, identity: Identity) -> Probe:
        """Return the encoding of a registration with its field masks, for checking it."""
        keys = name_keys(identity.name)
        tokens = field_tokens(keys, identity)
        encoding = Encoding(
            bits=xor_fold(self.filter(tokens)).to_bytes(STORED_BYTES, "big"),
            date_level=date_level(identity.birth),
            arabic=script_of(identity.name) == "arabic",
            blocks=self.blocks(keys, identity.birth),
        )
        years = {"dob": set(year_tokens(identity.birth))}
        per_word = word_tokens(keys, encoding.arabic)
        return Probe(
            encoding,
            lookups=self.lookups(keys, identity.birth),
            word_masks=tuple(self._mask({f: w[f] for f in NAME_FIELDS}) for w in per_word),
            word_core_masks=tuple(self._mask({f: w[f] for f in CORE_FIELDS}) for w in per_word),
            name_mask=self._mask({f: tokens[f] for f in NAME_FIELDS}),
            core_mask=self._mask({f: tokens[f] for f in CORE_FIELDS}),
            year_mask=self._mask(years),
            date_mask=self._mask({"dob": tokens["dob"]}),
            sex_mask=self._mask({"sex": tokens["sex"]}),
            citizenship_mask=self._mask({"cit": tokens["cit"]}),
        )

    def encode(self, identity: Identity) -> Encoding:
        """Return the stored encoding of an identity."""
        return self.probe(identity).encoding

    def encode_many(self, identities: Iterable[Identity]) -> list[Encoding]:
        """Encode many identities (the token positions are cached across them)."""
        return [self.encode(identity) for identity in identities]

    def _mask(self, tokens: dict[str, set[str]]) -> bytes:
        """Return the folded positions of some fields' tokens, as a stored-size filter."""
        half = FILTER_BITS // 2
        bits = 0
        for field_name, values in tokens.items():
            for token in values:
                for position in self._positions(field_name, token):
                    bits |= 1 << (position % half)
        return bits.to_bytes(STORED_BYTES, "big")


def _block_texts(keys: NameKeys, year: int | None, pair_years: int, single_years: int) -> set[str]:
    """Return blocking texts: code pairs with years within `pair_years` of `year`, single codes
    within `single_years` (none when negative); bare codes and pairs when `year` is None."""
    codes = sorted(block_codes(keys))
    pairs = [f"{a}|{b}" for a, b in combinations(codes, 2)] or codes
    if year is None:
        return {f"n:{c}" for c in codes} | {f"n:{p}" for p in pairs}
    texts = {f"p:{p}:{year + d}" for p in pairs for d in range(-pair_years, pair_years + 1)}
    if single_years >= 0:
        texts |= {
            f"y:{c}:{year + d}" for c in codes for d in range(-single_years, single_years + 1)
        }
    return texts


def xor_fold(bits: int) -> int:
    """Return the filter folded in half: bit i is bit i XOR bit i + FILTER_BITS / 2."""
    half = FILTER_BITS // 2
    return (bits >> half) ^ (bits & ((1 << half) - 1))


def fingerprint(secret: bytes) -> str:
    """Return a short, non-secret id of a network secret, to tell encodings of two secrets apart."""
    return hashlib.sha256(b"stepstones-linkage/id" + secret).hexdigest()[:12]
