"""`POST /api/v1/notes/suggest`: suggestions as JSON, stable errors, nothing stored."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

URL = "/api/v1/notes/suggest"
NOTES = "He recruited her in Struga and took her passport. She was never beaten."


def post(client: Client, body: dict[str, Any]) -> Any:
    return client.post(URL, body, content_type="application/json")


@pytest.mark.django_db
def test_it_returns_suggestions_with_spans_and_confidence(client: Client) -> None:
    response = post(client, {"text": NOTES})
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    data = response.json()
    facts = {s["fact"] for s in data["suggestions"]}
    assert {"elements.acts.recruitment", "elements.means.other_coercion"} <= facts
    for s in data["suggestions"]:
        assert NOTES[s["span"]["start"] : s["span"]["end"]] == s["span"]["text"]
        assert s["label"]
    assert data["suppressed"][0]["reason"] == "negated"
    force = [s for s in data["suggestions"] if s["fact"] == "elements.means.use_of_force"]
    assert force == []  # "never beaten": not suggested, only listed as not counted
    assert data["suppressed"][0]["message"] == '"never" negates "beaten".'


@pytest.mark.django_db
def test_it_stores_nothing(client: Client, django_assert_num_queries: Any) -> None:
    with django_assert_num_queries(0):
        assert post(client, {"text": NOTES}).status_code == 200


BAD = [
    ("empty", {"text": "   "}, "invalid", "text"),
    ("missing", {}, "invalid", "text"),
    ("too long", {"text": "a" * 50_001}, "too_long", "text"),
    ("language", {"text": NOTES, "language": "xx"}, "unknown_language", "language"),
    ("threshold", {"text": NOTES, "min_confidence": 3}, "invalid", "min_confidence"),
    ("wrong type", {"text": 12}, "invalid", "text"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("body", "code", "field"), [b[1:] for b in BAD], ids=[b[0] for b in BAD])
def test_it_refuses_bad_input_with_a_stable_error(
    client: Client, body: dict[str, Any], code: str, field: str
) -> None:
    response = post(client, body)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == code
    assert error["field"] == field
    assert error["message"]


@pytest.mark.django_db
def test_it_is_in_the_openapi_schema(client: Client) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/notes/suggest" in schema["paths"]


@pytest.mark.django_db
def test_each_suggestion_lists_the_mentions_of_it_not_counted(client: Client) -> None:
    text = "He threatened her family. She said she was not threatened at work."
    data = post(client, {"text": text}).json()
    [threat] = [s for s in data["suggestions"] if s["fact"] == "elements.means.threat"]
    assert [n["cue"] for n in threat["not_counted"]] == ["not"]
