"""The review fragment, the API and the command read notes in mk, sr and sq and mark their words."""

from __future__ import annotations

import json
import re

import pytest
from django.test import Client
from django.urls import reverse

from stepstones.notes import suggest
from stepstones.suggest.present import segments

NOTES = {
    "mk": ("Газдата ѝ го зеде пасошот. Не ја тепал.", "ѝ го зеде пасошот"),
    "sr": ("Љубица, 19. Газда јој је узео пасош и тукао је.", "тукао"),
    "sq": ("Pronari ia mori pasaportën dhe e rrihte.", "rrihte"),
}


@pytest.mark.parametrize("language", sorted(NOTES))
def test_marked_runs_are_the_worker_s_own_words(language: str) -> None:
    text, word = NOTES[language]
    runs = segments(suggest(text, language))
    assert "".join(run.text for run in runs) == text
    assert word in [run.text for run in runs if run.marks]


@pytest.mark.django_db
@pytest.mark.parametrize("language", sorted(NOTES))
def test_the_review_fragment_marks_the_words_in_each_language(
    client: Client, language: str
) -> None:
    text, word = NOTES[language]
    response = client.post(reverse("suggest:review"), {"notes": text, "language": language})
    assert response.status_code == 200
    html = response.content.decode()
    marked = [re.sub(r"<[^>]+>", "", m) for m in re.findall(r"<mark[^>]*>(.*?)</mark>", html, re.S)]
    assert any(m.startswith(word) for m in marked), marked  # then the suggestion numbers
    assert 'name="confirm" value="indicators.documents_confiscated"' in html


@pytest.mark.django_db
@pytest.mark.parametrize("language", sorted(NOTES))
def test_the_api_reads_each_language_with_spans_into_the_text(
    client: Client, language: str
) -> None:
    text, _ = NOTES[language]
    body = json.dumps({"text": text, "language": language})
    response = client.post("/api/v1/notes/suggest", body, content_type="application/json")
    assert response.status_code == 200
    data = response.json()
    assert data["language"] == language
    assert "indicators.documents_confiscated" in {s["fact"] for s in data["suggestions"]}
    for found in data["suggestions"]:
        assert text[found["span"]["start"] : found["span"]["end"]] == found["span"]["text"]


@pytest.mark.parametrize("told", ["sr", "auto"])
def test_the_command_reads_a_serbian_note_in_cyrillic(tmp_path: object, told: str) -> None:
    from io import StringIO
    from pathlib import Path

    from django.core.management import call_command

    path = Path(str(tmp_path)) / "notes.txt"
    path.write_text(NOTES["sr"][0], encoding="utf-8")
    out = StringIO()
    call_command("suggest-indicators", str(path), "--language", told, "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert "indicators.documents_confiscated" in {s["fact"] for s in data["suggestions"]}


@pytest.mark.django_db
def test_the_review_fragment_detects_the_language_when_asked(client: Client) -> None:
    text, word = NOTES["sr"]
    response = client.post(reverse("suggest:review"), {"notes": text, "language": "auto"})
    assert response.status_code == 200
    assert 'name="confirm" value="indicators.documents_confiscated"' in response.content.decode()
