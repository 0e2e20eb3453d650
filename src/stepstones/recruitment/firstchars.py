"""The characters a regular expression's matches can start with, as the body of a class.

A pattern tried at every place of a long offer, `(?<!\\w)(?:many alternatives)`, costs the regex
engine an attempt at each alternative at each place. Put behind a look-ahead for the characters
its matches can start with, `(?<!\\w)(?=[...])(?:many alternatives)`, it costs one test at most
places instead, and matches exactly the same: the class holds every character a match can start
with (more, never fewer). The class is read from Python's own parse of the pattern; whatever the
reading does not know (a negated class, ".", a backreference, flags, a pattern that can match
nothing at all) gives None, and the pattern is then used without a look-ahead.
"""

from __future__ import annotations

import re
from re import _constants as sre
from re import _parser
from typing import Any

_CATEGORIES = {
    sre.CATEGORY_DIGIT: r"\d",
    sre.CATEGORY_NOT_DIGIT: r"\D",
    sre.CATEGORY_SPACE: r"\s",
    sre.CATEGORY_NOT_SPACE: r"\S",
    sre.CATEGORY_WORD: r"\w",
    sre.CATEGORY_NOT_WORD: r"\W",
}
# Zero-width: \b, ^, look-aheads and look-behinds consume nothing, so what follows them starts
# the match (skipping them can only give more characters, never fewer).
_ZERO_WIDTH = frozenset({sre.AT, sre.ASSERT, sre.ASSERT_NOT})
_REPEATS = frozenset({sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT})


class _Unknown(Exception):
    """A construct the reading does not follow."""


def first_characters(pattern: str) -> str | None:
    """Return a character class body ("a-c\\d!") holding every character a match of `pattern`
    can start with, or None when it cannot be told (or a match can be empty)."""
    try:
        parsed = _parser.parse(pattern)
    except re.error:
        return None
    if parsed.state.flags & ~re.UNICODE:
        return None
    try:
        chars, can_be_empty = _sequence(list(parsed))
    except _Unknown:
        return None
    if can_be_empty or not chars:
        return None
    return "".join(sorted(chars))


def _sequence(items: list[tuple[Any, Any]]) -> tuple[set[str], bool]:
    """Return the first characters of a sequence of items, and whether it can match empty."""
    chars: set[str] = set()
    for op, value in items:
        if op in _ZERO_WIDTH:
            continue
        first, can_be_empty = _item(op, value)
        chars |= first
        if not can_be_empty:
            return chars, False
    return chars, True


def _item(op: Any, value: Any) -> tuple[set[str], bool]:
    if op is sre.LITERAL:
        return {re.escape(chr(value))}, False
    if op is sre.IN:
        return _class(value), False
    if op is sre.SUBPATTERN:
        _group, add_flags, del_flags, sub = value
        if add_flags or del_flags:
            raise _Unknown
        return _sequence(list(sub))
    if op is sre.ATOMIC_GROUP:
        return _sequence(list(value))
    if op is sre.BRANCH:
        chars: set[str] = set()
        can_be_empty = False
        for alternative in value[1]:
            first, empty = _sequence(list(alternative))
            chars |= first
            can_be_empty = can_be_empty or empty
        return chars, can_be_empty
    if op in _REPEATS:
        low, _high, sub = value
        first, empty = _sequence(list(sub))
        return first, empty or low == 0
    raise _Unknown


def _class(items: list[tuple[Any, Any]]) -> set[str]:
    chars: set[str] = set()
    for kind, value in items:
        if kind is sre.LITERAL:
            chars.add(re.escape(chr(value)))
        elif kind is sre.RANGE:
            chars.add(re.escape(chr(value[0])) + "-" + re.escape(chr(value[1])))
        elif kind is sre.CATEGORY and value in _CATEGORIES:
            chars.add(_CATEGORIES[value])
        else:  # a negated class, or a category of another kind
            raise _Unknown
    return chars
