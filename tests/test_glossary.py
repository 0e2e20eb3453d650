"""The catalogues use the glossary's terms, and docs/glossary.md is the glossary's data."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPTS = Path(__file__).resolve().parents[1] / "scripts"
sys.path.insert(0, str(SCRIPTS))

import glossary  # type: ignore[import-not-found]  # noqa: E402 - a script, not a package

TERMS = glossary.load()
CATALOGUES = {code: glossary.catalogue(code) for code in glossary.LANGUAGES}


def test_the_glossary_has_the_terms_the_brief_names() -> None:
    english = {term.en for term in TERMS}
    assert {
        "trafficking in human beings",
        "smuggling of migrants",
        "referral",
        "formal identification",
        "reasonable grounds",
        "national referral mechanism",
    } <= english


@pytest.mark.parametrize("term", TERMS, ids=[term.id for term in TERMS])
def test_every_term_has_a_form_and_a_source_in_every_language(term: glossary.Term) -> None:
    for code in glossary.LANGUAGES:
        rendering = term.languages[code]
        assert rendering.term.strip(), f"{term.id}: no {code} term"
        assert rendering.source.strip(), f"{term.id}: no {code} source"
        assert rendering.accept, f"{term.id}: no accepted {code} stems"


@pytest.mark.parametrize("term", TERMS, ids=[term.id for term in TERMS])
def test_each_languages_term_is_one_of_its_own_accepted_forms(term: glossary.Term) -> None:
    for code in glossary.LANGUAGES:
        rendering = term.languages[code]
        # The short form in brackets ("trafikim i qenieve njerëzore (short form trafikim)") and
        # optional words ("(начело) некажњавања") are not part of the term itself.
        written = re.sub(r"\(.*?\)", "", rendering.term).strip()
        assert any(p.search(written) for p in rendering.accept), (
            f"{term.id}: the {code} term {rendering.term!r} matches none of its own stems"
        )


def test_the_english_forms_find_the_terms_in_the_source_strings() -> None:
    english = [message.msgid for message in CATALOGUES["mk"]]
    unused = {"presumed_victim", "nrm"}  # not in the interface yet; kept for the translators
    missing = [
        term.id
        for term in TERMS
        if term.id not in unused and not any(term.concerns(text) for text in english)
    ]
    assert missing == [], f"terms whose English forms match no source string: {missing}"


def test_it_reports_a_translation_that_uses_another_term() -> None:
    smuggling = next(term for term in TERMS if term.id == "smuggling")
    message = glossary.Message("smuggling of migrants", msgstr=["трговија со мигранти"])
    found = glossary.inconsistencies([smuggling], {"mk": [message]})
    assert [(f.language, f.term.id) for f in found] == [("mk", "smuggling")]


def test_it_reports_a_wording_to_avoid_wherever_it_stands() -> None:
    smuggling = next(term for term in TERMS if term.id == "smuggling")
    message = glossary.Message("Border crossing", msgstr=["Trafikimi i emigrantëve"])
    found = glossary.inconsistencies([smuggling], {"sq": [message]})
    assert [f.avoided for f in found] == ["Trafikimi i emigrantëve"]


@pytest.mark.parametrize("language", glossary.LANGUAGES)
def test_the_catalogue_uses_the_glossarys_terms(language: str) -> None:
    found = glossary.inconsistencies(TERMS, {language: CATALOGUES[language]})
    for inconsistency in found:
        print(inconsistency)
    assert found == [], f"{len(found)} {language} translations break the glossary (printed above)"


def test_the_glossary_page_is_generated_from_the_data() -> None:
    assert glossary.PAGE.read_text(encoding="utf-8") == glossary.render(TERMS), (
        "docs/glossary.md is out of date: run python scripts/glossary.py"
    )


def test_the_page_shows_serbian_in_both_scripts() -> None:
    page = glossary.PAGE.read_text(encoding="utf-8")
    assert "| трговина људима | trgovina ljudima |" in page


def test_the_script_checks_the_page_and_the_catalogues() -> None:
    for flag in ("--check", "--lint"):
        result = subprocess.run(  # noqa: S603 - our own script, fixed arguments
            [sys.executable, str(SCRIPTS / "glossary.py"), flag],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stdout + result.stderr
