"""The hotlines are named to the person in the language of their offer (issue 16 §1)."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from stepstones.recruitment import Offer, check_offer

ARABIC = "مطلوب عمال للعمل في تركيا براتب 1500 دولار مع سكن مجاني. أرسل صورة جواز السفر على واتساب."
FRENCH = (
    "Travail dans un salon en Allemagne, 2000 euros par mois, logement gratuit. "
    "Envoyez une copie de votre passeport sur WhatsApp."
)
ARABIC_LETTER = re.compile(r"[\u0600-\u06FF]")


def test_an_arabic_offer_gets_its_hotlines_named_in_arabic() -> None:
    check = check_offer(Offer(ARABIC))
    assert check.language == "ar" and check.hotlines
    for hotline in check.hotlines:
        assert ARABIC_LETTER.search(hotline.name_local), hotline.id
        assert hotline.number in hotline.name_local or hotline.number not in hotline.name


def test_a_french_offer_gets_french_and_an_english_one_nothing_more() -> None:
    french = check_offer(Offer(FRENCH))
    assert french.language == "fr"
    assert all(h.name_local and not ARABIC_LETTER.search(h.name_local) for h in french.hotlines)
    english = check_offer(Offer("Waitress job in Germany, 2000 EUR a month. Send passport copy."))
    assert all(h.name_local == "" for h in english.hotlines)


@pytest.mark.django_db
def test_the_page_and_the_api_show_the_local_name_right_to_left(client: Client) -> None:
    page = client.post("/offers/", {"text": ARABIC}).content.decode()
    assert re.search(r'<span lang="ar" dir="rtl" class="in-language">[^<]*\u0631', page)
    answer = client.post("/api/v1/offers/check", {"text": ARABIC}, content_type="application/json")
    assert answer.status_code == 200
    assert all(ARABIC_LETTER.search(h["name_local"]) for h in answer.json()["hotlines"])
