from __future__ import annotations

from typing import Any

import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

pytestmark = pytest.mark.browser


def test_a_worker_screens_on_a_phone_and_sees_the_result(
    browser: webdriver.Chrome, live_server: Any
) -> None:
    browser.get(live_server.url + "/screen/?mode=all")  # every question on one page
    overflow = browser.execute_script(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    browser.find_element(By.NAME, "age").send_keys("16")
    yes_buttons = browser.find_elements(By.CSS_SELECTOR, "input[type=radio][value=yes]")
    assert len(yes_buttons) > 10
    for radio in yes_buttons:
        browser.execute_script("arguments[0].click()", radio)
    browser.find_element(By.CSS_SELECTOR, "#screening-form button[type=submit]").click()
    outcome = WebDriverWait(browser, 10).until(
        expected_conditions.visibility_of_element_located((By.CSS_SELECTOR, "#result .outcome"))
    )
    assert "possible" in outcome.text.lower()
    # The result comes back with the form: the answers are still on the page.
    assert browser.find_element(By.NAME, "age").get_attribute("value") == "16"
