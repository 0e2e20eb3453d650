"""The explanation: its keys, its translation, what to ask next, and the readable text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from stepstones.assessment import (
    Flag,
    Outcome,
    assess,
    load_catalogue,
    parse_facts,
    render_text,
)

KEYS = {
    "outcome",
    "flags",
    "catalogue_version",
    "summary",
    "elements",
    "dimensions",
    "forms_of_exploitation",
    "legal_provisions",
    "next_steps",
    "ask_next",
}

BAR = {
    "age": 15,
    "sector": "bar_nightclub",
    "route": {"origin": "MK", "destination": "MK"},
    "indicators": {"housed_by_controller": "yes", "excessive_working_hours": "yes"},
}


def test_it_returns_the_contract_keys() -> None:
    out = assess(parse_facts(BAR)).to_dict()
    assert set(out) >= KEYS
    assert out["outcome"] == "possible_victim"
    assert out["flags"] == ["child", "internal"]
    assert out["catalogue_version"] == load_catalogue().version


def test_it_lists_each_element_with_its_evidence() -> None:
    out = assess(parse_facts(BAR)).to_dict()
    found = {e["id"]: e for e in out["elements"]}
    assert set(found) == {"harbouring", "forced_labour", "other_exploitation"}
    assert found["other_exploitation"]["evidence"][0]["source"] == "sector"
    assert found["harbouring"]["evidence"][0]["id"] == "housed_by_controller"
    assert [m["kind"] for m in out["missing_elements"]] == ["means"]


def test_it_explains_each_dimension_with_counts_and_clause() -> None:
    facts = {"age": 30, "indicators": {"documents_confiscated": "yes", "debt_bondage": "yes"}}
    dims = {d["id"]: d for d in assess(parse_facts(facts)).to_dict()["dimensions"]}
    assert len(dims) == 6
    coercion = dims["coercion_at_destination"]
    assert coercion["positive"] and coercion["clause"] == "a"
    assert coercion["counts"] == {"strong": 2, "medium": 0, "weak": 0}
    assert dims["deceptive_recruitment"]["clause_text"] == "not met"


def test_it_proposes_next_steps_that_fit_a_child() -> None:
    out = assess(parse_facts(BAR)).to_dict()
    steps = [s["id"] for s in out["next_steps"]]
    assert {"child_protection", "refer_for_identification", "recovery_and_reflection"} <= set(steps)
    assert "no_removal" in steps
    assert "cc_nm_418d" in [p["id"] for p in out["legal_provisions"]]
    assert any("30 days" in s["text"] for s in out["next_steps"])


def test_it_asks_first_what_would_raise_the_outcome_most() -> None:
    result = assess(parse_facts({"age": 30, "elements": {"acts": ["recruitment"]}}))
    assert result.outcome is Outcome.NO_INDICATORS
    ask = result.ask_next
    assert ask, "there must be questions to ask"
    ranks = [a.outcome_if_yes.rank for a in ask if a.outcome_if_yes.rank > result.outcome.rank]
    assert ranks == sorted(ranks, reverse=True)
    assert ask[0].outcome_if_yes is Outcome.POSSIBLE_VICTIM
    answered = {"indicators.debt_bondage"}
    again = assess(parse_facts({"age": 30, "indicators": {"debt_bondage": "no"}}))
    assert not answered & {a.question.fact for a in again.ask_next}


def test_it_asks_the_age_when_a_child_would_change_the_outcome() -> None:
    facts = {"elements": {"acts": ["recruitment"], "purposes": ["sexual_exploitation"]}}
    result = assess(parse_facts(facts))
    assert result.outcome is Outcome.EXPLOITATION_WITHOUT_TRAFFICKING
    first = result.ask_next[0]
    assert first.question.fact == "may_be_child"
    assert first.outcome_if_yes is Outcome.POSSIBLE_VICTIM and first.flags_gained == (Flag.CHILD,)


def test_it_translates_every_text_through_the_given_function() -> None:
    def tr(s: str) -> str:
        return "«" + s + "»"

    out = assess(parse_facts(BAR)).to_dict(tr)
    assert out["summary"].startswith("«")
    assert out["next_steps"][0]["text"].startswith("«")
    assert out["ask_next"][0]["text"].startswith("«")
    assert out["dimensions"][0]["name"].startswith("«")
    assert out["elements"][0]["label"].startswith("«")
    assert out["outcome"] == "possible_victim"  # values stay untranslated


def test_it_notes_the_child_presumption() -> None:
    result = assess(parse_facts({"age": 19, "may_be_child": "yes"}))
    assert Flag.CHILD in result.flags and result.child_presumed
    assert any("Art. 10(3)" in n for n in result.to_dict()["notes"])


def test_it_notes_that_consent_is_irrelevant_once_means_were_used() -> None:
    facts = {
        "age": 20,
        "smuggling": {"consented_to_movement": "yes"},
        "elements": {
            "acts": ["recruitment"],
            "means": ["deception"],
            "purposes": ["forced_labour"],
        },
    }
    assert any("Art. 3(b)" in n for n in assess(parse_facts(facts)).to_dict()["notes"])


def test_it_renders_a_readable_explanation() -> None:
    text = render_text(assess(parse_facts(BAR)))
    assert text.startswith("Outcome: possible victim of trafficking")
    assert "Elements of trafficking found" in text
    assert "Exploitative conditions of work" in text
    assert "What to ask next" in text


def test_it_suggests_without_deciding() -> None:
    summary = assess(parse_facts(BAR)).to_dict()["summary"]
    assert "not an identification" in summary


def test_every_engine_text_is_listed_for_translation() -> None:
    from pathlib import Path

    import yaml

    from stepstones.assessment import source_msgids

    msgids = set(source_msgids()) | set(load_catalogue().all_msgids())

    def tr(s: str) -> str:
        return s if s in msgids else f"MISSING {s}"

    cases = yaml.safe_load((Path(__file__).parent / "cases.yaml").read_text(encoding="utf-8"))
    for case in cases["cases"]:
        result = assess(parse_facts(case["facts"]))
        text = repr(result.to_dict(tr)) + render_text(result, tr)
        assert "MISSING" not in text, text[text.index("MISSING") : text.index("MISSING") + 120]


def test_it_does_not_ask_child_only_questions_about_a_known_adult() -> None:
    adult = {a.question.fact for a in assess(parse_facts({"age": 40})).ask_next}
    child = {a.question.fact for a in assess(parse_facts({"age": 4})).ask_next}
    unknown = {a.question.fact for a in assess(parse_facts({})).ask_next}
    fact = "indicators.child_given_for_adoption_unlawfully"
    assert fact not in adult
    assert fact in child and fact in unknown


ASK_CASES: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "ask_next.yaml").read_text(encoding="utf-8")
)["cases"]


@pytest.mark.parametrize("case", ASK_CASES, ids=[case["id"] for case in ASK_CASES])
def test_it_never_asks_what_the_facts_already_answer(case: dict[str, Any]) -> None:
    result = assess(parse_facts(case["facts"]))
    asked = {q.question.fact for q in result.ask_next}
    assert set(case.get("asked", [])) <= asked, case["reason"]
    assert not set(case.get("not_asked", [])) & asked, case["reason"]


def _texts(facts: dict[str, Any]) -> tuple[dict[str, Any], str]:
    payload = assess(parse_facts(facts)).to_dict()
    return payload, " ".join(payload["notes"]) + " " + " ".join(
        s["text"] for s in payload["next_steps"]
    )


def test_it_points_coercion_without_exploitation_to_violence_services() -> None:
    payload, text = _texts(
        {
            "age": 31,
            "indicators": {
                "isolation_confinement_surveillance": "yes",
                "violence_on_victim": "yes",
                "forced_tasks_or_clients": "no",
            },
        }
    )
    assert payload["outcome"] == "no_indicators"
    assert not payload["forms_of_exploitation"]
    assert "domestic violence" in text
    assert "violence_support" in {s["id"] for s in payload["next_steps"]}


def test_it_names_the_palermo_reading_of_vulnerability_beside_ilo_ec() -> None:
    payload, text = _texts(
        {
            "age": 35,
            "sector": "agriculture",
            "indicators": {
                "relationship_with_authorities_at_destination": "yes",
                "dependency_on_exploiters": "yes",
                "excessive_working_hours": "yes",
                "low_or_no_salary": "yes",
            },
        }
    )
    means = {e["id"]: e for e in payload["elements"] if e["kind"] == "means"}
    evidence = " ".join(ev["text"] for ev in means["abuse_of_vulnerability"]["evidence"])
    assert "A/55/383/Add.1 para. 63" in evidence
    assert "A/55/383/Add.1 para. 63" in text and "ILO-EC" in text
    vulnerability = [d for d in payload["dimensions"] if d["number"] == 6][0]
    assert vulnerability["positive"] is False  # shown beside it, with its own threshold


def test_it_reads_control_at_the_workplace_as_receipt_and_asks_how_they_came() -> None:
    payload, text = _texts(
        {
            "age": 38,
            "sector": "construction",
            "indicators": {"documents_confiscated": "yes", "debt_bondage": "yes"},
        }
    )
    acts = {e["id"]: e for e in payload["elements"] if e["kind"] == "act"}
    assert set(acts) == {"receipt"}
    assert "recruited" in text


def test_it_says_an_intercepted_journey_is_transnational_in_intent() -> None:
    payload, text = _texts(
        {
            "age": 20,
            "route": {"origin": "MK", "destination": "DE", "crossed_border": "no"},
            "indicators": {"deceived_about_nature_of_job": "yes"},
        }
    )
    assert payload["flags"] == ["intercepted_before_departure"]
    assert "transnational" in text and "internal" not in " ".join(payload["flag_labels"])
