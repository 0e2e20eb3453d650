"""A room can run in Serbian, in Cyrillic (`sr-Cyrl`) or in Latin (`sr-Latn`).

The content files keep Serbian once, in Cyrillic; the loader makes the Latin text from it with the
interface catalogue's own table (`stepstones.serbian`), so the two scripts never drift. A room in
`sr-Cyrl` shows the interface in Django's `sr`, a room in `sr-Latn` in `sr-latn`.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

import pytest
import time_machine
import yaml
from django.conf import settings
from django.test import Client
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from stepstones.agencies.models import Membership
from stepstones.serbian import to_latin
from stepstones.training import actions, evaluation_actions
from stepstones.training.content import CONTENT_DIR, ContentError, Text, load_content, offer_key
from stepstones.training.evaluation import load_bank, room_languages
from stepstones.training.forms import SessionForm
from stepstones.training.loader import texts_in
from stepstones.training.model import interface_language, room_language, with_serbian_latin
from stepstones.training.models import ParticipantKind, QuizKind, StepKind, TrainingSession
from stepstones.training.steps import StepSpec, offer_flag_labels

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"
sys.path.insert(0, str(SCRIPTS))

import glossary  # type: ignore[import-not-found]  # noqa: E402 - a script, not a package

MORNING = dt.datetime(2026, 12, 7, 9, 0, tzinfo=dt.UTC)
SCENARIO = "smuggling_turns_into_trafficking_in_transit"
MYTH = "smuggling_and_trafficking_are_the_same"
LATIN_LETTERS = re.compile(r"[A-Za-zČĆĐŠŽčćđšž]")


# ---------------------------------------------------------------------------------------------
# One source: Cyrillic in the files, Latin made from it


def test_the_content_is_complete_in_serbian_in_both_scripts() -> None:
    content = load_content()
    assert {"sr-Cyrl", "sr-Latn"} <= set(content.languages)
    missing = [t.get("en") for t in texts_in(content) if not t.has("sr-Cyrl")]
    assert missing == []
    assert {"sr-Cyrl", "sr-Latn"} <= set(room_languages())


def test_every_latin_text_is_the_cyrillic_one_transliterated() -> None:
    texts = [*texts_in(load_content()), *(c.text for c in load_bank().commitments)]
    for text in texts:
        assert text.get("sr-Latn") == to_latin(text.get("sr-Cyrl"))


def test_no_file_writes_serbian_latin_by_hand() -> None:
    files = [*CONTENT_DIR.glob("*.yaml"), *CONTENT_DIR.glob("scenarios/*.yaml")]
    assert files
    assert [f.name for f in files if "sr-Latn:" in f.read_text(encoding="utf-8")] == []


def test_the_loader_refuses_a_text_written_in_both_scripts(tmp_path: Path) -> None:
    for source in CONTENT_DIR.rglob("*.yaml"):
        target = tmp_path / source.relative_to(CONTENT_DIR)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    choices = tmp_path / "choices.yaml"
    choices.write_text(
        choices.read_text(encoding="utf-8").replace(
            'sr-Cyrl: "Још се не зна"', 'sr-Cyrl: "Још се не зна", sr-Latn: "Još se ne zna"'
        ),
        encoding="utf-8",
    )
    with pytest.raises(ContentError, match="sr-Latn is made from sr-Cyrl"):
        load_content(tmp_path)


@given(st.text(alphabet="абвгдђежзијклљмнњопрстћуфхцчџшАБВГДЂЕЖЗИЈКЛЉМНЊОПРСТЋУФХЦЧЏШ .,"))
def test_a_latin_text_has_no_cyrillic_letter_left(cyrillic: str) -> None:
    items = with_serbian_latin((("en", "x"), ("mk", "x"), ("sr-Cyrl", cyrillic)))
    latin = dict(items)["sr-Latn"]
    assert not re.search("[\u0400-\u04ff]", latin)


@pytest.mark.parametrize(
    ("room", "interface"),
    [("sr-Cyrl", "sr"), ("sr-Latn", "sr-latn"), ("sq", "sq"), ("mk", "mk"), ("en", "en")],
)
def test_a_room_language_maps_to_the_interface_language_and_back(room: str, interface: str) -> None:
    assert interface_language(room) == interface
    assert room_language(interface) == room


def test_the_offer_flags_are_labelled_in_both_scripts() -> None:
    cyrillic = dict(offer_flag_labels("sr-Cyrl"))
    latin = dict(offer_flag_labels("sr-Latn"))
    english = dict(offer_flag_labels("en"))
    for fid, label in cyrillic.items():
        assert label != english[fid]
        assert latin[fid] == to_latin(label)


def test_every_offer_reads_the_same_red_flags_in_serbian_as_in_english() -> None:
    for offer in load_content().offers.values():
        english = {f.id for f in offer_key(offer, "en").flags}
        for script in ("sr-Cyrl", "sr-Latn"):
            serbian = {f.id for f in offer_key(offer, script).flags}
            # The fruit-picking ad says "почетак одмах" (start at once): urgency, as in Albanian.
            assert english <= serbian, (offer.id, script, english - serbian)


def test_the_variable_travellers_get_no_gendered_pronoun() -> None:
    """In scenarios whose traveller's sex varies, the Serbian says "особа" or "дете"."""
    for scenario in load_content().scenarios.values():
        if len(set(scenario.traveller.sexes)) < 2:
            continue
        for text in texts_in(scenario):
            words = set(re.findall(r"\w+", text.get("sr-Cyrl").lower()))
            assert not words & {"он", "она", "њега", "њу", "њој", "њему"}, text.get("sr-Cyrl")


