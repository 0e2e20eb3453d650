"""The quick screen: the deciding questions first, then step by step; nothing stored."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from pytest_django import DjangoAssertNumQueries

from stepstones.assessment import assess, load_catalogue, parse_facts
from stepstones.screening import steps
from stepstones.screening.forms import ScreeningForm, field_name, initial_from_facts
from stepstones.screening.views import field_for_path

URL = "/screen/"
# At a transit centre: an adult who paid smugglers; nothing else known yet.
SMUGGLED = {
    "age": "24",
    "origin": "Afghanistan",
    "transit": "Iran, Turkey, Bulgaria",
    "destination": "North Macedonia",
    "smuggling__paid_to_cross": "yes",
}
# The same person, then held and made to work off the journey.
TYPICAL = {
    **SMUGGLED,
    "triggers__journey_debt_worked_off": "yes",
    "triggers__held_by_smugglers": "yes",
    "triggers__forced_work_to_pay_journey": "yes",
}


def all_answers(value: str) -> dict[str, str]:
    answers = {}
    for _stage, questions in load_catalogue().questions_by_stage():
        for question in questions:
            answers[field_name(question.fact)] = value
    return answers


def visible_names(html: str) -> set[str]:
    """Return the names of the fields a person can answer on the page (not hidden ones)."""
    names = set(re.findall(r'<input type="radio" name="([^"]+)"', html))
    names |= set(re.findall(r'<input type="(?:text|number)" name="([^"]+)"', html))
    names |= set(re.findall(r'<select name="([^"]+)"', html))
    return names - {"notes", "language"}


def questions_on(html: str) -> int:
    return html.count("data-question")


def first_step_post(**answers: str) -> dict[str, str]:
    return {"mode": "steps", "shown": " ".join(steps.first_step()), "asked": "", **answers}


def test_the_first_step_asks_at_most_ten_questions_that_decide_the_most(client: Client) -> None:
    html = client.get(URL).content.decode()
    assert questions_on(html) <= 10
    names = visible_names(html)
    assert {"age", "age_band", "origin", "transit", "destination"} <= names
    assert "smuggling__paid_to_cross" in names
    top = assess(parse_facts({})).ask_next[0].question.fact
    assert field_name(top) in names
    assert len(names) < 20


def test_every_question_is_one_click_away(client: Client) -> None:
    html = client.get(URL, {"mode": "all"}).content.decode()
    for _stage, questions in load_catalogue().questions_by_stage():
        for question in questions:
            assert f'name="{field_name(question.fact)}"' in html
    step = client.get(URL).content.decode()
    assert 'name="action" value="all"' in step


def test_the_full_list_keeps_the_answers_given_so_far(client: Client) -> None:
    response = client.post(URL, {**first_step_post(**TYPICAL), "action": "all"})
    html = response.content.decode()
    assert response.context["mode"] == "all"
    assert (
        'name="triggers__held_by_smugglers" value="yes" id="id_triggers__held_by_smugglers_1"'
        " checked" in html
    )
    assert response.context["result"]["outcome"] == "possible_victim"


def test_the_first_step_can_be_enough(client: Client) -> None:
    response = client.post(URL, first_step_post(**TYPICAL))
    assert response.status_code == 200
    result = response.context["result"]
    assert result["outcome"] == "possible_victim"
    assert "smuggled_then_trafficked" in result["flags"]
    assert response.context["shown"] == ""
    assert "No other question could change this result now" in response.content.decode()


def test_the_next_step_follows_from_the_answers_with_the_result_above(client: Client) -> None:
    response = client.post(URL, first_step_post(**SMUGGLED))
    assert response.status_code == 200
    context = response.context
    assert context["result"]["outcome"] == "smuggling"
    shown = context["shown"].split()
    facts = ScreeningForm(SMUGGLED)
    assert facts.is_valid()
    ranked = [field_name(q.question.fact) for q in assess(parse_facts(facts.to_facts())).ask_next]
    expected = [n for n in ranked if n not in steps.first_step()][: steps.NEXT_STEP_QUESTIONS]
    assert len(shown) == steps.NEXT_STEP_QUESTIONS
    assert shown == expected
    html = response.content.decode()
    # The earlier answers ride along hidden; the questions already asked are listed.
    assert '<input type="hidden" name="smuggling__paid_to_cross" value="yes">' in html
    assert '<input type="hidden" name="origin" value="Afghanistan">' in html
    assert set(context["asked"].split()) == set(steps.first_step())
    # Besides the person's-language control, which every step shows.
    assert visible_names(html) - {"person_language"} == set(expected)
    assert context["step"] == 2
    assert 'class="outcome outcome-smuggling"' in html


def test_a_dont_know_is_not_asked_again(client: Client) -> None:
    data: dict[str, str] = first_step_post(**SMUGGLED)
    seen: list[str] = list(steps.first_step())
    for _round in range(4):
        response = client.post(URL, data)
        shown = response.context["shown"].split()
        assert not set(shown) & set(seen), "a question came back"
        if not shown:
            break
        seen += shown
        data = {**data, "asked": response.context["asked"], "shown": " ".join(shown)}


def test_the_steps_end_even_when_nothing_more_is_known(client: Client) -> None:
    response = client.get(URL)
    data: dict[str, Any] = {"mode": "steps", "asked": "", "shown": response.context["shown"]}
    data.update(SMUGGLED)
    pages, questions = 1, questions_on(response.content.decode())
    while True:
        response = client.post(URL, data)
        pages += 1
        if not response.context["shown"]:
            break
        assert response.context["question_count"] <= steps.NEXT_STEP_QUESTIONS
        questions += response.context["question_count"]
        data = {
            "mode": "steps",
            "asked": response.context["asked"],
            "shown": response.context["shown"],
            **{k: v for k, v in data.items() if k not in ("mode", "asked", "shown")},
        }
        assert pages < 20
    assert response.context["result"]["outcome"] == "smuggling"
    # When every later answer is "don't know", the steps still end, each question asked once.
    assert questions < len(ScreeningForm().fields)
    assert "No other question could change this result now" in response.content.decode()


def test_it_suggests_a_possible_victim_when_everything_is_present(client: Client) -> None:
    response = client.post(URL, {"mode": "all", "age": "30", **all_answers("yes")})
    assert response.status_code == 200
    assert response.context["result"]["outcome"] == "possible_victim"
    assert b"outcome-possible_victim" in response.content


def test_it_finds_no_indicators_when_every_answer_is_no(client: Client) -> None:
    response = client.post(URL, {"mode": "all", "age": "30", **all_answers("no")})
    assert response.context["result"]["outcome"] == "no_indicators"


def test_it_treats_an_unknown_age_with_child_band_as_a_child(client: Client) -> None:
    response = client.post(URL, {"mode": "all", "age_band": "child", **all_answers("yes")})
    assert "child" in response.context["result"]["flags"]


def test_it_reads_country_names_in_any_interface_language(client: Client) -> None:
    response = client.post(
        URL,
        first_step_post(
            origin="Авганистан", transit="Turkey, Турција, Greqia", destination="makedonija"
        ),
    )
    assert response.context["result"] is not None
    form = response.context["form"]
    assert form.to_facts()["route"] == {
        "origin": "AF",
        "transit": ["TR", "GR"],
        "destination": "MK",
    }


def test_it_shows_every_error_beside_its_field_at_once_in_words(client: Client) -> None:
    response = client.post(
        URL, first_step_post(age="300", origin="Tunrkey", transit="Turkey, Narnia")
    )
    assert response.status_code == 200
    assert response.context["result"] is None
    html = response.content.decode()
    errors = response.context["error_list"]
    assert [e["label"] for e in errors] == [
        "Age, if known",
        "Country of origin",
        "Countries passed through",
    ]
    assert "We do not know the country “Narnia”." in html
    assert "We do not know the country “Tunrkey”. Did you mean Türkiye?" in html
    assert "route." not in html and "[0]" not in html
    # Beside each field: the error sits inside the field's own block.
    transit = html[html.index('id="q-transit"') :]
    assert transit.index("Narnia") < transit.index('name="transit"')
    # The same step comes back, with what was typed kept.
    assert set(response.context["shown"].split()) == set(steps.first_step())
    assert 'value="Turkey, Narnia"' in html


def test_an_error_in_a_carried_answer_shows_its_question(client: Client) -> None:
    data = first_step_post(**TYPICAL)
    data["shown"] = "indicators__debt_bondage"
    data["asked"] = " ".join(steps.first_step())
    data["triggers__sold_or_handed_over"] = "perhaps"
    response = client.post(URL, data)
    shown = response.context["shown"].split()
    assert shown == ["indicators__debt_bondage", "triggers__sold_or_handed_over"]
    assert "triggers__sold_or_handed_over" in visible_names(response.content.decode())


def test_the_country_list_is_in_the_interface_language(client: Client) -> None:
    html = client.get(URL, HTTP_ACCEPT_LANGUAGE="mk").content.decode()
    assert '<datalist id="country-names">' in html
    assert '<option value="Турција">' in html
    assert 'list="country-names"' in html
    english = client.get(URL, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<option value="Türkiye">' in english


@pytest.mark.parametrize(
    ("path", "field"),
    [
        ("route.transit[0]", "transit"),
        ("route.origin", "origin"),
        ("route.irregular_crossing", "route__irregular_crossing"),
        ("indicators.debt_bondage", "indicators__debt_bondage"),
        ("age", "age"),
    ],
)
def test_a_fact_path_maps_to_its_field(path: str, field: str) -> None:
    assert field_for_path(path) == field


@pytest.mark.django_db
def test_it_stores_nothing_and_asks_browsers_not_to_keep_a_copy(
    client: Client, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    with django_assert_num_queries(0):
        response = client.post(URL, first_step_post(**TYPICAL))
        client.post(URL, {"mode": "all", "age": "17", **all_answers("yes")})
    assert "no-store" in response["Cache-Control"]
    assert "sessionid" not in response.cookies


def test_it_offers_to_open_a_case_only_to_those_who_may(client: Client) -> None:
    response = client.post(URL, first_step_post(**TYPICAL))
    assert 'id="open-case"' not in response.content.decode()


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


def test_codes_show_as_names_in_the_form() -> None:
    form = ScreeningForm(initial=initial_from_facts({"route": {"transit": ["TR", "GR"]}}))
    assert 'value="Türkiye, Greece"' in str(form["transit"])


def _inputs(html: str) -> list[dict[str, str]]:
    """Return each <input>'s attributes, whatever their order."""
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

    form = ScreeningForm(data)
    form.is_valid()
    field = form["may_be_child"]
    ours = Template("{% load screening %}{{ field|radio_answers }}").render(
        Context({"field": field})
    )
    django = "".join(str(radio.tag()) for radio in field)
    assert _inputs(ours) == _inputs(django)
    assert len(_inputs(ours)) == 3


def test_the_questions_speak_the_language_of_each_request() -> None:
    """The question words are kept per language: one language's never leak into another's."""
    from django.utils import translation

    from stepstones.screening.forms import ScreeningForm

    with translation.override("en"):
        english = {name: str(field.label) for name, field in ScreeningForm().fields.items()}
    with translation.override("mk"):
        macedonian = {name: str(field.label) for name, field in ScreeningForm().fields.items()}
    with translation.override("en"):
        again = {name: str(field.label) for name, field in ScreeningForm().fields.items()}
    assert english == again
    questions = [name for name in english if "__" in name]
    assert len(questions) > 50
    assert all(english[name] != macedonian[name] for name in questions)
