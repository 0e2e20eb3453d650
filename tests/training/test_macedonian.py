"""The training day is complete in Macedonian: every interface text, and the engine's debrief."""

from __future__ import annotations

import ast
import datetime as dt
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation.template import templatize

from stepstones.agencies.models import Membership
from stepstones.training import actions
from stepstones.training.content import load_content
from stepstones.training.models import ParticipantKind, StepKind, TrainingSession
from stepstones.training.steps import StepSpec

SRC = Path(__file__).resolve().parents[2] / "src" / "stepstones"
PO_FILE = SRC / "locale" / "mk" / "LC_MESSAGES" / "django.po"
DAY = dt.date(2026, 12, 7)
SCENARIO = "smuggling_turns_into_trafficking_in_transit"

# The same keywords as `makemessages` gives xgettext, for Python files and templates alike.
XGETTEXT_KEYWORDS = [
    "gettext_noop",
    "gettext_lazy",
    "ngettext_lazy:1,2",
    "pgettext:1c,2",
    "npgettext:1c,2,3",
    "pgettext_lazy:1c,2",
    "npgettext_lazy:1c,2,3",
]


# ---------------------------------------------------------------------------------------------
# A tiny .po reader: enough for the entries makemessages writes (no obsolete entries).


@dataclass
class Entry:
    """One message of a .po file."""

    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: list[str] = field(default_factory=list)
    flags: set[str] = field(default_factory=set)
    references: list[str] = field(default_factory=list)

    @property
    def translated(self) -> bool:
        return bool(self.msgstr) and all(self.msgstr) and "fuzzy" not in self.flags


def read_po(text: str) -> list[Entry]:
    """Return the entries of a .po (or .pot) text, the header left out."""
    entries: list[Entry] = []
    entry, key = Entry(), ""
    started = False

    def finish() -> None:
        if started and entry.msgid:
            entries.append(entry)

    for line in [*text.splitlines(), ""]:
        if not line.strip():
            finish()
            entry, key, started = Entry(), "", False
        elif line.startswith("#,"):
            entry.flags |= {f.strip() for f in line[2:].split(",")}
        elif line.startswith("#:"):
            entry.references += line[2:].split()
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            _append(entry, key, ast.literal_eval(line))
        else:
            key, _, value = line.partition(" ")
            started = True
            if key.startswith("msgstr"):
                entry.msgstr.append("")
            _append(entry, key, ast.literal_eval(value))
    return entries


def _append(entry: Entry, key: str, value: str) -> None:
    if key == "msgid":
        entry.msgid += value
    elif key == "msgid_plural":
        entry.msgid_plural = (entry.msgid_plural or "") + value
    elif key == "msgctxt":
        entry.msgctxt = (entry.msgctxt or "") + value
    else:
        entry.msgstr[-1] += value


PO = read_po(PO_FILE.read_text(encoding="utf-8"))
BY_MSGID = {e.msgid: e for e in PO}


# ---------------------------------------------------------------------------------------------
# The texts of the training day, extracted from the sources the way makemessages extracts them.


def _training_day_sources() -> list[Path]:
    training = SRC / "training"
    web = SRC / "web" / "templates"
    return sorted(
        [
            *(p for p in training.rglob("*.py") if "migrations" not in p.parts),
            *training.rglob("templates/training/**/*.html"),
            web / "web" / "base.html",
            web / "web" / "home.html",
            web / "registration" / "login.html",
        ]
    )


