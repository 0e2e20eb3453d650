"""`POST /api/v1/assess`: the engine over JSON, with the CLI's error messages."""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext
from ninja import Router, Schema

from stepstones.api.errors import ApiError, ErrorOut
from stepstones.assessment import FactsError, Flag, Outcome, load_catalogue
from stepstones.screening.facts import MAX_FACTS_BYTES, assess_mapping

router = Router(tags=["assessment"])


class EngineAssessmentOut(Schema):
    """The engine's result. `outcome` and `flags` are stable values; texts are translated."""

    outcome: Outcome
    flags: list[Flag]
    catalogue_version: str
    summary: Any
    elements: Any
    dimensions: Any
    forms_of_exploitation: Any
    legal_provisions: Any
    next_steps: Any
    ask_next: Any


def facts_json_schema() -> dict[str, Any]:
    """Return a JSON Schema of the facts document, listing the catalogue's ids."""
    answer = {"type": ["string", "boolean"], "enum": ["yes", "no", "unknown", True, False]}
    catalogue = load_catalogue()
    indicator_props = {i: answer for i in sorted(catalogue.indicators)}
    kinds: dict[str, list[str]] = {}
    for element_id, element in catalogue.elements.items():
        kinds.setdefault(str(element.kind), []).append(element_id)
    element_props = {
        f"{kind}s" if not kind.endswith("s") else kind: {
            "type": "array",
            "items": {"type": "string", "enum": sorted(ids)},
        }
        for kind, ids in sorted(kinds.items())
    }
    return {
        "type": "object",
        "description": "Facts about a person and situation; every key is optional. "
        "See docs/facts-format.md.",
        "properties": {
            "age": {"type": "integer", "minimum": 0, "maximum": 120},
            "age_band": {"type": "string", "enum": ["child", "adult", "unknown"]},
            "gender": {"type": "string"},
            "sector": {"type": "string"},
            "route": {
                "type": "object",
                "properties": {
                    "origin": {"type": "string"},
                    "transit": {"type": "array", "items": {"type": "string"}},
                    "destination": {"type": "string"},
                    "irregular_crossing": answer,
                },
            },
            "indicators": {
                "type": "object",
                "properties": indicator_props,
                "additionalProperties": False,
            },
            "elements": {"type": "object", "properties": element_props},
            "smuggling": {"type": "object", "additionalProperties": answer},
        },
        "example": {
            "age": 24,
            "route": {"origin": "NP", "destination": "MK", "irregular_crossing": "no"},
            "elements": {
                "acts": ["recruitment"],
                "means": ["deception"],
                "purposes": ["forced_labour"],
            },
        },
    }


@router.post(
    "/assess",
    response={200: EngineAssessmentOut, 400: ErrorOut, 413: ErrorOut, 422: ErrorOut},
    summary="Assess facts",
    description="Suggest what a situation may be (never a legal decision), with reasons and "
    "the questions that could change the outcome. Nothing is stored.",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": facts_json_schema()}},
        }
    },
)
def assess_facts(request: HttpRequest) -> dict[str, Any]:
    """Assess the JSON facts document in the request body."""
    if not request.body.strip():
        # Nothing to assess: saying so beats answering for an empty situation (issue 17 §6).
        raise ApiError(
            422, "invalid_facts", "input: the body is empty; send a JSON object of facts", "input"
        )
    if len(request.body) > MAX_FACTS_BYTES:
        raise ApiError(413, "too_large", f"input: larger than {MAX_FACTS_BYTES // 1024} kB")
    try:
        data = json.loads(request.body)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ApiError(400, "malformed_json", f"input: not valid JSON ({exc})", "input") from None
    except RecursionError:
        # Thousands of nested brackets: the parser gives up before any fact is read.
        raise ApiError(400, "malformed_json", "input: nested too deeply", "input") from None
    if not isinstance(data, dict):
        raise ApiError(422, "invalid_facts", "input: expected a JSON object of facts", "input")
    try:
        _, assessment = assess_mapping(data)
    except FactsError as exc:
        raise ApiError(422, "invalid_facts", str(exc), exc.field) from None
    return assessment.to_dict(translate=gettext)
