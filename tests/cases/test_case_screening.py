"""The screening inside a case: pre-filled from the last assessment, stored exactly as it was."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from stepstones.cases.models import Assessment
from stepstones.screening.forms import ScreeningForm, field_name
from tests.personas import Network, build_network, open_case

pytestmark = pytest.mark.django_db


def _all_yes() -> dict[str, str]:
    form = ScreeningForm()
    answers = {name: "yes" for name in form.questions}
    return {**answers, "age": "24"}


def test_it_stores_the_facts_the_result_and_the_catalogue_version() -> None:
    net: Network = build_network()
    case = open_case(net)
    client = Client()
    client.force_login(net.nina.user)
    url = reverse("cases:assessment_new", args=[case.pk])
    response = client.post(url, _all_yes())
    assessment = Assessment.objects.get()
    assert response["Location"] == reverse("cases:assessment", args=[assessment.pk])
    assert assessment.facts["age"] == 24
    assert assessment.catalogue_version
    assert assessment.result["outcome"] == assessment.outcome == "possible_victim"
    page = client.get(response["Location"]).content.decode()
    assert assessment.catalogue_version in page and "possible_victim" in page


def test_it_prefills_the_screening_from_the_last_assessment() -> None:
    net: Network = build_network()
    case = open_case(net)
    client = Client()
    client.force_login(net.nina.user)
    url = reverse("cases:assessment_new", args=[case.pk])
    answers = _all_yes()
    client.post(url, answers)
    form = client.get(url).context["form"]
    question = next(iter(form.questions))
    assert form.initial[question] == "yes"
    assert form.initial["age"] == 24
    assert field_name("indicators.x") == "indicators__x"


NOTES = (
    "Met A. (F, 17) at the transit centre. The guide took their passports. "
    "She was kept in a flat and not allowed to leave."
)


def test_it_fills_the_case_screening_from_notes_without_storing_them() -> None:
    net: Network = build_network()
    case = open_case(net)
    client = Client()
    client.force_login(net.nina.user)
    url = reverse("cases:assessment_new", args=[case.pk])
    assert 'id="notes-assistant"' in client.get(url).content.decode()
    review = client.post(url, {"notes": NOTES, "action": "notes-suggest", "scope": "questions"})
    assert 'value="indicators.documents_confiscated"' in review.content.decode()
    applied = client.post(
        url,
        {
            "notes": NOTES,
            "action": "notes-apply",
            "confirm": ["indicators.documents_confiscated", "child"],
            "indicators__debt_bondage": "no",
        },
    )
    form = applied.context["form"]
    assert form.initial["indicators__documents_confiscated"] == "yes"
    assert form.initial["indicators__debt_bondage"] == "no"
    assert not Assessment.objects.exists()  # nothing stored until the worker submits
    from stepstones.audit.models import AuditEvent

    assert "passports" not in str(list(AuditEvent.objects.values_list("details", flat=True)))


def _stored(net: Network) -> Assessment:
    case = open_case(net)
    client = net.client("nina")
    client.post(
        reverse("cases:assessment_new", args=[case.pk]),
        {"age": "16", "origin": "Nepal", "indicators__debt_bondage": "yes"},
    )
    return Assessment.objects.get()


def test_a_stored_assessment_reads_in_the_readers_language_with_the_answers_in_words() -> None:
    net: Network = build_network()
    assessment = _stored(net)
    client = net.client("nina")
    client.cookies["django_language"] = "mk"
    page = client.get(reverse("cases:assessment", args=[assessment.pk])).content.decode()
    assert "Непал" in page  # the country named, not coded
    assert "earlier version" not in page and "претходна верзија" not in page
    # Words, not the stored record's machine paths or values.
    for machine in ("indicators.debt_bondage", "debt_bondage", '"age"', "NP"):
        assert machine not in page.split("</head>", 1)[1].replace('class="', ""), machine
    english = Client()
    english.force_login(net.nina.user)
    page = english.get(reverse("cases:assessment", args=[assessment.pk])).content.decode()
    assert "Debt bondage" in page


def test_an_assessment_made_with_another_catalogue_is_shown_as_stored_and_says_so() -> None:
    net: Network = build_network()
    assessment = _stored(net)
    old = dict(assessment.result)
    old["outcome_label"] = "An outcome worded as an earlier catalogue worded it"
    Assessment.objects.filter(pk=assessment.pk).update(result=old)
    client = net.client("nina")
    client.cookies["django_language"] = "mk"
    page = client.get(reverse("cases:assessment", args=[assessment.pk])).content.decode()
    assert "претходна верзија на каталогот" in page
