"""The notes assistant: suggest Palermo elements and indicators from free-text notes (pure).

`suggest(text, language)` reads notes and returns `Suggestions`; nothing is applied until a
worker confirms, and `apply_confirmed(facts, paths)` turns the confirmed fact paths into facts.
The rules are data, one file per language in `data/`.
"""

from __future__ import annotations

from stepstones.notes.detect import AUTO
from stepstones.notes.engine import DEFAULT_MIN_CONFIDENCE, suggest
from stepstones.notes.facts import apply_confirmed
from stepstones.notes.lexicon import (
    Lexicon,
    LexiconError,
    Rule,
    available_languages,
    load_lexicon,
    parse_lexicon,
    parse_target,
)
from stepstones.notes.model import (
    ACTS,
    MEANS,
    N_,
    PURPOSES,
    TARGET_LABELS,
    Evidence,
    Kind,
    Reason,
    Span,
    Suggestion,
    Suggestions,
    Suppressed,
    Target,
)
from stepstones.notes.sentences import split_sentences

__all__ = [
    "ACTS",
    "AUTO",
    "DEFAULT_MIN_CONFIDENCE",
    "MEANS",
    "N_",
    "PURPOSES",
    "TARGET_LABELS",
    "Evidence",
    "Kind",
    "Lexicon",
    "LexiconError",
    "Reason",
    "Rule",
    "Span",
    "Suggestion",
    "Suggestions",
    "Suppressed",
    "Target",
    "apply_confirmed",
    "available_languages",
    "load_lexicon",
    "parse_lexicon",
    "parse_target",
    "split_sentences",
    "suggest",
]
