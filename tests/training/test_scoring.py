"""Scoring rewards accuracy, never speed; offers are scored against the checker's flags."""

from __future__ import annotations

import inspect

import pytest

from stepstones.recruitment import Level
from stepstones.training.content import (
    Choice,
    JobAd,
    RoomAnswer,
    load_content,
    offer_key,
    score_answer,
    score_offer,
    score_total,
)

CONTENT = load_content()
KEY = RoomAnswer(Choice.BOTH, frozenset({Choice.TRAFFICKING}))
ANSWERS = [
    ("the_key", Choice.BOTH, 1.0),
    ("partly_right", Choice.TRAFFICKING, 0.5),
    ("wrong", Choice.NEITHER, 0.0),
    ("no_answer", None, 0.0),
]


@pytest.mark.parametrize(
    ("chosen", "points"), [a[1:] for a in ANSWERS], ids=[a[0] for a in ANSWERS]
)
def test_it_scores_an_answer_by_accuracy(chosen: Choice | None, points: float) -> None:
    assert score_answer(chosen, KEY) == points


def test_it_takes_no_time_into_account() -> None:
    for function in (score_answer, score_total, score_offer):
        names = set(inspect.signature(function).parameters)
        assert not names & {"time", "seconds", "elapsed", "duration", "speed"}


def test_it_totals_scores_as_a_share_of_the_points() -> None:
    assert (score_total([1.0, 0.5, 0.0, 0.5]), score_total([])) == (0.5, 0.0)


AD = CONTENT.offers["builders_visa_fee"]
CHECK = offer_key(AD, "en")
FOUND = {f.id for f in CHECK.flags}
MARKS = [
    ("every_flag_found", FOUND, 1.0),
    ("nothing_marked", set(), 0.0),
    ("half_found", set(sorted(FOUND)[:2]), 2 * 2 / (2 + len(FOUND))),
    ("everything_marked", FOUND | {"looks_requirements", "urgency"}, 2 * 4 / (6 + 4)),
]


def test_it_keys_the_builders_ad_with_the_fee_and_the_debt() -> None:
    assert {"fee", "debt"} <= FOUND and len(FOUND) == 4


@pytest.mark.parametrize(("marked", "score"), [m[1:] for m in MARKS], ids=[m[0] for m in MARKS])
def test_it_scores_offer_marks_as_the_f1_overlap_with_the_checker(
    marked: set[str], score: float
) -> None:
    assert score_offer(marked, CHECK) == pytest.approx(score)


def test_it_gives_full_marks_for_marking_nothing_on_a_clean_ad() -> None:
    check = offer_key(CONTENT.offers["registered_hotel_job"], "en")
    assert (check.flags, score_offer(set(), check)) == ((), 1.0)


LANGUAGE_VERSIONS = [
    (ad, language) for ad in CONTENT.offers.values() for language in ad.text.languages
]


@pytest.mark.parametrize(
    ("ad", "language"), LANGUAGE_VERSIONS, ids=[f"{a.id}-{lang}" for a, lang in LANGUAGE_VERSIONS]
)
def test_it_keys_every_ad_with_the_checker_in_each_language(ad: JobAd, language: str) -> None:
    check = offer_key(ad, language)
    assert check.language == language
    if ad.id == "registered_hotel_job":
        assert check.level is Level.LOW
    else:
        assert check.flags and check.level is not Level.LOW


def test_it_refuses_a_language_the_ad_is_not_written_in() -> None:
    with pytest.raises(KeyError):
        offer_key(CONTENT.offers["carer_passport_to_agency"], "tr")
