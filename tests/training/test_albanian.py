"""A room can run in Albanian: the content is complete in sq and every screen of the day shows it.

A room's language is any language the whole content is written in (`Content.languages`, with the
evaluation's commitments: `evaluation.room_languages`); English and Macedonian stay the loader's
minimum. The Albanian texts use the glossary's terms, as the interface catalogue does.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest
import time_machine
import yaml
from django.conf import settings
from django.test import Client
from django.urls import reverse

from stepstones.agencies.models import Membership
from stepstones.training import actions, evaluation_actions
from stepstones.training.content import (
    CONTENT_DIR,
    REQUIRED_LANGUAGES,
    Text,
    complete_languages,
    load_content,
    offer_key,
)
from stepstones.training.evaluation import load_bank, room_languages
from stepstones.training.forms import SessionForm
from stepstones.training.loader import texts_in
from stepstones.training.models import ParticipantKind, QuizKind, StepKind, TrainingSession
from stepstones.training.steps import StepSpec

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"
sys.path.insert(0, str(SCRIPTS))

import glossary  # type: ignore[import-not-found]  # noqa: E402 - a script, not a package

MORNING = dt.datetime(2026, 12, 7, 9, 0, tzinfo=dt.UTC)
SCENARIO = "smuggling_turns_into_trafficking_in_transit"
MYTH = "smuggling_and_trafficking_are_the_same"


# ---------------------------------------------------------------------------------------------
# Which languages are complete


def _text(*languages: str) -> Text:
    return Text(tuple((code, f"text in {code}") for code in languages))


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        ([_text("en", "mk")], ("en", "mk")),
        ([_text("en", "mk", "sq"), _text("en", "mk", "sq")], ("en", "mk", "sq")),
        ([_text("en", "mk", "sq"), _text("en", "mk")], ("en", "mk")),
        (
            [_text("sq", "mk", "en", "tr"), {"x": (_text("en", "mk", "tr", "sq"),)}],
            ("en", "mk", "sq", "tr"),
        ),
        ([_text("en", "mk", "sr-Latn"), [_text("en", "mk", "sq")]], ("en", "mk")),
    ],
    ids=[
        "required-only",
        "all-albanian",
        "one-text-lacks-sq",
        "nested-in-file-order",
        "no-overlap",
    ],
)
def test_a_language_is_complete_only_when_every_text_has_it(
    texts: list[object], expected: tuple[str, ...]
) -> None:
    assert complete_languages(*texts) == expected


def test_the_content_is_complete_in_albanian() -> None:
    content = load_content()
    assert content.languages[:3] == ("en", "mk", "sq")  # Serbian follows (test_serbian.py)
    assert REQUIRED_LANGUAGES == ("en", "mk")
    missing = [t.get("en") for t in texts_in(content) if not t.has("sq")]
    assert missing == []
    assert room_languages()[:3] == ("en", "mk", "sq")


def test_every_offer_reads_the_same_red_flags_in_albanian_as_in_english() -> None:
    for offer in load_content().offers.values():
        english = {f.id for f in offer_key(offer, "en").flags}
        albanian = {f.id for f in offer_key(offer, "sq").flags}
        # The fruit-picking ad's Albanian text also says "start at once" (urgency), as written.
        assert english <= albanian, (offer.id, english - albanian)


def _albanian_messages() -> list[glossary.Message]:
    texts = list(texts_in(load_content()))
    flags = yaml.safe_load((CONTENT_DIR / "offer_flags.yaml").read_text(encoding="utf-8"))
    texts += [Text(tuple(raw.items())) for raw in flags.values()]
    texts += [c.text for c in load_bank().commitments]
    return [glossary.Message(t.get("en"), msgstr=[t.get("sq")]) for t in texts]


def test_the_albanian_content_uses_the_glossarys_terms() -> None:
    found = glossary.inconsistencies(glossary.load(), {"sq": _albanian_messages()})
    for inconsistency in found:
        print(inconsistency)
    assert found == [], f"{len(found)} Albanian texts break the glossary (printed above)"


@pytest.mark.django_db
def test_the_session_form_offers_exactly_the_complete_languages() -> None:
    form = SessionForm(language="sq")
    field = form.fields["language"]
    assert [code for code, _name in field.choices] == list(room_languages())  # type: ignore[attr-defined]
    assert ("sq", "Shqip") in field.choices  # type: ignore[attr-defined]
    assert field.initial == "sq"
    assert SessionForm(language="tr").fields["language"].initial == "en"


@pytest.mark.django_db
def test_the_trainer_creates_a_day_in_albanian(trainer: Membership) -> None:
    client = sq_client()
    client.force_login(trainer.user)
    response = client.post(
        reverse("training:sessions"),
        {"title": "Tetovë, dhjetor", "day": "2026-12-07", "language": "sq", "myths": [MYTH]},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert TrainingSession.objects.get().language == "sq"


# ---------------------------------------------------------------------------------------------
# The screens of a room in Albanian, with the interface in Albanian


def sq_client() -> Client:
    """Return a browser whose language is Albanian, as the language switch leaves it."""
    client = Client(HTTP_ACCEPT_LANGUAGE="sq")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sq"
    return client


@pytest.fixture
def session(trainer: Membership) -> TrainingSession:
    return actions.create_session(
        by=trainer,
        title="Tetovë, dhjetor",
        day=MORNING.date(),
        language="sq",
        steps=[StepSpec(StepKind.JOURNEY, SCENARIO, 3), StepSpec(StepKind.MYTH, MYTH)],
    )


@time_machine.travel(MORNING)
def _phone(session: TrainingSession) -> Client:
    phone = sq_client()
    response = phone.post(
        reverse("training:join"),
        {
            "code": session.join_code,
            "display_name": "Arta",
            "kind": ParticipantKind.NON_GOVERNMENTAL,
        },
    )
    assert response.status_code == 302, response.content
    return phone


def _assert_albanian(page: str, present: list[str], absent: list[str]) -> None:
    assert '<html lang="sq">' in page
    for text in present:
        assert text in page, text
    for text in absent:
        assert text not in page, text


def _content() -> dict[str, str]:
    """Return the Albanian texts the room's two steps show."""
    content = load_content()
    scenario = content.scenarios[SCENARIO]
    myth = content.myths[MYTH]
    return {
        "title": scenario.title.get("sq"),
        "event": scenario.stages[3].events[0].text.get("sq"),
        "myth": myth.myth.get("sq"),
        "fact": myth.fact.get("sq"),
    }


