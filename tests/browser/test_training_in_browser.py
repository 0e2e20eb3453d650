"""The training day in real phone-sized browsers: a trainer and two participants.

Each person has their own Chromium, so their own cookie jar, as three phones in one room would:
the trainer (the shared `browser`, 390 px wide), Ana (390 px) and Besa on a small phone (360 px).
Nothing is set up behind the pages except the trainer's account: the trainer creates the day,
the phones join with the code, answer, and wait; the pages move by themselves (htmx polling and
the HX-Refresh header) when the trainer moves the room and reveals the engine's answer.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from selenium import webdriver
from selenium.common.exceptions import TimeoutException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from stepstones.agencies.models import Kind, Membership, Organisation, Role
from stepstones.training import actions
from stepstones.training.models import Participant, StepKind, TrainingSession
from stepstones.training.steps import StepSpec, prompt
from tests.browser.conftest import PHONE, SMALL_PHONE, _screen, wait_for_new_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a trainer's long password"
SCENARIO = "smuggling_turns_into_trafficking_in_transit"
STAGE = 3  # a stage with the engine's full debrief: elements, legal notes, next steps
WAIT = 20  # seconds: a phone polls every 3 s, the projector every 2 s


@pytest.fixture
def trainer() -> User:
    org = Organisation.objects.create(
        name="Training Centre Skopje",
        kind=Kind.NON_GOVERNMENTAL,
        region="Skopje",
        municipality="Centar",
    )
    user = User.objects.create_user("tina.trainer", "tina@example.org", PASSWORD)
    Membership.objects.create(user=user, organisation=org, role=Role.TRAINER)
    return user


# The elements that stick out to the right of the viewport (empty when the page fits).
OVERFLOWING = """
const width = document.documentElement.clientWidth;
return [...document.querySelectorAll("body *")]
  .filter((e) => e.getBoundingClientRect().right > width + 0.5)
  .map((e) => e.tagName.toLowerCase() + (e.className ? "." + e.className : ""))
  .slice(0, 8);
