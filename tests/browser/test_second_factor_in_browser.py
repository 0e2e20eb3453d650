"""The second factor in a real phone-sized browser: enrol an authenticator, keep the recovery
codes, log in again with a code, and a fresh code before an identity after the period.
"""

from __future__ import annotations

import base64
import datetime as dt
from typing import Any

import pytest
import time_machine
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

from stepstones.audit.models import AuditEvent
from tests.browser.conftest import screenshot, wait_for_new_page
from tests.personas import PASSWORD, Network, build_network, code_of, open_case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fits(browser: webdriver.Chrome) -> bool:
    overflow = browser.execute_script(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    return bool(overflow <= 0)


def _password(browser: webdriver.Chrome, base: str, username: str) -> None:
    browser.delete_all_cookies()
    browser.get(base + "/accounts/login/")
    browser.find_element(By.NAME, "username").send_keys(username)
    browser.find_element(By.NAME, "password").send_keys(PASSWORD)
    wait_for_new_page(browser, browser.find_element(By.CSS_SELECTOR, "main form button").click)


def _submit(browser: webdriver.Chrome) -> None:
    wait_for_new_page(browser, browser.find_element(By.CSS_SELECTOR, "main form button").click)


def test_it_enrols_then_logs_in_with_a_code_on_a_phone(
    browser: webdriver.Chrome, live_server: Any
) -> None:
    net: Network = build_network()
    base = live_server.url
    _password(browser, base, "nina")
    # Led to enrolment: the QR code is drawn by the page itself, and the key is there to type.
    assert "/accounts/two-factor/enrol/" in browser.current_url
    qr = browser.find_element(By.CSS_SELECTOR, ".qr svg")
    assert qr.size["width"] > 100
    assert _fits(browser)
    screenshot(browser, "second-factor-enrol-phone")
    typed = browser.find_element(By.ID, "otp-secret").text.replace(" ", "")
    key = base64.b32decode(typed + "=" * (-len(typed) % 8))
    browser.find_element(By.NAME, "code").send_keys(f"{totp(key):06d}")
    _submit(browser)
    codes = [c.text for c in browser.find_elements(By.CSS_SELECTOR, "#recovery-codes code")]
    assert len(codes) == 10
    assert _fits(browser)
    wait_for_new_page(browser, browser.find_element(By.CSS_SELECTOR, "#recovery-codes ~ p a").click)
    browser.get(base + "/cases/")
    assert "/cases/" in browser.current_url and "two-factor" not in browser.current_url

    # The next login asks for the app's code.
    _password(browser, base, "nina")
    assert "/accounts/two-factor/" in browser.current_url
    assert _fits(browser)
    field = browser.find_element(By.NAME, "code")
    assert field.get_attribute("autocomplete") == "one-time-code"
    device = TOTPDevice.objects.get(user=net.nina.user)
    code = code_of(device)
    assert code is not None
    field.send_keys(code)
    _submit(browser)
    assert "two-factor" not in browser.current_url
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"otp.enrolled", "otp.verified"} <= actions


def test_it_asks_for_a_fresh_code_before_an_identity_on_a_phone(
    browser: webdriver.Chrome, live_server: Any
) -> None:
    net: Network = build_network()
    case = open_case(net)
    device = TOTPDevice.objects.create(user=net.nina.user, name="phone", confirmed=True)
    base = live_server.url
    start = dt.datetime.now(tz=dt.UTC)
    _password(browser, base, "nina")
    browser.find_element(By.NAME, "code").send_keys(code_of(device) or "")
    _submit(browser)
    # Twenty minutes on, in the server and in the app alike.
    with time_machine.travel(start + dt.timedelta(minutes=20)):
        browser.get(f"{base}/cases/{case.pk}/")
        wait_for_new_page(browser, browser.find_element(By.CSS_SELECTOR, "#identity button").click)
        assert "/accounts/two-factor/" in browser.current_url
        browser.find_element(By.NAME, "code").send_keys(code_of(device) or "")
        _submit(browser)
        WebDriverWait(browser, 10).until(
            ec.text_to_be_present_in_element((By.ID, "identity"), "Amira Testova")
        )
        assert _fits(browser)
    assert AuditEvent.objects.filter(action="otp.reauthenticated").count() == 1
