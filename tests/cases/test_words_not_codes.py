"""The case page shows words, not stored codes: countries, languages, statuses, age groups."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from stepstones.cases import actions as case_actions
from stepstones.cases.models import Case
from tests.personas import Network, build_network

pytestmark = pytest.mark.django_db

CODES = {"AF", "PK", "ps", "fa", "possible_victim", "smuggling_protection", "oral", "Masculine"}


@pytest.fixture
def net() -> Network:
    return build_network()


def _case(net: Network, **extra: object) -> Case:
    fields: dict[str, object] = {
        "kind": "smuggling_protection",
        "gender": "Masculine",
        "citizenship": ["AF", "PK"],
        "primary_language": "ps",
        "summary": "Crossed with a smuggler; paid in advance.",
    }
    fields.update(extra)
    return case_actions.open_case(by=net.nina, **fields)  # type: ignore[arg-type]


def _page(net: Network, case: Case, language: str = "en") -> str:
    client = Client()
    client.force_login(net.nina.user)
    with translation.override(language):
        response = client.get(reverse("cases:case", args=[case.pk]), HTTP_ACCEPT_LANGUAGE=language)
    return response.content.decode()


def _cells(html: str) -> dict[str, str]:
    """Return the page's facts as label -> text (tags stripped)."""
    pairs = re.findall(r"<dt>(.*?)</dt>\s*<dd>(.*?)</dd>", html, flags=re.S)
    return {
        unescape(re.sub(r"<[^>]+>", " ", dt_)).strip(): " ".join(
            unescape(re.sub(r"<[^>]+>", " ", dd)).split()
        )
        for dt_, dd in pairs
    }


def test_it_names_countries_and_languages_in_words(net: Network) -> None:
    cells = _cells(_page(net, _case(net)))
    assert cells["Citizenship"] == "Afghanistan, Pakistan"
    assert cells["Primary language"] == "Pashto"
    assert cells["Gender"] == "Masculine"  # HTCDS's word is also its label
    for label, text in cells.items():
        for word in re.split(r"[,;()\s]+", text):
            assert word not in CODES - {"Masculine"}, (label, text)


def test_it_shows_consent_languages_in_words(net: Network) -> None:
    case = _case(net)
    case_actions.record_consent(
        case,
        purpose="assistance",
        recipient=net.social,
        given_on=dt.date(2026, 1, 1),
        language="ps",
        how_given="oral",
        by=net.nina,
    )
    html = _page(net, case)
    assert "Oral (Pashto)" in html
    assert "(ps)" not in html


def test_a_smuggling_case_without_a_decision_is_not_called_a_possible_victim(
    net: Network,
) -> None:
    cells = _cells(_page(net, _case(net)))
    assert cells["Trafficking status"] == "No identification decision"
    assert "Possible victim" not in cells["Trafficking status"]


def test_the_status_line_shows_the_last_screening_in_words(net: Network) -> None:
    case = _case(net)
    case_actions.record_assessment(
        case,
        facts={},
        result={},
        catalogue_version="v1",
        outcome="smuggling",
        by=net.nina,
    )
    status = _cells(_page(net, case))["Trafficking status"]
    assert status.startswith("No identification decision")
    assert "smuggling of migrants" in status


def test_no_age_given_is_not_shown_as_adult(net: Network) -> None:
    cells = _cells(_page(net, _case(net)))
    assert cells["Age group"] == "Not marked as under 18"
    child = _cells(_page(net, _case(net, is_child=True)))
    assert child["Age group"] == "Child (under 18)"


def test_country_names_follow_the_interface_language(net: Network) -> None:
    cells = _cells(_page(net, _case(net), language="mk"))
    assert any("Авганистан" in text for text in cells.values()), cells
