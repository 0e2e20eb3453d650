"""Every interface translation is complete, and keeps its source's placeholders and markup."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from tests.training.test_macedonian import Entry, read_po

LOCALE = Path(__file__).resolve().parents[2] / "src" / "stepstones" / "locale"
CATALOGUES = sorted(LOCALE.glob("*/LC_MESSAGES/django.po"))
FOLDERS = [path.parent.parent.name for path in CATALOGUES]
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif%]|\{\w*\}")
TAG = re.compile(r"</?\w+>")


def entries(folder: str) -> list[Entry]:
    return read_po((LOCALE / folder / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8"))


def test_the_regions_languages_are_all_there() -> None:
    assert {"mk", "sq", "sr", "sr_Latn"} <= set(FOLDERS)
    offered = {code for code, _name in settings.LANGUAGES}
    assert {"en", "mk", "sq", "sr", "sr-latn"} <= offered


@pytest.mark.parametrize("folder", FOLDERS)
def test_every_message_is_translated(folder: str) -> None:
    missing = [e.msgid for e in entries(folder) if not e.translated]
    assert missing == [], f"{folder}: {len(missing)} untranslated or fuzzy, e.g. {missing[:3]}"


@pytest.mark.parametrize("folder", FOLDERS)
def test_every_translation_keeps_its_placeholders_and_markup(folder: str) -> None:
    wrong = []
    for entry in entries(folder):
        sources = [entry.msgid, entry.msgid_plural or entry.msgid]
        for n, text in enumerate(entry.msgstr):
            source = sources[min(n, 1)]
            if sorted(set(PLACEHOLDER.findall(text))) != sorted(set(PLACEHOLDER.findall(source))):
                wrong.append(("placeholders", entry.msgid))
            if sorted(TAG.findall(text)) != sorted(TAG.findall(source)):
                wrong.append(("markup", entry.msgid))
    assert wrong == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "words"),
    [("sq", "Kontroll"), ("sr", "провер"), ("sr-latn", "prover"), ("mk", "провер")],
)
def test_the_home_page_speaks_the_chosen_language(
    client: Client, language: str, words: str
) -> None:
    page = client.get("/", headers={"accept-language": language}).content.decode()
    assert f'lang="{language}"' in page
    assert words.lower() in page.lower()
