"""Fold a note into the one spelling a lexicon is written in, keeping a map back to the note.

Workers type the same word in several ways: Serbian in Cyrillic or in Latin, with or without
the diacritics ("pasoš", "pasos", "пасош"); Albanian with or without ë and ç ("rrahë", "rrahe").
A lexicon names its folding (`fold:` in its YAML) and is written in the folded spelling; the
note is folded before matching, and every offset is mapped back, so the highlighted words are
the worker's own, in their own script.

Schemes:
- `sr`: Serbian Cyrillic to Latin, then Latin without diacritics (č ć -> c, š -> s, ž -> z,
  đ -> d; љ -> lj, њ -> nj, џ -> dz). One reading for both scripts and for notes typed on a
  keyboard without the Serbian letters.
- `sq`: ë -> e, ç -> c (Albanian notes are often typed without them).
- `mk`: the accented ѐ to е (ѝ stays: the clitic "ѝ", to her, is not "и", and); the Latin
  letters a Macedonian keyboard user mixes in are left alone.
"""

from __future__ import annotations

import bisect
from functools import cache

from stepstones.serbian import CYRILLIC_TO_LATIN

_SERBIAN_LATIN = dict(zip("čćšžđČĆŠŽĐ", "ccszdCCSZD", strict=True))
# Each Cyrillic letter as its Latin letter(s) (stepstones.serbian), without the diacritics.
_SERBIAN_CYRILLIC = {
    cyrillic: latin.translate({ord(k): v for k, v in _SERBIAN_LATIN.items()})
    for cyrillic, latin in CYRILLIC_TO_LATIN.items()
}
_ALBANIAN = dict(zip("ëçËÇ", "ecEC", strict=True))
_MACEDONIAN = dict(zip("ѐЀ", "еЕ", strict=True))  # not ѝ: "ѝ" (to her) is no "и" (and)

SCHEMES = ("sr", "sq", "mk")


@cache
def _table(scheme: str) -> dict[int, str]:
    """Return the `str.translate` table of a scheme (one or two letters for each letter)."""
    if scheme == "sr":
        return str.maketrans({**_SERBIAN_CYRILLIC, **_SERBIAN_LATIN})
    if scheme == "sq":
        return str.maketrans(_ALBANIAN)
    if scheme == "mk":
        return str.maketrans(_MACEDONIAN)
    raise ValueError(f"unknown folding {scheme!r} (known: {', '.join(SCHEMES)})")


def fold(text: str, scheme: str | None) -> tuple[str, list[int] | None]:
    """Return `text` folded by `scheme`, and where each folded position starts in `text`.

    The map has one entry more than the folded text (its end). It is None when folding kept
    every offset (no letter became two), which is the common case and costs nothing to map.
    """
    if scheme is None:
        return text, None
    folded = text.translate(_table(scheme))
    if len(folded) == len(text):
        return folded, None
    offsets: list[int] = []
    table = _table(scheme)
    for index, char in enumerate(text):
        offsets.extend([index] * len(table.get(ord(char), char)))
    offsets.append(len(text))
    return folded, offsets


def to_folded(offsets: list[int] | None, position: int) -> int:
    """Return the folded position of `position` in the original text (the inverse map)."""
    if offsets is None:
        return position
    return bisect.bisect_left(offsets, position)


def to_original(offsets: list[int] | None, position: int) -> int:
    """Return the position in the original text of folded `position`."""
    return position if offsets is None else offsets[position]
