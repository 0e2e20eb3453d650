"""Every catalogue text reaches translators, and the pages render through gettext."""

from __future__ import annotations

from stepstones.screening.msgids import MSGIDS_FILE, render_msgids_module


def test_the_list_of_catalogue_texts_is_up_to_date() -> None:
    assert MSGIDS_FILE.read_text(encoding="utf-8") == render_msgids_module(), (
        "the catalogue changed: run `stepstones catalogue-msgids` and commit the result"
    )


def test_the_list_holds_every_question() -> None:
    from stepstones.assessment import load_catalogue

    source = MSGIDS_FILE.read_text(encoding="utf-8")
    for _stage, questions in load_catalogue().questions_by_stage():
        for question in questions:
            assert repr(question.text) in source


def test_stored_outcomes_are_shown_in_words() -> None:
    from stepstones.screening.templatetags.screening import outcome_label

    assert outcome_label("possible_victim").startswith("possible victim of trafficking")
    assert outcome_label("not-an-outcome") == "not-an-outcome"
