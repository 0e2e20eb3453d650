"""Accessibility: axe-core 4.x in headless Chromium on every main page, logged out and per role.

axe-core comes from npm, pinned in package.json / package-lock.json at the repository root;
`make test` installs it into node_modules, and Chromium is handed that file to load into each
page: no CDN. A page fails on any violation of impact "serious" or "critical"; moderate and minor
findings are printed (`pytest -rP`) for the record. Every page checked must also fit a 360 px
phone without scrolling sideways.

- The 44 main pages (10 logged out, then the case holder, the receiver, the identification
  officer, the coordinator, the auditor, the organisation admin, the second factor's enrolment
  and code pages, and the trainer): in English at
  a desktop width, and in each complete interface language (Macedonian, Albanian, Serbian in
  Cyrillic and in Latin) at a small phone's width, with a job offer written in that language.
- Right to left, on a small phone, for a person who reads Arabic, Dari/Farsi, Pashto or Urdu:
  the quick screen's questions (first step, and all of them with a result), an offer's result
  and the consent explanation on the referral page, each beside another interface language.
  Each of these pages must show text in the person's language marked and laid out right to left.

docs/accessibility.md has the results. One browser for the whole file, one login per persona per
test: the machine is slow.
"""

from __future__ import annotations

import os
import shutil
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import pytest
from django.utils import timezone
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

