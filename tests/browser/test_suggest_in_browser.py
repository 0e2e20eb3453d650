from __future__ import annotations

from typing import Any

import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

pytestmark = pytest.mark.browser


def test_it_suggests_highlights_and_carries_what_the_worker_ticks_into_the_quick_screen(
    browser: webdriver.Chrome, live_server: Any
) -> None:
    browser.get(live_server.url + "/suggest/")
    browser.find_element(By.NAME, "notes").send_keys(
        "He recruited her in Kičevo. She was 15. He was not violent."
    )
    browser.find_element(By.CSS_SELECTOR, "button[value=suggest]").click()
    wait = WebDriverWait(browser, 10)
    wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, "#notes-review mark")))
    assert browser.current_url.endswith("/suggest/")  # htmx swapped the fragment in
    boxes = browser.find_elements(By.NAME, "confirm")
    assert boxes and not any(box.is_selected() for box in boxes)
    browser.find_element(By.CSS_SELECTOR, 'input[name=confirm][value="child"]').click()
    browser.find_element(By.ID, "apply").click()
    # The ticked suggestion carries on into the quick screen as an answer to check.
    wait.until(ec.url_contains("/screen/"))
    filled = wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, "p.messages")))
    assert "1 answer filled in from your notes" in filled.text
    chosen = browser.find_element(By.CSS_SELECTOR, 'option[value="child"]')
    assert chosen.is_selected()
    overflow = browser.execute_script(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
