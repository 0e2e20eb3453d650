"""Fold text for matching while keeping a way back to the original character offsets.

Folding is per character: Unicode NFKD, combining marks dropped, case-folded, and Cyrillic
transliterated to Latin the way Serbian Latin and Macedonian romanisation write it (ш -> s,
љ -> lj, ђ -> dj, ѓ -> gj, ...). Diacritics are dropped on both sides, so "smeštaj", "smestaj" and
"смештај" all fold to "smestaj". Lexicon terms are folded by the same function, so a term matches
whatever script or diacritics the offer uses. Because each original character folds on its own,
every folded offset maps back to exactly one original offset, which is what highlighting needs.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate

# Cyrillic (Macedonian, Serbian, Bulgarian, Russian/Ukrainian basics) to plain Latin.
_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "ђ": "dj", "ѓ": "gj", "е": "e", "ё": "e",
    "ж": "z", "з": "z", "ѕ": "dz", "и": "i", "й": "j", "ј": "j", "к": "k", "л": "l", "љ": "lj",
    "м": "m", "н": "n", "њ": "nj", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "ћ": "c",
    "ќ": "kj", "у": "u", "ф": "f", "х": "h", "ц": "c", "ч": "c", "џ": "dz", "ш": "s", "щ": "sht",
    "ъ": "a", "ы": "y", "ь": "", "э": "e", "ю": "ju", "я": "ja", "є": "je", "і": "i", "ї": "ji",
    "ґ": "g",
}  # fmt: skip
# Latin letters with no Unicode decomposition that the region writes.
_LATIN = {"đ": "dj", "ł": "l", "ø": "o", "æ": "ae", "ß": "ss", "ı": "i"}


def _fold_char(ch: str) -> str:
    out = []
    for part in unicodedata.normalize("NFKD", ch):
        if unicodedata.combining(part):
            continue
        for low in part.casefold():
            out.append(_CYRILLIC.get(low) or _LATIN.get(low) or low)
    return "".join(out)


class _FoldTable(dict[int, str]):
    """A str.translate table that folds each character the first time it is seen."""

    def __missing__(self, key: int) -> str:
        folded = _fold_char(chr(key))
        self[key] = folded
        return folded


_TABLE = _FoldTable()


def fold(text: str) -> str:
    """Return the folded form of `text` used for all matching."""
    return text.translate(_TABLE)


@dataclass(frozen=True, slots=True)
class Folded:
    """A folded text and the map from its offsets back to the original's."""

    original: str
    text: str
    _starts: tuple[int, ...] | None  # folded start offset of each original char, when uneven

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Return the original span that covers the folded span [start, end)."""
        if self._starts is None:
            return start, end
        # _starts is non-decreasing; the original char covering folded offset k is the last one
        # whose folded start is <= k.
        orig_start = bisect_right(self._starts, start) - 1
        orig_end = bisect_right(self._starts, max(start, end - 1))
        return max(orig_start, 0), min(orig_end, len(self.original))


def fold_with_offsets(text: str) -> Folded:
    """Fold `text` and remember how to map folded offsets back to it."""
    folded = text.translate(_TABLE)
    if len(folded) == len(text) and text.isascii():
        return Folded(text, folded, None)
    lengths = [len(_TABLE[ord(c)]) for c in text]
    if all(n == 1 for n in lengths):
        return Folded(text, folded, None)
    starts = tuple(accumulate(lengths, initial=0))[:-1]
    return Folded(text, folded, starts)
