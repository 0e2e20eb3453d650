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


ROUTE_LANGUAGES = ("ar", "fa", "ps", "ur", "tr", "fr")


def test_every_verified_hotline_is_named_in_each_language_of_the_route() -> None:
    from stepstones.recruitment.catalogue import catalogue, hotline_texts

    texts = hotline_texts()
    for hotline in catalogue().hotlines:
        if not hotline["verified"]:
            continue
        parts = ("name", "note") if hotline.get("note") else ("name",)
        for part in parts:
            written = texts[hotline["id"]][part]
            assert set(written) == set(ROUTE_LANGUAGES), (hotline["id"], part)
            assert all(value.strip() for value in written.values())
            digits = [c for c in str(hotline[part]) if c.isdigit()]
            for language in ROUTE_LANGUAGES:  # every number kept as it is
                kept = [c for c in written[language] if c.isdigit()]
                assert kept == digits or not digits, (hotline["id"], part, language)
