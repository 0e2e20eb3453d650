"""A name in any script gives several canonical keys: folded spellings, skeletons, a variant group.

`name_keys("Мухамед Ахмади")` and `name_keys("Mohammed AHMADI")` and `name_keys("احمدي محمد")`
share their canonical words ("muhammad", "ahmadi") and skeletons ("mhmd", "hmd"), in any order:
the words are kept as a set, because the order of given name and surname is the first thing
two registrations disagree on.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import product

import yaml

from stepstones.linkage.scripts import ARABIC_MARKS, fold, latin_readings, skeleton, split_article

MAX_RENDERINGS = 8


@dataclass(frozen=True)
class WordKeys:
    """The keys of one word of a name: its folded readings, their skeletons, its variant group."""

    readings: frozenset[str]
    skeletons: frozenset[str]
    canonical: str | None


@dataclass(frozen=True)
class NameKeys:
    """The keys of a whole name, word order forgotten."""

    words: tuple[WordKeys, ...]

    @property
    def readings(self) -> frozenset[str]:
        """Every folded reading of every word."""
        return frozenset(r for word in self.words for r in word.readings)

    @property
    def skeletons(self) -> frozenset[str]:
        """Every consonant skeleton of every word."""
        return frozenset(s for word in self.words for s in word.skeletons)

    @property
    def canonicals(self) -> frozenset[str]:
        """The variant groups the words belong to, and the folded form of the words in none."""
        keys: set[str] = set()
        for word in self.words:
            keys.add(word.canonical) if word.canonical else keys.update(word.readings)
        return frozenset(keys)

    def renderings(self) -> frozenset[str]:
        """Return the canonical keys of the whole name: one per reading, words sorted."""
        choices = [
            sorted({word.canonical} if word.canonical else word.readings) for word in self.words
        ]
        keys: set[str] = set()
        for combination in product(*choices):
            keys.add(" ".join(sorted(combination)))
            if len(keys) >= MAX_RENDERINGS:
                break
        return frozenset(keys)


def _plain(word: str) -> str:
    """Lower case, NFC, Arabic short-vowel marks dropped: how a variant is looked up as written."""
    return ARABIC_MARKS.sub("", unicodedata.normalize("NFC", word).lower())


@cache
def variant_groups() -> dict[str, str]:
    """Map each listed spelling (folded, or as written for non-Latin) to its group's key."""
    text = resources.files("stepstones.linkage").joinpath("data/given_names.yaml").read_text()
    lookup: dict[str, str] = {}
    for group in yaml.safe_load(text)["groups"]:
        key = fold(str(group[0]))
        for spelling in map(str, group):
            lookup[_plain(spelling)] = key
            if spelling.isascii():
                lookup[fold(spelling)] = key
    return lookup


def word_keys(word: str) -> WordKeys | None:
    """Return the keys of one word, or None for a word that folds to nothing (punctuation)."""
    readings = {folded for reading in latin_readings(word) if (folded := fold(reading))}
    readings = {r.replace(" ", "") for r in readings}
    if not readings:
        return None
    groups = variant_groups()
    canonical = groups.get(_plain(word)) or next(
        (groups[r] for r in sorted(readings) if r in groups), None
    )
    skeletons = {skeleton(r) for r in readings}
    if canonical:
        skeletons.add(skeleton(canonical))
    return WordKeys(frozenset(readings), frozenset(s for s in skeletons if s), canonical)


def split_words(name: str) -> list[str]:
    """Split a name into words at spaces, hyphens, commas and dots; drop the Arabic article."""
    words = [w for w in re.split(r"[\s,.\-_/]+", name.strip()) if w]
    return split_article(words) if len(words) > 1 else words


def name_keys(name: str) -> NameKeys:
    """Return the keys of a name written in any script, in any word order."""
    found = (word_keys(word) for word in split_words(name))
    keys = [k for k in found if k is not None and not {"al", "el", "ul"} >= k.readings]
    return NameKeys(tuple(sorted(keys, key=lambda k: sorted(k.readings))))


def block_codes(keys: NameKeys) -> frozenset[str]:
    """Return a short code per word for blocking: the first three letters of its skeleton.

    A word with fewer than two consonants ("Ali", "Aya") is coded "~" and its one consonant,
    which its spellings in every script share ("Ali", "Aly", "علي" all give "~l").
    """
    codes = set()
    for word in keys.words:
        options = {skeleton(word.canonical)} if word.canonical else set(word.skeletons)
        long = {option[:3] for option in options if len(option) >= 2}
        codes |= long or {"~" + option for option in options or {""}}
    return frozenset(codes)
