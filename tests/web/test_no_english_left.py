"""Every main page, in every complete interface language, renders without English left over.

For each language the test reads its compiled catalogue and takes every English text that has a
translation different from itself. Each such text is cut at its placeholders and markup into
phrases; a phrase of two words or more that shows on a page rendered in that language (in its
visible text or in the attributes a person hears or sees: labels, titles, placeholders, button
values) is English the translation should have replaced. Single words are left out: an
organisation's name, a brand ("WhatsApp") or a word both languages share would make the check cry
wolf. The pages are the main ones logged out and per role, with a case, an assessment, a referral
and a training day to show, and the quick screen, offer check and notes assistant with results.
"""

from __future__ import annotations

import gettext
import re
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from stepstones.training import actions as training_actions
from stepstones.training.forms import SessionForm
from stepstones.training.models import StepKind
from stepstones.training.steps import StepSpec
from tests.personas import add_trainer, assess_case, build_network, open_case, refer

pytestmark = pytest.mark.django_db

LOCALE = Path(__file__).resolve().parents[2] / "src" / "stepstones" / "locale"
LANGUAGES = {"mk": "mk", "sq": "sq", "sr": "sr", "sr-latn": "sr_Latn"}  # code: catalogue folder

# Placeholders (%(name)s, %s, {n}) and markup split a text into the phrases a page shows whole.
_CUT = re.compile(r"%\(\w+\)[sdif]|%[sdif]|\{\w*\}|<[^>]*>|[\n\t]")
_WORD = re.compile(r"[A-Za-z]{2,}")
# Attributes whose text a person reads or hears.
_SPOKEN = {"aria-label", "title", "placeholder", "alt", "aria-description"}


@cache
def english_phrases(folder: str) -> frozenset[str]:
    """The phrases of every English text the catalogue translates into something else."""
    path = LOCALE / folder / "LC_MESSAGES" / "django.mo"
    with path.open("rb") as mo:
        catalogue: dict[object, str] = gettext.GNUTranslations(mo)._catalog  # type: ignore[attr-defined]
    phrases: set[str] = set()
    for msgid, msgstr in catalogue.items():
        if isinstance(msgid, tuple):  # a plural form: (msgid, n)
            msgid = msgid[0]
        if not isinstance(msgid, str) or not msgid or msgid == msgstr:
            continue
        for piece in _CUT.split(msgid):
            phrase = " ".join(piece.split()).strip(" .,:;!?()\"'")
            if len(_WORD.findall(phrase)) >= 2 and phrase not in msgstr:
                phrases.add(phrase)
    return frozenset(phrases)