def _serbian_messages() -> list[glossary.Message]:
    texts = list(texts_in(load_content()))
    flags = yaml.safe_load((CONTENT_DIR / "offer_flags.yaml").read_text(encoding="utf-8"))
    texts += [Text(tuple(raw.items())) for raw in flags.values()]
    texts += [c.text for c in load_bank().commitments]
    return [glossary.Message(t.get("en"), msgstr=[t.get("sr-Cyrl")]) for t in texts]


def test_the_serbian_content_uses_the_glossarys_terms() -> None:
    found = glossary.inconsistencies(glossary.load(), {"sr": _serbian_messages()})
    for inconsistency in found:
        print(inconsistency)
    assert found == [], f"{len(found)} Serbian texts break the glossary (printed above)"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("interface", "room", "name"),
    [("sr", "sr-Cyrl", "Српски (ћирилица)"), ("sr-latn", "sr-Latn", "Srpski (latinica)")],
)
def test_the_session_form_offers_serbian_in_the_interfaces_script(
    interface: str, room: str, name: str
) -> None:
    field = SessionForm(language=room_language(interface)).fields["language"]
    assert (room, name) in field.choices  # type: ignore[attr-defined]
    assert field.initial == room


# ---------------------------------------------------------------------------------------------
# The screens of a room in Serbian, with the interface in Serbian


def sr_client(interface: str = "sr") -> Client:
    """Return a browser whose language is `interface`, as the language switch leaves it."""
    client = Client(HTTP_ACCEPT_LANGUAGE=interface)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = interface
    return client


def _session(trainer: Membership, room: str) -> TrainingSession:
    return actions.create_session(
        by=trainer,
        title="Београд, децембар",
        day=MORNING.date(),
        language=room,
        steps=[StepSpec(StepKind.JOURNEY, SCENARIO, 3), StepSpec(StepKind.MYTH, MYTH)],
    )


@pytest.fixture
def session(trainer: Membership) -> TrainingSession:
    return _session(trainer, "sr-Cyrl")


@time_machine.travel(MORNING)
def _phone(session: TrainingSession, interface: str = "sr") -> Client:
    phone = sr_client(interface)
    response = phone.post(
        reverse("training:join"),
        {
            "code": session.join_code,
            "display_name": "Јована",
            "kind": ParticipantKind.NON_GOVERNMENTAL,
        },
    )
    assert response.status_code == 302, response.content
    return phone


def _assert_serbian(page: str, present: list[str], absent: list[str], lang: str = "sr") -> None:
    assert f'<html lang="{lang}">' in page
    for text in present:
        assert text in page, text
    for text in absent:
        assert text not in page, text


