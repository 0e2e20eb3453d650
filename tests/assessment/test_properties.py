"""Invariants of the engine, checked on generated facts (hypothesis)."""

from __future__ import annotations

import json
import random
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from stepstones.assessment import (
    ElementKind,
    Outcome,
    assess,
    load_catalogue,
    parse_facts,
    render_text,
)
from stepstones.assessment.facts import EDUCATION

CAT = load_catalogue()
INDICATORS = sorted(CAT.indicators)
TRIGGERS = sorted(CAT.triggers)
SMUGGLING = sorted(CAT.smuggling_facts)
SECTORS = sorted(CAT.sectors)
ACTS = [e.id for e in CAT.elements_of(ElementKind.ACT)]
MEANS = [e.id for e in CAT.elements_of(ElementKind.MEANS)]
PURPOSES = [e.id for e in CAT.elements_of(ElementKind.PURPOSE)]
ANSWER = st.sampled_from(["yes", "no", "unknown", True, False, None])


@st.composite
def facts_data(draw: st.DrawFn, *, child: bool | None = None) -> dict[str, Any]:
    """Draw a facts mapping: partial answers everywhere, like real screenings."""
    data: dict[str, Any] = {}
    if child is True:
        data["age"] = draw(st.integers(0, 17))
    elif child is False:
        data["age"] = draw(st.integers(18, 90))
    else:
        choice = draw(st.sampled_from(["age", "band", "none"]))
        if choice == "age":
            data["age"] = draw(st.integers(0, 120))
        elif choice == "band":
            data["age_band"] = draw(st.sampled_from(["child", "adult", "unknown"]))
        if draw(st.booleans()):
            data["may_be_child"] = draw(ANSWER)
    if draw(st.booleans()):
        data["sector"] = draw(st.sampled_from(SECTORS))
    if draw(st.booleans()):
        data["route"] = {
            "origin": draw(st.sampled_from(["MK", "SY", "AF", "AL"])),
            "destination": draw(st.sampled_from(["MK", "DE", "GR"])),
            "irregular_crossing": draw(ANSWER),
            "crossed_border": draw(ANSWER),
        }
    data["indicators"] = draw(st.dictionaries(st.sampled_from(INDICATORS), ANSWER, max_size=10))
    data["triggers"] = draw(st.dictionaries(st.sampled_from(TRIGGERS), ANSWER, max_size=3))
    data["smuggling"] = draw(st.dictionaries(st.sampled_from(SMUGGLING), ANSWER, max_size=5))
    data["elements"] = {
        "acts": draw(st.lists(st.sampled_from(ACTS), max_size=2, unique=True)),
        "means": draw(st.lists(st.sampled_from(MEANS), max_size=2, unique=True)),
        "purposes": draw(st.lists(st.sampled_from(PURPOSES), max_size=2, unique=True)),
    }
    return data


ADDITIONS = (
    [f"indicators:{i}" for i in INDICATORS]
    + [f"triggers:{t}" for t in TRIGGERS]
    + [f"smuggling:{f}" for f in SMUGGLING]
    + [f"acts:{e}" for e in ACTS]
    + [f"means:{e}" for e in MEANS]
    + [f"purposes:{e}" for e in PURPOSES]
    + ["may_be_child:"]
)


@settings(max_examples=500, deadline=None)
@given(facts_data(), st.sampled_from(ADDITIONS))
def test_adding_a_present_fact_never_lowers_the_outcome(data: dict[str, Any], added: str) -> None:
    """Adding a yes (an indicator, a trigger, a smuggling fact, an element, a sign of a child)
    never lowers the outcome. Indicators and triggers answered no may also turn to yes."""
    before = assess(parse_facts(data))
    more = json.loads(json.dumps(data))
    group, _, key = added.partition(":")
    if group in ("indicators", "triggers"):
        more[group][key] = "yes"
    elif group == "smuggling":
        if more["smuggling"].get(key) not in (None, "unknown"):
            return  # changing an answer is not adding a fact
        more["smuggling"][key] = "yes"
    elif group == "may_be_child":
        if more.get("may_be_child") not in (None, "unknown"):
            return
        more["may_be_child"] = "yes"
    else:
        more["elements"][group] = sorted({*more["elements"][group], key})
    after = assess(parse_facts(more))
    assert after.outcome.rank >= before.outcome.rank, (before.outcome, after.outcome)


@settings(max_examples=200, deadline=None)
@given(
    facts_data(child=True),
    st.lists(st.sampled_from(ACTS), min_size=1, max_size=3, unique=True),
    st.lists(st.sampled_from(PURPOSES), min_size=1, max_size=3, unique=True),
)
def test_a_child_with_an_act_and_a_purpose_is_never_below_possible_victim(
    data: dict[str, Any], acts: list[str], purposes: list[str]
) -> None:
    data["elements"]["acts"] = acts
    data["elements"]["purposes"] = purposes
    assert assess(parse_facts(data)).outcome is Outcome.POSSIBLE_VICTIM


def _shuffled(value: Any, rng: random.Random) -> Any:
    if isinstance(value, dict):
        items = list(value.items())
        rng.shuffle(items)
        return {k: _shuffled(v, rng) for k, v in items}
    if isinstance(value, list):
        items = [_shuffled(v, rng) for v in value]
        rng.shuffle(items)
        return items
    return value


@settings(max_examples=100, deadline=None)
@given(facts_data(), st.integers(0, 2**32))
def test_the_order_of_facts_never_changes_the_result(data: dict[str, Any], seed: int) -> None:
    first = assess(parse_facts(data)).to_dict()
    second = assess(parse_facts(_shuffled(data, random.Random(seed)))).to_dict()
    assert first == second


@settings(max_examples=200, deadline=None)
@given(facts_data(), st.sampled_from(EDUCATION))
def test_education_never_changes_the_outcome(data: dict[str, Any], education: str) -> None:
    before = assess(parse_facts(data))
    after = assess(parse_facts({**data, "education": education}))
    assert (after.outcome, after.flags) == (before.outcome, before.flags)


@settings(max_examples=100, deadline=None)
@given(facts_data())
def test_it_never_says_a_person_is_a_victim_and_always_serialises(data: dict[str, Any]) -> None:
    result = assess(parse_facts(data))
    text = render_text(result).lower()
    for phrase in ("is a victim", "is a trafficking victim", "identified as a victim"):
        assert phrase not in text
    json.dumps(result.to_dict())
    assert result.catalogue_version == CAT.version


@settings(max_examples=200, deadline=None)
@given(facts_data())
def test_stored_facts_read_back_to_the_same_facts_and_result(data: dict[str, Any]) -> None:
    facts = parse_facts(data)
    again = parse_facts(json.loads(json.dumps(facts.to_dict())))
    assert again == facts
    assert assess(again).outcome is assess(facts).outcome