"""


def _fits(driver: webdriver.Chrome) -> bool:
    overflow = driver.execute_script(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, driver.execute_script(OVERFLOWING)
    return True


def _width(driver: webdriver.Chrome) -> int:
    return int(driver.execute_script("return document.documentElement.clientWidth"))


def _wait(driver: webdriver.Chrome, until: Callable[[webdriver.Chrome], bool]) -> None:
    # A page that reloads under the check (htmx, a redirect) is checked again, not an error.
    wait = WebDriverWait(driver, WAIT, ignored_exceptions=[WebDriverException])
    try:
        wait.until(until)
    except TimeoutException:
        pytest.fail(f"gave up waiting on {driver.current_url}, which shows:\n{_body(driver)}")


def _body(driver: webdriver.Chrome) -> str:
    # One script call, not an element handle: a page that reloads between two calls (htmx's
    # refresh, a redirect) cannot leave a stale handle behind.
    return str(driver.execute_script("return document.body ? document.body.innerText : ''"))


def _shows(text: str) -> Callable[[webdriver.Chrome], bool]:
    return lambda driver: text in _body(driver)


def _button(driver: webdriver.Chrome, label: str) -> Any:
    return driver.find_element(By.XPATH, f"//button[normalize-space()={label!r}]")


def _login(driver: webdriver.Chrome, base: str) -> None:
    # Cookies go per site: on the site first, so that none of an earlier test's stays.
    driver.get(base + "/accounts/login/")
    driver.delete_all_cookies()
    driver.get(base + "/accounts/login/")
    driver.find_element(By.NAME, "username").send_keys("tina.trainer")
    driver.find_element(By.NAME, "password").send_keys(PASSWORD)
    driver.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    _wait(driver, lambda d: "/accounts/login/" not in d.current_url)


def _join(phone: webdriver.Chrome, url: str, name: str, kind: str, code: str = "") -> str:
    """Join from the page the QR code opens (or type the code); return the rejoin code."""
    phone.get(url)
    if code:
        phone.find_element(By.ID, "id_code").send_keys(code)
    phone.find_element(By.ID, "id_display_name").send_keys(name)
    phone.find_element(By.CSS_SELECTOR, f"input[name=kind][value={kind}]").click()
    _button(phone, "Join").click()
    _wait(phone, lambda d: d.current_url.endswith("/training/room/"))
    found = re.search(r"Your rejoin code: ([A-Z0-9]{8})", _body(phone))
    assert found is not None, _body(phone)
    return found.group(1)


def _answer(phone: webdriver.Chrome, choice: str) -> None:
    phone.find_element(By.CSS_SELECTOR, f"input[name=choice][value={choice}]").click()
    _button(phone, "Send my answer").click()
    _wait(phone, _shows("Answer sent."))


def _live(driver: webdriver.Chrome) -> str:
    script = "const live = document.getElementById('live'); return live ? live.innerText : ''"
    return str(driver.execute_script(script))


def test_a_trainer_and_two_phones_run_a_step_from_question_to_debrief(
    trainers_phone: webdriver.Chrome,
    phones: tuple[webdriver.Chrome, webdriver.Chrome],
    live_server: Any,
    trainer: User,
) -> None:
    browser, (ana, besa) = trainers_phone, phones
    base = live_server.url
    key = prompt(StepSpec(StepKind.JOURNEY, SCENARIO, STAGE), "en")
    assert key.key is not None
    right = key.key.answer.value
    wrong = "neither"
    assert key.score(wrong) == 0.0

    # The trainer prepares the day: the opening question and a journey, in English.
    _login(browser, base)
    browser.get(base + "/training/")
    assert _width(browser) == PHONE[0]
    assert _fits(browser)
    browser.find_element(By.ID, "id_title").send_keys("Skopje, mixed room")
    Select(browser.find_element(By.ID, "id_language")).select_by_value("en")
    Select(browser.find_element(By.ID, "id_scenario")).select_by_value(SCENARIO)
    _button(browser, "Create the session").click()
    _wait(browser, lambda d: re.search(r"/training/\d+/$", d.current_url) is not None)
    session = TrainingSession.objects.get(title="Skopje, mixed room")
    position = session.steps.get(kind=StepKind.JOURNEY, stage=STAGE).position
    assert session.join_code in _body(browser)
    assert _fits(browser)

    # Two phones join: one through the QR code's address, one typing the code.
    browser.get(f"{base}/training/{session.pk}/projector/")
    join_url = browser.find_element(By.CSS_SELECTOR, ".join-box p").text
    assert join_url.endswith(f"/training/join/?code={session.join_code}")
    ana_code = _join(ana, join_url, "Ana", "governmental")
    assert _width(ana) == PHONE[0] and _fits(ana)
    besa.get(base + "/training/join/")
    assert _width(besa) == SMALL_PHONE[0] and _fits(besa)
    _join(besa, base + "/training/join/", "Besa", "non_governmental", code=session.join_code)
    assert _fits(besa)
    for phone in (ana, besa):
        assert "Is there anyone here who does not want a better life?" in _body(phone)

    # The trainer splits the room and moves it to the journey stage; the phones follow alone.
    browser.get(f"{base}/training/{session.pk}/")
    assert "2 participants have joined." in _body(browser)
    groups = browser.find_element(By.ID, "id_count")
    groups.clear()
    groups.send_keys("2")
    _button(browser, "Split into mixed groups").click()
    _wait(browser, _shows("The room is in 2 groups"))
    move = browser.find_element(
        By.XPATH,
        f"//form[contains(@action, '/move/') and input[@name='position' and @value='{position}']]"
        "/button",
    )
    wait_for_new_page(browser, move.click)
    session.refresh_from_db()
    assert session.current == position
    for phone in (ana, besa):
        _wait(phone, _shows(key.question))
        assert key.title in _body(phone)
        assert _fits(phone)

    # Both answer; the projector counts them live, never with a name, small cells hidden.
    browser.get(f"{base}/training/{session.pk}/projector/")
    _answer(ana, right)
    _wait(browser, lambda d: "1 answer so far" in _live(d))
    _answer(besa, wrong)
    _wait(browser, lambda d: "2 answers so far" in _live(d))
    live = _live(browser)
    assert "2 answers: too few to show" in live
    assert "Group 1" in live and "Group 2" in live
    assert "Ana" not in live and "Besa" not in live

    # The trainer reveals; the phones reload by themselves and show the engine's answer.
    _button(browser, "Show the answer").click()
    _wait(browser, lambda d: f"The engine's answer: {key.debrief['answer']}" in _live(d))
    for phone, points in ((ana, "1"), (besa, "0")):
        _wait(phone, _shows(f"The engine's answer: {key.debrief['answer']}"))
        page = _body(phone)
        assert key.debrief["summary"] in page
        assert "What the facts show" in page
        assert f"Your points: {points}" in page
        assert not phone.find_elements(By.CSS_SELECTOR, "input[name=choice]")
        assert _fits(phone)

    # Ana reloads: the same place. Then her phone loses everything and she rejoins by her code.
    ana.refresh()
    assert "You are Ana." in _body(ana) and "Your points: 1" in _body(ana)
    ana.delete_all_cookies()
    ana.get(base + "/training/room/")
    assert "Your points" not in _body(ana)
    ana.get(base + "/training/join/")
    ana.find_element(By.ID, "id_rejoin_code").send_keys(ana_code.lower())
    _button(ana, "Come back to my place").click()
    _wait(ana, lambda d: d.current_url.endswith("/training/room/"))
    page = _body(ana)
    assert "You are Ana." in page and "Your points: 1" in page
    assert f"The engine's answer: {key.debrief['answer']}" in page
    assert Participant.objects.filter(session=session).count() == 2

    # The trainer's pages fit a 360 px phone too.
    _screen(browser, SMALL_PHONE)
    for path in ("/training/", f"/training/{session.pk}/"):
        browser.get(base + path)
        assert _width(browser) == SMALL_PHONE[0], path
        assert _fits(browser), path


def test_the_projector_fits_a_trainers_phone(
    trainers_phone: webdriver.Chrome, live_server: Any, trainer: User
) -> None:
    membership = Membership.objects.get(user=trainer)
    session = actions.create_session(
        by=membership,
        title="Projector on a phone",
        day=timezone.localdate(),
        language="en",
        steps=[StepSpec(StepKind.JOURNEY, SCENARIO, STAGE)],
    )
    _login(trainers_phone, live_server.url)
    _screen(trainers_phone, SMALL_PHONE)
    trainers_phone.get(f"{live_server.url}/training/{session.pk}/projector/")
    assert _width(trainers_phone) == SMALL_PHONE[0]
    assert _fits(trainers_phone)