class _Text(HTMLParser):
    """What a person sees and hears of a page: its text and its spoken attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0  # inside <script>, <style> or <template>

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"script", "style", "template"}:
            self._hidden += 1
        values = dict(attrs)
        self.parts += [v for k, v in attrs if k in _SPOKEN and v]
        if tag == "input" and values.get("type") in {"submit", "button"} and values.get("value"):
            self.parts.append(values["value"] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style", "template"} and self._hidden:
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def seen(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def english_left(html: str, folder: str) -> list[str]:
    """Return the English phrases a page shows that its language translates."""
    text = seen(html)
    return sorted(
        phrase
        for phrase in english_phrases(folder)
        if re.search(rf"(?<![A-Za-z]){re.escape(phrase)}(?![A-Za-z])", text)
    )


@dataclass(frozen=True)
class Visit:
    who: str  # a persona, or "" logged out
    path: str
    post: tuple[tuple[str, str], ...] = ()


FACTS = {
    "age_band": "child",
    "indicators": {"debt_bondage": "yes", "wages_withheld": "yes"},
    "smuggling": {"paid_to_cross": "yes"},
}
SCREEN = (
    ("age", "16"),
    ("origin", "Nepal"),
    ("destination", "MK"),
    ("indicators__debt_bondage", "yes"),
    ("indicators__document_retention", "yes"),
    ("smuggling__paid_to_cross", "yes"),
)
OFFER = (("text", "Waitress job in Germany, 2000 EUR. Send a copy of your passport on WhatsApp."),)
NOTES = (("notes", "She was 15. He took her passport and she owes him 2000 euro."),)


# The training room's content language, as the content names it, for an interface language.
ROOM = {"mk": "mk", "sq": "sq", "sr": "sr-Cyrl", "sr-latn": "sr-Latn"}


def visits(language: str) -> list[Visit]:
    """Build the world and return the pages to visit in `language`.

    A training room shows its content in the room's language, which the trainer chooses; the
    room's pages are visited when the content exists in `language`.
    """
    net = build_network()
    case = open_case(net)
    referral = refer(net, case, net.social)
    assessment = assess_case(net, case, FACTS)
    membership = add_trainer(net)
    rooms = {code for code, _name in SessionForm().fields["language"].choices}  # type: ignore[attr-defined]
    session = training_actions.create_session(
        by=membership,
        title="Skopje",
        day=timezone.localdate(),
        language=ROOM[language] if ROOM[language] in rooms else "en",
        steps=[StepSpec(StepKind.JOURNEY, "smuggling_turns_into_trafficking_in_transit", 3)],
    )
    pages = [Visit("", p) for p in ("/", "/accounts/login/", "/screen/", "/offers/", "/suggest/")]
    pages += [
        Visit("", "/screen/", SCREEN),
        Visit("", "/screen/?mode=all"),
        Visit("", "/offers/", OFFER),
        Visit("", "/suggest/", NOTES),
    ]
    pages += [
        Visit("nina", p)
        for p in (
            "/",
            "/cases/",
            "/cases/list/",
            "/cases/new/",
            f"/cases/{case.pk}/",
            f"/cases/{case.pk}/assessments/new/",
            f"/cases/assessments/{assessment.pk}/",
            "/referrals/",
            f"/referrals/{referral.pk}/",
            f"/referrals/new/{case.pk}/",
            f"/referrals/chain/{case.pk}/",
            "/orgs/directory/",
            "/api/tokens/",
        )
    ]
    pages += [Visit("sara", p) for p in ("/cases/", "/referrals/", f"/referrals/{referral.pk}/")]
    pages += [Visit("cora", p) for p in ("/cases/", "/referrals/network/")]
    pages += [Visit("audrey", "/audit/")]
    pages += [Visit("olga", p) for p in ("/orgs/members/", "/orgs/entry/")]
    pages += [Visit("tina", "/training/")]
    if session.language == ROOM[language]:
        pages += [Visit("tina", "/training/picture/")]  # the factors are training content
        pages += [Visit("", f"/training/join/?code={session.join_code}")]
        pages += [
            Visit("tina", p)
            for p in (
                f"/training/{session.pk}/",
                f"/training/{session.pk}/projector/",
                f"/training/{session.pk}/evaluation/",
            )
        ]
    return pages


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_every_main_page_shows_no_english_a_translation_replaces(language: str) -> None:
    folder = LANGUAGES[language]
    assert len(english_phrases(folder)) > 500  # the catalogue was read
    clients: dict[str, Client] = {}
    leftovers: list[str] = []
    for visit in visits(language):
        if visit.who not in clients:
            client = Client()
            if visit.who:
                client.force_login(User.objects.get(username=visit.who))
            client.cookies["django_language"] = language
            clients[visit.who] = client
        client = clients[visit.who]
        if visit.post:
            response = client.post(visit.path, dict(visit.post))
        else:
            response = client.get(visit.path)
        label = f"{visit.who or 'logged out'} {'POST' if visit.post else 'GET'} {visit.path}"
        assert response.status_code == 200, f"{label}: HTTP {response.status_code}"
        html = response.content.decode()
        assert f'lang="{language}"' in html, f"{label}: not rendered in {language}"
        leftovers += [f"{label}: {phrase!r}" for phrase in english_left(html, folder)]
    assert not leftovers, "English left on the pages:\n" + "\n".join(leftovers)


def test_the_check_finds_english_a_page_leaves() -> None:
    """The check itself: an untranslated menu entry is found; its translation is not."""
    phrases = english_phrases("mk")
    english = next(p for p in sorted(phrases) if p.startswith("Quick screen") or " " in p)
    page = f"<html><body><nav><a href='/'>{english}</a></nav></body></html>"
    assert english_left(page, "mk") == [english]
    assert english_left("<html><body><p>Брз скрининг</p></body></html>", "mk") == []
    hidden = f"<html><body><script>var t = '{english}';</script></body></html>"
    assert english_left(hidden, "mk") == []
    spoken = f"<html><body><button aria-label='{english}'>x</button></body></html>"
    assert english_left(spoken, "mk") == [english]
