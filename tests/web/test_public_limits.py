"""The public endpoints read bounded input: offers and notes up to 20,000 characters each, taken
in full at the limit and refused just over it with a message naming the limit, on the page, in
the API and in the command; a facts document nested past the parser's depth is malformed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client

from stepstones.cli import main
from stepstones.recruitment import MAX_OFFER_CHARS
from stepstones.suggest.present import MAX_NOTES_CHARS

# Built to be slow before issue 17: one long token (the offer check's near-duplicate signature)
# and letters joined by dots (two rules of the notes lexicon). Linear now: taken in full.
LONG_OFFER = "a" * MAX_OFFER_CHARS
LONG_NOTES = "a." * (MAX_NOTES_CHARS // 2)


def _post_json(client: Client, url: str, body: object) -> tuple[int, dict[str, object]]:
    response = client.post(url, json.dumps(body), content_type="application/json")
    return response.status_code, response.json()


def test_the_limits_are_twenty_thousand_characters() -> None:
    assert MAX_OFFER_CHARS == MAX_NOTES_CHARS == 20_000


@pytest.mark.django_db
def test_the_offer_api_checks_an_offer_of_the_limit_and_refuses_one_over_it(
    client: Client,
) -> None:
    status, body = _post_json(client, "/api/v1/offers/check", {"text": LONG_OFFER})
    assert status == 200 and body["level"] == "low"
    status, body = _post_json(client, "/api/v1/offers/check", {"text": "a" * 100_000})
    assert status == 422
    assert body["error"] == {
        "code": "too_long",
        "message": "The offer is 100,000 characters long; the limit is 20,000 characters per "
        "offer. Paste only the offer.",
        "field": "text",
    }


@pytest.mark.django_db
def test_the_offer_page_says_the_offer_is_too_long(client: Client) -> None:
    assert b'id="result"' in client.post("/offers/", {"text": LONG_OFFER}).content
    page = client.post("/offers/", {"text": "a" * 30_000}).content.decode()
    assert "30,000 characters long; the limit is 20,000 characters" in page
    assert 'id="result"' not in page


def test_the_offer_command_refuses_a_file_over_the_limit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "offer.txt"
    path.write_text("a" * (MAX_OFFER_CHARS + 1), encoding="utf-8")
    with pytest.raises(SystemExit) as exited:
        main(["check-offer", "--no-reported", str(path)])
    assert exited.value.code == 2
    assert "20,001 characters long; the limit is 20,000" in capsys.readouterr().err


@pytest.mark.django_db
def test_the_notes_api_reads_notes_of_the_limit_and_refuses_longer_ones(client: Client) -> None:
    status, body = _post_json(client, "/api/v1/notes/suggest", {"text": LONG_NOTES})
    assert status == 200 and body["suggestions"] == []
    status, body = _post_json(client, "/api/v1/notes/suggest", {"text": "a" * 20_001})
    assert status == 422
    assert body["error"] == {
        "code": "too_long",
        "message": "text: longer than 20,000 characters.",
        "field": "text",
    }


@pytest.mark.django_db
def test_the_notes_page_and_the_quick_screen_refuse_longer_notes(client: Client) -> None:
    refused = client.post("/suggest/", {"notes": "a" * 20_001, "language": "en"})
    assert refused.status_code == 422
    assert "at most 20000 characters" in refused.content.decode()
    fragment = client.post("/suggest/review/", {"notes": "a" * 20_001, "language": "en"})
    assert "at most 20000 characters" in fragment.content.decode()
    assert client.post("/suggest/", {"notes": LONG_NOTES, "language": "en"}).status_code == 200


def test_the_notes_command_refuses_notes_over_the_limit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("a" * 20_001, encoding="utf-8")
    with pytest.raises(SystemExit) as exited:
        call_command("suggest-indicators", str(path))
    assert exited.value.code == 2
    assert "longer than 20,000 characters" in capsys.readouterr().err


@pytest.mark.django_db
def test_a_facts_document_nested_thousands_deep_is_malformed_not_a_server_error(
    client: Client,
) -> None:
    deep = "[" * 50_000 + "]" * 50_000
    response = client.post("/api/v1/assess", deep, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "malformed_json"