from stepstones.cases import actions as case_actions
from stepstones.training import actions as training_actions
from stepstones.training.models import StepKind, TrainingSession
from stepstones.training.steps import StepSpec
from tests.browser.conftest import pass_second_factor
from tests.personas import (
    PASSWORD,
    Network,
    add_trainer,
    assess_case,
    build_network,
    open_case,
    refer,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
IMPACTS = ("critical", "serious", "moderate", "minor")
FAILING = frozenset({"critical", "serious"})
TRAINER = "tina.trainer"
SCENARIO = "smuggling_turns_into_trafficking_in_transit"

# axe's default rule set (WCAG 2.0-2.2 A and AA, and best practices; no experimental rules) and
# the target size of WCAG 2.2 on the whole document; only what the report needs comes back.
RUN_AXE = """
const done = arguments[arguments.length - 1];
// The quick screen's bar of buttons sticks to the bottom of the screen and covers, at any moment,
// whatever has scrolled under it: the person scrolls it free. Laid out in place for the check, so
// that the target-size rule measures the targets, not where the page happens to be scrolled.
document.querySelectorAll(".sticky-actions").forEach((bar) => { bar.style.position = "static"; });
axe.run(document, {
  resultTypes: ["violations"],
  // WCAG 2.2 2.5.8: targets at least 24 by 24 CSS pixels (or spaced as far); off by default.
  rules: {"target-size": {enabled: true}},
}).then(
  (results) => done(results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    targets: v.nodes.map((n) => n.target.join(" ")),
  }))),
  (error) => done({error: String(error)}),
);
"""

# The page as loaded: its HTTP status and language, so an error page is never checked instead.
PAGE_STATE = """
const nav = performance.getEntriesByType("navigation")[0];
const width = document.documentElement.clientWidth;
return {
  status: nav ? nav.responseStatus : 0,
  lang: document.documentElement.lang,
  width: window.innerWidth,
  sideways: document.documentElement.scrollWidth - width,
  wide: [...document.querySelectorAll("body *")]
    .filter((e) => e.getBoundingClientRect().right > width + 0.5)
    .map((e) => e.tagName.toLowerCase()
      + (e.id ? "#" + e.id : "")
      + (e.name ? `[name=${e.name}]` : "")
      + (typeof e.className === "string" && e.className ? "." + e.className : ""))
    .slice(0, 5),
};
"""

OFFER_MK = (
    "Потребни млади девојки 18-25 години за хостеси во Германија. Пасошот ќе го чуваме ние. "
    "Регистрациска такса 200 евра однапред. Viber 071 234 567."
)
OFFER_SQ = (
    "Kërkohen vajza të reja 18-25 vjeç për punë si hostesa në Gjermani. Pasaportën do ta "
    "mbajmë ne. Pagesë regjistrimi 200 euro paraprakisht. Viber 071 234 567."
)
OFFER_SR = (
    "Потребне младе девојке 18-25 година за хостесе у Немачкој. Пасош ћемо чувати ми. "
    "Такса за регистрацију 200 евра унапред. Viber 064 123 4567."
)
OFFER_SR_LATN = (
    "Potrebne mlade devojke 18-25 godina za hostese u Nemačkoj. Pasoš ćemo čuvati mi. "
    "Taksa za registraciju 200 evra unapred. Viber 064 123 4567."
)
OFFER_AR = (
    "مطلوب فتيات للعمل في مطعم في ألمانيا براتب 3000 يورو شهريا. السكن مجاني. "
    "نحتفظ بجواز السفر عند الوصول. رسوم التسجيل 300 يورو مقدما. واتساب 071 234 567"
)
OFFER_FA = (
    "برای کار در رستوران در آلمان دختر جوان نیاز داریم، حقوق ماهانه ۳۰۰۰ یورو. "
    "پاسپورت شما نزد شرکت نگهداری میشود. هزینه ثبت نام ۳۰۰ یورو از قبل. واتساپ 071 234 567"
)
OFFER_PS = (
    "په آلمان کې د رستورانت لپاره ځوانې نجونې پکار دي، معاش ۳۰۰۰ یورو. ستاسو پاسپورټ به "
    "زموږ سره وي. د نوم لیکنې فیس ۳۰۰ یورو مخکې. واټساپ 071 234 567"
)
OFFER_UR = (
    "جرمنی میں ریسٹورنٹ کے لیے نوجوان لڑکیاں چاہییں۔ تنخواہ 3000 یورو ماہانہ۔ پاسپورٹ ہمارے "
    "پاس رہے گا۔ رجسٹریشن فیس 300 یورو پیشگی۔ واٹس ایپ 071 234 567"
)

# The complete interface languages besides English, each with a job offer written in it.
WORKERS_LANGUAGES = {"mk": OFFER_MK, "sq": OFFER_SQ, "sr": OFFER_SR, "sr-latn": OFFER_SR_LATN}
# The people's languages written right to left, each with an offer in it and the interface
# language of the worker showing the person the page: every complete language has a turn.
PEOPLES_LANGUAGES = {
    "ar": ("en", OFFER_AR),
    "fa": ("mk", OFFER_FA),
    "ps": ("sq", OFFER_PS),
    "ur": ("sr-latn", OFFER_UR),
}
# The main pages: 10 logged out, 15 for the case holder, 3 for the receiver, 1 for the
# identification officer, 4 for the coordinator, 1 for the auditor, 3 for the organisation admin
# and 5 for the trainer. Every complete language gets them all.
MAIN_PAGES = 44

NOTES = "He recruited her in Kičevo. She was 15. He took her passport and she owes him 2000 euro."

# A stored assessment to show: a child, debt bondage, wages withheld, a paid crossing.
FACTS = {
    "age_band": "child",
    "indicators": {"debt_bondage": "yes", "wages_withheld": "yes", "violence_on_victim": "no"},
    "smuggling": {"paid_to_cross": "yes"},
}


@dataclass(frozen=True)
class Finding:
    page: str
    rule: str
    impact: str
    help: str
    targets: tuple[str, ...]

    def line(self) -> str:
        nodes = ", ".join(self.targets[:3]) + (" ..." if len(self.targets) > 3 else "")
        return f"{self.rule} ({self.impact}) on {self.page}: {self.help}; nodes: {nodes}"


@dataclass(frozen=True)
class Screen:
    width: int
    height: int
    mobile: bool  # a phone's viewport: the page's <meta name="viewport"> applies

    def use(self, browser: webdriver.Chrome) -> None:
        metrics = {
            "width": self.width,
            "height": self.height,
            "deviceScaleFactor": 1,
            "mobile": self.mobile,
        }
        browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)


DESKTOP = Screen(1280, 900, mobile=False)
SMALL_PHONE = Screen(360, 740, mobile=True)


# The directions of the elements in the person's language (`lang`) that say they are right to left.
PERSON_TEXT = """
return [...document.querySelectorAll(`[lang="${arguments[0]}"][dir="rtl"]`)]
  .map((e) => getComputedStyle(e).direction);
"""


