"""Paging the referral inbox and the partner cases on a phone: "more", then "previous"."""

from __future__ import annotations

from typing import Any

import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from stepstones.cases import views as case_views
from stepstones.referrals import actions as referral_actions
from stepstones.referrals import views as referral_views
from stepstones.referrals.access import inbox_for
from tests.browser.test_cases_in_browser import _fits, _login
from tests.personas import Network, build_network, open_case, refer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TAP = 40  # CSS pixels: the smallest comfortable tap target, roughly


def _follow(browser: webdriver.Chrome, section: str, rel: str) -> None:
    link = browser.find_element(By.CSS_SELECTOR, f"#{section} .pager a[rel={rel}]")
    assert link.size["height"] >= TAP
    before = browser.current_url
    link.click()
    WebDriverWait(browser, 10).until(lambda b: b.current_url != before)


def test_it_pages_the_inbox_and_partner_cases_on_a_phone(
    browser: webdriver.Chrome, live_server: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(referral_views, "INBOX_PAGE", 2)
    monkeypatch.setattr(case_views, "PARTNER_PAGE", 2)
    net: Network = build_network()
    codes = [refer(net, open_case(net), net.social).case.person.code for _ in range(3)]
    _login(browser, live_server.url, "sara")
    browser.get(live_server.url + "/referrals/")
    incoming = browser.find_element(By.ID, "incoming").text
    assert codes[0] in incoming and codes[2] not in incoming
    assert _fits(browser)
    _follow(browser, "incoming", "next")
    assert "incoming_page=2" in browser.current_url
    incoming = browser.find_element(By.ID, "incoming").text
    assert codes[2] in incoming and codes[0] not in incoming
    assert _fits(browser)
    _follow(browser, "incoming", "prev")
    assert codes[0] in browser.find_element(By.ID, "incoming").text

    for referral in inbox_for(net.sara.user):
        referral_actions.accept_referral(referral, by=net.sara)
    browser.get(live_server.url + "/cases/list/")
    assert _fits(browser)
    _follow(browser, "partner", "next")
    assert "partner_page=2" in browser.current_url
    assert codes[0] in browser.find_element(By.ID, "partner").text
    assert _fits(browser)
