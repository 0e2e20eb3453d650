"""Names across scripts give shared canonical keys; dates tolerate swaps and estimates."""

from __future__ import annotations

import pytest

from stepstones.linkage import (
    BirthDate,
    block_codes,
    date_tokens,
    fold,
    latin_readings,
    name_keys,
    script_of,
    skeleton,
    swapped,
)

# (spelling, expected folded form, why)
FOLDS = [
    ("Mohammed", "mohamed", "double letters fold"),
    ("Đorđe", "iorie", "Serbian đ reads as dj, and j as i"),
    ("Jusuf", "iusuf", "Balkan j and English y are the same sound"),
    ("Yusuf", "iusuf", "y folds with j"),
    ("Abdullah", "abdula", "a final h after a vowel is silent"),
    ("Khaled", "haled", "kh and h are one letter in Arabic romanisations"),
    ("Čaušević", "causevic", "Latin diacritics go (anyascii)"),
    ("Schmidt", "smidt", "German sch"),
    ("Youssef", "iusef", "ou is u, ss is s"),
]


@pytest.mark.parametrize(("spelling", "folded", "why"), FOLDS, ids=[f[0] for f in FOLDS])
def test_it_folds_latin_spelling_variants(spelling: str, folded: str, why: str) -> None:
    assert fold(spelling) == folded, why


# (Cyrillic, readings expected among the results, why)
CYRILLIC = [
    ("Ѓорѓи", {"gjorgji"}, "ѓ is only Macedonian: one reading"),
    ("Ќосев", {"kjosev"}, "ќ is only Macedonian"),
    ("Ђорђе", {"đorđe"}, "ђ is only Serbian"),
    ("Ћирић", {"ćirić"}, "ћ is only Serbian"),
    ("Мухамед", {"muhamed", "mukhamed"}, "no telling letter: Macedonian, Serbian and Russian"),
    ("Юсуф", {"yusuf"}, "ю is East Slavic"),
    ("Јусуф", {"jusuf"}, "ј is South Slavic"),
]


@pytest.mark.parametrize(("text", "expected", "why"), CYRILLIC, ids=[c[0] for c in CYRILLIC])
def test_it_reads_cyrillic_by_the_rules_its_letters_allow(
    text: str, expected: set[str], why: str
) -> None:
    readings = set(latin_readings(text))
    assert expected <= readings, why
    if "ѓ" in text.lower() or "ќ" in text.lower():
        assert len(readings) == 1


def test_it_tells_scripts_apart() -> None:
    assert [script_of(t) for t in ("Ali", "Али", "علي", "123")] == [
        "latin",
        "cyrillic",
        "arabic",
        "latin",
    ]


# Names that must share their canonical rendering (the same person, written differently).
SAME = [
    ("Мухамед Ахмади", "Mohammed AHMADI", "Cyrillic and Latin"),
    ("Mohammad Ahmadi", "Ahmadi, Muhammad", "order and vowels"),
    ("Ѓорѓи Ќосев", "Gjorgji Kjosev", "Macedonian passport romanisation"),
    ("Ѓорѓи Ќосев", "Gorgi Kosev", "anyascii-style romanisation"),
    ("Ѓорѓи Ќосев", "Ǵorǵi Ḱosev", "scholarly romanisation with acutes"),
    ("Ђорђе Јовановић", "Djordje Jovanovic", "Serbian Cyrillic and Latin without diacritics"),
    ("Ђорђе Јовановић", "Đorđe Jovanović", "Serbian Latin"),
    ("al-Hassan Ali", "Ali El Hassan", "the Arabic article"),
    ("Yusuf Karimi", "Jusuf Karimi", "y and j"),
    ("Hussein Ali", "Хусеин Али", "Cyrillic"),
    ("Fatima Rahimi", "Fatma Rahimi", "a listed variant"),
]


