"""The checker's shortcuts find exactly what a plain scan of the whole text finds."""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from stepstones.recruitment import detectors as d
from stepstones.recruitment import firstchars, language, similar
from stepstones.recruitment import text as text_module
from stepstones.recruitment.catalogue import catalogue
from stepstones.recruitment.text import fold
from stepstones.recruitment.wordindex import WordIndex

# Pieces that make amounts, phones, addresses and periods, and the text around them.
_PIECES = [
    " ", "  ", "\n", ".", ",", "'", "-", "/", "+", "(", ")", "@", "!", "0", "7", "12", "389",
    "1.200", "1 000", "2,50", "eur", "€", "$", "us$", "den", "franaka", "lekesh", "k", "km",
    "per", "hour", "/h", "day", "week", "month", "year", "na mesec", "mesecno", "plata",
    "salary", "provizija", "whatsapp", "viber", "gmail.com", "firm.mk", "http://", "https://",
    "www.", "jobs", "a", "xyz", "street", "road", "years", "20", "25", "ne", "na", "bez",
    " 5k eur ", "€ 900k", " 12 eur/h ", " 1.500,00 den ", " 100 $ a day ", " 30000 eur ",
    " 2 500 lekesh ne muaj ", " 070 123 456 ", " +389 2 3123 456 ", "0038970123456",
    "+381 (0)11 123-4567", "00", "0", "+", "(", "070/123-456", "a0", "_+",
]  # fmt: skip
texts = st.lists(st.sampled_from(_PIECES), max_size=80).map("".join)


def _spans(matches: object) -> list[tuple[int, int]]:
    return [m.span() for m in matches]  # type: ignore[attr-defined]


@settings(max_examples=400)
@given(texts)
def test_amounts_and_phones_are_found_near_digits_as_in_the_whole_text(text: str) -> None:
    for pattern in (d._AMOUNT, _PHONE_AS_FIRST_WRITTEN):
        whole = _spans(pattern.finditer(text))
        assert _spans(d._finditer_near_digits(pattern, text)) == whole


_PHONE_AS_FIRST_WRITTEN = re.compile(
    r"(?<![\w+])(?:\+|00)\d{1,3}[\s\-./]?\(?\d{1,4}\)?(?:[\s\-./]?\d{2,4}){2,4}(?!\w)"
    r"|(?<![\w+])0\d{1,3}[\s\-./]?\d{2,4}[\s\-./]?\d{2,4}(?:[\s\-./]?\d{2,4})?(?!\w)"
)


@settings(max_examples=600)
@given(texts)
def test_the_phone_pattern_finds_what_the_pattern_as_first_written_finds(text: str) -> None:
    assert _spans(d._PHONE.finditer(text)) == _spans(_PHONE_AS_FIRST_WRITTEN.finditer(text))


@settings(max_examples=400)
@given(texts)
def test_addresses_and_links_are_found_from_their_first_marker_as_in_the_whole_text(
    text: str,
) -> None:
    assert _spans(d._emails(text)) == _spans(d._EMAIL.finditer(text))
    assert _spans(d._URL.finditer(text, d._link_start(text))) == _spans(d._URL.finditer(text))


@settings(max_examples=400)
@given(texts)
def test_one_period_search_picks_what_each_period_pattern_would(text: str) -> None:
    hits = [(m.start(), name) for name, rx in d._PERIODS if (m := rx.search(text))]
    found = d._PERIOD.search(text)
    assert (found.lastgroup if found else None) == (min(hits)[1] if hits else None)


_WORDS = sorted(
    {
        w
        for p in catalogue().concepts.values()
        for w in re.findall(r"[a-z]{2,}|[\u0600-\u06ff]{2,}", p.pattern.pattern)
    }
)


# No deadline: the first example compiles the concept patterns it is compared with.
@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(st.sampled_from(_WORDS), st.sampled_from([" ", " ", ", ", "-", "!!!", " 20 "])),
        max_size=60,
    ).map("".join)
)
def test_the_word_index_with_its_gates_finds_what_the_concept_patterns_find(text: str) -> None:
    cat = catalogue()
    text = fold(text)
    found = cat.words.find(text)
    for name, concept in cat.concepts.items():
        assert found.get(name, []) == [m.span() for m in concept.pattern.finditer(text)], name


def _amounts_as_first_written(folded: str, pay: dict[str, Any]) -> list[d.Amount]:
    """The amount reader before the shortcuts: the reference the faster one must equal."""
    found: list[d.Amount] = []
    rates: dict[str, float] = pay["to_eur"]
    for m in d._AMOUNT.finditer(folded):
        groups = {k: v for k, v in m.groupdict().items() if v}
        currency = next((k.rstrip("2") for k in groups if k.rstrip("2") in d._CURRENCIES), "eur")
        try:
            value = d._number(groups.get("n1") or groups.get("n2") or "0")
        except ValueError:
            continue
        if groups.get("k1") or groups.get("k2"):
            value *= 1000
        value *= rates.get(currency, 1.0)
        after = folded[m.end() : m.end() + 25]
        hits = [(m2.start(), name) for name, rx in d._PERIODS if (m2 := rx.search(after))]
        period = min(hits)[1] if hits else ("year" if value >= 20_000 else "month")
        per_month = {
            "hour": value * float(pay["hours_per_month"]),
            "day": value * float(pay["days_per_month"]),
            "week": value * float(pay["weeks_per_month"]),
            "year": value / 12,
            "month": value,
        }[period]
        found.append(d.Amount(m.start(), m.end(), per_month))
    return found


