"""The notes page and the review fragment other pages embed."""

from __future__ import annotations

import logging
import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

NOTES = "The owner recruited her in Tetovo.\nShe was 16. He was not violent. He took her passport."


@pytest.mark.django_db
def test_it_shows_the_notes_page(client: Client) -> None:
    response = client.get(reverse("suggest:notes"))
    assert response.status_code == 200
    assert b'name="notes"' in response.content
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


@pytest.mark.django_db
def test_the_fragment_highlights_and_offers_unticked_checkboxes(client: Client) -> None:
    response = client.post(reverse("suggest:review"), {"notes": NOTES, "language": "en"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html  # a fragment, for htmx
    assert "<mark" in html and "recruited" in html
    assert 'name="confirm" value="elements.acts.recruitment"' in html
    assert 'value="child"' in html
    assert " checked" not in html  # nothing applies until the worker ticks it
    assert "not counted" in html


@pytest.mark.django_db
def test_the_fragment_escapes_the_notes(client: Client) -> None:
    response = client.post(
        reverse("suggest:review"), {"notes": "<script>x()</script> he threatened her"}
    )
    html = response.content.decode()
    assert "<script>x()" not in html
    assert "&lt;script&gt;" in html


@pytest.mark.django_db
def test_the_fragment_explains_empty_notes(client: Client) -> None:
    response = client.post(reverse("suggest:review"), {"notes": "  "})
    assert "Write or paste some notes first." in response.content.decode()


@pytest.mark.django_db
def test_the_fragment_only_accepts_post(client: Client) -> None:
    assert client.get(reverse("suggest:review")).status_code == 405


@pytest.mark.django_db
def test_it_stores_and_logs_nothing_of_the_notes(
    client: Client, django_assert_num_queries: Any, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    with django_assert_num_queries(0):
        client.post(reverse("suggest:review"), {"notes": NOTES})
        client.post(reverse("suggest:notes"), {"notes": NOTES, "action": "suggest"})
        client.post(
            reverse("screening:quick"),
            {"notes": NOTES, "confirm": ["child"], "action": "notes-apply"},
        )
    assert "Tetovo" not in caplog.text


@pytest.mark.django_db
def test_what_was_ticked_goes_on_to_the_quick_screen_as_answers(client: Client) -> None:
    page = client.post(reverse("suggest:notes"), {"notes": NOTES, "action": "suggest"})
    html = page.content.decode()
    # The notes page's "continue" button posts to the quick screen's notes step.
    button = re.search(r'<button[^>]*id="apply"[^>]*>', html)
    assert button is not None
    assert f'formaction="{reverse("screening:quick")}"' in button.group(0)
    assert 'value="notes-apply"' in button.group(0)
    response = client.post(
        reverse("screening:quick"),
        {
            "notes": NOTES,
            "confirm": ["child", "elements.acts.recruitment"],
            "action": "notes-apply",
        },
    )
    screen = response.content.decode()
    assert response.status_code == 200
    assert "2 answers filled in from your notes" in screen
    assert re.search(r'<option value="child" selected>', screen)
    assert re.search(r'name="elements__acts__recruitment" value="yes"[^>]*checked', screen)
    assert NOTES.split()[0] in screen  # the notes stay in the page, for the worker to check
    assert "age_band: child" not in screen  # words, not the facts' machine form


@pytest.mark.django_db
def test_it_suggests_without_javascript(client: Client) -> None:
    response = client.post(reverse("suggest:notes"), {"notes": NOTES, "action": "suggest"})
    assert 'name="confirm"' in response.content.decode()
    assert 'id="applied"' not in response.content.decode()


@pytest.mark.django_db
def test_it_refuses_empty_notes_on_the_page(client: Client) -> None:
    response = client.post(reverse("suggest:notes"), {"notes": "", "action": "suggest"})
    assert response.status_code == 422
    assert "This field is required." in response.content.decode()
