"""The data files: every entry has a source and a verified flag; every flag has its texts."""

from __future__ import annotations

import re

import pytest

from stepstones.recruitment import messages as M
from stepstones.recruitment.catalogue import LEXICON_LANGUAGES, catalogue

CAT = catalogue()
FLAG_IDS = [rule.id for rule in CAT.flags] + [CAT.reported.id]


def test_every_lexicon_entry_has_a_source_and_a_verified_flag() -> None:
    for concept, language, verified, source in CAT.lexicon_entries:
        assert isinstance(verified, bool), (concept, language)
        assert source.strip(), (concept, language)


@pytest.mark.parametrize(
    "concept",
    [
        "fee",
        "document",
        "handover",
        "deduction",
        "no_experience",
        "travel",
        "arranged",
        "housing",
        "risky_job",
        "looks",
        "urgency",
        "abroad",
        "negation",
    ],
)
def test_every_core_concept_is_written_for_every_lexicon_language(concept: str) -> None:
    languages = {lang for c, lang, _, _ in CAT.lexicon_entries if c == concept}
    assert languages >= set(LEXICON_LANGUAGES)


@pytest.mark.parametrize("flag", FLAG_IDS)
def test_every_flag_has_an_explanation_advice_and_principle(flag: str) -> None:
    assert flag in M.EXPLANATIONS and flag in M.ADVICE and flag in M.PRINCIPLE_TITLES


@pytest.mark.parametrize(
    "language", ["mk", "sq", "sr-Latn", "sr-Cyrl", "ar", "fa", "ps", "ur", "tr", "fr"]
)
def test_every_flag_and_level_is_translated_into_the_offer_languages(language: str) -> None:
    table = CAT.texts[language]
    for flag in FLAG_IDS:
        assert f"explanation.{flag}" in table and f"advice.{flag}" in table, flag
    for level in ("high", "medium", "low"):
        assert f"level.{level}" in table
    for key, _msgid in M.SEEKER_GENERAL:
        assert key in table
    # placeholders survive translation (and transliteration)
    assert "%(date)s" in table["explanation.reported_duplicate"]


def test_every_hotline_says_whether_it_is_verified_and_where_it_comes_from() -> None:
    for hotline in CAT.hotlines:
        assert isinstance(hotline["verified"], bool)
        assert hotline["source"].strip()
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", hotline["checked"]), hotline["id"]
        assert re.fullmatch(r"[0-9 +]+", hotline["number"])
        if hotline["verified"]:
            assert hotline["source_url"].startswith("http"), hotline["id"]


def test_every_flag_rule_has_a_principle_source() -> None:
    for rule in (*CAT.flags, CAT.reported):
        assert rule.source.strip() and isinstance(rule.verified, bool)