def training_day_msgids() -> set[str]:
    """Return every msgid the training app and the base, home and login templates use."""
    xgettext = shutil.which("xgettext")
    assert xgettext, "GNU gettext's xgettext is needed (it also builds the translations)"
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        for n, path in enumerate(_training_day_sources()):
            if path.suffix == ".html":
                copy = Path(tmp) / f"{n}.py"
                copy.write_text(templatize(path.read_text(encoding="utf-8")), encoding="utf-8")
                files.append(str(copy))
            else:
                files.append(str(path))
        pot = subprocess.run(
            [
                xgettext,
                "--language=Python",
                "--from-code=UTF-8",
                *(f"--keyword={k}" for k in XGETTEXT_KEYWORDS),
                "--output=-",
                *files,
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    return {e.msgid for e in read_po(pot)}


def test_the_file_says_it_is_macedonian_with_its_plural_forms() -> None:
    header = PO_FILE.read_text(encoding="utf-8").split("\n\n", 1)[0]
    assert '"Language: mk\\n"' in header
    assert "nplurals=2; plural=(n % 10 == 1 && n % 100 != 11) ? 0 : 1;" in header
    assert "charset=UTF-8" in header
    assert "#, fuzzy" not in header


def test_every_text_of_the_training_day_has_a_macedonian_translation() -> None:
    msgids = training_day_msgids()
    assert len(msgids) > 200, "the extraction found too little: is the source tree there?"
    missing = sorted(m for m in msgids if m not in BY_MSGID)
    assert not missing, f"not in the .po, run makemessages: {missing[:10]}"
    untranslated = sorted(m for m in msgids if not BY_MSGID[m].translated)
    assert not untranslated, f"{len(untranslated)} untranslated, e.g. {untranslated[:10]}"


PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif%]|\{\w*\}")


def _placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


def test_every_translation_keeps_the_placeholders_of_its_source() -> None:
    # Macedonian's first plural form also counts 21, 31, ...: it must show the number too.
    wrong = [
        (entry.msgid, msgstr)
        for entry in PO
        if entry.translated
        for msgstr in entry.msgstr
        if _placeholders(msgstr) != _placeholders(entry.msgid_plural or entry.msgid)
    ]
    assert not wrong, wrong[:5]


def test_every_translation_keeps_the_markup_of_its_source() -> None:
    tags = re.compile(r"</?\w+>")
    wrong = [
        (entry.msgid, msgstr)
        for entry in PO
        if entry.translated
        for msgstr in entry.msgstr
        if tags.findall(msgstr) != tags.findall(entry.msgid)
    ]
    assert not wrong, wrong[:5]


def test_the_language_switch_offers_macedonian_in_its_own_name() -> None:
    assert ("mk", "Македонски") in settings.LANGUAGES
    page = Client().get(reverse("home")).content.decode()
    assert '<option value="mk">Македонски</option>' in page


# ---------------------------------------------------------------------------------------------
# The pages of the day, in Macedonian.


@pytest.fixture(autouse=True)
def _compiled_translations(request: pytest.FixtureRequest) -> None:
    # The pages read the compiled .mo, which `make messages` builds (it is not committed).
    if "django_db" not in request.keywords:
        return
    mo = PO_FILE.with_suffix(".mo")
    assert mo.exists(), "no compiled translations: run `make messages`"
    assert mo.stat().st_mtime >= PO_FILE.stat().st_mtime, "the .po changed: run `make messages`"


def mk_client() -> Client:
    """Return a browser whose language is Macedonian, as the language switch leaves it."""
    client = Client(HTTP_ACCEPT_LANGUAGE="mk")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "mk"
    return client


@pytest.fixture
def session(trainer: Membership) -> TrainingSession:
    return actions.create_session(
        by=trainer,
        title="Скопје, декември",
        day=DAY,
        language="mk",
        steps=[
            StepSpec(StepKind.POLL),
            StepSpec(StepKind.JOURNEY, SCENARIO, 3),
            StepSpec(StepKind.MYTH, next(iter(load_content().myths))),
        ],
    )


def _phone(session: TrainingSession) -> Client:
    phone = mk_client()
    response = phone.post(
        reverse("training:join"),
        {"code": session.join_code, "display_name": "Ана", "kind": ParticipantKind.GOVERNMENTAL},
    )
    assert response.status_code == 302, response.content
    return phone


def _assert_macedonian(page: str, present: list[str], absent: list[str]) -> None:
    assert '<html lang="mk">' in page
    for text in present:
        assert text in page, text
    for text in absent:
        assert text not in page, text


@pytest.mark.django_db
def test_it_shows_the_join_page_in_macedonian() -> None:
    with translation.override("mk"):
        page = mk_client().get(reverse("training:join")).content.decode()
    _assert_macedonian(
        page,
        present=[
            "Приклучете се на сесија за обука",
            "Кодот на екранот",
            "Вашата организација е",
            "Невладина",
            "Вратете ме на моето место",
            "Брза проверка",
        ],
        absent=["Join a training session", "No account needed", "Code on the screen", "Log in"],
    )


@pytest.mark.django_db
@time_machine.travel(dt.datetime(2026, 12, 7, 9, 0, tzinfo=dt.UTC))
def test_it_shows_the_phones_room_in_macedonian(session: TrainingSession) -> None:
    phone = _phone(session)
    with translation.override("mk"):
        page = phone.get(reverse("training:room")).content.decode()
    _assert_macedonian(
        page,
        present=[
            "Вие сте Ана. Вашиот код за враќање: <strong>",
            "Дали има некој тука што не сака подобар живот?",
            "Испратете го мојот одговор",
            "Проверете дали има следен чекор",
        ],
        absent=["Your rejoin code", "Send my answer", "Check for the next step", "Your answer"],
    )


@pytest.mark.django_db
@time_machine.travel(dt.datetime(2026, 12, 7, 9, 0, tzinfo=dt.UTC))
def test_it_shows_the_engines_debrief_on_the_phone_in_macedonian(
    session: TrainingSession,
) -> None:
    phone = _phone(session)
    actions.move_to(session, 1)
    actions.reveal(session, shown=True)
    with translation.override("mk"):
        page = phone.get(reverse("training:room")).content.decode()
    _assert_macedonian(
        page,
        present=[
            "Одговорот на системот за проценка:",
            "Што покажуваат фактите",
            "трговија со луѓе",
        ],
        absent=[
            "The engine's answer",
            "What the facts show",
            "What to do next",
            "The facts point to",
            "reasonable grounds",
            "smuggling",
            "trafficking",
        ],
    )


@pytest.mark.django_db
@time_machine.travel(dt.datetime(2026, 12, 7, 9, 0, tzinfo=dt.UTC))
def test_it_shows_the_trainers_session_page_in_macedonian(
    trainer: Membership, session: TrainingSession
) -> None:
    _phone(session)
    client = mk_client()
    client.force_login(trainer.user)
    with translation.override("mk"):
        page = client.get(reverse("training:control", args=[session.pk])).content.decode()
    _assert_macedonian(
        page,
        present=[
            f"Код за приклучување {session.join_code}",
            "Отворете го приказот за проектор",
            "Се приклучи 1 учесник.",
            "Чекори на денот",
            "Поделете ги во мешани групи",
        ],
        absent=[
            "Open the projector view",
            "participant has joined",
            "Steps of the day",
            "Split into mixed groups",
            "Log out",
        ],
    )
