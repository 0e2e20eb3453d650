"""Journeys in the workers' and the people's languages, in a real phone-sized browser.

Each saves a screenshot of its final page under var/screenshots/ (a test artefact, never
committed): a quick screen in Macedonian to its result and reasons, with the questions shown to
the person in Pashto; a job offer checked in Albanian and one in Arabic (right to left).
"""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import Select, WebDriverWait

from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser

ALBANIAN_OFFER = (
    "Punë në Gjermani si kamariere, 2000 euro në muaj, bileta falas. Dërgoni kopjen e "
    "pasaportës në WhatsApp për të rezervuar vendin."
)
ARABIC_OFFER = (
    "مطلوب عمال للعمل في تركيا براتب 1500 دولار مع سكن مجاني. أرسل صورة جواز السفر على واتساب."
)


def _in(browser: webdriver.Chrome, base: str, language: str) -> None:
    browser.delete_all_cookies()
    browser.get(base + "/")
    browser.add_cookie({"name": settings.LANGUAGE_COOKIE_NAME, "value": language})


def _fits(browser: webdriver.Chrome) -> bool:
    return bool(
        browser.execute_script(
            "return document.documentElement.scrollWidth <= document.documentElement.clientWidth"
        )
    )


def test_a_quick_screen_in_macedonian_with_the_questions_in_pashto(
    browser: webdriver.Chrome, live_server: Any
) -> None:
    _in(browser, live_server.url, "mk")
    browser.get(live_server.url + "/screen/?person_language=ps")
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "mk"
    pashto = browser.find_elements(By.CSS_SELECTOR, 'p.in-language[lang="ps"][dir="rtl"]')
    assert pashto and all(p.text for p in pashto)
    browser.find_element(By.NAME, "age").send_keys("16")
    browser.execute_script(
        "document.querySelector('input[name=smuggling__paid_to_cross][value=yes]').click()"
    )
    browser.find_element(By.CSS_SELECTOR, 'button[name="action"][value="next"]').click()
    outcome = WebDriverWait(browser, 10).until(
        ec.visibility_of_element_located((By.CSS_SELECTOR, "#result .outcome"))
    )
    assert outcome.text
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "mk"
    # The person's language stays chosen on the next step.
    chosen = Select(browser.find_element(By.NAME, "person_language")).first_selected_option
    assert chosen.get_attribute("value") == "ps"
    assert _fits(browser)
    screenshot(browser, "quick-screen-mk-ps")


@pytest.mark.parametrize(
    ("language", "offer", "direction"),
    [("sq", ALBANIAN_OFFER, "ltr"), ("en", ARABIC_OFFER, "rtl")],
    ids=["albanian-page", "arabic-offer"],
)
def test_a_job_offer_in_the_persons_language(
    browser: webdriver.Chrome, live_server: Any, language: str, offer: str, direction: str
) -> None:
    _in(browser, live_server.url, language)
    browser.get(live_server.url + "/offers/")
    browser.find_element(By.NAME, "text").send_keys(offer)
    browser.find_element(By.ID, "check-button").click()
    result = WebDriverWait(browser, 15).until(
        ec.presence_of_element_located((By.CSS_SELECTOR, "#result .offer-level"))
    )
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == language
    # The passport request is the strongest warning, in any language.
    assert "level-high" in (result.get_attribute("class") or "") or browser.find_elements(
        By.CSS_SELECTOR, "#result .level-high"
    )
    local = browser.find_elements(By.CSS_SELECTOR, "#result .in-language")
    assert local and {p.get_attribute("dir") for p in local} == {direction}
    assert _fits(browser)
    screenshot(browser, f"offer-{language}-{direction}")
    browser.get("about:blank")
