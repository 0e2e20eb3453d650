from __future__ import annotations

from typing import Any

import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from stepstones.audit.models import AuditEvent
from stepstones.offers.models import ReportedOffer
from tests.browser.conftest import pass_second_factor
from tests.personas import PASSWORD, build_network

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OFFER = (
    "Потребни млади девојки 18-25 години за хостеси во Германија. Пасошот ќе го чуваме ние. "
    "Регистрациска такса 200 евра однапред. Viber 071 234 567."
)


def test_a_job_seeker_checks_an_offer_on_a_phone(
    browser: webdriver.Chrome, live_server: Any
) -> None:
    browser.get(live_server.url + "/offers/")
    browser.find_element(By.NAME, "text").send_keys(OFFER)
    browser.find_element(By.ID, "check-button").click()
    result = WebDriverWait(browser, 15).until(
        EC.presence_of_element_located((By.CSS_SELECTOR, "#result .offer-level"))
    )
    assert "High risk" in result.text
    marks = [m.text for m in browser.find_elements(By.CSS_SELECTOR, ".offer-text mark")]
    assert "Пасошот" in marks
    # Colour is not the only carrier of the severity (WCAG 1.4.1): each severity of the marks
    # and of the risk level also has its own line style or words.
    styles = browser.execute_script(
        "return [...document.querySelectorAll('.offer-text mark')].map((m) => [m.className,"
        " getComputedStyle(m).textDecorationLine + ' ' + getComputedStyle(m).textDecorationStyle])"
    )
    by_severity = {cls: style for cls, style in styles}
    assert len(set(by_severity.values())) == len(by_severity) > 1, by_severity
    labels = [s.text for s in browser.find_elements(By.CSS_SELECTOR, ".flags .sev-label")]
    assert labels and all(labels)
    overflow = browser.execute_script(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    # Leave the page before the test ends, so no late request (favicon, keep-alive) reaches the
    # live server after its database connection is handed back.
    browser.get("about:blank")


def _login(browser: webdriver.Chrome, base: str, username: str) -> None:
    browser.delete_all_cookies()
    browser.get(base + "/accounts/login/")
    browser.find_element(By.NAME, "username").send_keys(username)
    browser.find_element(By.NAME, "password").send_keys(PASSWORD)
    browser.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    pass_second_factor(browser, username)


def _check(browser: webdriver.Chrome, base: str) -> None:
    browser.get(base + "/offers/")
    browser.find_element(By.NAME, "text").send_keys(OFFER)
    browser.find_element(By.ID, "check-button").click()
    WebDriverWait(browser, 15).until(
        EC.presence_of_element_located((By.CSS_SELECTOR, "#result .offer-level"))
    )


def test_a_member_reports_an_offer_on_a_phone(browser: webdriver.Chrome, live_server: Any) -> None:
    build_network()
    base = live_server.url
    _login(browser, base, "nobody")
    _check(browser, base)
    assert not browser.find_elements(By.CSS_SELECTOR, ".report-form")
    _login(browser, base, "nina")
    _check(browser, base)
    form = browser.find_element(By.CSS_SELECTOR, ".report-form")
    assert "Open Door Outreach" in form.text
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    WebDriverWait(browser, 15).until(
        EC.text_to_be_present_in_element((By.CSS_SELECTOR, ".messages"), "the offer is reported")
    )
    overflow = browser.execute_script(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    browser.get("about:blank")
    assert ReportedOffer.objects.get().organisation_kind == "non_governmental"
    # Besides the two logins (audited on the accounts' own records), only the report.
    assert AuditEvent.objects.exclude(object_type="user").get().action == "offer.reported"
