"""The notes assistant inside the quick screen: suggest, tick, fill in; nothing stored."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from django.test import Client
from pytest_django import DjangoAssertNumQueries

URL = "/screen/"
NOTES = (
    "Met A. (F, 17) at the transit centre. The guide took their passports. "
    "She was kept in a flat and not allowed to leave. He was not violent."
)


def test_it_offers_the_notes_assistant_in_the_form(client: Client) -> None:
    html = client.get(URL).content.decode()
    assert 'id="notes-assistant"' in html
    assert 'name="notes"' in html
    assert 'hx-post="/suggest/review/"' in html


def test_the_review_keeps_only_what_the_form_asks(client: Client) -> None:
    response = client.post("/suggest/review/", {"notes": NOTES, "scope": "questions"})
    html = response.content.decode()
    assert 'value="indicators.documents_confiscated"' in html
    assert 'value="triggers.documents_taken_on_journey"' in html
    assert 'value="child"' in html
    assert 'value="elements.means.' not in html  # the engine infers means from the answers
    assert " checked" not in html


def test_it_fills_in_only_the_ticked_answers_and_keeps_the_others(client: Client) -> None:
    response = client.post(
        URL,
        {
            "notes": NOTES,
            "action": "notes-apply",
            "confirm": ["indicators.documents_confiscated", "child"],
            "indicators__debt_bondage": "no",  # answered by hand before
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["indicators__documents_confiscated"] == "yes"
    assert form.initial["age_band"] == "child"
    assert form.initial["indicators__debt_bondage"] == "no"
    assert "indicators__isolation_confinement_surveillance" not in form.initial  # not ticked
    assert response.context["result"] is None  # the worker checks the answers first
    html = response.content.decode()
    assert "2 answers filled in from your notes" in html
    assert "The guide took their passports." in html  # the notes stay in the textarea


def test_it_ignores_confirmed_paths_the_form_does_not_ask(client: Client) -> None:
    response = client.post(
        URL, {"action": "notes-apply", "confirm": ["elements.means.threat", "nonsense"]}
    )
    assert response.status_code == 200
    assert "0 answers filled in" in response.content.decode()


def test_it_reviews_notes_without_javascript(client: Client) -> None:
    response = client.post(URL, {"notes": NOTES, "action": "notes-suggest"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="confirm" value="indicators.documents_confiscated"' in html
    assert "<mark" in html


def test_it_reports_bad_answers_before_applying_notes(client: Client) -> None:
    response = client.post(URL, {"age": "200", "action": "notes-apply", "confirm": ["child"]})
    assert response.status_code == 422
    assert response.context["form"].errors["age"]


@pytest.mark.django_db
def test_it_stores_and_logs_nothing_of_the_notes(
    client: Client, django_assert_num_queries: DjangoAssertNumQueries, caplog: Any
) -> None:
    caplog.set_level(logging.DEBUG)
    with django_assert_num_queries(0):
        response = client.post(URL, {"notes": NOTES, "action": "notes-apply", "confirm": ["child"]})
    assert "no-store" in response["Cache-Control"]
    assert "transit centre" not in caplog.text
