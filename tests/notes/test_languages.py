"""Reading notes in the region's languages: folding, detection, mixed notes, spans in Cyrillic."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stepstones.notes import LexiconError, available_languages, load_lexicon, parse_lexicon, suggest
from stepstones.notes.detect import detect_note, plan
from stepstones.notes.fold import SCHEMES, fold, to_folded, to_original
from stepstones.notes.sentences import split_sentences

FORCE = "elements.means.use_of_force"
DOCUMENTS = "indicators.documents_confiscated"


def test_the_region_s_languages_have_lexicons() -> None:
    assert {"en", "mk", "sq", "sr"} <= set(available_languages())


def test_every_language_covers_what_english_covers() -> None:
    """Acts, means, purposes, the child flag, indicators and triggers: the same targets."""
    english = {t for rule in load_lexicon("en").rules for t in rule.targets}
    for language in ("mk", "sq", "sr"):
        targets = {t for rule in load_lexicon(language).rules for t in rule.targets}
        assert english <= targets, (language, sorted(t.fact for t in english - targets))


FOLDS = [
    ("sr", "Газда му је узео пасош.", "Gazda mu je uzeo pasos."),
    ("sr", "Gazda mu je uzeo pasoš.", "Gazda mu je uzeo pasos."),
    ("sr", "љубав њега џеп", "ljubav njega dzep"),
    ("sr", "ђак ћерка", "dak cerka"),
    ("sq", "Ai i mori pasaportën çdo herë", "Ai i mori pasaporten cdo here"),
    ("mk", "ѐ ѝ", "е ѝ"),
]


@pytest.mark.parametrize(("scheme", "text", "folded"), FOLDS)
def test_folding(scheme: str, text: str, folded: str) -> None:
    assert fold(text, scheme)[0] == folded


@given(st.text(alphabet="абвгдђежзијклљмнњопрстћуфхцчџшABCČĆDĐŠŽljnj .,", max_size=60))
def test_folding_maps_every_offset_back_in_order(text: str) -> None:
    folded, offsets = fold(text, "sr")
    for position in range(len(folded) + 1):
        original = to_original(offsets, position)
        assert 0 <= original <= len(text)
        if position:
            assert original >= to_original(offsets, position - 1)
    for position in range(len(text) + 1):  # a word edge in the note is a word edge folded
        assert to_original(offsets, to_folded(offsets, position)) == position


def test_an_unknown_folding_is_refused() -> None:
    raw = {
        "language": "xx",
        "version": "1",
        "fold": "klingon",
        "context": {},
        "rules": [],
    }
    with pytest.raises(LexiconError, match="fold must be one of"):
        parse_lexicon(raw, where="xx.yaml")
    assert "sr" in SCHEMES


def test_spans_in_cyrillic_are_the_worker_s_own_words() -> None:
    text = "Ж, 19. Газдата ѝ го зеде пасошот и ја тепал."
    result = suggest(text, "mk")
    for suggestion in result.suggestions:
        for evidence in suggestion.evidence:
            span = evidence.span
            assert text[span.start : span.end] == span.text
            assert text[span.sentence_start : span.sentence_end] == span.sentence
    force = next(s for s in result.suggestions if s.target.fact == FORCE)
    assert force.span.text == "тепал"


def test_a_line_break_before_a_cyrillic_capital_ends_a_sentence() -> None:
    text = "ја тепал\nНема пасош"
    assert split_sentences(text) == [(0, 8), (9, 19)]


DETECTED = [
    ("Газдата ѝ го зеде пасошот и ја тепал секој ден во станот.", "mk"),
    ("She told us the owner took her passport and beat her every day.", "en"),
    ("Gazda mu je uzeo pasoš i tukao ga je svaki dan na gradilištu.", "sr"),
    ("Газда му је узео пасош и тукао га је сваки дан на градилишту.", "sr"),
    ("Pronari ia mori pasaportën dhe e rrihte çdo ditë në fermë.", "sq"),
]


@pytest.mark.parametrize(("text", "language"), DETECTED)
def test_the_note_s_language_is_detected(text: str, language: str) -> None:
    assert detect_note(text, available_languages()) == language


def test_auto_reads_a_macedonian_note_with_the_macedonian_lexicon() -> None:
    result = suggest("Газдата ѝ го зеде пасошот и ја тепаше секој ден.", "auto")
    assert result.language == "mk"
    assert {FORCE, DOCUMENTS} <= set(result.facts)


def test_a_mixed_note_is_read_sentence_by_sentence() -> None:
    text = (
        "Газдата ѝ го зеде пасошот и не ја пушта да излегува од станот. "
        "The referral letter says she was beaten by the owner several times last winter."
    )
    runs = plan(text, split_sentences(text), available_languages())
    assert [language for language, _, _ in runs] == ["mk", "en"]
    assert runs[0][1] == 0 and runs[-1][2] == len(text)
    facts = set(suggest(text, "auto").facts)
    assert {DOCUMENTS, FORCE} <= facts


def test_an_albanian_quote_in_a_macedonian_note_is_read_in_albanian() -> None:
    text = (
        "Жената вели дека газдата ѝ го зел пасошот и ја држел заклучена во станот. "
        "Ajo tha: pronari e rrihte çdo natë kur nuk sillte para."
    )
    runs = plan(text, split_sentences(text), available_languages())
    assert [language for language, _, _ in runs] == ["mk", "sq"]
    assert {DOCUMENTS, FORCE} <= set(suggest(text, "auto").facts)


def test_auto_on_an_empty_note_suggests_nothing() -> None:
    assert suggest("", "auto").suggestions == ()


def test_every_language_s_lexicon_loads() -> None:
    for language in available_languages():
        assert load_lexicon(language).rules


_ALPHABET = "абвгдѓежзѕијклљмнњопрстќуфхцчџшђћëçčćšžđ aeiou,.?!\n0123456789ЖМжм"
_WORDS = [
    "не",
    "ја",
    "тепал",
    "пасош",
    "nije",
    "tukao",
    "pasoš",
    "пасош",
    "nuk",
    "rrahu",
    "ако",
    "17",
]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.one_of(st.text(alphabet=_ALPHABET, max_size=8), st.sampled_from(_WORDS)), max_size=40
    ),
    st.sampled_from(["mk", "sr", "sq", "auto"]),
)
def test_every_span_is_a_slice_of_the_note_in_every_language(
    parts: list[str], language: str
) -> None:
    text = " ".join(parts)
    result = suggest(text, language, min_confidence=0)
    for found in result.suggestions:
        for evidence in found.evidence:
            span = evidence.span
            assert text[span.start : span.end] == span.text
            assert span.sentence_start <= span.start <= span.end <= span.sentence_end
    for item in result.suppressed:
        assert text[item.span.start : item.span.end] == item.span.text
