"""Which lexicon reads which part of a note, when the worker does not say (`language="auto"`).

Notes in the region mix languages: a Macedonian note quotes the person in Albanian, a Serbian
one copies an English referral line. The note's language is told first (its first
`NOTE_WINDOW` characters); then each sentence long enough to tell (`MIN_WORDS` words) that
another language claims with confidence at least `SWITCH_CONFIDENCE` is read with that
language's lexicon. Short sentences ("Ref. CSW.", "M, 16") keep the note's language: a
detector guesses on five words.

Frequent function words settle most sentences before the model is asked (lingua costs
about 50 µs a sentence; a note has 20-30): a sentence with at least
`FUNCTION_WORDS_NEEDED` function words of the note's language and more of them than of any
other language stays in the note's language. Letters settle Cyrillic before the model is
asked: ѓ ќ ѕ are written only in Macedonian, ђ ћ only in Serbian. Serbian, Croatian and
Bosnian are one reading (`sr`), as in the job-offer checker (`stepstones.recruitment.language`).
Bulgarian is read as Macedonian: lingua confuses the two on short texts, and a Bulgarian note in
the region is rare. The detector is lingua in its low-accuracy mode (trigram models, loaded
once per process).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

AUTO = "auto"
NOTE_WINDOW = 600
FUNCTION_WORDS_NEEDED = 2
MIN_WORDS = 4
SWITCH_CONFIDENCE = 0.8
FALLBACK = "en"

_LINGUA: dict[Language, str] = {
    Language.ENGLISH: "en",
    Language.MACEDONIAN: "mk",
    Language.BULGARIAN: "mk",
    Language.ALBANIAN: "sq",
    Language.SERBIAN: "sr",
    Language.CROATIAN: "sr",
    Language.BOSNIAN: "sr",
}
_MACEDONIAN_LETTERS = re.compile(r"[ѓќѕЃЌЅ]")
_SERBIAN_LETTERS = re.compile(r"[ђћЂЋ]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_WORDS = re.compile(r"[^\W\d_]+")
_NOISE = re.compile(r"https?://\S+|\S+@\S+|[\d_]+")


def _split(words: str) -> frozenset[str]:
    return frozenset(words.split(" "))


# The commonest short words of each language (both Serbian scripts, Albanian with and without
# ë): they tell a sentence's language without the model when they agree with the note's.

_FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "en": _split(
        "the a an and to of in was were is are she he her his him they them for with not that "
        "from at by on had has have"
    ),
    "mk": _split("и на во да се ја го ѝ му ги не од со за е беше била бил што кој која"),
    "sr": _split(
        "je da i u na se su joj mu ga ih za od sa nije bila bio što sto koji koja "
        "је у су јој га их за од са није била био што који која"
    ),
    "sq": _split("e i në ne të te dhe për per me nga se ka nuk është eshte një nje ajo ai ia ua"),
}


@cache
def _detector() -> LanguageDetector:
    return LanguageDetectorBuilder.from_languages(*_LINGUA).with_low_accuracy_mode().build()


def _by_letters(text: str) -> str | None:
    if _MACEDONIAN_LETTERS.search(text):
        return "mk"
    if _SERBIAN_LETTERS.search(text):
        return "sr"
    return None


def _guess(text: str) -> tuple[str, float] | None:
    """Return the language lingua gives `text` and its confidence (0..1), or None."""
    values = _detector().compute_language_confidence_values(_NOISE.sub(" ", text))
    if not values:
        return None
    best = values[0]
    return _LINGUA[best.language], best.value


def detect_note(text: str, available: Sequence[str]) -> str:
    """Return the language of the note as a whole, among `available` (FALLBACK when unsure)."""
    sample = text[:NOTE_WINDOW]
    found = _by_letters(sample)
    if found is None and len(_WORDS.findall(sample)) >= 1:
        guess = _guess(sample)
        found = guess[0] if guess else None
    if found is not None and found in available:
        return found
    return FALLBACK if FALLBACK in available else available[0]


def detect_sentence(sentence: str, note_language: str, available: Sequence[str]) -> str:
    """Return the language to read one sentence in: the note's, unless another clearly claims it."""
    found = _by_letters(sentence)
    if found is not None:
        return found if found in available else note_language
    if len(_WORDS.findall(sentence)) < MIN_WORDS:
        return note_language
    if _CYRILLIC.search(sentence) and note_language in ("mk", "sr"):
        return note_language  # a Cyrillic sentence in a Cyrillic note: the note's letters told
    if _by_function_words(sentence, note_language):
        return note_language
    guess = _guess(sentence)
    if guess is None or guess[0] == note_language or guess[0] not in available:
        return note_language
    return guess[0] if guess[1] >= SWITCH_CONFIDENCE else note_language


def _by_function_words(sentence: str, note_language: str) -> bool:
    """Return True when the sentence's function words say it is in the note's language."""
    words = [w.lower() for w in _WORDS.findall(sentence)]
    counts = {code: sum(w in found for w in words) for code, found in _FUNCTION_WORDS.items()}
    own = counts.get(note_language, 0)
    others = max((n for code, n in counts.items() if code != note_language), default=0)
    return own >= FUNCTION_WORDS_NEEDED and own > others


def plan(
    text: str, bounds: Sequence[tuple[int, int]], available: Sequence[str]
) -> list[tuple[str, int, int]]:
    """Return `(language, start, end)` runs of consecutive sentences read in one language.

    The runs cover the whole text: each ends where the next begins.
    """
    note = detect_note(text, available)
    runs: list[tuple[str, int, int]] = []
    for start, end in bounds:
        language = detect_sentence(text[start:end], note, available)
        if runs and runs[-1][0] == language:
            runs[-1] = (language, runs[-1][1], end)
        else:
            runs.append((language, start if runs else 0, end))
    if not runs:
        return [(note, 0, len(text))]
    # Stretch each run to the start of the next, and the last to the end of the text.
    stretched = [
        (language, start, runs[i + 1][1] if i + 1 < len(runs) else len(text))
        for i, (language, start, _) in enumerate(runs)
    ]
    return stretched