@pytest.mark.django_db
@time_machine.travel(MORNING)
def test_the_projector_shows_the_journey_in_albanian(
    trainer: Membership, session: TrainingSession
) -> None:
    client = sq_client()
    client.force_login(trainer.user)
    page = client.get(reverse("training:projector", args=[session.pk])).content.decode()
    texts = _content()
    _assert_albanian(
        page,
        present=[texts["title"], texts["event"], "Kontrabandë e migrantëve"],
        absent=[load_content().scenarios[SCENARIO].title.get("en"), "Smuggling of migrants"],
    )


@pytest.mark.django_db
@time_machine.travel(MORNING)
def test_the_phone_shows_the_step_and_then_the_debrief_in_albanian(
    session: TrainingSession,
) -> None:
    phone = _phone(session)
    texts = _content()
    page = phone.get(reverse("training:room")).content.decode()
    _assert_albanian(
        page,
        present=[
            texts["title"],
            texts["event"],
            "Dërgo përgjigjen time",
            "Trafikim i qenieve njerëzore",
        ],
        absent=["Send my answer", "Trafficking in human beings", "The traveller"],
    )
    actions.reveal(session, shown=True)
    page = phone.get(reverse("training:room")).content.decode()
    _assert_albanian(
        page,
        present=["Çfarë tregojnë faktet", "Të dyja: kontrabandë që u shndërrua në trafikim"],
        absent=["What the facts show", "What to do next", "Both: smuggling"],
    )


@pytest.mark.django_db
@time_machine.travel(MORNING)
def test_the_phone_shows_a_myth_and_its_fact_in_albanian(session: TrainingSession) -> None:
    phone = _phone(session)
    actions.move_to(session, 1)
    texts = _content()
    page = phone.get(reverse("training:room")).content.decode()
    _assert_albanian(page, present=[texts["myth"]], absent=["Smuggling and trafficking are"])
    actions.reveal(session, shown=True)
    page = phone.get(reverse("training:room")).content.decode()
    _assert_albanian(page, present=[texts["fact"]], absent=["Smuggling is a service"])


@pytest.mark.django_db
@time_machine.travel(MORNING)
def test_the_test_and_the_evaluation_are_in_albanian(session: TrainingSession) -> None:
    phone = _phone(session)
    evaluation_actions.open_quiz(session, QuizKind.PRE)
    content = load_content()
    page = phone.get(reverse("training:quiz_room")).content.decode()
    _assert_albanian(
        page,
        present=[
            content.myths["a_border_must_be_crossed"].myth.get("sq"),
            content.studies["building_site_abroad"].story.get("sq"),
        ],
        absent=[content.myths["a_border_must_be_crossed"].myth.get("en")],
    )
    page = phone.get(reverse("training:evaluation_form")).content.decode()
    commitment = load_bank().commitments[0].text
    _assert_albanian(page, present=[commitment.get("sq")], absent=[commitment.get("en")])