@settings(max_examples=500)
@given(texts)
def test_amounts_are_read_as_the_plain_reader_reads_them(text: str) -> None:
    pay = catalogue().pay
    assert d.amounts(text, pay) == _amounts_as_first_written(text, pay)


def _near_as_first_written(
    xs: list[tuple[int, int]], ys: list[tuple[int, int]], window: int
) -> list[tuple[int, int]]:
    from bisect import bisect_left, bisect_right

    meta = (-1, -1)
    ys = sorted(y for y in ys if y != meta)
    if not ys:
        return []
    starts = [y[0] for y in ys]
    longest = max(y[1] - y[0] for y in ys)
    spans: list[tuple[int, int]] = []
    for x in xs:
        if x == meta:
            continue
        lo = bisect_left(starts, x[0] - window - longest)
        hi = bisect_right(starts, x[1] + window)
        close = [y for y in ys[lo:hi] if y[0] - x[1] <= window and x[0] - y[1] <= window]
        if close:
            spans.append(x)
            spans.append(min(close, key=lambda y: abs(y[0] - x[0])))
    return spans


_span = st.one_of(
    st.just((-1, -1)),
    st.tuples(st.integers(0, 300), st.integers(1, 30)).map(lambda t: (t[0], t[0] + t[1])),
)


@settings(max_examples=500)
@given(st.lists(_span, max_size=12), st.lists(_span, max_size=12), st.integers(0, 100))
def test_near_pairs_each_span_with_the_same_closest_span_as_first_written(
    xs: list[tuple[int, int]], ys: list[tuple[int, int]], window: int
) -> None:
    from stepstones.recruitment.checker import _near

    assert _near(xs, ys, window) == _near_as_first_written(xs, ys, window)


_NUMBER_AS_FIRST_WRITTEN = r"\d{1,3}(?:[.,' ]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?"
_AMOUNT_AS_FIRST_WRITTEN = re.compile(
    d._AMOUNT.pattern.replace(d._NUMBER, _NUMBER_AS_FIRST_WRITTEN)
)


@settings(max_examples=500)
@given(texts)
def test_amounts_of_up_to_six_groups_of_thousands_are_found_as_before(text: str) -> None:
    assume(not re.search(r"\d{1,3}(?:[.,' ]\d{3}){7}", text))
    assert _spans(d._AMOUNT.finditer(text)) == _spans(_AMOUNT_AS_FIRST_WRITTEN.finditer(text))


def test_a_long_list_of_phone_numbers_is_no_amount_and_is_read_in_one_pass() -> None:
    # With the unbounded number pattern this offer took two minutes (every start re-read the
    # rest of the list); the suite would hang here. No wall-clock assertion: see the bench.
    text = "070 123 456 " * 8000
    assert d.amounts(text, catalogue().pay) == []
    assert d.contacts(text).phones


@pytest.mark.parametrize(
    "text",
    ["a" * 5000 + "@" + "b" * 5000, "x@" * 3000, "a" * 9000 + "@gmail.com"],
    ids=["dotless-domain", "many-at-signs", "long-local-part"],
)
def test_e_mail_addresses_are_found_in_one_pass_over_long_runs(text: str) -> None:
    assert _spans(d._emails(text)) == _spans(d._EMAIL.finditer(text))


# Pieces that make e-mail addresses, links, numbers and long runs for the near-duplicate drop.
_DROP_PIECES = [
    " ", "\n", "\t", "\u00a0", "\u2003", "a", "B", "é", "ш", "ب", "@", "1", "٣", ".", ":", "/",
    "http://", "https://", "http:/", "www.", "www", "x@y", "@@", "a1", "-", "'",
]  # fmt: skip


@settings(max_examples=600)
@given(st.lists(st.sampled_from(_DROP_PIECES), max_size=40).map("".join))
def test_the_near_duplicate_drop_removes_what_the_pattern_as_first_written_removes(
    text: str,
) -> None:
    reference = re.compile(similar.DROP_REFERENCE)
    assert similar._DROP.sub(" ", text) == reference.sub(" ", text)


def test_the_list_fold_table_holds_what_the_dict_folds_each_character_to() -> None:
    for code in range(text_module._LIST_LIMIT):
        assert text_module._LIST_TABLE[code] == text_module._fold_char(chr(code)), hex(code)


# Letters of the region's and the route's scripts, marks that fold to nothing or to two letters,
# and characters beyond the list table (emoji, presentation forms, CJK).
_FOLD_PIECES = [
    "a", "A", "é", "ß", "đ", "Đ", "љ", "Њ", "ѓ", "ш", "ı", "İ", "ǅ", "ﬁ", "\u0301", "ب", "أ", "ی",
    "ک", "ـ", "\u200c", "ً", "۵", "٣", "ﻻ", "ﷺ", "😀", "✈️", "中", "€", "—", " ", "\n", "1",
]  # fmt: skip


