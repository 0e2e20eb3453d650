"""Serbian Latin is Serbian Cyrillic letter for letter, and the two catalogues never drift apart."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPTS = Path(__file__).resolve().parents[1] / "scripts"
sys.path.insert(0, str(SCRIPTS))

import sr_latn  # type: ignore[import-not-found]  # noqa: E402 - a script, not a package

# The azbuka and the abeceda side by side (Pravopis srpskoga jezika).
AZBUKA_ABECEDA = [
    ("А", "A"), ("Б", "B"), ("В", "V"), ("Г", "G"), ("Д", "D"), ("Ђ", "Đ"), ("Е", "E"), ("Ж", "Ž"),
    ("З", "Z"), ("И", "I"), ("Ј", "J"), ("К", "K"), ("Л", "L"), ("Љ", "Lj"), ("М", "M"), ("Н", "N"),
    ("Њ", "Nj"), ("О", "O"), ("П", "P"), ("Р", "R"), ("С", "S"), ("Т", "T"), ("Ћ", "Ć"), ("У", "U"),
    ("Ф", "F"), ("Х", "H"), ("Ц", "C"), ("Ч", "Č"), ("Џ", "Dž"), ("Ш", "Š"),
]  # fmt: skip
AZBUKA = [cyrillic for cyrillic, _ in AZBUKA_ABECEDA]


@pytest.mark.parametrize(
    ("cyrillic", "latin"), AZBUKA_ABECEDA, ids=[latin for _, latin in AZBUKA_ABECEDA]
)
def test_it_writes_each_letter_of_the_azbuka_in_latin(cyrillic: str, latin: str) -> None:
    assert sr_latn.to_latin(cyrillic) == latin
    assert sr_latn.to_latin(cyrillic.lower()) == latin.lower()


def test_the_table_covers_the_thirty_letters_and_nothing_else() -> None:
    assert len(AZBUKA) == 30
    assert set(sr_latn.CYRILLIC_TO_LATIN) == set(AZBUKA) | {c.lower() for c in AZBUKA}


@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [
        ("Љубав", "Ljubav"),
        ("ЉУБАВ", "LJUBAV"),
        ("КОЊ", "KONJ"),
        ("Коњ", "Konj"),
        ("ЏЕП", "DŽEP"),
        ("Џеп", "Džep"),
        ("Њ", "Nj"),
        ("ЊЕГОШ и Његош", "NJEGOŠ i Njegoš"),
        ("Ђорђе Ћосић чешља шешир", "Đorđe Ćosić češlja šešir"),
        ("жртва трговине људима", "žrtva trgovine ljudima"),
        ("Кријумчарење миграната", "Krijumčarenje migranata"),
    ],
    ids=[
        "title case",
        "all capitals",
        "capitals at the end of a word",
        "small at the end of a word",
        "dž in capitals",
        "dž in title case",
        "a lone capital",
        "both in one text",
        "diacritics",
        "trafficking",
        "smuggling",
    ],
)
def test_it_keeps_the_case_of_each_word(cyrillic: str, latin: str) -> None:
    assert sr_latn.to_latin(cyrillic) == latin


@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [
        ("%(name)s је %(n)d", "%(name)s je %(n)d"),
        ("%s и %d", "%s i %d"),
        ("100 %% тачно", "100 %% tačno"),
        ("{name} и {0} и {n:>3}", "{name} i {0} i {n:>3}"),
        ('<a href="%(url)s">Линк</a>', '<a href="%(url)s">Link</a>'),
        ("<strong>%(code)s</strong>", "<strong>%(code)s</strong>"),
        ("<code>Bearer &lt;token&gt;</code> ЊЕ", "<code>Bearer &lt;token&gt;</code> NJE"),
        (
            "name: наведите назив (ISO 3166, HTCDS, stepstones)",
            "name: navedite naziv (ISO 3166, HTCDS, stepstones)",
        ),
        ("„%(match)s“ је хипотетичко", "„%(match)s“ je hipotetičko"),
    ],
    ids=[
        "named",
        "positional",
        "percent",
        "braces",
        "link",
        "strong",
        "entities",
        "latin",
        "quotes",
    ],
)
def test_it_leaves_placeholders_markup_and_latin_text_untouched(cyrillic: str, latin: str) -> None:
    assert sr_latn.to_latin(cyrillic) == latin


def test_it_transliterates_a_msgstr_split_over_lines_as_one_text() -> None:
    po = (
        '# Serbian\nmsgid ""\nmsgstr ""\n"Language: sr\\n"\n"Language-Team: Serbian\\n"\n\n'
        '#: x.py:1\nmsgid "Love"\nmsgstr ""\n"Љ"\n"УБАВ %(n)s"\n'
    )
    latin = sr_latn.latin_catalogue(po)
    assert '"Language: sr_Latn\\n"' in latin
    assert '"Language-Team: Serbian (Latin)\\n"' in latin
    assert latin.endswith('msgid "Love"\nmsgstr ""\n"LJ"\n"UBAV %(n)s"\n')


def test_the_committed_latin_catalogue_is_the_cyrillic_one_transliterated() -> None:
    cyrillic = sr_latn.CYRILLIC_PO.read_text(encoding="utf-8")
    latin = sr_latn.LATIN_PO.read_text(encoding="utf-8")
    assert latin == sr_latn.latin_catalogue(cyrillic), "run: python scripts/sr_latn.py"
    assert len(latin.splitlines()) == len(cyrillic.splitlines())
    assert not re.search("[\u0400-\u04ff]", latin)


def test_the_cyrillic_catalogue_is_complete_with_three_plural_forms() -> None:
    po = sr_latn.CYRILLIC_PO.read_text(encoding="utf-8")
    assert '"Language: sr\\n"' in po
    assert "nplurals=3;" in po
    assert not re.findall(r'^msgstr(?:\[\d\])? ""\n(?!")', po, re.M), "empty msgstr"
    assert "#, fuzzy" not in po and ", fuzzy" not in po
    plurals = len(re.findall(r"^msgid_plural ", po, re.M))
    assert plurals and len(re.findall(r"^msgstr\[2\] ", po, re.M)) == plurals


def test_the_command_says_the_latin_catalogue_is_up_to_date() -> None:
    result = subprocess.run(
        [sys.executable, str(SCRIPTS / "sr_latn.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "is up to date" in result.stdout
