"""Split notes into sentences, keeping character offsets into the original text."""

from __future__ import annotations

import re
from collections.abc import Iterable

# A sentence ends at . ! ? (with closing quotes or brackets) before whitespace, at a blank line,
# or at a line break that starts a new bullet or a capitalised line.
_END = re.compile(
    r"""[.!?]+["'”’)\]]*(?=\s|$)"""  # punctuation at the end of a sentence
    r"|\n[ \t]*\n"  # a blank line
    r"|\n(?=[ \t]*(?:[-*•–]|\d+[.)]|[A-ZÀ-ÞČĆŠŽĐЀ-Я]))",  # a bullet or a capital
)
_WORD_BEFORE = re.compile(r"([\w.]+)[.!?]*$")


def split_sentences(text: str, abbreviations: Iterable[str] = ()) -> list[tuple[int, int]]:
    """Return `(start, end)` of each sentence of `text`, leading and trailing spaces excluded.

    A period after one of `abbreviations` (lower case, without the final period: "mr", "u.s") or
    after a single letter (an initial) does not end a sentence.
    """
    known = frozenset(abbreviations)
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _END.finditer(text):
        end = match.end()
        if match.group().startswith("."):
            word = _WORD_BEFORE.search(text, max(0, match.start() - 40), match.start() + 1)
            token = word.group(1).lower().rstrip(".") if word else ""
            if token in known or (len(token) == 1 and token.isalpha()):
                continue
        _add(text, start, end, spans)
        start = end
    _add(text, start, len(text), spans)
    return spans


def _add(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))
