"""Turn the pure `Suggestions` into JSON and into highlighted text, translated for people.

Nothing here stores or logs the notes: they live only in the request that carries them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from django.utils.translation import gettext

from stepstones.assessment import load_catalogue
from stepstones.notes import Kind, Span, Suggestion, Suggestions, Suppressed, Target

# Longest notes read, in characters: two and a half times the longest case summary of the
# evaluation (7,988 characters), and a bound on what one anonymous request can cost: the rules
# run in linear time, about a second on the slowest 20,000-character notes built to be slow.
MAX_NOTES_CHARS = 20_000


@cache
def _catalogue_names() -> dict[str, str]:
    """Return the catalogue's indicator and trigger names by fact path."""
    catalogue = load_catalogue()
    names = {f"indicators.{key}": item.name for key, item in catalogue.indicators.items()}
    names.update({f"triggers.{key}": item.name for key, item in catalogue.triggers.items()})
    return names


@cache
def screen_facts() -> frozenset[str]:
    """Return the fact paths the screening form asks about, plus `child` (its age band)."""
    catalogue = load_catalogue()
    asked = {q.fact for _stage, questions in catalogue.questions_by_stage() for q in questions}
    return frozenset(asked | {"child"})


def only_screen_facts(result: Suggestions) -> Suggestions:
    """Return `result` with only what the screening form can show (indicators, acts, triggers,
    child); means and purposes are left to the engine, which infers them from the answers."""
    asked = screen_facts()
    return replace(
        result,
        suggestions=tuple(s for s in result.suggestions if s.fact in asked),
        suppressed=tuple(s for s in result.suppressed if s.target.fact in asked),
    )


def label(target: Target) -> str:
    """Return the translated name of a target (indicators and triggers: the catalogue's name)."""
    if target.kind in (Kind.INDICATOR, Kind.TRIGGER):
        return gettext(_catalogue_names().get(target.fact, target.id))
    return gettext(target.label)


def span_json(span: Span) -> dict[str, Any]:
    """Return a span as JSON: character offsets of the match and of its sentence."""
    return {
        "start": span.start,
        "end": span.end,
        "text": span.text,
        "sentence": {"start": span.sentence_start, "end": span.sentence_end, "text": span.sentence},
    }


def suggestion_json(suggestion: Suggestion, result: Suggestions | None = None) -> dict[str, Any]:
    """Return one suggestion as JSON, with the mentions of it not counted when `result` is given."""
    target = suggestion.target
    not_counted = result.suppressed_for(target.fact) if result is not None else ()
    return {
        "kind": target.kind.value,
        "id": target.id,
        "fact": target.fact,
        "label": label(target),
        "confidence": suggestion.confidence,
        "span": span_json(suggestion.span),
        "evidence": [
            {"rule": e.rule, "weight": e.weight, "span": span_json(e.span)}
            for e in suggestion.evidence
        ],
        "not_counted": [suppressed_json(item) for item in not_counted],
    }


def suppressed_json(item: Suppressed) -> dict[str, Any]:
    """Return a match that was not counted, with why, as JSON."""
    return {
        "kind": item.target.kind.value,
        "id": item.target.id,
        "fact": item.target.fact,
        "rule": item.rule,
        "reason": item.reason.value,
        "cue": item.cue,
        "message": gettext(item.message) % item.params,
        "span": span_json(item.span),
    }


def suggestions_json(result: Suggestions) -> dict[str, Any]:
    """Return everything `suggest()` found as JSON (the notes themselves are not echoed)."""
    return {
        "language": result.language,
        "lexicon_version": result.lexicon_version,
        "suggestions": [suggestion_json(s, result) for s in result.suggestions],
        "suppressed": [suppressed_json(s) for s in result.suppressed],
    }


@dataclass(frozen=True)
class Segment:
    """A run of the notes: plain, or marked as supporting the suggestions numbered in `marks`."""

    text: str
    marks: tuple[int, ...] = ()
    title: str = ""


def segments(result: Suggestions) -> list[Segment]:
    """Split the notes into plain and marked runs; overlapping spans share one mark."""
    edges = {0, len(result.text)}
    owners: list[tuple[int, int, int]] = []
    for number, suggestion in enumerate(result.suggestions, start=1):
        for evidence in suggestion.evidence:
            owners.append((evidence.span.start, evidence.span.end, number))
            edges.update((evidence.span.start, evidence.span.end))
    cuts = sorted(edges)
    out: list[Segment] = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        marks = tuple(sorted({n for s, e, n in owners if s <= start and end <= e}))
        title = "; ".join(label(result.suggestions[n - 1].target) for n in marks)
        piece = result.text[start:end]
        if out and out[-1].marks == marks:
            out[-1] = Segment(out[-1].text + piece, marks, title)
        else:
            out.append(Segment(piece, marks, title))
    return out
