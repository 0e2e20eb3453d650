"""Detect the language of an offer: lingua restricted to the languages of the region and route.

Serbian, Croatian and Bosnian in Latin script are one group, `sr-Latn` (every detector confuses
them, and the lexicon and hotlines are the same). Cyrillic Serbian is `sr-Cyrl`. Letters that only
one language writes decide before the model is asked: ѓ ќ ѕ are Macedonian, ђ ћ Serbian, ъ щ
Bulgarian. Only the first `WINDOW` characters are read: an offer's language shows in its first
lines, and reading a 100 kB text in full would cost more than the rest of the check.

Arabic script: letters only Pashto writes (ټ ډ ړ ږ ښ ګ ڼ ځ څ ې ۍ), or fewer of them with Pashto
function words ("د", "په", "لپاره"), make it Pashto (lingua has no Pashto model), letters only
Urdu writes (ٹ ڈ ڑ ں ے ہ) make it Urdu; otherwise lingua chooses among
Arabic, Persian and Urdu. Dari and Farsi are one group, `fa` (one written language; the advice and
hotlines are the same). Latin-script Arabic ("Arabizi": digits for letters, "sho3'l", "7aga") and
Roman Urdu are told by their frequent words before lingua is asked, which would call them anything
from Albanian to Romanian; they get the advice of their language, in its own script.
"""

from __future__ import annotations

import re
from functools import lru_cache

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

WINDOW = 400
UNDETERMINED = "und"

_LINGUA_CODES: dict[Language, str] = {
    Language.ENGLISH: "en",
    Language.MACEDONIAN: "mk",
    Language.ALBANIAN: "sq",
    Language.SERBIAN: "sr",  # script decides between sr-Cyrl and sr-Latn below
    Language.CROATIAN: "sr-Latn",
    Language.BOSNIAN: "sr-Latn",
    Language.BULGARIAN: "bg",
    Language.GREEK: "el",
    Language.TURKISH: "tr",
    Language.ARABIC: "ar",
    Language.PERSIAN: "fa",
    Language.URDU: "ur",
    Language.FRENCH: "fr",
    Language.GERMAN: "de",
    Language.ITALIAN: "it",
    Language.ROMANIAN: "ro",
    Language.RUSSIAN: "ru",
    Language.UKRAINIAN: "uk",
}
#: The codes `detect_language` can return (besides "und").
LANGUAGES: tuple[str, ...] = (
    "en", "mk", "sq", "sr-Cyrl", "sr-Latn", "bg", "el", "tr", "ar", "fa", "ps", "ur", "fr", "de",
    "it", "ro", "ru", "uk",
)  # fmt: skip
#: Languages written right to left.
RIGHT_TO_LEFT = frozenset({"ar", "fa", "ps", "ur"})

# Strip what carries no language: links, e-mail addresses, numbers and symbols.
_NOISE = re.compile(r"https?://\S+|www\.\S+|\S+@\S+|[\d\W_]+", re.UNICODE)
# The same where the text has no "http", "www." or "@": the other alternatives need one of them,
# so they match nowhere, and are not worth trying at every place (most offers have none).
_NOISE_ONLY_SYMBOLS = re.compile(r"[\d\W_]+", re.UNICODE)
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[a-zA-Z\u00c0-\u024f]")
_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_PASHTO = re.compile(r"[ټډړږښګڼځڅېۍ]")
_URDU = re.compile(r"[ٹڈڑںےہ]")
# Pashto function words Dari/Farsi does not write as words: "د" (of), "په" (in), "لپاره" (for),
# "دی"/"دي" (is/are), "ته" (to), "څخه"/"سره" (from/with), "کې" (in).
_PASHTO_WORDS = re.compile(r"(?<!\w)(?:د|په|لپاره|دی|دي|ته|څخه|سره|کې|کښې)(?!\w)")
_WORDS = re.compile(r"[a-z0-9']+")
# Frequent words of Roman Urdu and of Arabizi that are rare in the region's Latin-script languages
# (English, Albanian, Serbian, Turkish, French): three different ones decide.
_ROMAN_URDU = frozenset(
    (
        "aap", "apna", "apne", "apni", "aur", "bhejain", "bhejein", "bhejo", "chahiye", "hai",
        "hain", "hoga", "hogi", "jaldi", "kaam", "kar", "karein", "karo", "ke", "kya", "liye",
        "mein", "milega", "milegi", "nahi", "nahin", "naukri", "paisa", "paise", "rahna", "rehna",
        "saath", "sakte", "sakti", "sath", "tankhwah", "wala", "wali",
    )
)  # fmt: skip
_ARABIZI = frozenset(
    (
        "3ala", "3amal", "3an", "3awzin", "3ayzeen", "7aga", "ana", "b3at", "ba3at", "bas",
        "bdoon", "bidoon", "enta", "fi2", "floos", "flous", "habibi", "ib3at", "ib3ath",
        "insha2allah", "inshallah", "inta", "jawaz", "jawazak", "kaman", "la2", "ma3ash",
        "ma3ashak", "mafi", "mish", "msh", "ra2eb", "ratib", "safar", "sho3'l", "sho3l", "shoghl",
        "shughl", "ta2shira", "tazkara", "wa7ed", "ya3ni", "yalla",
    )
)  # fmt: skip


