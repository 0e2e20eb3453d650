"""Invariants of the notes assistant, checked on generated notes (hypothesis)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from stepstones.notes import suggest

CUES = [
    "threatened",
    "beaten",
    "forced",
    "recruited",
    "prostitution",
    "kidnapped",
    "deceived",
    "harboured",
    "locked in",
    "transported",
    "a minor",
    "16-year-old",
    "vulnerable",
    "servitude",
    "begging",
]
FILLER = [
    "she",
    "he",
    "was",
    "the",
    "employer",
    "and",
    "in",
    "Skopje",
    "her",
    "then",
    ",",
    ".",
    "\n",
]
words = st.lists(st.sampled_from(CUES + FILLER), min_size=1, max_size=40)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=400))
def test_every_span_lies_inside_the_text_and_matches_it(text: str) -> None:
    result = suggest(text, min_confidence=0)
    for suggestion in result.suggestions:
        assert 0 < suggestion.confidence <= 0.99
        for evidence in suggestion.evidence:
            span = evidence.span
            assert 0 <= span.sentence_start <= span.start < span.end <= span.sentence_end
            assert span.end <= len(text)
            assert text[span.start : span.end] == span.text
            assert text[span.sentence_start : span.sentence_end] == span.sentence


@settings(max_examples=200, deadline=None)
@given(words, st.data())
def test_adding_a_negation_before_a_cue_never_adds_a_suggestion(
    tokens: list[str], data: st.DataObject
) -> None:
    cue_positions = [i for i, token in enumerate(tokens) if token in CUES]
    if not cue_positions:
        tokens = [*tokens, CUES[0]]
        cue_positions = [len(tokens) - 1]
    where = data.draw(st.sampled_from(cue_positions))
    negation = data.draw(st.sampled_from(["not", "never", "no sign of", "denied being"]))
    plain = " ".join(tokens)
    negated = " ".join([*tokens[:where], negation, *tokens[where:]])
    assert set(suggest(negated, min_confidence=0).facts) <= set(
        suggest(plain, min_confidence=0).facts
    )


@settings(max_examples=100, deadline=None)
@given(words)
def test_it_is_deterministic(tokens: list[str]) -> None:
    text = " ".join(tokens)
    assert suggest(text) == suggest(text)