@pytest.mark.parametrize(("a", "b", "why"), SAME, ids=[f"{s[0]}|{s[1]}" for s in SAME])
def test_it_gives_the_same_person_a_shared_canonical_key(a: str, b: str, why: str) -> None:
    assert name_keys(a).renderings() & name_keys(b).renderings(), why


# Arabic script: no short vowels, so the skeleton and the variant group are what meet.
ARABIC = [
    ("محمد", "Mohammed", "muhamad"),
    ("أحمد", "Ahmed", "ahmad"),
    ("علي", "Ali", "ali"),
    ("حسين", "Hussein", "husein"),
    ("يوسف", "Youssef", "iusuf"),
    ("عبدالله", "Abdullah", "abdula"),
]


@pytest.mark.parametrize(("arabic", "latin", "group"), ARABIC, ids=[a[1] for a in ARABIC])
def test_it_meets_an_arabic_spelling_through_its_variant_group(
    arabic: str, latin: str, group: str
) -> None:
    a, b = name_keys(arabic), name_keys(latin)
    assert a.canonicals == b.canonicals == {group}
    assert a.skeletons & b.skeletons


def test_an_unlisted_arabic_name_meets_its_latin_spelling_by_skeleton() -> None:
    assert name_keys("احمدي").skeletons & name_keys("Ahmadi").skeletons == {"hmd"}


def test_an_arabic_name_gives_several_latin_keys_when_its_letters_are_ambiguous() -> None:
    assert set(latin_readings("عثمان")) == {"tman", "sman"}  # Uthman / Osman


def test_it_keeps_different_names_apart() -> None:
    assert not name_keys("Omar Haddad").renderings() & name_keys("Ali Haddad").renderings()
    assert name_keys("Mahmoud").canonicals != name_keys("Mohammad").canonicals


def test_skeleton_keeps_consonants() -> None:
    assert skeleton("muhamad") == "mhmd"


def test_block_codes_do_not_depend_on_order_or_script() -> None:
    codes = block_codes(name_keys("Мухамед Ахмади"))
    assert codes == block_codes(name_keys("Ahmadi Mohammed")) == {"mhm", "hmd"}


def test_a_short_word_is_coded_by_its_one_consonant_in_every_script() -> None:
    assert "~l" in block_codes(name_keys("Ali Ahmadi")) & block_codes(name_keys("علي احمدي"))


# Dates: (date, another recording of it, tokens they must share at least, why)
DATES = [
    (BirthDate(1990, 3, 4), BirthDate(1990, 4, 3), {"p3-4"}, "day and month swapped"),
    (
        BirthDate(1990, 3, 4),
        BirthDate(1991, estimated=True),
        {"y1:398", "y2:398", "y3:398"},
        "a year off",
    ),
]


@pytest.mark.parametrize(("a", "b", "shared", "why"), DATES, ids=[d[3] for d in DATES])
def test_recorded_dates_share_tokens(
    a: BirthDate, b: BirthDate, shared: set[str], why: str
) -> None:
    assert shared <= date_tokens(a) & date_tokens(b), why


@pytest.mark.parametrize("distance", [0, 1, 2, 3, 4, 5, 6])
def test_years_share_fewer_windows_the_further_apart_they_are(distance: int) -> None:
    a = date_tokens(BirthDate(1990, estimated=True))
    b = date_tokens(BirthDate(1990 + distance, estimated=True))
    assert len(a & b) == max(0, 5 - distance)


def test_an_estimated_year_says_nothing_of_day_or_month() -> None:
    assert date_tokens(BirthDate(1990, 3, 4, estimated=True)) == date_tokens(
        BirthDate(1990, estimated=True)
    )
    assert date_tokens(BirthDate()) == frozenset()
    assert swapped(BirthDate(1990, 3, 4)) == BirthDate(1990, 4, 3)


def test_the_first_of_january_is_read_as_an_estimated_year() -> None:
    assert BirthDate(1990, 1, 1).placeholder
    assert date_tokens(BirthDate(1990, 1, 1)) == date_tokens(BirthDate(1990, estimated=True))
