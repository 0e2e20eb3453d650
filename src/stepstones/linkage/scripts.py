"""Romanise a name from Cyrillic, Arabic or any Latin spelling, then fold spelling variants.

The same person is written "Ѓорѓи", "Gjorgji" and "Gorgi", or "محمد", "Mohammed" and "Мухамед".
Each script gets its own rules here, because the general transliterators guess one way only:
anyascii writes Macedonian "ѓ" as "g" and Russian "х" as "kh", and a Serbian officer writes
"ђ" as "dj" where a Macedonian one writes "ѓ" as "gj". A Cyrillic name that could be Macedonian,
Serbian or Russian is romanised by every rule set that fits its letters; an Arabic name, written
without short vowels, gives a consonant skeleton with the alternatives its letters allow.
`fold` then brings every Latin rendering to one spelling (kh/h, sh/š/s, ou/u, y/j/i, doubled
letters), so the variants meet before they are encoded.
"""

from __future__ import annotations

import re
import unicodedata
from itertools import product

from anyascii import anyascii

from stepstones.serbian import CYRILLIC_TO_LATIN

# Macedonian: the official Latin transliteration (passports), without diacritics.
MACEDONIAN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "ѓ": "gj", "е": "e", "ж": "zh",
    "з": "z", "ѕ": "dz", "и": "i", "ј": "j", "к": "k", "л": "l", "љ": "lj", "м": "m",
    "н": "n", "њ": "nj", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "ќ": "kj",
    "у": "u", "ф": "f", "х": "h", "ц": "c", "ч": "ch", "џ": "dzh", "ш": "sh",
}  # fmt: skip
# Serbian: Vuk Karadžić's Latin alphabet (đ, ć, č, š, ž, dž), diacritics kept for `fold`; the
# one table of stepstones.serbian, lower case.
SERBIAN = {c: latin for c, latin in CYRILLIC_TO_LATIN.items() if c.islower()}
# Russian, Bulgarian, Ukrainian: the English-style passport romanisation (kh, zh, ts, ya).
RUSSIAN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya", "і": "i", "ї": "yi", "є": "ye", "ґ": "g",
}  # fmt: skip
ONLY_MACEDONIAN = set("ѓќѕ")
ONLY_SERBIAN = set("ђћ")
SOUTH_SLAVIC = set("јљњџ") | ONLY_MACEDONIAN | ONLY_SERBIAN
ONLY_EAST_SLAVIC = set("йёщъыьэюяіїєґ")

# Arabic letters as Latin consonants; "" for letters Latin spellings usually drop (ʿayn, hamza)
# "و" and "ي" are read as the long vowels u and i, except "و" opening a word or before "ا" (w).
# Persian and Urdu letters (پ چ ژ گ ک ی) are included: Afghans and Pakistanis walk the route too.
ARABIC: dict[str, tuple[str, ...]] = {
    "ا": ("a",), "أ": ("a",), "إ": ("i",), "آ": ("a",), "ء": ("",), "ئ": ("",), "ؤ": ("",),
    "ب": ("b",), "ت": ("t",), "ث": ("t", "s"), "ج": ("j",), "ح": ("h",), "خ": ("kh",),
    "د": ("d",), "ذ": ("d", "z"), "ر": ("r",), "ز": ("z",), "س": ("s",), "ش": ("sh",),
    "ص": ("s",), "ض": ("d",), "ط": ("t",), "ظ": ("z",), "ع": ("",), "غ": ("gh",),
    "ف": ("f",), "ق": ("q",), "ك": ("k",), "ک": ("k",), "ل": ("l",), "م": ("m",),
    "ن": ("n",), "ه": ("h",), "ة": ("a",), "و": ("u",), "ي": ("i",), "ی": ("i",),
    "ى": ("a",), "پ": ("p",), "چ": ("ch",), "ژ": ("zh",), "گ": ("g",),
}  # fmt: skip
# Harakat and tatweel: short vowels, when written at all, are dropped like the rest.
ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")
MAX_ALTERNATIVES = 8

