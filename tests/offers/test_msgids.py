"""Every English text of the job-offer checker reaches translators."""

from __future__ import annotations

from stepstones.offers.msgids import MSGIDS
from stepstones.recruitment import messages


def test_every_text_of_the_checker_is_listed_for_translators() -> None:
    wanted = {
        *messages.LEVELS.values(),
        *messages.EXPLANATIONS.values(),
        *messages.ADVICE.values(),
        *messages.PRINCIPLE_TITLES.values(),
        *messages.ERRORS.values(),
        *(text for _key, text in messages.SEEKER_GENERAL),
        *(text for _key, text in messages.WORKER_GENERAL),
        messages.MODEL_NOTE,
    }
    assert wanted == set(MSGIDS), "update src/stepstones/offers/msgids.py"


def test_every_hotline_name_and_note_is_listed_for_translators() -> None:
    from stepstones.offers.msgids import HOTLINE_MSGIDS
    from stepstones.recruitment.catalogue import catalogue

    hotlines = catalogue().hotlines
    wanted = {h["name"] for h in hotlines} | {h["note"] for h in hotlines if h.get("note")}
    assert wanted == set(HOTLINE_MSGIDS), "update HOTLINE_MSGIDS in src/stepstones/offers/msgids.py"
