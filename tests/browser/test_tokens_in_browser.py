"""The API token page in a phone-sized headless Chromium: log in, create, see once, revoke."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

from stepstones.api.models import ApiToken, hash_token

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _log_in(browser: webdriver.Chrome, live_server: Any, username: str, password: str) -> None:
    browser.get(live_server.url + "/accounts/login/?next=/api/tokens/")
    browser.find_element(By.NAME, "username").send_keys(username)
    browser.find_element(By.NAME, "password").send_keys(password)
    browser.find_element(By.CSS_SELECTOR, "form [type=submit]").click()
    WebDriverWait(browser, 10).until(ec.url_contains("/api/tokens/"))


def test_it_creates_shows_once_and_revokes_a_token_on_a_phone(
    browser: webdriver.Chrome, live_server: Any
) -> None:
    User.objects.create_user("tess", "tess@example.org", "correct horse battery staple")
    _log_in(browser, live_server, "tess", "correct horse battery staple")
    name = WebDriverWait(browser, 10).until(ec.presence_of_element_located((By.NAME, "name")))
    name.send_keys("phone script")
    name.submit()
    secret = (
        WebDriverWait(browser, 10).until(ec.presence_of_element_located((By.ID, "new-token"))).text
    )
    token = ApiToken.objects.get(user__username="tess")
    assert token.token_hash == hash_token(secret)
    overflow = browser.execute_script(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    browser.get(live_server.url + "/api/tokens/")
    assert secret not in browser.page_source
    browser.find_element(By.XPATH, "//button[contains(., 'Revoke')]").click()
    WebDriverWait(browser, 10).until(
        ec.presence_of_element_located((By.XPATH, "//li[contains(., 'revoked')]"))
    )
    token.refresh_from_db()
    assert token.revoked_at is not None