# Latin spelling variants folded to one form, longest first (order matters: "dzh" before "zh").
FOLDS = (
    ("dzh", "j"), ("sch", "s"), ("tch", "c"), ("dj", "j"), ("gj", "g"), ("kj", "k"),
    ("kh", "h"), ("gh", "g"), ("sh", "s"), ("ch", "c"), ("zh", "z"), ("ts", "c"),
    ("tz", "c"), ("ph", "f"), ("th", "t"), ("dh", "d"), ("ck", "k"), ("ou", "u"),
    ("oo", "u"), ("ee", "i"), ("q", "k"), ("x", "ks"), ("w", "v"), ("y", "i"), ("j", "i"),
)  # fmt: skip
VOWELS = set("aeiou")
ARTICLES = {"al", "el", "ul", "al-", "el-"}


def script_of(text: str) -> str:
    """Return "cyrillic", "arabic" or "latin": the script of the first letter that has one."""
    for char in text:
        if "\u0400" <= char <= "\u04ff":
            return "cyrillic"
        if "\u0600" <= char <= "\u06ff" or "\u0750" <= char <= "\u077f":
            return "arabic"
    return "latin"


def cyrillic_readings(text: str) -> list[str]:
    """Return the Latin readings of a Cyrillic name under every rule set its letters allow.

    "ѓ" or "ќ" can only be Macedonian and "ђ" or "ћ" only Serbian; "ј" is South Slavic; letters
    like "ы" or "я" are East Slavic. A name with none of these (Мухамед) gets all three readings.
    """
    letters = set(text.lower())
    tables: list[dict[str, str]] = []
    if not letters & ONLY_SERBIAN and not letters & ONLY_EAST_SLAVIC:
        tables.append(MACEDONIAN)
    if not letters & ONLY_MACEDONIAN and not letters & ONLY_EAST_SLAVIC:
        tables.append(SERBIAN)
    if not letters & SOUTH_SLAVIC:
        tables.append(RUSSIAN)
    readings = []
    for table in tables or [MACEDONIAN]:
        reading = "".join(table.get(char, char) for char in text.lower())
        if reading not in readings:
            readings.append(reading)
    return readings


def arabic_readings(text: str) -> list[str]:
    """Return Latin readings of an Arabic-script name, one per reading of its ambiguous letters.

    Short vowels are not written, so the readings carry only the long vowels; the skeleton
    (`skeleton`) of a reading is what meets a Latin spelling. Capped at `MAX_ALTERNATIVES`.
    """
    text = ARABIC_MARKS.sub("", text)
    text = " ".join(w[2:] if w.startswith("ال") and len(w) > 3 else w for w in text.split())
    options = [
        ("w",)
        if char == "و" and (i == 0 or text[i - 1] == " " or text[i + 1 : i + 2] == "ا")
        else ARABIC.get(char, (char,))
        for i, char in enumerate(text)
    ]
    readings: list[str] = []
    for choice in product(*options):
        reading = "".join(choice)
        if reading not in readings:
            readings.append(reading)
        if len(readings) >= MAX_ALTERNATIVES:
            break
    return readings


def latin_readings(text: str) -> list[str]:
    """Return the Latin readings of a name in any script (Latin spellings give one)."""
    script = script_of(text)
    if script == "cyrillic":
        return cyrillic_readings(text)
    if script == "arabic":
        return arabic_readings(text)
    return [text]


def fold(text: str) -> str:
    """Return one Latin spelling for the many: ASCII, lower case, digraphs and doubles folded.

    Diacritics go through anyascii (č -> c, đ -> d, ł -> l, ë -> e, ß -> ss), which also
    romanises any script we have no table for (Greek, Armenian, Georgian).
    """
    text = anyascii(unicodedata.normalize("NFC", text).replace("đ", "dj").replace("Đ", "Dj"))
    text = re.sub(r"[^a-z ]+", " ", text.lower().replace("'", "").replace("`", ""))
    words = []
    for word in text.split():
        for old, new in FOLDS:
            word = word.replace(old, new)
        word = re.sub(r"(.)\1+", r"\1", word)
        if len(word) > 2 and word.endswith("h") and word[-2] in VOWELS:
            word = word[:-1]  # Abdullah / Abdulla, Fatimah / Fatima
        words.append(word)
    return " ".join(words)


def skeleton(word: str) -> str:
    """Return the consonants of a folded word: what an Arabic spelling and a Latin one share."""
    consonants = "".join(char for char in word if char not in VOWELS)
    return re.sub(r"(.)\1+", r"\1", consonants)


def split_article(words: list[str]) -> list[str]:
    """Drop the Arabic article written apart ("al hassan") or joined ("alhassan" stays)."""
    kept = [word for word in words if word not in ARTICLES]
    return kept or words
