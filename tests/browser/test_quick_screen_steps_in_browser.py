"""The quick screen step by step in a real browser, on a 390 px phone and a laptop window.

Each journey records what a worker goes through: pages, questions and fields, and the height of
each page. The figures in docs/screening.md come from `test_a_smuggling_case_turns_out_trafficking`
(run with `-s` to print them).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import WebDriverWait

from tests.browser.conftest import pass_second_factor, start_chromium
from tests.personas import PASSWORD, build_network

pytestmark = pytest.mark.browser

PHONE = (390, 844)
LAPTOP = (1280, 800)

# What a worker can fill in on a page: a radio group counts once.
FIELDS_JS = """
const form = document.getElementById('screening-form');
const groups = new Set();
let fields = 0;
for (const el of form.querySelectorAll('input, select, textarea')) {
  if (el.type === 'hidden' || el.type === 'submit') continue;
  if (el.name === 'person_language') continue;  // an option for the person, not a question
  if (el.type === 'radio') { if (groups.has(el.name)) continue; groups.add(el.name); }
  fields++;
}
return [form.querySelectorAll('[data-question]').length, fields,
        document.documentElement.scrollHeight,
        document.documentElement.scrollWidth - document.documentElement.clientWidth];
"""


@pytest.fixture(params=["phone", "laptop"], scope="module")
def window(request: pytest.FixtureRequest) -> Iterator[webdriver.Chrome]:
    """Yield a headless Chromium emulating a 390 px phone, or a laptop-sized window."""
    chromium, driver_path = shutil.which("chromium"), shutil.which("chromedriver")
    if not chromium or not driver_path:
        pytest.skip("chromium/chromedriver not installed: apt-get install chromium chromium-driver")
    if request.param == "phone":
        driver = start_chromium(chromium, driver_path, phone=PHONE)
    else:
        driver = start_chromium(chromium, driver_path)
        driver.set_window_size(*LAPTOP)
    try:
        yield driver
    finally:
        driver.quit()


def _answer(browser: webdriver.Chrome, name: str, value: str) -> None:
    radio = browser.find_element(By.CSS_SELECTOR, f'input[name="{name}"][value="{value}"]')
    browser.execute_script("arguments[0].click()", radio)


def _submit(browser: webdriver.Chrome, button: WebElement) -> None:
    """Press a button as a person would and wait for the next page."""
    page = browser.find_element(By.TAG_NAME, "html")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
    button.click()
    WebDriverWait(browser, 15).until(_left(page))


def _left(page: WebElement) -> Callable[[webdriver.Chrome], bool]:
    """True once `page` is no longer the document: stale, or (a ChromeDriver race while the
    next page replaces it) no longer known to the document at all."""

    def check(_browser: webdriver.Chrome) -> bool:
        try:
            page.is_enabled()
        except (StaleElementReferenceException, WebDriverException):
            return True
        return False

    return check


def _measure(browser: webdriver.Chrome, seen: list[tuple[int, int, int]]) -> None:
    questions, fields, height, overflow = browser.execute_script(FIELDS_JS)
    assert overflow <= 0, "the page scrolls sideways"
    seen.append((questions, fields, height))


def test_a_smuggling_case_turns_out_trafficking(window: webdriver.Chrome, live_server: Any) -> None:
    browser = window
    pages: list[tuple[int, int, int]] = []
    browser.get(live_server.url + "/screen/")
    _measure(browser, pages)
    # Step 1: the person, the route in words, and they paid smugglers; the rest not known yet.
    browser.find_element(By.NAME, "age").send_keys("24")
    browser.find_element(By.NAME, "origin").send_keys("Afghanistan")
    browser.find_element(By.NAME, "transit").send_keys("Iran, Turkey, Bulgaria")
    browser.find_element(By.NAME, "destination").send_keys("North Macedonia")
    _answer(browser, "smuggling__paid_to_cross", "yes")
    _submit(browser, browser.find_element(By.CSS_SELECTOR, "button[value=next]"))
    _measure(browser, pages)
    outcome = browser.find_element(By.CSS_SELECTOR, "#result .outcome")
    assert "smuggling" in outcome.text.lower()
    # Step 2: the engine asks what could turn the smuggling into trafficking.
    _answer(browser, "triggers__documents_taken_on_journey", "yes")
    _answer(browser, "indicators__debt_bondage", "yes")
    _submit(browser, browser.find_element(By.CSS_SELECTOR, "button[value=next]"))
    _measure(browser, pages)
    outcome = browser.find_element(By.CSS_SELECTOR, "#result .outcome")
    assert "possible victim" in outcome.text.lower()
    assert "smuggled, then signs of trafficking" in outcome.text.lower()
    # The route typed as names came through as codes, and shows as names again.
    hidden = browser.find_element(By.CSS_SELECTOR, 'input[type=hidden][name="transit"]')
    assert hidden.get_attribute("value") == "Iran, Turkey, Bulgaria"

    questions = [q for q, _f, _h in pages]
    fields = [f for _q, f, _h in pages]
    heights = [h for _q, _f, h in pages]
    print(f"\n{browser.get_window_size()} questions {questions} fields {fields} heights {heights}")
    # Three pages; the first asks 10 questions (13 fields: the age and the route are a
    # question each), the second 8, the third none: nothing more could change the result.
    assert len(pages) == 3
    assert questions == [10, 8, 0]
    assert fields == [13, 8, 0]
    # The one-page form was 7,669 px tall on a laptop and 14,292 px on a phone, empty.
    assert max(heights) < 4_000


def test_every_error_shows_beside_its_field_in_one_submit(
    window: webdriver.Chrome, live_server: Any
) -> None:
    browser = window
    browser.get(live_server.url + "/screen/")
    browser.find_element(By.NAME, "age").send_keys("300")
    browser.find_element(By.NAME, "origin").send_keys("Tunrkey")
    browser.find_element(By.NAME, "transit").send_keys("Turkey, Narnia")
    _submit(browser, browser.find_element(By.CSS_SELECTOR, "button[value=next]"))
    summary = browser.find_element(By.ID, "errors").text
    assert "Countries passed through: We do not know the country “Narnia”." in summary
    assert "Did you mean Türkiye?" in summary
    assert "Age, if known" in summary
    assert "route." not in browser.page_source
    beside = browser.find_element(By.ID, "q-transit").text
    assert "We do not know the country “Narnia”." in beside
    assert browser.find_element(By.NAME, "transit").get_attribute("value") == "Turkey, Narnia"
    # The datalist offers the names as the person types (no JavaScript of ours involved).
    options = browser.find_elements(By.CSS_SELECTOR, "#country-names option")
    assert len(options) > 240


@pytest.mark.django_db(transaction=True)
def test_a_case_worker_opens_a_case_from_the_screen(
    window: webdriver.Chrome, live_server: Any
) -> None:
    build_network()
    browser = window
    base = live_server.url
    browser.delete_all_cookies()
    browser.get(base + "/accounts/login/")
    browser.find_element(By.NAME, "username").send_keys("nina")
    browser.find_element(By.NAME, "password").send_keys(PASSWORD)
    browser.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    pass_second_factor(browser, "nina")
    browser.get(base + "/screen/")
    browser.find_element(By.NAME, "age").send_keys("16")
    browser.find_element(By.NAME, "origin").send_keys("Авганистан")
    _answer(browser, "smuggling__paid_to_cross", "yes")
    _answer(browser, "triggers__held_by_smugglers", "yes")
    _submit(browser, browser.find_element(By.CSS_SELECTOR, "button[value=next]"))
    pages = 1
    _submit(browser, browser.find_element(By.ID, "open-case"))
    pages += 1
    _submit(browser, browser.find_element(By.CSS_SELECTOR, "#to-new-case button"))
    pages += 1
    # The case form arrives filled in: a child, from Afghanistan, the screen kept.
    assert browser.find_element(By.NAME, "is_child").is_selected()
    assert browser.find_element(By.NAME, "citizenship").get_attribute("value") == "Afghanistan"
    assert browser.find_element(By.NAME, "keep_screen").is_selected()
    # What the screen cannot know: a summary in the worker's words, and the confirmation.
    browser.find_element(By.NAME, "summary").send_keys("Met at the transit centre.")
    confirm = browser.find_element(By.NAME, "confirmed")
    browser.execute_script("arguments[0].click()", confirm)
    _submit(browser, browser.find_element(By.CSS_SELECTOR, "form.stack button[type=submit]"))
    pages += 1
    assert "/cases/" in browser.current_url
    assert "Case opened." in browser.page_source
    # Four pages from the first question to the case, and no answer typed twice.
    assert pages == 4
