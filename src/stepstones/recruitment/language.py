"""Detect the language of an offer: lingua restricted to the languages of the region and route.

Serbian, Croatian and Bosnian in Latin script are one group, `sr-Latn` (every detector confuses
them, and the lexicon and hotlines are the same). Cyrillic Serbian is `sr-Cyrl`. Letters that only
one language writes decide before the model is asked: ѓ ќ ѕ are Macedonian, ђ ћ Serbian, ъ щ
Bulgarian. Only the first `WINDOW` characters are read: an offer's language shows in its first
lines, and reading a 100 kB text in full would cost more than the rest of the check.
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
    Language.GERMAN: "de",
    Language.ITALIAN: "it",
    Language.ROMANIAN: "ro",
    Language.RUSSIAN: "ru",
    Language.UKRAINIAN: "uk",
}
#: The codes `detect_language` can return (besides "und").
LANGUAGES: tuple[str, ...] = (
    "en", "mk", "sq", "sr-Cyrl", "sr-Latn", "bg", "el", "tr", "ar", "fa", "de", "it", "ro", "ru",
    "uk",
)  # fmt: skip

# Strip what carries no language: links, e-mail addresses, numbers and symbols.
_NOISE = re.compile(r"https?://\S+|www\.\S+|\S+@\S+|[\d\W_]+", re.UNICODE)
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[a-zA-Z\u00c0-\u024f]")


@lru_cache(maxsize=1)
def _detector() -> LanguageDetector:
    # Low-accuracy mode uses trigram models only: ~30 MB and a fast start instead of ~320 MB
    # and seconds per process; lingua's own figures show the loss is on texts under ~120
    # characters, and the script letters above settle many short Cyrillic texts anyway.
    return LanguageDetectorBuilder.from_languages(*_LINGUA_CODES).with_low_accuracy_mode().build()


def _script_letters(sample: str) -> str | None:
    if re.search(r"[ѓќѕЃЌЅ]", sample):
        return "mk"
    if re.search(r"[ђћЂЋ]", sample):
        return "sr-Cyrl"
    if re.search(r"[ъщЪЩ]", sample) and not re.search(r"[ыэЫЭіїєІЇЄ]", sample):
        return "bg"
    return None


def detect_language(text: str) -> str:
    """Return the language code of `text` (see LANGUAGES), or "und" when it cannot be told."""
    sample = _NOISE.sub(" ", text[:WINDOW]).strip()
    if len(sample) < 3:
        return UNDETERMINED
    by_letters = _script_letters(sample)
    if by_letters is not None:
        return by_letters
    found = _detector().detect_language_of(sample)
    if found is None:
        return UNDETERMINED
    code = _LINGUA_CODES[found]
    if code == "sr":
        cyrillic = len(_CYRILLIC.findall(sample))
        latin = len(_LATIN.findall(sample))
        return "sr-Cyrl" if cyrillic > latin else "sr-Latn"
    return code