@dataclass
class Walk:
    """The browser going through pages: axe on each at `screen`, and each must fit `phone`.

    `language` is the interface's; `person`, when given, the language of a person the pages
    show texts to, written right to left: every page checked must show some, laid out so.
    """

    browser: webdriver.Chrome
    base: str
    language: str
    screen: Screen
    person: str = ""
    phone: Screen = SMALL_PHONE
    findings: list[Finding] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)
    sideways: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.screen.use(self.browser)

    @property
    def languages(self) -> str:
        return f"{self.language}, for the person {self.person}" if self.person else self.language

    def visit(self, path: str, label: str = "") -> None:
        self.browser.get(self.base + path)
        self.check(label or path)

    def check(self, label: str) -> None:
        """Check the page the browser shows: it loaded in the walk's language; axe; the phone."""
        label = f"{label} [{self.languages}]"
        state = self.browser.execute_script(PAGE_STATE)
        assert state["status"] == 200, f"{label}: HTTP {state['status']}"
        assert state["lang"] == self.language, f"{label}: the page is in {state['lang']!r}"
        if self.person:
            directions = self.browser.execute_script(PERSON_TEXT, self.person)
            assert directions, f"{label}: nothing in {self.person!r} marked right to left"
            assert set(directions) == {"rtl"}, f"{label}: laid out {directions}"
        self.pages.append(label)
        result = self.browser.execute_async_script(RUN_AXE)
        assert isinstance(result, list), f"{label}: axe-core failed: {result}"
        self.findings += [
            Finding(label, v["id"], v["impact"] or "minor", v["help"], tuple(v["targets"]))
            for v in result
        ]
        self.fits(label)

    def fits(self, label: str) -> None:
        """Keep `label` in `sideways` if the page is wider than the phone's screen."""
        if self.phone != self.screen:
            self.phone.use(self.browser)
        state = self.browser.execute_script(PAGE_STATE)
        if self.phone != self.screen:
            self.screen.use(self.browser)
        # A phone shows a page wider than itself zoomed out: window.innerWidth grows to fit.
        if state["sideways"] > 0 or state["width"] != self.phone.width:
            self.sideways.append(
                f"{label}: {state['sideways']} px wider, shown {state['width']} px wide; "
                f"sticking out: {', '.join(state['wide'])}"
            )

    def login(self, username: str, password: str = PASSWORD, *, code: bool = True) -> None:
        """Log in as `username` (no cookies kept from before), in the walk's language.

        With `code` False the second factor is left for the walk to check its pages.
        """
        self.browser.delete_all_cookies()
        self.browser.get(self.base + "/accounts/login/")
        self.browser.find_element(By.NAME, "username").send_keys(username)
        self.browser.find_element(By.NAME, "password").send_keys(password)
        self.browser.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
        if code:
            pass_second_factor(self.browser, username)
        else:
            WebDriverWait(self.browser, 10).until(lambda b: "/accounts/login/" not in b.current_url)
        self.speak()

    def logout(self) -> None:
        self.browser.delete_all_cookies()
        self.browser.get(self.base + "/accounts/login/")
        self.speak()

    def speak(self) -> None:
        # The language switch remembers a visitor's choice in this cookie.
        self.browser.add_cookie({"name": "django_language", "value": self.language})

    def report(self) -> str:
        """Return the counts by impact and one line per finding."""
        counts = Counter(f.impact for f in self.findings)
        head = f"axe-core, {len(self.pages)} pages [{self.languages}]: " + ", ".join(
            f"{impact} {counts.get(impact, 0)}" for impact in IMPACTS
        )
        return "\n".join([head, *(f"  {f.line()}" for f in self.findings)])

    def assert_accessible(self) -> None:
        """Fail on any serious or critical finding or a page wider than the phone; print all."""
        print(self.report())
        failing = [f.line() for f in self.findings if f.impact in FAILING]
        problems = []
        if failing:
            problems += ["Serious or critical accessibility violations:", *failing]
        if self.sideways:
            problems += [f"Pages that scroll sideways at {self.phone.width} px:", *self.sideways]
        assert not problems, "\n".join(problems)


@pytest.fixture(scope="session")
def axe_source() -> str:
    """Return axe.min.js from node_modules; skip without it (fail under REQUIRE_BROWSER)."""
    if not AXE.is_file():
        if shutil.which("npm") is None:
            message = "npm is not installed (apt-get install npm), so axe-core is missing"
        else:
            message = f"axe-core is missing at {AXE}: `make test` installs it (npm ci)"
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail(message)
        pytest.skip(message)
    return AXE.read_text(encoding="utf-8")


class Walker(Protocol):
    def __call__(self, language: str, screen: Screen, person: str = "") -> Walk: ...