def _fold_with_offsets_through_the_dict(text: str) -> tuple[str, tuple[tuple[int, int, int], ...]]:
    """Folding as first written: every character through the dict, offsets by a plain walk."""
    table = text_module._TABLE
    uneven = []
    shift = 0
    for i, ch in enumerate(text):
        length = len(table[ord(ch)])
        if length != 1:
            uneven.append((i, i + shift, length))
            shift += length - 1
    return text.translate(table), tuple(uneven)


@settings(max_examples=600)
@given(st.lists(st.sampled_from(_FOLD_PIECES), max_size=40).map("".join))
def test_folding_through_the_list_gives_what_the_dict_gives(text: str) -> None:
    folded = text_module.fold_with_offsets(text)
    assert (folded.text, folded._uneven) == _fold_with_offsets_through_the_dict(text)
    assert fold(text) == folded.text


@pytest.mark.parametrize(
    ("pattern", "first"),
    [
        (r"abc|d", "ad"),
        (r"(?<!\w)\b(?:x|y)?z+", "xyz"),
        (r"[a-c\d]!", r"\da-c"),
        (r"!{3,}", "!"),
        (r"(?:ab)*c", "ac"),
    ],
)
def test_the_first_characters_of_a_pattern_are_read_from_its_parse(
    pattern: str, first: str
) -> None:
    assert firstchars.first_characters(pattern) == first


@pytest.mark.parametrize(
    "pattern", [r".a", r"[^a]b", r"(?i)a", r"(?i:a)b", r"a?", r"(a)?\1b", r"\Bb?", r"(?=a)"]
)
def test_a_pattern_the_reading_does_not_follow_gets_no_first_characters(pattern: str) -> None:
    assert firstchars.first_characters(pattern) is None


_SCANNED = "|".join(f"(?:{p})" for p in catalogue().words._scanned_raw)
_MESSENGER_PIECES = [
    " ", ", ", "on ", "signal", " app", "whatsapp", "whats app", "wa.me", "viber", "v1ber",
    "telegram", "t.me/", "imo", "m.me/", "messenger", "we chat", "fb ", "via ", "x", "o", "s",
    "واتس", "اب", "ال", "بال", "ع", "تلگرام", "ايمو", "فايبر", "!!!", " 18 to 25 years", "20",
    "pretty ", "girls", "12 main street", "road ", "a",
]  # fmt: skip


@settings(max_examples=600)
@given(st.lists(st.sampled_from(_MESSENGER_PIECES), max_size=40).map("".join))
def test_patterns_behind_their_first_characters_find_what_they_find_alone(text: str) -> None:
    assert d._MESSENGER_STARTS is not None  # the fast form is the one in use
    assert d._messengers(text) == _spans(d._MESSENGER.finditer(text))
    for body in (_SCANNED, d._MESSENGER_NAMES):
        plain = re.compile(rf"(?<!\w)(?:{body})(?!\w)")
        first = firstchars.first_characters(body)
        assert first
        guarded = re.compile(rf"(?<!\w)(?=[{first}])(?:{body})(?!\w)")
        assert _spans(guarded.finditer(text)) == _spans(plain.finditer(text))


@settings(max_examples=400)
@given(st.lists(st.sampled_from(_PIECES + _FOLD_PIECES + ["me@x.mk"]), max_size=60).map("".join))
def test_the_language_sample_without_links_drops_what_the_full_noise_pattern_drops(
    text: str,
) -> None:
    if "@" in text or "http" in text or "www." in text:
        return
    assert language._NOISE_ONLY_SYMBOLS.sub(" ", text) == language._NOISE.sub(" ", text)


def test_the_word_filter_leaves_terms_it_cannot_join_to_be_tried_one_by_one() -> None:
    index = WordIndex()
    index.add("a", "na", False, r"na\s+(?P<x>ruke)")
    index.add("b", "na", False, r"na\s+(?P<x>ruci)")  # one group name twice: not joinable
    index.add("c", "go", False, r"go\s+(\w)\s+\1")  # a backreference: never joined
    index.add("d", "sam", False, "sam")
    text = "na ruke, na ruci, go x x, go x y, sam, na nista"
    assert index.find(text) == {"a": [(0, 7)], "b": [(9, 16)], "c": [(18, 24)], "d": [(34, 37)]}
    assert index._word_body(True) != index._word_body(False)
    # The word filter could not join the two "na" terms: every "na" is tried in Python.
    assert [m.group() for m in index._word_filter().finditer(text)] == [
        "na", "na", "go", "go", "sam", "na",
    ]  # fmt: skip
    joinable = WordIndex()
    joinable.add("a", "na", False, r"na\s+ruke")
    joinable.add("d", "sam", False, "sam")
    # Joined, the filter passes over the words no term starts at ("na ruci", "na nista").
    assert [m.span() for m in joinable._word_filter().finditer(text)] == [(0, 2), (34, 37)]
    assert joinable.find(text) == {"a": [(0, 7)], "d": [(34, 37)]}
