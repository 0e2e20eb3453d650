"""The facts boundary: what parse_facts accepts, and the one-line errors for what it does not."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from stepstones.assessment import (
    AgeBand,
    Answer,
    FactsError,
    answers_to_facts,
    load_catalogue,
    parse_facts,
)


def test_it_accepts_empty_facts() -> None:
    facts = parse_facts({})
    assert facts.age is None and facts.indicators_yes == frozenset()


def test_it_reads_yaml_booleans_and_words_alike() -> None:
    facts = parse_facts(
        yaml.safe_load(
            """
            age_band: child
            indicators: {debt_bondage: yes, violence_on_victim: "no", forced_to_lie: unknown,
                         wages_withheld: true, hazardous_work: False, forced_to_beg: null}
            smuggling: {paid_to_cross: Yes}
            """
        )
    )
    assert facts.age_band is AgeBand.CHILD
    assert facts.indicators_yes == {"debt_bondage", "wages_withheld"}
    assert facts.indicators_no == {"violence_on_victim", "hazardous_work"}
    assert facts.answer("indicators.forced_to_lie") is Answer.UNKNOWN
    assert facts.answer("smuggling.paid_to_cross") is Answer.YES


def test_it_accepts_elements_as_lists_or_answers() -> None:
    facts = parse_facts({"elements": {"acts": ["recruitment"], "means": {"deception": "yes"}}})
    assert facts.acts == {"recruitment"} and facts.means == {"deception"}
    assert facts.answer("elements.acts.recruitment") is Answer.YES


def test_it_accepts_us_spellings_of_element_ids() -> None:
    facts = parse_facts({"elements": {"acts": ["harboring"], "purposes": ["forced_labor"]}})
    assert facts.acts == {"harbouring"} and facts.purposes == {"forced_labour"}


def test_it_round_trips_through_to_dict() -> None:
    data = {
        "age": 16,
        "may_be_child": "yes",
        "gender": "female",
        "sector": "agriculture",
        "route": {"origin": "sy", "transit": ["TR"], "destination": "MK", "crossed_border": "yes"},
        "indicators": {"debt_bondage": "yes", "forced_to_lie": "no"},
        "elements": {"acts": ["recruitment"]},
    }
    facts = parse_facts(data)
    assert parse_facts(facts.to_dict()) == facts
    assert facts.route.origin == "SY"


ERRORS = [
    (
        {"indicators": {"debt_bondge": "yes"}},
        "indicators.debt_bondge",
        "did you mean 'debt_bondage'",
    ),
    ({"age": 130}, "age", "between 0 and 120"),
    ({"age": -1}, "age", "between 0 and 120"),
    ({"age": "old"}, "age", "whole number"),
    ({"age": True}, "age", "whole number"),
    ({"agee": 3}, "agee", "did you mean 'age'"),
    ({"indicators": {"debt_bondage": "maybe"}}, "indicators.debt_bondage", "yes, no or unknown"),
    ({"indicators": "debt_bondage"}, "indicators", "expected a mapping"),
    ({"elements": {"acts": ["deception"]}}, "elements.acts.deception", "under means, not acts"),
    ({"elements": {"acts": ["recruitmnt"]}}, "elements.acts.recruitmnt", "unknown act"),
    ({"elements": {"means": ["decepton"]}}, "elements.means.decepton", "did you mean 'deception'"),
    ({"elements": {"means": ["harboring"]}}, "elements.means.harboring", "unknown means"),
    ({"elements": {"actions": []}}, "elements.actions", "did you mean 'acts'"),
    ({"route": {"origin": "Syria"}}, "route.origin", "two-letter country code"),
    ({"route": {"transit": "TR,GR"}}, "route.transit[0]", "two-letter country code"),
    ({"smuggling": {"paid_to_cros": "yes"}}, "smuggling.paid_to_cros", "did you mean"),
    ({"triggers": {"held_for_ransom": 3}}, "triggers.held_for_ransom", "yes, no or unknown"),
    ({"sector": "farming"}, "sector", "unknown sector"),
    ({"age_band": "teen"}, "age_band", "unknown age band"),
    ({"gender": 7}, "gender", "expected text"),
]


@pytest.mark.parametrize(
    ("data", "field", "fragment"), ERRORS, ids=[f"{e[1]}-{e[2][:20]}" for e in ERRORS]
)
def test_it_names_the_field_of_bad_input(data: dict[str, Any], field: str, fragment: str) -> None:
    with pytest.raises(FactsError) as caught:
        parse_facts(data)
    assert caught.value.field == field
    assert fragment in caught.value.message
    assert str(caught.value) == f"{field}: {caught.value.message}"
    assert "\n" not in str(caught.value)


def test_it_rejects_a_non_mapping() -> None:
    with pytest.raises(FactsError) as caught:
        parse_facts(["age", 3])  # type: ignore[arg-type]
    assert caught.value.field == "facts"


def test_its_error_messages_are_translatable() -> None:
    with pytest.raises(FactsError) as caught:
        parse_facts({"age": 200})
    assert caught.value.msg.msgid == "must be between 0 and 120, got %(value)s"
    assert caught.value.msg.render(lambda s: "[xx] " + s).startswith("[xx] must be between")


def test_it_turns_every_question_answer_into_valid_facts() -> None:
    questions = load_catalogue().questions()
    facts = parse_facts(answers_to_facts({q.fact: "yes" for q in questions}))
    assert all(facts.answer(q.fact) is Answer.YES for q in questions)


@pytest.mark.parametrize(
    ("alias", "indicator"),
    [
        ("confiscation_of_documents", "documents_confiscated"),
        ("withholding_of_wages", "wages_withheld"),
        ("excessive_working_days_or_hours", "excessive_working_hours"),
        ("withholds_documents", "documents_confiscated"),
        ("physical_abuse", "violence_on_victim"),
        ("WithholdsDocuments", "documents_confiscated"),
        ("DebtBondage", "debt_bondage"),
        ("Debt bondage", "debt_bondage"),
    ],
)
def test_it_accepts_the_ilo_wording_and_aliases_for_an_indicator(
    alias: str, indicator: str
) -> None:
    assert parse_facts({"indicators": {alias: "yes"}}).indicators_yes == {indicator}


def test_every_alias_names_an_existing_indicator_and_no_id() -> None:
    cat = load_catalogue()
    assert set(cat.indicator_aliases.values()) <= set(cat.indicators)
    assert not set(cat.indicator_aliases) & set(cat.indicators)
