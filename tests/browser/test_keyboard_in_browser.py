"""The main journeys with the keyboard alone: no click, every field reached with Tab.

Each step presses Tab until the wanted control has the focus (failing if it never does), then
types, presses the arrow keys in a radio group, or Enter/Space on a button. The number of Tab
presses is recorded in the test output.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone
from selenium import webdriver
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

from stepstones.training import actions as training_actions
from stepstones.training.models import Response, StepKind
from stepstones.training.steps import StepSpec
from tests.browser.conftest import pass_second_factor, wait_for_new_page
from tests.personas import PASSWORD, add_trainer, build_network, consent, open_case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LAPTOP = (1280, 900)
OFFER = "Waitress job in Germany, 2000 EUR a month, free flight. Send copy of passport on WhatsApp."


class Keyboard:
    def __init__(self, browser: webdriver.Chrome) -> None:
        self.browser = browser
        self.tabs = 0

    def press(self, *keys: str) -> None:
        ActionChains(self.browser).send_keys(*keys).perform()

    def tab_to(self, css: str, limit: int = 250) -> None:
        """Press Tab until the element `css` has the focus."""
        target = self.browser.find_element(By.CSS_SELECTOR, css)
        for _ in range(limit):
            if self.browser.switch_to.active_element == target:
                return
            self.press(Keys.TAB)
            self.tabs += 1
        raise AssertionError(f"{css} is not reachable with Tab")

    def focused(self) -> Any:
        return self.browser.switch_to.active_element


@pytest.fixture
def laptop(browser: webdriver.Chrome) -> Any:
    browser.set_window_size(*LAPTOP)
    yield browser
    browser.set_window_size(390, 844)


def test_the_first_stop_skips_to_the_content(laptop: webdriver.Chrome, live_server: Any) -> None:
    laptop.get(live_server.url + "/screen/")
    keys = Keyboard(laptop)
    keys.press(Keys.TAB)
    assert keys.focused().text == "Skip to the content"
    # The focus ring shows where the keyboard is.
    outline = laptop.execute_script("return getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    keys.press(Keys.ENTER)
    assert laptop.current_url.endswith("#main")


def test_a_quick_screen_to_its_result_with_the_keyboard(
    laptop: webdriver.Chrome, live_server: Any
) -> None:
    laptop.get(live_server.url + "/screen/")
    keys = Keyboard(laptop)
    keys.tab_to("#id_age")
    keys.press("17")
    keys.tab_to("#id_origin")
    keys.press("Afghanistan")
    # A radio group takes one Tab stop; the arrow keys choose within it ("Don't know" -> "Yes").
    keys.tab_to('input[name="smuggling__paid_to_cross"]:checked')
    keys.press(Keys.ARROW_RIGHT)
    assert keys.focused().get_attribute("value") == "yes"
    keys.tab_to('button[name="action"][value="next"]')
    keys.press(Keys.ENTER)
    result = WebDriverWait(laptop, 10).until(
        ec.presence_of_element_located((By.CSS_SELECTOR, "#result .outcome"))
    )
    assert result.text
    print(f"\nquick screen to a result: {keys.tabs} Tab presses")


def test_a_job_offer_checked_with_the_keyboard(laptop: webdriver.Chrome, live_server: Any) -> None:
    laptop.get(live_server.url + "/offers/")
    keys = Keyboard(laptop)
    keys.tab_to('textarea[name="text"]')
    keys.press(OFFER)
    keys.tab_to("#check-button")
    keys.press(Keys.ENTER)
    result = WebDriverWait(laptop, 10).until(
        ec.presence_of_element_located((By.CSS_SELECTOR, ".offer-result"))
    )
    assert "passport" in result.text.lower()
    print(f"\noffer check: {keys.tabs} Tab presses")


def test_a_referral_previewed_and_sent_with_the_keyboard(
    laptop: webdriver.Chrome, live_server: Any
) -> None:
    net = build_network()
    case = open_case(net)
    consent(net, case, net.social)
    laptop.delete_all_cookies()
    laptop.get(live_server.url + "/accounts/login/")
    keys = Keyboard(laptop)
    keys.tab_to('input[name="username"]')
    keys.press("nina")
    keys.tab_to('input[name="password"]')
    keys.press(PASSWORD, Keys.ENTER)
    pass_second_factor(laptop, "nina")
    laptop.get(f"{live_server.url}/referrals/new/{case.pk}/")
    keys.tab_to("#basis a[href*='to_org']")  # refer under the recorded consent
    keys.press(Keys.ENTER)
    WebDriverWait(laptop, 10).until(lambda b: "to_org=" in b.current_url)
    keys.tab_to('#share input[name="share"][value="gender"]')
    keys.press(Keys.SPACE)
    keys.tab_to('#share button[name="preview"]')
    keys.press(Keys.ENTER)
    WebDriverWait(laptop, 10).until(
        ec.presence_of_element_located((By.CSS_SELECTOR, 'button[name="send"]'))
    )
    keys.tab_to('button[name="send"]')
    wait_for_new_page(laptop, lambda: keys.press(Keys.ENTER))
    assert "/referrals/" in laptop.current_url and "/new/" not in laptop.current_url
    print(f"\nreferral: {keys.tabs} Tab presses")


def test_a_training_participant_joins_and_answers_with_the_keyboard(
    laptop: webdriver.Chrome, live_server: Any
) -> None:
    """Issue 16 §2: a participant's flow with the keyboard alone: join, then answer a step."""
    net = build_network()
    session = training_actions.create_session(
        by=add_trainer(net),
        title="Skopje",
        day=timezone.localdate(),
        language="en",
        steps=[StepSpec(StepKind.JOURNEY, "smuggling_turns_into_trafficking_in_transit", 3)],
    )
    laptop.delete_all_cookies()
    laptop.get(live_server.url + "/training/join/")
    keys = Keyboard(laptop)
    keys.tab_to("#id_code")
    keys.press(session.join_code)
    keys.tab_to("#id_display_name")
    keys.press("Ana")
    keys.tab_to("input[name=kind][value=governmental]")
    keys.press(Keys.SPACE)
    assert laptop.find_element(
        By.CSS_SELECTOR, "input[name=kind][value=governmental]"
    ).is_selected()
    keys.tab_to("main form button[type=submit]")
    wait_for_new_page(laptop, lambda: keys.press(Keys.ENTER))
    assert laptop.current_url.endswith("/training/room/")

    journey = session.steps.get(kind=StepKind.JOURNEY)
    training_actions.move_to(session, journey.position)
    laptop.refresh()  # the room also follows by itself; a reload keeps the test short
    choice = WebDriverWait(laptop, 10).until(
        ec.presence_of_element_located((By.CSS_SELECTOR, "input[name=choice]"))
    )
    keys.tab_to("input[name=choice]")
    keys.press(Keys.SPACE)
    assert choice.is_selected()
    keys.tab_to("main form[action$='/answer/'] button[type=submit]")
    wait_for_new_page(laptop, lambda: keys.press(Keys.ENTER))
    assert "Answer sent." in laptop.find_element(By.TAG_NAME, "body").text
    assert Response.objects.filter(participant__display_name="Ana", step=journey).count() == 1
    print(f"\ntraining participant: {keys.tabs} Tab presses")
