"""Opening a case asks for what a case needs and a confirmation; a summary is checked for names."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from stepstones.cases.models import Case
from tests.personas import Network, build_network, open_case

pytestmark = pytest.mark.django_db

FILLED = {
    "kind": "trafficking",
    "gender": "Masculine",
    "citizenship": "Afghanistan",
    "summary": "Met at the transit centre; job promised in a restaurant.",
    "confirmed": "on",
}


@pytest.fixture
def net() -> Network:
    return build_network()


def _post(net: Network, data: dict[str, Any]) -> Any:
    client = Client()
    client.force_login(net.nina.user)
    return client.post(reverse("cases:new"), data)


def _error_beside(html: str, field: str, message: str) -> bool:
    """Return whether `message` is drawn in the same field block as the input `field`."""
    for block in re.split(r"<div(?=[ >])", html):
        if f'name="{field}"' in block and message in block:
            return True
    return False


def test_the_new_case_form_asks_for_a_confirmation(net: Network) -> None:
    client = Client()
    client.force_login(net.nina.user)
    html = client.get(reverse("cases:new")).content.decode()
    assert 'name="confirmed"' in html
    assert "I checked these details: open the case" in html
    # The "keep the summary" tick waits for a warning.
    assert 'type="checkbox" name="keep_summary"' not in html


def test_an_empty_submit_opens_no_case_and_names_every_missing_field(net: Network) -> None:
    # What a browser sends for the untouched form: the selects' first options, empty texts.
    untouched = {
        "kind": "",
        "gender": "NonSpecifiedUnknown",
        "citizenship": "",
        "primary_language": "",
        "summary": "",
    }
    response = _post(net, untouched)
    assert response.status_code == 200
    assert not Case.objects.exists()
    html = response.content.decode()
    assert _error_beside(html, "kind", "Choose the kind of case.")
    assert _error_beside(html, "summary", "Say in a few words what happened (without names).")
    assert _error_beside(
        html, "confirmed", "Tick this box to confirm the details before the case is opened."
    )
    labels = [e["label"] for e in response.context["error_list"]]
    assert labels == [
        "Kind of case",
        "Summary (no names)",
        "I checked these details: open the case",
    ]


def test_a_half_filled_submit_opens_no_case(net: Network) -> None:
    data = {**FILLED}
    del data["confirmed"]
    response = _post(net, data)
    assert not Case.objects.exists()
    assert _error_beside(
        response.content.decode(),
        "confirmed",
        "Tick this box to confirm the details before the case is opened.",
    )


def test_a_filled_and_confirmed_form_opens_one_case(net: Network) -> None:
    response = _post(net, FILLED)
    case = Case.objects.get()
    assert response["Location"] == reverse("cases:case", args=[case.pk])
    assert case.person.citizenship == ["AF"]


def test_a_summary_with_a_name_is_sent_back_with_a_warning_beside_it(net: Network) -> None:
    response = _post(net, {**FILLED, "summary": "Ahmad paid the smuggler +389 70 123 456."})
    assert not Case.objects.exists()
    html = response.content.decode()
    assert _error_beside(html, "summary", "“Ahmad” looks like a person&#x27;s name.")
    assert _error_beside(html, "summary", "“+389 70 123 456” looks like a phone number.")
    assert 'type="checkbox" name="keep_summary"' in html
    assert "Keep the summary as written: it does not identify the person" in html


def test_the_worker_may_keep_a_flagged_summary_after_the_warning(net: Network) -> None:
    _post(net, {**FILLED, "summary": "Met Ahmad at the station.", "keep_summary": "on"})
    assert Case.objects.get().summary == "Met Ahmad at the station."


def test_editing_a_case_needs_no_confirmation(net: Network) -> None:
    case = open_case(net)
    client = Client()
    client.force_login(net.nina.user)
    response = client.post(
        reverse("cases:edit", args=[case.pk]),
        {"kind": "smuggling_protection", "gender": "Feminine", "summary": "Changed."},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.kind == "smuggling_protection"
    assert case.summary == "Changed."


def test_the_edit_form_warns_about_a_name_too(net: Network) -> None:
    case = open_case(net)
    client = Client()
    client.force_login(net.nina.user)
    client.post(
        reverse("cases:edit", args=[case.pk]),
        {"kind": "trafficking", "gender": "Feminine", "summary": "Yusuf took her passport."},
    )
    case.refresh_from_db()
    assert case.summary == "Met at the border; job promised in a restaurant."
    form = client.get(reverse("cases:form", args=[case.pk, "edit"])).content.decode()
    assert 'type="checkbox" name="keep_summary"' in form
    assert 'name="confirmed"' not in form
