"""`POST /api/v1/notes/suggest`: the notes assistant over JSON. The notes are not stored."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Router, Schema

from stepstones.api.errors import ApiError
from stepstones.notes import LexiconError, suggest
from stepstones.suggest.present import MAX_NOTES_CHARS, suggestions_json

router = Router(tags=["notes"])


class NotesIn(Schema):
    """Notes to read, in `language` (an ISO 639 code with a lexicon; default en)."""

    text: str
    language: str = "en"
    min_confidence: float = 0.5


class SentenceOut(Schema):
    start: int
    end: int
    text: str


# Named apart from the offer checker's `SpanOut`: the OpenAPI description keys its schemas by
# class name, and two of one name made one of them describe the other's spans.
class NoteSpanOut(Schema):
    start: int
    end: int
    text: str
    sentence: SentenceOut


class EvidenceOut(Schema):
    rule: str
    weight: float
    span: NoteSpanOut


class SuppressedOut(Schema):
    kind: str
    id: str
    fact: str
    rule: str
    reason: str
    cue: str
    message: str
    span: NoteSpanOut


class SuggestionOut(Schema):
    kind: str
    id: str
    fact: str
    label: str
    confidence: float
    span: NoteSpanOut
    evidence: list[EvidenceOut]
    not_counted: list[SuppressedOut]


class SuggestionsOut(Schema):
    language: str
    lexicon_version: str
    suggestions: list[SuggestionOut]
    suppressed: list[SuppressedOut]


@router.post("/suggest", response=SuggestionsOut, summary="Suggest elements from notes")
def suggest_from_notes(
    request: HttpRequest, response: HttpResponse, payload: NotesIn
) -> dict[str, Any]:
    """Return the Palermo elements and indicators the notes suggest, each with its span and
    confidence, and the mentions not counted (negated, hypothetical, a question, about someone
    else, or a child word beside an adult age).
    Nothing is applied or stored: a worker confirms suggestions elsewhere."""
    if not payload.text.strip():
        raise ApiError(422, "invalid", "text: the notes are empty.", "text")
    if len(payload.text) > MAX_NOTES_CHARS:
        raise ApiError(
            422, "too_long", f"text: longer than {MAX_NOTES_CHARS:,} characters.", "text"
        )
    if not 0.0 <= payload.min_confidence <= 1.0:
        raise ApiError(422, "invalid", "min_confidence: must be between 0 and 1.", "min_confidence")
    try:
        result = suggest(payload.text, payload.language, min_confidence=payload.min_confidence)
    except LexiconError as exc:
        raise ApiError(422, "unknown_language", f"{exc}.", "language") from exc
    response["Cache-Control"] = "no-store"
    return suggestions_json(result)
