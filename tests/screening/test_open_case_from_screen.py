"""Open a case from the quick screen: stored only when the worker chooses, never typed twice."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from stepstones.cases.models import Assessment, Case
from stepstones.screening import steps
from tests.personas import Network, build_network, open_case

pytestmark = pytest.mark.django_db

SCREEN = {
    "mode": "steps",
    "asked": "",
    "shown": " ".join(steps.first_step()),
    "age": "16",
    "origin": "Afghanistan",
    "transit": "Iran, Turkey",
    "destination": "North Macedonia",
    "smuggling__paid_to_cross": "yes",
    "triggers__held_by_smugglers": "yes",
    "triggers__forced_work_to_pay_journey": "yes",
}


@pytest.fixture
def net() -> Network:
    return build_network()


def _client(net: Network, who: str) -> Client:
    return net.client(who)


def test_it_offers_to_open_a_case_to_a_case_worker(net: Network) -> None:
    html = _client(net, "nina").post("/screen/", SCREEN).content.decode()
    assert 'id="open-case"' in html
    assert f'formaction="{reverse("screening:to_case")}"' in html


def test_the_choice_page_stores_nothing_and_lists_the_cases_the_worker_may_change(
    net: Network,
) -> None:
    case = open_case(net)
    response = _client(net, "nina").post(reverse("screening:to_case"), SCREEN)
    assert response.status_code == 200
    assert Case.objects.count() == 1 and not Assessment.objects.exists()
    html = response.content.decode()
    assert f'<option value="{case.pk}">{case.person.code} · Syria · ' in html
    assert '<input type="hidden" name="from_screen" value="carry">' in html
    assert '<input type="hidden" name="triggers__held_by_smugglers" value="yes">' in html
    assert response.context["result"]["outcome"] == "possible_victim"


def test_a_new_case_opens_with_the_form_filled_in_and_the_screen_as_first_assessment(
    net: Network,
) -> None:
    client = _client(net, "nina")
    carried = client.post(reverse("cases:new"), {**SCREEN, "from_screen": "carry"})
    assert carried.status_code == 200
    assert not Case.objects.exists()
    form = carried.context["form"]
    assert form.initial["is_child"] is True
    assert form.initial["citizenship"] == ["AF"]
    html = carried.content.decode()
    assert 'value="Afghanistan"' in html  # the code shows as a name
    assert 'name="keep_screen" value="1" checked' in html
    assert '<datalist id="country-names">' in html
    opened = client.post(
        reverse("cases:new"),
        {
            **SCREEN,
            "from_screen": "keep",
            "keep_screen": "1",
            "confirmed": "on",
            "kind": "trafficking",
            "gender": "Masculine",
            "is_child": "on",
            "citizenship": "Afghanistan",
            "summary": "Met at the transit centre.",
        },
    )
    case = Case.objects.get()
    assert opened["Location"] == reverse("cases:case", args=[case.pk])
    assert case.person.citizenship == ["AF"]
    assessment = case.assessments.get()
    assert assessment.outcome == "possible_victim"
    assert assessment.facts["route"] == {
        "origin": "AF",
        "transit": ["IR", "TR"],
        "destination": "MK",
    }
    assert assessment.facts["triggers"] == {
        "held_by_smugglers": "yes",
        "forced_work_to_pay_journey": "yes",
    }
    # The case's own screening starts from these answers.
    page = client.get(reverse("cases:assessment_new", args=[case.pk]))
    assert page.context["form"].initial["triggers__held_by_smugglers"] == "yes"


def test_a_worker_may_open_the_case_without_keeping_the_screen(net: Network) -> None:
    _client(net, "nina").post(
        reverse("cases:new"),
        {
            **SCREEN,
            "from_screen": "keep",
            "kind": "trafficking",
            "gender": "Masculine",
            "summary": "Met at the border.",
            "confirmed": "on",
        },
    )
    assert Case.objects.get().assessments.count() == 0


def test_an_existing_case_gets_its_screening_filled_in_and_stores_only_on_submit(
    net: Network,
) -> None:
    case = open_case(net)
    client = _client(net, "nina")
    response = client.post(reverse("screening:to_case"), {**SCREEN, "case": str(case.pk)})
    assert response.status_code == 200
    assert not Assessment.objects.exists()
    html = response.content.decode()
    assert f'action="{reverse("cases:assessment_new", args=[case.pk])}"' in html
    assert response.context["form"].initial["triggers__held_by_smugglers"] == "yes"
    assert 'value="Afghanistan"' in html
    answers = {k: v for k, v in SCREEN.items() if k not in ("mode", "asked", "shown")}
    stored = client.post(reverse("cases:assessment_new", args=[case.pk]), answers)
    assert stored.status_code == 302
    assert case.assessments.get().facts["route"]["origin"] == "AF"


def test_a_case_of_another_organisation_cannot_be_filled_in(net: Network) -> None:
    case = open_case(net)
    response = _client(net, "petar").post(
        reverse("screening:to_case"), {**SCREEN, "case": str(case.pk)}
    )
    assert response.status_code == 404


def test_the_case_form_names_every_bad_field_at_once_in_words(net: Network) -> None:
    response = _client(net, "nina").post(
        reverse("cases:new"), {"kind": "nonsense", "gender": "Masculine", "citizenship": "Narnia"}
    )
    assert response.status_code == 200
    assert not Case.objects.exists()
    labels = [e["label"] for e in response.context["error_list"]]
    assert labels == [
        "Kind of case",
        "Citizenship",
        "Summary (no names)",
        "I checked these details: open the case",
    ]
    html = response.content.decode()
    assert "We do not know the country “Narnia”." in html
    assert "citizenship:" not in html


def test_the_case_form_reads_citizenship_names(net: Network) -> None:
    _client(net, "nina").post(
        reverse("cases:new"),
        {
            "kind": "trafficking",
            "gender": "Masculine",
            "citizenship": "Afghanistan, Сирија",
            "summary": "Met at the border.",
            "confirmed": "on",
        },
    )
    assert Case.objects.get().person.citizenship == ["AF", "SY"]


def test_the_case_edit_names_a_bad_country_in_words_and_shows_codes_as_names(
    net: Network,
) -> None:
    case = open_case(net)
    client = _client(net, "nina")
    form = client.get(reverse("cases:form", args=[case.pk, "edit"])).content.decode()
    assert 'name="citizenship" value="Syria"' in form
    bad = client.post(
        reverse("cases:edit", args=[case.pk]),
        {"kind": "trafficking", "gender": "Feminine", "citizenship": "Narnia"},
        follow=True,
    )
    assert "Citizenship: We do not know the country “Narnia”." in bad.content.decode()
    case.person.refresh_from_db()
    assert case.person.citizenship == ["SY"]
