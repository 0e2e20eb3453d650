"""A training room in Albanian, in real phone-sized browsers: a trainer and two participants.

As in test_training_in_browser.py, each person has their own Chromium: the trainer (the shared
`browser`, 390 px wide), Arta (390 px) and Besa on a small phone (360 px). All three chose
Albanian with the language switch's cookie; the trainer runs the room in Albanian, so the
content (the journey, the room's choices, the engine's debrief) and the interface are both in
Albanian on every screen. Each final page is saved under var/screenshots/.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from stepstones.agencies.models import Kind, Membership, Organisation, Role
from stepstones.training.content import load_content
from stepstones.training.models import StepKind, TrainingSession
from stepstones.training.steps import StepSpec, prompt
from tests.browser.conftest import PHONE, SMALL_PHONE, screenshot, wait_for_new_page
from tests.browser.test_training_in_browser import (
    PASSWORD,
    SCENARIO,
    STAGE,
    _body,
    _button,
    _fits,
    _live,
    _login,
    _shows,
    _wait,
    _width,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The interface's Albanian (src/stepstones/locale/sq), as the pages show it.
CREATE = "Krijo seancën"
JOIN = "Bashkohu"
SEND = "Dërgo përgjigjen time"
SENT = "Përgjigjja u dërgua."
SHOW = "Shfaq përgjigjen"
ANSWER = "Përgjigjja e motorit: {answer}"
FACTS = "Çfarë tregojnë faktet"
POINTS = "Pikët tuaja: {points}"
ENGLISH = ("Send my answer", "The engine's answer", "What the facts show", "Your points")


@pytest.fixture
def trainer() -> User:
    org = Organisation.objects.create(
        name="Qendra e Trajnimit Tetovë",
        kind=Kind.NON_GOVERNMENTAL,
        region="Polog",
        municipality="Tetovë",
    )
    user = User.objects.create_user("tina.trainer", "tina@example.org", PASSWORD)
    Membership.objects.create(user=user, organisation=org, role=Role.TRAINER)
    return user


def _albanian(driver: webdriver.Chrome, base: str) -> None:
    """Choose Albanian as the language switch does: its cookie, on the site's own address."""
    driver.get(base + "/")
    driver.add_cookie({"name": settings.LANGUAGE_COOKIE_NAME, "value": "sq"})


def _lang(driver: webdriver.Chrome) -> str:
    return str(driver.find_element(By.TAG_NAME, "html").get_attribute("lang"))


def _in_albanian(driver: webdriver.Chrome, present: list[str]) -> None:
    """Assert the page is in Albanian: its lang, the Albanian texts, no English left of them."""
    page = _body(driver)
    assert _lang(driver) == "sq", driver.current_url
    for text in present:
        assert text in page, (text, page)
    for text in ENGLISH:
        assert text not in page, (text, page)
    assert _fits(driver)


def _join(phone: webdriver.Chrome, base: str, url: str, name: str, kind: str) -> None:
    """Choose Albanian, open the QR code's address and join under `name`."""
    _albanian(phone, base)
    phone.get(url)
    assert _lang(phone) == "sq"
    phone.find_element(By.ID, "id_display_name").send_keys(name)
    phone.find_element(By.CSS_SELECTOR, f"input[name=kind][value={kind}]").click()
    _button(phone, JOIN).click()
    _wait(phone, lambda d: d.current_url.endswith("/training/room/"))


def _show_debrief(driver: webdriver.Chrome) -> None:
    """Scroll the engine's answer to the top, so the screenshot shows the debrief."""
    heading = driver.find_element(
        By.XPATH, f"//h3[starts-with(normalize-space(), {ANSWER[:20]!r})]"
    )
    driver.execute_script("arguments[0].scrollIntoView();", heading)


def _answer(phone: webdriver.Chrome, choice: str) -> None:
    phone.find_element(By.CSS_SELECTOR, f"input[name=choice][value={choice}]").click()
    _button(phone, SEND).click()
    _wait(phone, _shows(SENT))