def _content(room: str = "sr-Cyrl") -> dict[str, str]:
    """Return the Serbian texts the room's two steps show."""
    content = load_content()
    scenario = content.scenarios[SCENARIO]
    myth = content.myths[MYTH]
    return {
        "title": scenario.title.get(room),
        "event": scenario.stages[3].events[0].text.get(room),
        "myth": myth.myth.get(room),
        "fact": myth.fact.get(room),
    }


@pytest.mark.django_db
def test_the_trainer_creates_a_day_in_serbian(trainer: Membership) -> None:
    client = sr_client()
    client.force_login(trainer.user)
    response = client.post(
        reverse("training:sessions"),
        {"title": "Београд, децембар", "day": "2026-12-07", "language": "sr-Cyrl", "myths": [MYTH]},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert TrainingSession.objects.get().language == "sr-Cyrl"


@pytest.mark.django_db
@time_machine.travel(MORNING)
def test_the_projector_shows_the_journey_in_serbian(
    trainer: Membership, session: TrainingSession
) -> None:
    client = sr_client()
    client.force_login(trainer.user)
    page = client.get(reverse("training:projector", args=[session.pk])).content.decode()
    texts = _content()
    _assert_serbian(
        page,
        present=[texts["title"], texts["event"], "Кријумчарење миграната"],
        absent=[load_content().scenarios[SCENARIO].title.get("en"), "Smuggling of migrants"],
    )


@pytest.mark.django_db
@time_machine.travel(MORNING)
def test_the_phone_shows_the_step_and_then_the_debrief_in_serbian(
    session: TrainingSession,
) -> None:
    phone = _phone(session)
    texts = _content()
    page = phone.get(reverse("training:room")).content.decode()
    _assert_serbian(
        page,
        present=[texts["title"], texts["event"], "Трговина људима"],
        absent=["Send my answer", "Trafficking in human beings", "The traveller"],
    )
    actions.reveal(session, shown=True)
    page = phone.get(reverse("training:room")).content.decode()
    _assert_serbian(
        page,
        present=["И једно и друго: кријумчарење које је прерасло у трговину људима"],
        absent=["What the facts show", "What to do next", "Both: smuggling"],
    )


@pytest.mark.django_db
@time_machine.travel(MORNING)
def test_a_room_in_latin_shows_latin_content_and_the_latin_interface(
    trainer: Membership,
) -> None:
    session = _session(trainer, "sr-Latn")
    phone = _phone(session, "sr-latn")
    texts = _content("sr-Latn")
    page = phone.get(reverse("training:room")).content.decode()
    _assert_serbian(
        page,
        present=[texts["title"], texts["event"], "Trgovina ljudima"],
        absent=["Send my answer", _content()["event"], "Трговина људима"],
        lang="sr-latn",
    )
    assert LATIN_LETTERS.search(texts["event"])


@pytest.mark.django_db
@time_machine.travel(MORNING)
def test_the_phone_shows_a_myth_and_its_fact_in_serbian(session: TrainingSession) -> None:
    phone = _phone(session)
    actions.move_to(session, 1)
    texts = _content()
    page = phone.get(reverse("training:room")).content.decode()
    _assert_serbian(page, present=[texts["myth"]], absent=["Smuggling and trafficking are"])
    actions.reveal(session, shown=True)
    page = phone.get(reverse("training:room")).content.decode()
    _assert_serbian(page, present=[texts["fact"]], absent=["Smuggling is a service"])


@pytest.mark.django_db
@time_machine.travel(MORNING)
def test_the_test_and_the_evaluation_are_in_serbian(session: TrainingSession) -> None:
    phone = _phone(session)
    evaluation_actions.open_quiz(session, QuizKind.PRE)
    content = load_content()
    page = phone.get(reverse("training:quiz_room")).content.decode()
    _assert_serbian(
        page,
        present=[
            content.myths["a_border_must_be_crossed"].myth.get("sr-Cyrl"),
            content.studies["building_site_abroad"].story.get("sr-Cyrl"),
        ],
        absent=[content.myths["a_border_must_be_crossed"].myth.get("en")],
    )
    page = phone.get(reverse("training:evaluation_form")).content.decode()
    commitment = load_bank().commitments[0].text
    _assert_serbian(page, present=[commitment.get("sr-Cyrl")], absent=[commitment.get("en")])
