from __future__ import annotations

from typing import Any

import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

pytestmark = pytest.mark.browser


def click(browser: webdriver.Chrome, element: Any) -> None:
    # The page keeps its submit bar stuck to the bottom of the screen: bring the target to the
    # middle first, as a person scrolling would.
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    element.click()


def test_it_fills_in_the_quick_screen_from_ticked_suggestions(
    browser: webdriver.Chrome, live_server: Any
) -> None:
    browser.get(live_server.url + "/screen/")
    click(browser, browser.find_element(By.CSS_SELECTOR, "#notes-assistant summary"))
    browser.find_element(By.ID, "id_notes").send_keys(
        "The boss took her passport. She was not beaten."
    )
    click(browser, browser.find_element(By.CSS_SELECTOR, "button[value=notes-suggest]"))
    wait = WebDriverWait(browser, 10)
    box = wait.until(
        ec.element_to_be_clickable(
            (By.CSS_SELECTOR, 'input[name=confirm][value="indicators.documents_confiscated"]')
        )
    )
    assert not box.is_selected()
    click(browser, box)
    click(browser, browser.find_element(By.ID, "notes-apply"))
    wait.until(ec.text_to_be_present_in_element((By.ID, "main"), "1 answer filled in"))
    yes = browser.find_element(
        By.CSS_SELECTOR, 'input[name="indicators__documents_confiscated"][value="yes"]'
    )
    assert yes.is_selected()
    overflow = browser.execute_script(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