@lru_cache(maxsize=1)
def _detector() -> LanguageDetector:
    # Low-accuracy mode uses trigram models only: ~30 MB and a fast start instead of ~320 MB
    # and seconds per process; lingua's own figures show the loss is on texts under ~120
    # characters, and the script letters above settle many short Cyrillic texts anyway.
    return LanguageDetectorBuilder.from_languages(*_LINGUA_CODES).with_low_accuracy_mode().build()


def _script_letters(sample: str) -> str | None:
    if _ARABIC_SCRIPT.search(sample):
        arabic = len(_ARABIC_SCRIPT.findall(sample))
        if arabic * 2 >= len(sample.replace(" ", "")):
            pashto = len(_PASHTO.findall(sample))
            if pashto >= 2 or pashto + len(_PASHTO_WORDS.findall(sample)) >= 3:
                return "ps"
            if len(_URDU.findall(sample)) >= 2:
                return "ur"
        return None
    if re.search(r"[ѓќѕЃЌЅ]", sample):
        return "mk"
    if re.search(r"[ђћЂЋ]", sample):
        return "sr-Cyrl"
    if re.search(r"[ъщЪЩ]", sample) and not re.search(r"[ыэЫЭіїєІЇЄ]", sample):
        return "bg"
    return None


def detect_language(text: str) -> str:
    """Return the language code of `text` (see LANGUAGES), or "und" when it cannot be told."""
    window = text[:WINDOW]
    noise = _NOISE if "@" in window or "http" in window or "www." in window else _NOISE_ONLY_SYMBOLS
    sample = noise.sub(" ", window).strip()
    if len(sample) < 3:
        return UNDETERMINED
    by_letters = _script_letters(sample)
    if by_letters is not None:
        return by_letters
    by_words = _latin_words(text[:WINDOW])
    if by_words is not None:
        return by_words
    found = _detector().detect_language_of(sample)
    if found is None:
        return UNDETERMINED
    code = _LINGUA_CODES[found]
    if code == "sr":
        cyrillic = len(_CYRILLIC.findall(sample))
        latin = len(_LATIN.findall(sample))
        return "sr-Cyrl" if cyrillic > latin else "sr-Latn"
    return code


def _latin_words(sample: str) -> str | None:
    """Return "ur" or "ar" for Roman Urdu or Arabizi, told by three of their frequent words."""
    if not _LATIN.search(sample):
        return None
    # The raw window, not the noise-free sample: Arabizi writes letters with digits (3 = ع).
    words = set(_WORDS.findall(sample.lower()))
    if len(words & _ROMAN_URDU) >= 3:
        return "ur"
    if len(words & _ARABIZI) >= 3:
        return "ar"
    return None


def direction(language: str) -> str:
    """Return "rtl" for a language written right to left, else "ltr"."""
    return "rtl" if language in RIGHT_TO_LEFT else "ltr"
