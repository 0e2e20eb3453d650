"""Referral packets, letters and the receiver's answer card, as people read them."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape

import pytest
from django.test import Client
from django.urls import reverse

from stepstones.cases import actions as case_actions
from stepstones.cases.models import Case
from stepstones.referrals.models import Referral
from tests.personas import Network, build_network, refer

pytestmark = pytest.mark.django_db

FIELDS = ("citizenship", "primary_language", "age_group", "last_assessment", "kind", "stage")


@pytest.fixture
def net() -> Network:
    return build_network()


def _client(net: Network, who: str) -> Client:
    return net.client(who)


def _case(net: Network) -> Case:
    case = case_actions.open_case(
        by=net.nina,
        kind="smuggling_protection",
        citizenship=["AF"],
        primary_language="ps",
        summary="Crossed with a smuggler.",
    )
    case_actions.record_assessment(
        case,
        facts={},
        result={},
        catalogue_version="2026.11.27-1",
        outcome="possible_victim",
        by=net.nina,
    )
    return case


def _packet_cells(html: str) -> dict[str, str]:
    packet = html.split('<div class="packet">', 1)[1].split("</div>", 1)[0]
    pairs = re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", packet, flags=re.S)
    return {" ".join(unescape(re.sub(r"<[^>]+>", " ", k)).split()): unescape(v) for k, v in pairs}


def _referral(net: Network) -> Referral:
    return refer(net, _case(net), net.social, fields=FIELDS)


def _check_words(cells: dict[str, str]) -> None:
    assert cells["Citizenship"] == "Afghanistan"
    assert cells["Primary language"] == "Pashto"
    assert cells["Age group"] == "Not marked as under 18"
    assert cells["Last assessment"].startswith(
        "possible victim of trafficking: refer for identification ("
    )
    assert "possible_victim" not in " ".join(cells.values())
    assert "smuggling_protection" not in " ".join(cells.values())


def test_the_receiver_reads_the_packet_in_words(net: Network) -> None:
    referral = _referral(net)
    html = _client(net, "sara").get(reverse("referrals:referral", args=[referral.pk]))
    _check_words(_packet_cells(html.content.decode()))


def test_the_letter_reads_in_words(net: Network) -> None:
    referral = _referral(net)
    html = _client(net, "sara").get(reverse("referrals:letter", args=[referral.pk]))
    _check_words(_packet_cells(html.content.decode()))


def test_the_preview_reads_in_words(net: Network) -> None:
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
    response = _client(net, "nina").post(
        reverse("referrals:new", args=[case.pk]),
        {
            "to_org": net.social.pk,
            "kind": "service",
            "purpose": "assistance",
            "service": "shelter",
            "urgency": "normal",
            "reason": "AdditionalServicesRequired",
            "share": list(FIELDS),
            "preview": "1",
        },
    )
    html = response.content.decode()
    assert "Preview: exactly what the receiver will see" in html, html[:3000]
    _check_words(_packet_cells(html))


def test_accept_and_decline_each_have_their_own_block_and_note(net: Network) -> None:
    referral = _referral(net)
    html = _client(net, "sara").get(reverse("referrals:referral", args=[referral.pk]))
    text = html.content.decode()
    accept, decline = text.split('<section class="answer-decline"', 1)
    accept = accept.split('<section class="answer-accept"', 1)[1]
    assert "<h3" in accept and "Accept the referral" in accept
    assert "Note to the sender with your acceptance" in accept
    assert "Reason for declining" not in accept
    assert "Decline the referral" in decline
    assert "Reason for declining" in decline
    assert "Note to the sender with your acceptance" not in decline
    # No two boxes share an id or a bare "Note:" label.
    assert len(re.findall(r'id="accept-note"', text)) == 1
    assert len(re.findall(r'id="decline-note"', text)) == 1
    assert ">Note:<" not in text


def test_the_decline_block_still_declines_with_its_reason_and_note(net: Network) -> None:
    referral = _referral(net)
    response = _client(net, "sara").post(
        reverse("referrals:decline", args=[referral.pk]),
        {"reason": "no_capacity", "note": "Full until Monday."},
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.status == "declined"
    assert referral.decline_reason == "no_capacity"
    assert referral.response_note == "Full until Monday."
