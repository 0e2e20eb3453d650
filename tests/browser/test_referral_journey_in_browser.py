"""The referral journey in a real browser, on a phone and on a laptop: consent first, then the
packet, the receiver's answer, notes and the timeline; and the case list's filters.

Each journey counts the pages a worker goes through and the fields they fill in or tick, so a
change that makes the way longer shows in the test.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from stepstones.cases.models import Case, Consent, Purpose, SavedFilter
from stepstones.referrals.models import Referral, ReferralStatus
from tests.browser.conftest import PHONE, pass_second_factor, screenshot, wait_for_new_page
from tests.personas import PASSWORD, Network, build_network, open_case, refer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LAPTOP = (1280, 900)


@pytest.fixture(params=[PHONE, LAPTOP], ids=["phone", "laptop"])
def sized(browser: webdriver.Chrome, request: pytest.FixtureRequest) -> Iterator[webdriver.Chrome]:
    width, height = request.param
    browser.set_window_size(width, height)
    try:
        yield browser
    finally:
        browser.set_window_size(*PHONE)


class Walk:
    """Counts the pages a worker opens and the fields they fill in."""

    def __init__(self, browser: webdriver.Chrome, base: str) -> None:
        self.browser, self.base = browser, base
        self.pages = 0
        self.fields = 0
        self.wait = WebDriverWait(browser, 10)

    def open(self, path: str) -> None:
        self.browser.get(self.base + path)
        self.pages += 1

    def submit(self, css: str) -> None:
        """Press a button that loads a new page."""
        button = self.browser.find_element(By.CSS_SELECTOR, css)
        wait_for_new_page(self.browser, button.click)
        self.pages += 1

    def type(self, name: str, text: str) -> None:
        box = self._field(name)
        box.clear()
        box.send_keys(text)
        self.fields += 1

    def choose(self, name: str, label: str) -> None:
        Select(self._field(name)).select_by_visible_text(label)
        self.fields += 1

    def tick(self, name: str, value: str) -> None:
        self.browser.find_element(
            By.CSS_SELECTOR, f'main input[name="{name}"][value="{value}"]'
        ).click()
        self.fields += 1

    def check(self, name: str) -> None:
        """Tick a lone checkbox (if it is not ticked yet: a refused form keeps its ticks)."""
        box = self._field(name)
        if not box.is_selected():
            box.click()
            self.fields += 1

    def _field(self, name: str) -> Any:
        # In the page's content: the header has a "language" field of its own.
        return self.browser.find_element(By.CSS_SELECTOR, f'main [name="{name}"]')

    def fits(self) -> bool:
        overflow = self.browser.execute_script(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        return bool(overflow <= 0)

    def text(self) -> str:
        return str(self.browser.find_element(By.TAG_NAME, "body").text)


def _login(walk: Walk, username: str) -> None:
    walk.browser.delete_all_cookies()
    walk.open("/accounts/login/")
    walk.type("username", username)
    walk.type("password", PASSWORD)
    walk.submit("main form button[type=submit]")
    pass_second_factor(walk.browser, username)


def test_consent_first_then_refer_then_the_receivers_answer_shows_on_the_timeline(
    sized: webdriver.Chrome, live_server: Any
) -> None:
    net: Network = build_network()
    case = open_case(net)
    walk = Walk(sized, live_server.url)
    _login(walk, "nina")
    walk.pages = walk.fields = 0  # count the journey, not the login

    walk.open(f"/cases/{case.pk}/")
    walk.submit("#referrals a.button")
    # No consent yet: the page says so first and offers the consent form before anything else.
    assert "No consent recorded yet" in walk.text()
    assert walk.fits()
    walk.choose("purpose", "Assistance and services")
    walk.choose("recipient", "Centre for Social Work Lakeside")
    walk.choose("language", "Pashto")
    walk.submit("#basis form button[type=submit]")
    assert Consent.objects.filter(case=case, recipient=net.social).exists()
    assert "Consent to share with Centre for Social Work Lakeside" in walk.text()
    walk.submit("#basis a[href*='to_org']")  # refer under this consent: recipient preselected
    walk.choose("service", "Shelter")
    walk.tick("share", "gender")
    walk.tick("share", "summary")
    walk.submit("#share button[name=preview]")
    assert "Preview: exactly what the receiver will see" in walk.text()
    walk.submit("button[name=send]")
    referral = Referral.objects.get()
    assert f"/referrals/{referral.pk}/" in walk.browser.current_url
    assert walk.fits()
    # Case page, referral page, consent, refer under it, preview, send: 6 pages; 6 fields.
    assert (walk.pages, walk.fields) == (6, 6)

    _login(walk, "sara")
    walk.open(f"/referrals/{referral.pk}/")
    walk.type("note", "A bed from tonight.")
    walk.submit("form[action$='/accept/'] button")
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.ACCEPTED
    walk.open(f"/cases/{case.pk}/")
    walk.type("text", "Arrived at 18:00, settled in.")
    walk.submit("#notes button[type=submit]")
    assert "Arrived at 18:00, settled in." in walk.text()

    _login(walk, "nina")
    walk.open(f"/cases/{case.pk}/timeline/")
    timeline = walk.text()
    assert "Referral accepted" in timeline
    assert "A bed from tonight." in timeline
    # The receiver's own note stays with the receiver and the accountable organisation.
    assert "Arrived at 18:00, settled in." in timeline
    assert timeline.index("Referral accepted") < timeline.index("Consent recorded")
    assert walk.fits()


def test_a_caseworker_filters_the_case_list_and_saves_the_filter(
    sized: webdriver.Chrome, live_server: Any
) -> None:
    net: Network = build_network()
    girl = open_case(net, is_child=True)
    man = open_case(net, is_child=False)
    walk = Walk(sized, live_server.url)
    _login(walk, "nina")
    walk.pages = walk.fields = 0

    walk.open("/cases/list/")
    assert walk.fits()
    walk.browser.find_element(By.CSS_SELECTOR, "#filters summary").click()
    walk.choose("age", "Under 18")
    walk.submit("#filters button[type=submit]")
    listed = walk.text()
    assert girl.person.code in listed and man.person.code not in listed
    assert walk.fits()
    walk.type("name", "Children")
    walk.submit("form[action$='/list/filters/'] button")
    assert SavedFilter.objects.get().name == "Children"
    walk.open("/cases/list/")
    walk.submit("nav.saved-filters a")
    assert girl.person.code in walk.text() and man.person.code not in walk.text()
    # List, filter, save, the list again, the saved filter: 5 pages; 2 fields.
    assert (walk.pages, walk.fields) == (5, 2)


def test_opening_a_case_asks_for_what_it_needs_and_keeps_names_out_of_the_summary(
    sized: webdriver.Chrome, live_server: Any
) -> None:
    build_network()
    walk = Walk(sized, live_server.url)
    _login(walk, "nina")
    walk.pages = walk.fields = 0

    walk.open("/cases/new/")
    walk.submit("main form button[type=submit]")  # empty: nothing is created
    assert not Case.objects.exists()
    errors = walk.browser.find_elements(By.CSS_SELECTOR, "main .errorlist")
    assert len(errors) >= 2  # the kind and the summary, each beside its field
    walk.choose("kind", "Possible trafficking")
    walk.type("summary", "Ahmad met at the border, +389 70 123 456.")
    walk.check("confirmed")
    walk.submit("main form button[type=submit]")
    assert not Case.objects.exists()
    assert "looks like a phone number" in walk.text()
    assert walk.fits()
    walk.type("summary", "Met at the border; job promised in a restaurant.")
    walk.check("confirmed")
    walk.submit("main form button[type=submit]")
    case = Case.objects.get()
    assert f"/cases/{case.pk}/" in walk.browser.current_url
    assert walk.fits()
    # The form, an empty try, a refused summary, the case: 4 pages; 4 fields (the tick stays).
    assert (walk.pages, walk.fields) == (4, 4)


def test_open_assess_transfer_accept_and_the_chain_shows_both_organisations(
    sized: webdriver.Chrome, live_server: Any
) -> None:
    """Issue 16 §3: create a case, assess, refer with consent, the receiver accepts, the chain."""
    net: Network = build_network()
    walk = Walk(sized, live_server.url)
    _login(walk, "nina")
    walk.open("/cases/new/")
    walk.choose("kind", "Possible trafficking")
    walk.type("summary", "Met at the bus station; a job in a bar was promised.")
    walk.check("confirmed")
    walk.submit("main form button[type=submit]")
    case = Case.objects.get()
    walk.submit("#assessments a[href$='/assessments/new/']")
    walk.type("age", "17")
    walk.browser.execute_script(
        "document.querySelector('input[name=indicators__debt_bondage][value=yes]').click()"
    )
    walk.submit("#screening-form button[type=submit]")
    assert "Debt bondage" in walk.text()
    assert walk.fits()
    walk.open(f"/referrals/new/{case.pk}/")
    walk.choose("purpose", "Transfer of case responsibility")
    walk.choose("recipient", net.social.name)
    walk.choose("language", "Arabic")
    walk.submit("#basis form button[type=submit]")
    walk.submit("#basis a[href*='to_org']")
    walk.choose("kind", "Transfer of responsibility")
    walk.tick("share", "gender")
    walk.submit("#share button[name=preview]")
    walk.submit("button[name=send]")
    referral = Referral.objects.get()

    _login(walk, "sara")
    walk.open(f"/referrals/{referral.pk}/")
    walk.submit("form[action$='/accept/'] button")
    case.refresh_from_db()
    assert case.accountable_org == net.social

    walk.open(f"/referrals/chain/{case.pk}/")
    holders = [li.text for li in walk.browser.find_elements(By.CSS_SELECTOR, "li.link strong")]
    assert holders == [net.ngo.name, net.social.name]
    assert "unbroken" in walk.text()
    assert walk.fits()
    screenshot(walk.browser, f"journey-transfer-accepted-{walk.browser.get_window_size()['width']}")


def test_a_transfer_declined_leaves_the_sender_accountable_and_the_chain_says_so(
    sized: webdriver.Chrome, live_server: Any
) -> None:
    """Issue 16 §3: the receiver declines a transfer; the sender still holds the case."""
    net: Network = build_network()
    case = open_case(net)
    referral = refer(net, case, net.social, kind="transfer", purpose=Purpose.CASE_TRANSFER)
    walk = Walk(sized, live_server.url)
    _login(walk, "sara")
    walk.open(f"/referrals/{referral.pk}/")
    Select(walk.browser.find_element(By.ID, "decline-reason")).select_by_visible_text(
        "No capacity at the moment"
    )
    walk.browser.find_element(By.ID, "decline-note").send_keys("No bed free until next week.")
    walk.submit("form[action$='/decline/'] button")
    assert "No capacity at the moment" in walk.text()
    case.refresh_from_db()
    assert case.accountable_org == net.ngo

    _login(walk, "nina")
    walk.open(f"/referrals/chain/{case.pk}/")
    holders = [li.text for li in walk.browser.find_elements(By.CSS_SELECTOR, "li.link strong")]
    assert holders == [net.ngo.name]  # nobody else ever held it
    links = walk.browser.find_elements(By.CSS_SELECTOR, "li.link")
    assert links[-1].text.endswith("now")  # the sender holds it now
    assert "declined" in walk.text().lower()
    assert "unbroken" in walk.text()
    assert walk.fits()
    screenshot(walk.browser, f"journey-transfer-declined-{walk.browser.get_window_size()['width']}")