@pytest.fixture
def walker(browser: webdriver.Chrome, live_server: Any, axe_source: str) -> Iterator[Walker]:
    """Yield a maker of walks on the shared browser; leave it as the next test expects it."""
    browser.set_script_timeout(60)
    # Chromium loads axe-core into every page it opens from now on, before the page's own
    # scripts: one copy sent to the browser, not one per page.
    added = browser.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": axe_source})

    def walk(language: str, screen: Screen, person: str = "") -> Walk:
        return Walk(browser, live_server.url, language, screen, person)

    try:
        yield walk
    finally:
        browser.execute_cdp_cmd(
            "Page.removeScriptToEvaluateOnNewDocument", {"identifier": added["identifier"]}
        )
        # Drop the site's cookies (the walk's language among them) while still on the site,
        # then leave the polling pages (training) before the live server's database goes away.
        browser.delete_all_cookies()
        browser.get("about:blank")
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


@dataclass
class World:
    net: Network
    case: int
    referral: int
    assessment: int
    session: TrainingSession


def _world() -> World:
    """Build the personas, a case with a referral and an assessment, and a training day."""
    net = build_network()
    case = open_case(net)
    referral = refer(net, case, net.social)
    assessment = assess_case(net, case, FACTS)
    membership = add_trainer(net, TRAINER)
    session = training_actions.create_session(
        by=membership,
        title="Skopje, mixed room",
        day=timezone.localdate(),
        language="en",
        steps=[StepSpec(StepKind.JOURNEY, SCENARIO, 3)],
    )
    return World(net, case.pk, referral.pk, assessment.pk, session)


def _offer(walk: Walk, text: str, label: str) -> None:
    """Check an offer on the public page; check the page with its result."""
    browser = walk.browser
    browser.get(walk.base + "/offers/")
    browser.find_element(By.NAME, "text").send_keys(text)
    browser.find_element(By.ID, "check-button").click()
    WebDriverWait(browser, 15).until(
        ec.presence_of_element_located((By.CSS_SELECTOR, "#result .offer-level"))
    )
    walk.check(label)


def _screen_result(walk: Walk) -> None:
    """Answer every question of the quick screen yes; check the page with its result.

    With a person's language, every question shows in it too, under the worker's.
    """
    browser = walk.browser
    person = f"&person_language={walk.person}" if walk.person else ""
    browser.get(f"{walk.base}/screen/?mode=all{person}")
    browser.find_element(By.NAME, "age").send_keys("16")
    browser.execute_script(
        "document.querySelectorAll('input[type=radio][value=yes]').forEach((r) => r.click())"
    )
    browser.find_element(By.CSS_SELECTOR, "#screening-form button[type=submit]").click()
    WebDriverWait(browser, 15).until(
        ec.visibility_of_element_located((By.CSS_SELECTOR, "#result .outcome"))
    )
    walk.check("/screen/ with a result")


def _notes_review(walk: Walk) -> None:
    """Paste notes into the notes assistant; check the page with its suggestions to review."""
    browser = walk.browser
    browser.get(walk.base + "/suggest/")
    browser.find_element(By.NAME, "notes").send_keys(NOTES)
    browser.find_element(By.CSS_SELECTOR, "button[value=suggest]").click()
    WebDriverWait(browser, 15).until(
        ec.presence_of_element_located((By.CSS_SELECTOR, "#notes-review mark"))
    )
    walk.check("/suggest/ with suggestions")


def _participant(walk: Walk, session: TrainingSession) -> None:
    """Join the training day as a participant (no account); check the join page and the room."""
    browser = walk.browser
    walk.visit(f"/training/join/?code={session.join_code}", "/training/join/")
    browser.find_element(By.ID, "id_display_name").send_keys("Ana")
    browser.find_element(By.CSS_SELECTOR, "input[name=kind]").click()
    browser.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    WebDriverWait(browser, 10).until(lambda b: b.current_url.endswith("/training/room/"))
    walk.check("participant /training/room/")


