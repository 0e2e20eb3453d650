"""What a worker reads out or shows to the person, in the person's language (not the worker's).

A worker in Macedonian shows a person from Afghanistan the questions in Pashto on the same
screen: the interface follows the worker's language, and these texts follow the person's. The
English source is `person.yaml`; each language's words are in `locale/<folder>/LC_MESSAGES/
person.po` (the gettext domain `person`, apart from the interface's `django` domain, so a person's
language never becomes an interface language by having a few texts). `scripts/person_po.py`
keeps the catalogues in step with the source; `make messages` compiles them.

A text with no translation in the person's language is left out rather than shown in English:
the worker then knows to interpret, instead of showing the person a language they may not read.
"""

from __future__ import annotations

import functools
import gettext as gettext_module
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from django.utils.translation import get_language_info, to_locale

SOURCE = Path(__file__).resolve().parent / "person.yaml"
LOCALE = Path(__file__).resolve().parents[1] / "locale"

# The languages of the people workers meet on the route, then the region's and English.
PERSON_LANGUAGES = ("ar", "fa", "ps", "ur", "fr", "tr", "mk", "sq", "sr", "sr-latn", "en")
# Written right to left (dir="rtl" around the person's text).
RIGHT_TO_LEFT = frozenset({"ar", "fa", "ps", "ur"})


@functools.cache
def source() -> dict[str, Any]:
    """The English texts, as `person.yaml` holds them."""
    data = yaml.safe_load(SOURCE.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def messages() -> list[str]:
    """Every English text the catalogues translate, in the file's order, each once."""
    data = source()
    texts = [data["intro"], *data["answers"].values(), *data["fields"].values(), data["consent"]]
    texts += list(data["questions"].values())
    return list(dict.fromkeys(texts))


def language_choices() -> list[tuple[str, str]]:
    """The person's language as its speakers name it ("پښتو", "Türkçe"), for a select."""
    return [(code, _own_name(code)) for code in PERSON_LANGUAGES]


# Names Django does not know (its table has no Pashto), and Dari beside Farsi.
_OWN_NAMES = {"ps": "پښتو", "fa": "فارسی / دری"}


def _own_name(code: str) -> str:
    if code in _OWN_NAMES:
        return _OWN_NAMES[code]
    return str(get_language_info(code)["name_local"])


def direction(language: str) -> str:
    return "rtl" if language in RIGHT_TO_LEFT else "ltr"


@dataclass(frozen=True)
class PersonWords:
    """The texts in one person's language; a missing translation is None."""

    language: str
    direction: str
    intro: str | None
    answers: Mapping[str, str | None]
    fields: Mapping[str, str | None]  # the screening form's field name -> question
    consent: str | None


@functools.cache
def words_in(language: str) -> PersonWords | None:
    """The person-facing texts in `language` (None for a language we do not offer)."""
    if language not in PERSON_LANGUAGES:
        return None
    translate = _translator(language)
    data = source()
    from stepstones.screening.forms import field_name

    fields = {name: translate(text) for name, text in data["fields"].items()}
    fields.update({field_name(fact): translate(text) for fact, text in data["questions"].items()})
    return PersonWords(
        language=language,
        direction=direction(language),
        intro=translate(data["intro"]),
        answers={key: translate(text) for key, text in data["answers"].items()},
        fields=fields,
        consent=translate(data["consent"]),
    )


def _translator(language: str) -> Any:
    if language == "en":
        return lambda text: text
    catalogue = gettext_module.translation(
        "person", localedir=str(LOCALE), languages=[to_locale(language)], fallback=True
    )

    def translate(text: str) -> str | None:
        out = catalogue.gettext(text)
        return out if out != text else None

    return translate
