"""Hotlines: only verified numbers reach a person, the job's and the seeker's country first."""

from __future__ import annotations

import pytest

from stepstones.recruitment import Offer, check_offer, hotlines_for
from stepstones.recruitment.catalogue import catalogue

UNVERIFIED = {h["number"] for h in catalogue().hotlines if not h["verified"]}
OFFERS = [
    Offer("Work in Serbia, call us."),
    Offer("Travail en Italie.", job_country="IT", seeker_country="AL"),
    Offer("Пасош ќе го чуваме.", job_country="MK", seeker_country="MK"),
    Offer("عمل في تركيا", job_country="TR", seeker_country="UA"),
    Offer("Anything at all."),
]


@pytest.mark.parametrize("offer", OFFERS, ids=[o.text[:12] for o in OFFERS])
def test_it_never_shows_a_number_nobody_verified(offer: Offer) -> None:
    hotlines = check_offer(offer).hotlines
    assert hotlines, "the emergency number at least"
    for hotline in hotlines:
        assert hotline.verified and hotline.number not in UNVERIFIED, hotline.id
        assert hotline.source_url and hotline.checked


def test_it_offers_the_job_country_first_then_the_seeker_country() -> None:
    lines = hotlines_for("fr", Offer("x", job_country="IT", seeker_country="RS"))
    assert [(h.id, h.role) for h in lines[:2]] == [
        ("it-antitratta", "job_country"),
        ("rs-astra", "seeker_country"),
    ]
    assert lines[-1].id == "eu-112" and lines[-1].role == "general"


def test_it_offers_the_line_that_speaks_the_offer_language_when_countries_are_unknown() -> None:
    lines = hotlines_for("ps", Offer("x"))
    assert lines[0].id == "tr-yimer" and lines[0].role == "language"


def test_each_hotline_says_which_country_it_is_for() -> None:
    for hotline in hotlines_for("en", Offer("x", job_country="DE", seeker_country="TR")):
        assert hotline.countries
