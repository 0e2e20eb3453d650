"""The case worker's pages in a real phone-sized browser: log in, dashboard, case, identity."""

from __future__ import annotations

from typing import Any

import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

from stepstones.cases.models import Purpose
from tests.browser.conftest import pass_second_factor
from tests.personas import PASSWORD, Network, build_network, open_case, refer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fits(browser: webdriver.Chrome) -> bool:
    overflow = browser.execute_script(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    return bool(overflow <= 0)


def _login(browser: webdriver.Chrome, base: str, username: str) -> None:
    browser.delete_all_cookies()
    browser.get(base + "/accounts/login/")
    browser.find_element(By.NAME, "username").send_keys(username)
    browser.find_element(By.NAME, "password").send_keys(PASSWORD)
    browser.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    pass_second_factor(browser, username)


def test_it_works_a_case_on_a_phone(browser: webdriver.Chrome, live_server: Any) -> None:
    net: Network = build_network()
    case = open_case(net)
    refer(net, case, net.social, kind="transfer", purpose=Purpose.CASE_TRANSFER)
    base = live_server.url
    _login(browser, base, "nina")
    for path in (
        "/cases/",
        "/cases/list/",
        "/referrals/",
        f"/referrals/chain/{case.pk}/",
        "/orgs/directory/",
        f"/referrals/new/{case.pk}/",
    ):
        browser.get(base + path)
        assert "stepstones" in browser.title or case.person.code in browser.title, path
        assert _fits(browser), path
    browser.get(f"{base}/cases/{case.pk}/")
    assert _fits(browser)
    assert "Amira" not in browser.page_source
    browser.find_element(By.CSS_SELECTOR, "#identity button").click()
    WebDriverWait(browser, 10).until(
        ec.text_to_be_present_in_element((By.ID, "identity"), "Amira Testova")
    )
    assert _fits(browser)


def test_it_lets_the_receiver_accept_a_transfer_on_a_phone(
    browser: webdriver.Chrome, live_server: Any
) -> None:
    net: Network = build_network()
    case = open_case(net)
    referral = refer(net, case, net.social, kind="transfer", purpose=Purpose.CASE_TRANSFER)
    _login(browser, live_server.url, "sara")
    browser.get(f"{live_server.url}/referrals/{referral.pk}/")
    assert _fits(browser)
    browser.find_element(
        By.XPATH, "//button[contains(., 'Accept and take responsibility')]"
    ).click()
    WebDriverWait(browser, 10).until(
        ec.text_to_be_present_in_element((By.TAG_NAME, "body"), "Referral accepted")
    )
    case.refresh_from_db()
    assert case.accountable_org == net.social
    browser.get(f"{live_server.url}/referrals/{referral.pk}/letter/")
    assert "Amira Testova" in browser.page_source


@pytest.mark.parametrize(
    ("username", "paths"),
    [
        ("cora", ["/referrals/network/", "/cases/"]),
        ("audrey", ["/audit/", "/cases/"]),
        ("olga", ["/orgs/members/", "/orgs/entry/", "/cases/list/"]),
    ],
    ids=["coordinator", "auditor", "org-admin"],
)
def test_the_role_pages_fit_a_phone(
    browser: webdriver.Chrome, live_server: Any, username: str, paths: list[str]
) -> None:
    net: Network = build_network()
    refer(net, open_case(net), net.social)
    _login(browser, live_server.url, username)
    for path in paths:
        browser.get(live_server.url + path)
        assert "stepstones" in browser.title, path
        assert "Page not found" not in browser.page_source, path
        assert _fits(browser), path


def test_a_form_of_the_case_page_arrives_when_opened_and_records(
    browser: webdriver.Chrome, live_server: Any
) -> None:
    net: Network = build_network()
    case = open_case(net)
    _login(browser, live_server.url, "nina")
    browser.get(f"{live_server.url}/cases/{case.pk}/")
    assert not browser.find_elements(By.NAME, "recipient")  # not drawn until opened
    summary = browser.find_element(
        By.XPATH, "//details/summary[normalize-space()='Record consent']"
    )
    summary.click()
    recipient = WebDriverWait(browser, 10).until(
        ec.visibility_of_element_located((By.NAME, "recipient"))
    )
    assert _fits(browser)
    options = recipient.find_elements(By.TAG_NAME, "option")
    social = next(o for o in options if o.text == net.social.name)
    social.click()
    form = recipient.find_element(By.XPATH, "ancestor::form")
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    WebDriverWait(browser, 10).until(ec.presence_of_element_located((By.CSS_SELECTOR, ".messages")))
    assert net.social.name in browser.find_element(By.ID, "consents").text


def test_the_case_and_referral_tables_fit_a_360_px_phone(live_server: Any) -> None:
    from tests.browser.conftest import _binaries, start_chromium

    found = _binaries()
    if found is None:
        pytest.skip("chromium/chromedriver not installed")
    net: Network = build_network()
    for _ in range(3):
        refer(net, open_case(net), net.social)
    phone = start_chromium(*found, phone=(360, 740))
    try:
        _login(phone, live_server.url, "nina")
        for path in ("/cases/list/", "/referrals/?status=all", "/cases/"):
            phone.get(live_server.url + path)
            tables = phone.find_elements(By.CSS_SELECTOR, ".table-wrap")
            assert tables, path
            for table in tables:
                sideways = phone.execute_script(
                    "return arguments[0].scrollWidth - arguments[0].clientWidth", table
                )
                assert sideways <= 0, f"{path}: a table scrolls {sideways} px sideways"
            wide = phone.execute_script(
                "const w = document.documentElement.clientWidth;"
                "return [...document.querySelectorAll('body *')]"
                ".filter(e => e.getBoundingClientRect().right > w + 1)"
                ".map(e => e.tagName + '.' + e.className + ' ' + e.getBoundingClientRect().right)"
                ".slice(0, 5)"
            )
            assert _fits(phone), (path, wide)
    finally:
        phone.quit()
