"""Serbian Latin to Cyrillic, for texts kept once in Latin and shown in both scripts."""

from __future__ import annotations

import re

_DIGRAPHS = {"lj": "љ", "nj": "њ", "dž": "џ", "Lj": "Љ", "LJ": "Љ", "Nj": "Њ", "NJ": "Њ",
             "Dž": "Џ", "DŽ": "Џ"}  # fmt: skip
_SINGLE = dict(
    zip(
        "abcčćdđefghijklmnoprsštuvzžABCČĆDĐEFGHIJKLMNOPRSŠTUVZŽ",
        "абцчћдђефгхијклмнопрсштувзжАБЦЧЋДЂЕФГХИЈКЛМНОПРСШТУВЗЖ",
        strict=True,
    )
)
_TOKEN = re.compile(r"%\([a-z_]+\)s|SOS|Lj|LJ|lj|Nj|NJ|nj|Dž|DŽ|dž|.", re.DOTALL)


def latin_to_serbian_cyrillic(text: str) -> str:
    """Return Serbian Latin `text` in Cyrillic, leaving %(name)s placeholders and "SOS" alone."""
    out = []
    for token in _TOKEN.findall(text):
        if token.startswith("%(") or token == "SOS":  # noqa: S105 - a word, not a password
            out.append(token)
        else:
            out.append(_DIGRAPHS.get(token) or _SINGLE.get(token, token))
    return "".join(out)
