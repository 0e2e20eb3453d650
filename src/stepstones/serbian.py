"""Serbian Cyrillic written in Serbian Latin, letter for letter (no Django: a pure module).

Serbian is written in both scripts, so the Latin text is never translated by hand: the interface
catalogue (`scripts/sr_latn.py`) and the training content (`training.loader`) are both written
in Cyrillic once and made Latin here, from one table.
"""

from __future__ import annotations

import re

__all__ = ["CYRILLIC_TO_LATIN", "DIGRAPHS", "PROTECTED", "latin_pieces", "to_latin"]

# The Serbian alphabets, in the order of the Cyrillic azbuka (Vuk Karadžić's 30 letters; the
# Latin abeceda of the Pravopis srpskoga jezika). Three Cyrillic letters become two Latin ones.
CYRILLIC_TO_LATIN: dict[str, str] = {
    "А": "A", "Б": "B", "В": "V", "Г": "G", "Д": "D", "Ђ": "Đ", "Е": "E", "Ж": "Ž",
    "З": "Z", "И": "I", "Ј": "J", "К": "K", "Л": "L", "Љ": "Lj", "М": "M", "Н": "N",
    "Њ": "Nj", "О": "O", "П": "P", "Р": "R", "С": "S", "Т": "T", "Ћ": "Ć", "У": "U",
    "Ф": "F", "Х": "H", "Ц": "C", "Ч": "Č", "Џ": "Dž", "Ш": "Š",
}  # fmt: skip
CYRILLIC_TO_LATIN.update({c.lower(): latin.lower() for c, latin in list(CYRILLIC_TO_LATIN.items())})
DIGRAPHS = frozenset("ЉЊЏ")

# Spans copied untouched: printf-style placeholders (%(name)s, %s, %d, %%) and brace placeholders.
PROTECTED = re.compile(
    r"%(?:\(\w+\))?[#0 +-]*\d*(?:\.\d+)?[a-zA-Z%]|\{\w*(?:[!:][^{}]*)?\}", re.ASCII
)


def latin_pieces(text: str) -> list[str]:
    """Return one Latin piece per character of `text` (so callers can cut the result anywhere).

    Љ, Њ and Џ become "LJ", "NJ", "DŽ" inside a word in capitals ("ЉУБАВ", "КОЊ") and "Lj", "Nj",
    "Dž" otherwise ("Љубав", a lone "Љ"): the next letter decides, or the previous one at the end
    of a word.
    """
    pieces = list(text)
    protected = [False] * len(text)
    for match in PROTECTED.finditer(text):
        protected[match.start() : match.end()] = [True] * (match.end() - match.start())
    for i, char in enumerate(text):
        if protected[i] or char not in CYRILLIC_TO_LATIN:
            continue
        latin = CYRILLIC_TO_LATIN[char]
        if char in DIGRAPHS and _in_capitals(text, i):
            latin = latin.upper()
        pieces[i] = latin
    return pieces


def _in_capitals(text: str, i: int) -> bool:
    """Say whether the capital at `i` stands in a word written all in capitals."""
    after = text[i + 1] if i + 1 < len(text) else ""
    if after.isalpha():
        return after.isupper()
    before = text[i - 1] if i > 0 else ""
    return before.isalpha() and before.isupper()


def to_latin(text: str) -> str:
    """Return `text` with its Serbian Cyrillic letters written in Serbian Latin."""
    return "".join(latin_pieces(text))
