"""A real headless Chromium (Debian's packages) driven through chromedriver."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

PHONE = (390, 844)  # a common phone viewport, CSS pixels
SMALL_PHONE = (360, 780)


def _binaries() -> tuple[str, str] | None:
    chromium = shutil.which("chromium")
    driver = shutil.which("chromedriver")
    return (chromium, driver) if chromium and driver else None


def start_chromium(
    chromium: str, driver_path: str, phone: tuple[int, int] | None = None
) -> webdriver.Chrome:
    """Start a headless Chromium; with `phone`, its viewport emulates a phone of that size.

    Headless Chromium does not make a window narrower than 500 px, so a narrower phone is
    emulated (`mobileEmulation`) rather than sized.
    """
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        f"--window-size={PHONE[0]},{PHONE[1]}",
    ):
        options.add_argument(flag)
    if phone is not None:
        metrics = {"width": phone[0], "height": phone[1], "pixelRatio": 2.0}
        options.add_experimental_option("mobileEmulation", {"deviceMetrics": metrics})
    driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
    driver.set_page_load_timeout(30)
    return driver


def wait_for_new_page(driver: webdriver.Chrome, act: Callable[[], object]) -> None:
    """Run `act` (a click, a key press) and wait until the page it leads to has loaded.

    The old page is marked with a script variable and the wait ends when a document without the
    mark is complete. Waiting for the old <html> element to go stale instead races with the
    navigation: Chromium may answer "node does not belong to the document" mid-way.
    """
    driver.execute_script("window.__leaving = true;")
    act()
    # A script run while the old document unloads may fail: that only means "not yet".
    WebDriverWait(driver, 10, ignored_exceptions=(WebDriverException,)).until(
        lambda d: d.execute_script(
            "return !window.__leaving && document.readyState === 'complete';"
        )
    )


def pass_second_factor(browser: webdriver.Chrome, username: str) -> None:
    """After the password, pass the second factor when asked, as the person would.

    On the enrolment page: read the key the page shows (as one types it into an authenticator
    app), type the app's code, then go on from the recovery codes. On the code page: type the
    code the user's authenticator shows now (computed from its key). Otherwise nothing.
    """
    import base64

    from django.contrib.auth.models import User
    from django_otp.oath import totp

    from tests.personas import next_code

    WebDriverWait(browser, 10).until(lambda b: "/accounts/login/" not in b.current_url)
    if "/accounts/two-factor/enrol/" in browser.current_url:
        typed = browser.find_element(By.ID, "otp-secret").text.replace(" ", "")
        key = base64.b32decode(typed + "=" * (-len(typed) % 8))
        browser.find_element(By.NAME, "code").send_keys(f"{totp(key):06d}")
        wait_for_new_page(browser, browser.find_element(By.CSS_SELECTOR, "main form button").click)
        browser.find_element(By.CSS_SELECTOR, "#recovery-codes ~ p a").click()
    elif "/accounts/two-factor/" in browser.current_url:
        code = next_code(User.objects.get(username=username))
        browser.find_element(By.NAME, "code").send_keys(code)
        browser.find_element(By.CSS_SELECTOR, "main form button").click()
    WebDriverWait(browser, 10).until(lambda b: "/accounts/two-factor/" not in b.current_url)


def screenshot(browser: webdriver.Chrome, name: str) -> Path:
    """Save what the browser shows as var/screenshots/<name>.png (a test artefact)."""
    folder = Path(settings.VAR_DIR) / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    assert browser.save_screenshot(str(path))
    return path


@pytest.fixture(scope="session")
def browser() -> Iterator[webdriver.Chrome]:
    """Yield a headless Chromium with a phone-sized window."""
    found = _binaries()
    if found is None:
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail(
                "chromium and chromedriver are required (apt-get install chromium chromium-driver)"
            )
        pytest.skip("chromium/chromedriver not installed: apt-get install chromium chromium-driver")
    driver = start_chromium(*found)
    try:
        yield driver
    finally:
        driver.quit()


# A training day: the trainer on the shared browser, participants on phones of their own.


def _metrics(size: tuple[int, int]) -> dict[str, Any]:
    return {"width": size[0], "height": size[1], "deviceScaleFactor": 2, "mobile": True}


def _phone(size: tuple[int, int]) -> webdriver.Chrome:
    """Start one more headless Chromium with a phone's screen (its own cookies)."""
    chromium, driver_path = shutil.which("chromium"), shutil.which("chromedriver")
    assert chromium and driver_path  # the shared browser fixture skipped otherwise
    return start_chromium(chromium, driver_path, phone=size)


def _screen(driver: webdriver.Chrome, size: tuple[int, int]) -> None:
    """Give the shared browser a phone's viewport of `size` (the fixture clears it)."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", _metrics(size))


@pytest.fixture
def trainers_phone(browser: webdriver.Chrome) -> Iterator[webdriver.Chrome]:
    """Yield the shared browser with a 390 px phone's viewport, for the trainer."""
    _screen(browser, PHONE)
    try:
        yield browser
    finally:
        # Drop the site's cookies (a language chosen among them) while still on the site, then
        # leave the polling pages: the live server outlives the test, and a page that keeps
        # polling would reach it while later tests use the database.
        browser.delete_all_cookies()
        browser.get("about:blank")
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


@pytest.fixture
def phones(browser: webdriver.Chrome) -> Iterator[tuple[webdriver.Chrome, webdriver.Chrome]]:
    """Yield two participants' phones (390 and 360 px wide), each with its own cookies."""
    ana = _phone(PHONE)
    try:
        besa = _phone(SMALL_PHONE)
        try:
            yield ana, besa
        finally:
            besa.quit()
    finally:
        ana.quit()
