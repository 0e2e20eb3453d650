"""The questions in the person's language, beside the worker's, on the same screen."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from stepstones.screening import person
from stepstones.screening.forms import ScreeningForm, field_name
from tests.training.test_macedonian import read_po

REPO = Path(__file__).resolve().parents[2]
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif%]|\{\w*\}")
OTHERS = [code for code in person.PERSON_LANGUAGES if code != "en"]


def _catalogue(code: str) -> Path:
    return person.LOCALE / translation.to_locale(code) / "LC_MESSAGES" / "person.po"


def test_the_catalogues_are_in_step_with_the_source() -> None:
    done = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "person_po.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("code", OTHERS)
def test_every_person_text_is_translated_and_keeps_its_placeholders(code: str) -> None:
    entries = read_po(_catalogue(code).read_text(encoding="utf-8"))
    by_id = {e.msgid: e for e in entries if e.msgid}
    missing = [text for text in person.messages() if not by_id.get(text)]
    assert missing == []
    untranslated = [e.msgid for e in by_id.values() if not e.translated]
    assert untranslated == [], f"{code}: {len(untranslated)} untranslated, e.g. {untranslated[:2]}"
    for entry in by_id.values():
        for text in entry.msgstr:
            assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(entry.msgid)), (
                code,
                entry.msgid,
            )


def test_every_question_the_person_is_asked_is_a_question_of_the_screen() -> None:
    form = ScreeningForm()
    for fact in person.source()["questions"]:
        assert field_name(fact) in form.fields, fact
    for name in person.source()["fields"]:
        assert name in form.fields, name


@pytest.mark.parametrize("code", OTHERS)
def test_the_screen_shows_each_question_in_the_persons_language_too(code: str) -> None:
    words = person.words_in(code)
    assert words is not None
    with translation.override("mk"):
        html = (
            Client(headers={"accept-language": "mk"})
            .get(reverse("screening:quick"), {"person_language": code, "mode": "all"})
            .content.decode()
        )
    shown = re.findall(
        rf'<p class="in-language" lang="{code}" dir="(\w+)">([^<]+)</p>',
        html.replace("&#x27;", "'"),
    )
    texts = {text for _direction, text in shown}
    expected = {text for text in words.fields.values() if text}
    assert expected, f"no question translated into {code}"
    assert expected <= {t.replace("&quot;", '"').replace("&amp;", "&") for t in texts}
    assert {d for d, _t in shown} == {"rtl" if code in person.RIGHT_TO_LEFT else "ltr"}
    # The interface stays in the worker's language.
    assert '<html lang="mk"' in html


def test_without_a_persons_language_the_screen_shows_the_workers_words_only() -> None:
    html = Client().get(reverse("screening:quick")).content.decode()
    assert 'class="in-language"' not in html


def test_the_persons_language_travels_from_step_to_step() -> None:
    client = Client()
    first = client.post(
        reverse("screening:quick"),
        {"mode": "steps", "person_language": "ar", "action": "next"},
    ).content.decode()
    assert re.search(r'<option value="ar" selected>', first)
    assert 'lang="ar" dir="rtl"' in first


def test_a_language_we_do_not_offer_is_refused_beside_its_field() -> None:
    form = ScreeningForm({"person_language": "xx"})
    assert not form.is_valid()
    assert "person_language" in form.errors
    assert form.person is None