def _every_main_page(walk: Walk, w: World, offer: str) -> None:
    """Go through the main pages logged out, then as each role; check `offer` on the way."""
    walk.logout()
    for path in ("/", "/accounts/login/", "/screen/", "/offers/", "/suggest/"):
        walk.visit(path)
    _screen_result(walk)
    _notes_review(walk)
    _offer(walk, offer, "/offers/ with a result")
    _participant(walk, w.session)
    personas: list[tuple[str, list[str]]] = [
        (
            "nina",  # the case holder: a case manager of an NGO
            [
                "/",
                "/cases/",
                "/cases/list/",
                "/cases/new/",
                f"/cases/{w.case}/",
                f"/cases/{w.case}/assessments/new/",
                f"/cases/assessments/{w.assessment}/",
                "/referrals/",
                f"/referrals/{w.referral}/",
                f"/referrals/new/{w.case}/",
                f"/referrals/chain/{w.case}/",
                "/orgs/directory/",
                "/suggest/",
                "/api/tokens/",
            ],
        ),
        ("sara", ["/cases/", "/referrals/", f"/referrals/{w.referral}/"]),  # the receiver
        ("ivan", ["/cases/"]),  # identification officer, of another organisation
        ("cora", ["/cases/", "/referrals/network/", "/stats/", "/stats/report/"]),  # coordinator
        ("audrey", ["/audit/"]),  # auditor
        ("olga", ["/orgs/members/", "/orgs/entry/", "/cases/list/"]),  # organisation admin
    ]
    for username, paths in personas:
        walk.login(username)
        for path in paths:
            walk.visit(path, f"{username} {path}")
        if username == "nina":
            _offer(walk, offer, "nina /offers/ with a result")
    # The second factor's pages: enrolment (otto has no authenticator yet), then the code page.
    walk.login("otto", code=False)
    walk.visit("/accounts/two-factor/enrol/", "otto enrolment")
    pass_second_factor(walk.browser, "otto")
    walk.login("otto", code=False)
    walk.visit("/accounts/two-factor/", "otto code page")
    walk.login(TRAINER)
    for path in (
        "/training/",
        f"/training/{w.session.pk}/",
        f"/training/{w.session.pk}/projector/",
        f"/training/{w.session.pk}/evaluation/",
        "/training/picture/",
    ):
        walk.visit(path, f"trainer {path}")


def test_every_main_page_is_accessible_and_fits_a_small_phone_in_english(walker: Walker) -> None:
    walk = walker("en", DESKTOP)
    _every_main_page(walk, _world(), OFFER_MK)
    assert len(walk.pages) == MAIN_PAGES
    walk.assert_accessible()


@pytest.mark.parametrize(
    "language",
    list(WORKERS_LANGUAGES),
    ids=["macedonian", "albanian", "serbian", "serbian-latin"],
)
def test_every_main_page_is_accessible_on_a_small_phone_in_the_workers_languages(
    walker: Walker, language: str
) -> None:
    walk = walker(language, SMALL_PHONE)
    _every_main_page(walk, _world(), WORKERS_LANGUAGES[language])
    assert len(walk.pages) == MAIN_PAGES
    walk.assert_accessible()


def test_the_pages_in_the_persons_language_are_accessible_right_to_left_on_a_small_phone(
    walker: Walker,
) -> None:
    """The quick screen's questions, an offer's result and the consent explanation, per language.

    Each right-to-left language is shown beside another interface language, as a worker in
    Macedonian shows a person the questions in Farsi; the case holder logs in once for them all.
    """
    net = build_network()
    walks = {
        person: walker(interface, SMALL_PHONE, person)
        for person, (interface, _offer_text) in PEOPLES_LANGUAGES.items()
    }
    for person, (_interface, offer) in PEOPLES_LANGUAGES.items():
        walk = walks[person]
        walk.logout()
        walk.visit(f"/screen/?person_language={person}", "/screen/ with the person's language")
        _screen_result(walk)
        _offer(walk, offer, "/offers/ with an offer in the person's language")
    # A person who speaks the language and has given no consent yet: the referral page shows
    # what to read to them before they decide.
    cases = {
        person: case_actions.open_case(
            by=net.nina, gender="Feminine", primary_language=person, summary="Met at the border."
        ).pk
        for person in walks
    }
    first = next(iter(walks.values()))
    first.login("nina")
    for person, walk in walks.items():
        walk.speak()
        walk.visit(f"/referrals/new/{cases[person]}/", "nina /referrals/new/ before consent")
    reports = []
    for walk in walks.values():
        assert len(walk.pages) == 4
        try:
            walk.assert_accessible()
        except AssertionError as failure:
            reports.append(str(failure))
    assert not reports, "\n".join(reports)
