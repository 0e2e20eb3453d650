"""The quick screen page: questions by journey stage, a result with reasons, nothing stored."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from pytest_django import DjangoAssertNumQueries

from stepstones.assessment import load_catalogue
from stepstones.screening.forms import ScreeningForm, field_name, initial_from_facts

URL = "/screen/"


def all_answers(value: str) -> dict[str, str]:
    answers = {}
    for _stage, questions in load_catalogue().questions_by_stage():
        for question in questions:
            answers[field_name(question.fact)] = value
    return answers


def test_it_shows_every_question_grouped_by_journey_stage(client: Client) -> None:
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    for stage, questions in load_catalogue().questions_by_stage():
        assert questions, f"stage {stage} has no questions"
        for question in questions:
            assert f'name="{field_name(question.fact)}"' in html


def test_it_suggests_a_possible_victim_when_everything_is_present(client: Client) -> None:
    response = client.post(URL, {"age": "30", **all_answers("yes")})
    assert response.status_code == 200
    assert response.context["result"]["outcome"] == "possible_victim"
    assert b"outcome-possible_victim" in response.content


def test_it_finds_no_indicators_when_every_answer_is_no(client: Client) -> None:
    response = client.post(URL, {"age": "30", **all_answers("no")})
    assert response.context["result"]["outcome"] == "no_indicators"


def test_it_treats_an_unknown_age_with_child_band_as_a_child(client: Client) -> None:
    response = client.post(URL, {"age_band": "child", **all_answers("yes")})
    assert "child" in response.context["result"]["flags"]


def test_it_names_a_bad_age_instead_of_failing(client: Client) -> None:
    response = client.post(URL, {"age": "300"})
    assert response.status_code == 200
    assert response.context["result"] is None
    assert "age" in response.context["form"].errors
    assert "Age, if known" in response.context["error"]


def test_htmx_sees_the_error_in_the_fragment(client: Client) -> None:
    response = client.post(URL, {"age": "-1"}, HTTP_HX_REQUEST="true")
    assert b"Age, if known" in response.content
    assert b'role="alert"' in response.content


@pytest.mark.django_db
def test_it_stores_nothing_and_asks_browsers_not_to_keep_a_copy(
    client: Client, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    with django_assert_num_queries(0):
        response = client.post(URL, {"age": "17", **all_answers("yes")})
    assert "no-store" in response["Cache-Control"]
    assert "sessionid" not in response.cookies


def test_htmx_gets_only_the_result_fragment(client: Client) -> None:
    response = client.post(URL, {"age": "30", **all_answers("yes")}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "<html" not in html
    assert "outcome-possible_victim" in html


@pytest.mark.parametrize(
    "facts",
    [
        {
            "age": 16,
            "route": {
                "origin": "AF",
                "transit": ["TR", "GR"],
                "destination": "MK",
                "irregular_crossing": "yes",
            },
        },
        {"age_band": "adult"},
        {},
    ],
    ids=["child-on-route", "adult-band", "empty"],
)
def test_the_form_round_trips_facts(facts: dict[str, Any]) -> None:
    first = next(q for _s, qs in load_catalogue().questions_by_stage() for q in qs)
    facts = {**facts}
    node = facts
    *parents, leaf = first.fact.split(".")
    for part in parents:
        node = node.setdefault(part, {})
    node[leaf] = "yes"
    form = ScreeningForm(data=initial_from_facts(facts))
    assert form.is_valid(), form.errors
    assert form.to_facts() == facts


def _inputs(html: str) -> list[dict[str, str]]:
    """Return each <input>'s attributes, whatever their order."""
    import re

    return [
        dict(re.findall(r'\s([a-z-]+)(?:="([^"]*)")?', attrs))
        for attrs in re.findall(r"<input([^>]*)>", html)
    ]


@pytest.mark.parametrize(
    "data",
    [None, {"may_be_child": "yes"}, {"may_be_child": "not-an-answer"}],
    ids=["unbound", "answered", "invalid"],
)
def test_the_fast_radio_buttons_are_the_ones_django_draws(data: dict[str, str] | None) -> None:
    from django.template import Context, Template

    from stepstones.screening.forms import ScreeningForm

    form = ScreeningForm(data)
    form.is_valid()
    field = form["may_be_child"]
    ours = Template("{% load screening %}{{ field|radio_answers }}").render(
        Context({"field": field})
    )
    django = "".join(str(radio.tag()) for radio in field)
    assert _inputs(ours) == _inputs(django)
    assert len(_inputs(ours)) == 3
