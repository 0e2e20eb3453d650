"""Fold text for matching while keeping a way back to the original character offsets.

Folding is per character: Unicode NFKD, combining marks dropped, case-folded, and Cyrillic
transliterated to Latin the way Serbian Latin and Macedonian romanisation write it (ш -> s,
љ -> lj, ђ -> dj, ѓ -> gj, ...). Diacritics are dropped on both sides, so "smeštaj", "smestaj" and
"смештај" all fold to "smestaj".

Arabic script (Arabic, Dari/Farsi, Pashto, Urdu) is normalised, not transliterated: harakat and
hamza marks are combining marks and go with NFKD (أ إ آ -> ا, ؤ -> و, ئ -> ي); the letters that
the four languages write differently for the same sound fold to one (the yeh forms ى ی ې ۍ ے -> ي,
the kaf forms ک ڪ -> ك, the heh forms ہ ھ ة ە -> ه, Pashto ګ -> گ, Urdu ں -> ن); tatweel and the
zero-width (non-)joiners fold to nothing, so "ســفر" is "سفر" and "می‌خواهیم" is "میخواهیم" (as
most people type it). Eastern Arabic and Persian digits fold to ASCII digits, and the Arabic
semicolon, question mark, decimal and thousands marks and the Urdu full stop to their ASCII
marks, so amounts and clause ends read the same in every script. The Arabic comma "،" stays: in
chat it mostly ends a clause, and the checker treats it so.

Lexicon terms are folded by the same function, so a term matches whatever script or diacritics the
offer uses. Because each original character folds on its own, every folded offset maps back to
exactly one original offset, which is what highlighting needs.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

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
# Arabic-script letters written differently in Arabic, Dari/Farsi, Pashto and Urdu for one sound.
_ARABIC = {
    "ى": "ي", "ی": "ي", "ې": "ي", "ۍ": "ي", "ے": "ي", "ێ": "ي", "ک": "ك", "ڪ": "ك", "ہ": "ه",
    "ھ": "ه", "ة": "ه", "ە": "ه", "ٱ": "ا", "ګ": "گ", "ں": "ن", "ـ": "", "\u200c": "", "\u200d": "",
    "؛": ";", "؟": "?", "۔": ".", "٫": ".", "٬": ",",
}  # fmt: skip
# Eastern Arabic (٠-٩) and Persian/Urdu (۰-۹) digits.
_ARABIC.update({chr(0x0660 + i): str(i) for i in range(10)})
_ARABIC.update({chr(0x06F0 + i): str(i) for i in range(10)})
_OWN_LETTERS = {**_CYRILLIC, **_LATIN, **_ARABIC}


def _fold_char(ch: str) -> str:
    out = []
    for low in ch.casefold():
        # Letters of their own in the region's alphabets (ѓ, ќ, ђ, љ...) map before
        # decomposition, which would turn ѓ into г + accent and lose the difference.
        mapped = _OWN_LETTERS.get(low)
        if mapped is not None:
            out.append(mapped)
            continue
        for part in unicodedata.normalize("NFKD", low):
            if unicodedata.combining(part):
                continue
            for c in part.casefold():
                mapped = _OWN_LETTERS.get(c)
                out.append(c if mapped is None else mapped)
    return "".join(out)


class _FoldTable(dict[int, str]):
    """A str.translate table that folds each character the first time it is seen."""

    def __missing__(self, key: int) -> str:
        folded = _fold_char(chr(key))
        self[key] = folded
        return folded


_TABLE = _FoldTable()

# Below U+3000 (Latin, Greek, Cyrillic, Arabic script, punctuation, currency signs) each code point
# is folded once, at import, into a list: str.translate indexes a list without hashing, which
# folds a non-ASCII offer two to three times faster than the dict. A text with a character beyond
# (an emoji, CJK, Arabic presentation forms) folds through the dict; both give the same result.
_LIST_LIMIT = 0x3000
_LIST_TABLE = [_TABLE[i] for i in range(_LIST_LIMIT)]
_BEYOND_LIST = re.compile(f"[^\\x00-\\u{_LIST_LIMIT - 1:04x}]")
# Every character below the limit that does not fold to exactly one character.
_UNEVEN_IN_LIST = re.compile(
    "[" + "".join(re.escape(chr(i)) for i, f in enumerate(_LIST_TABLE) if len(f) != 1) + "]"
)


def fold(text: str) -> str:
    """Return the folded form of `text` used for all matching."""
    if text.isascii() or _BEYOND_LIST.search(text) is not None:
        return text.translate(_TABLE)
    return text.translate(_LIST_TABLE)


@dataclass(frozen=True, slots=True)
class Folded:
    """A folded text and the map from its offsets back to the original's.

    Most characters fold to exactly one character; `_uneven` lists the others as
    (original offset, folded offset, folded length), in order, so mapping back is a binary search.
    """

    original: str
    text: str
    _uneven: tuple[tuple[int, int, int], ...] = ()
    _folded_starts: tuple[int, ...] = ()

    def _to_original(self, k: int) -> int:
        j = bisect_right(self._folded_starts, k) - 1
        if j < 0:
            return k
        orig, fstart, length = self._uneven[j]
        if k < fstart + length:
            return orig
        return orig + 1 + (k - fstart - length)

    @property
    def is_identity(self) -> bool:
        """Whether every folded offset is the same offset in the original."""
        return not self._uneven

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Return the original span that covers the folded span [start, end)."""
        if not self._uneven:
            return start, end
        o_start = self._to_original(start)
        o_end = self._to_original(max(start, end - 1)) + 1
        return o_start, min(o_end, len(self.original))


def fold_with_offsets(text: str) -> Folded:
    """Fold `text` and remember how to map folded offsets back to it."""
    if text.isascii():
        return Folded(text, text.translate(_TABLE))
    if _BEYOND_LIST.search(text) is None:
        folded = text.translate(_LIST_TABLE)
        uneven_at = _UNEVEN_IN_LIST
    else:
        folded = text.translate(_TABLE)
        uneven_chars = {c for c in set(text) if len(_TABLE[ord(c)]) != 1}
        if not uneven_chars:
            return Folded(text, folded)
        uneven_at = _any_of("".join(sorted(uneven_chars)))
    uneven: list[tuple[int, int, int]] = []
    shift = 0
    for m in uneven_at.finditer(text):
        i = m.start()
        length = len(_TABLE[ord(text[i])])
        uneven.append((i, i + shift, length))
        shift += length - 1
    if not uneven:
        return Folded(text, folded)
    return Folded(text, folded, tuple(uneven), tuple(u[1] for u in uneven))


@lru_cache(maxsize=256)
def _any_of(chars: str) -> re.Pattern[str]:
    """Return a pattern matching any one of `chars` (few distinct sets recur: љ, њ, џ, ѓ...)."""
    return re.compile("[" + "".join(re.escape(c) for c in chars) + "]")