def test_a_trainer_and_two_phones_run_a_step_in_an_albanian_room(
    trainers_phone: webdriver.Chrome,
    phones: tuple[webdriver.Chrome, webdriver.Chrome],
    live_server: Any,
    trainer: User,
) -> None:
    browser, (arta, besa) = trainers_phone, phones
    base = live_server.url
    scenario = load_content().scenarios[SCENARIO]
    key = prompt(StepSpec(StepKind.JOURNEY, SCENARIO, STAGE), "sq")
    assert key.key is not None
    right, wrong = key.key.answer.value, "neither"
    assert key.score(wrong) == 0.0
    event = scenario.stages[STAGE].events[0].text
    debrief = ANSWER.format(answer=key.debrief["answer"])

    # The trainer, in Albanian, creates a day whose room is in Albanian, with the journey.
    _login(browser, base)
    _albanian(browser, base)
    browser.get(base + "/training/")
    language = Select(browser.find_element(By.ID, "id_language"))
    assert "sq" in [o.get_attribute("value") for o in language.options]
    language.select_by_value("sq")
    journey = Select(browser.find_element(By.ID, "id_scenario"))
    journey.select_by_value(SCENARIO)
    assert journey.first_selected_option.text == scenario.title.get("sq")
    browser.find_element(By.ID, "id_title").send_keys("Tetovë, salla e përzier")
    _in_albanian(browser, [CREATE])
    _button(browser, CREATE).click()
    _wait(browser, lambda d: re.search(r"/training/\d+/$", d.current_url) is not None)
    session = TrainingSession.objects.get(title="Tetovë, salla e përzier")
    assert session.language == "sq"
    position = session.steps.get(kind=StepKind.JOURNEY, stage=STAGE).position

    # Both phones choose Albanian and join through the QR code's address.
    browser.get(f"{base}/training/{session.pk}/projector/")
    join_url = browser.find_element(By.CSS_SELECTOR, ".join-box p").text
    _join(arta, base, join_url, "Arta", "governmental")
    _join(besa, base, join_url, "Besa", "non_governmental")
    opening = prompt(StepSpec(StepKind.POLL), "sq").question
    for phone, width in ((arta, PHONE[0]), (besa, SMALL_PHONE[0])):
        assert _width(phone) == width
        _in_albanian(phone, [opening, "Arta" if phone is arta else "Besa"])

    # The trainer moves the room to the journey stage; the phones follow by themselves.
    browser.get(f"{base}/training/{session.pk}/")
    move = browser.find_element(
        By.XPATH,
        f"//form[contains(@action, '/move/') and input[@name='position' and @value='{position}']]"
        "/button",
    )
    wait_for_new_page(browser, move.click)
    for phone in (arta, besa):
        _wait(phone, _shows(key.question))
        _in_albanian(phone, [key.title, event.get("sq"), key.choices[0][1], SEND])
        assert event.get("en") not in _body(phone)

    # Both answer; the projector shows the journey and counts them, in Albanian.
    browser.get(f"{base}/training/{session.pk}/projector/")
    _answer(arta, right)
    _answer(besa, wrong)
    _wait(browser, lambda d: "2 përgjigje deri tani" in _live(d))
    _in_albanian(browser, [key.title, event.get("sq"), SHOW])

    # The trainer reveals: the engine's debrief in Albanian on the projector and on each phone.
    _button(browser, SHOW).click()
    _wait(browser, lambda d: debrief in _live(d))
    _in_albanian(browser, [debrief, key.debrief["summary"]])
    _show_debrief(browser)
    screenshot(browser, "training-sq-projector")
    for phone, points, name in ((arta, "1", "arta-390"), (besa, "0", "besa-360")):
        _wait(phone, _shows(debrief))
        _in_albanian(phone, [key.debrief["summary"], FACTS, POINTS.format(points=points)])
        assert not phone.find_elements(By.CSS_SELECTOR, "input[name=choice]")
        _show_debrief(phone)
        screenshot(phone, f"training-sq-phone-{name}")
