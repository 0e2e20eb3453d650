"""Walk the catalogue: every entry is complete, sourced, and refers only to what exists."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from stepstones.assessment import (
    ElementKind,
    Profile,
    Stage,
    WeightBasis,
    load_catalogue,
)

CAT = load_catalogue()

ACTS = ["recruitment", "transportation", "transfer", "harbouring", "receipt"]
MEANS = [
    "threat",
    "use_of_force",
    "other_coercion",
    "abduction",
    "fraud",
    "deception",
    "abuse_of_power",
    "abuse_of_vulnerability",
    "payments_to_controller",
]
PURPOSES = [
    "sexual_exploitation",
    "forced_labour",
    "slavery",
    "servitude",
    "organ_removal",
    "forced_criminality",
    "forced_begging",
    "forced_marriage",
    "illegal_adoption",
    "other_exploitation",
]


@pytest.mark.parametrize(
    ("kind", "ids"),
    [(ElementKind.ACT, ACTS), (ElementKind.MEANS, MEANS), (ElementKind.PURPOSE, PURPOSES)],
    ids=["acts", "means", "purposes"],
)
def test_it_has_exactly_the_palermo_element_ids(kind: ElementKind, ids: list[str]) -> None:
    assert [e.id for e in CAT.elements_of(kind)] == ids


def test_it_has_a_version() -> None:
    assert CAT.version


def test_it_has_the_six_ilo_ec_dimensions_with_the_adult_labour_counts() -> None:
    counts = Counter(i.dimension for i in CAT.indicators.values() if not i.supplementary)
    assert [counts[d] for d in CAT.dimension_order] == [10, 10, 16, 9, 15, 7]


ILO = [i for i in CAT.indicators.values() if not i.supplementary]
ALL = list(CAT.indicators.values())


@pytest.mark.parametrize("indicator", ILO, ids=[i.id for i in ILO])
def test_every_ilo_indicator_has_a_weight_for_each_profile(indicator: object) -> None:
    from stepstones.assessment import Indicator

    assert isinstance(indicator, Indicator)
    assert set(indicator.weights) == set(Profile)
    for profile, entry in indicator.weights.items():
        if profile in (Profile.ADULT_LABOUR,):
            assert entry.basis is WeightBasis.TRANSCRIBED
        if entry.basis is WeightBasis.LABOUR_FALLBACK:
            labour = Profile(profile.value.replace("sexual", "labour"))
            assert entry.weight is indicator.weights[labour].weight


@pytest.mark.parametrize("indicator", ALL, ids=[i.id for i in ALL])
def test_every_indicator_has_a_question_stage_source_and_verification(indicator: object) -> None:
    from stepstones.assessment import Indicator

    assert isinstance(indicator, Indicator)
    assert indicator.question.text.endswith("?")
    assert indicator.question.fact == f"indicators.{indicator.id}"
    assert indicator.stage in (Stage.RECRUITMENT, Stage.TRAVEL, Stage.DESTINATION)
    assert indicator.source in CAT.sources
    assert isinstance(indicator.verified, bool)
    if indicator.supplementary:
        assert indicator.weights == {} and indicator.evidences


def test_it_marks_entries_from_unverified_sources_as_unverified() -> None:
    entries: list[Any] = [
        *CAT.elements.values(),
        *CAT.dimensions.values(),
        *CAT.indicators.values(),
        *CAT.smuggling_elements.values(),
        *CAT.smuggling_facts.values(),
        *CAT.triggers.values(),
        *CAT.provisions.values(),
        *CAT.next_steps.values(),
        *CAT.sectors.values(),
    ]
    wrong = [e.id for e in entries if e.verified and CAT.sources[e.source].tag != "V"]
    assert wrong == []


def test_it_uses_only_elements_that_exist() -> None:
    known = set(CAT.elements) | {"exploitation"}
    used = {e for i in CAT.indicators.values() for e in i.evidences}
    used |= {e for t in CAT.triggers.values() for e in t.evidences}
    used |= {e for d in CAT.dimensions.values() for e in d.evidences}
    assert used <= known


def test_it_has_the_ten_conversion_triggers_with_questions() -> None:
    assert [t.code for t in CAT.triggers.values()] == [f"T{n}" for n in range(1, 11)]
    assert all(t.question.text.endswith("?") for t in CAT.triggers.values())
    assert all(f.question.text.endswith("?") for f in CAT.smuggling_facts.values())


@pytest.mark.parametrize(
    "provision",
    [
        "palermo_art3",
        "smuggling_art3",
        "smuggling_art6",
        "cets_art4",
        "cets_art10",
        "cets_art12",
        "cets_art13",
        "cc_nm_418a",
        "cc_nm_418b",
        "cc_nm_418d",
    ],
)
def test_it_cites_the_required_legal_provisions(provision: str) -> None:
    assert provision in CAT.provisions


def test_question_ids_are_unique_and_grouped_in_journey_order() -> None:
    questions = CAT.questions()
    assert len({q.id for q in questions}) == len(questions)
    stages = [stage for stage, _ in CAT.questions_by_stage()]
    assert stages == sorted(stages, key=list(Stage).index)
    assert sum(len(qs) for _, qs in CAT.questions_by_stage()) == len(questions)


def test_every_msgid_is_listed_once() -> None:
    msgids = CAT.all_msgids()
    assert len(msgids) == len(set(msgids))
    assert CAT.indicators["debt_bondage"].question.text in msgids
    assert CAT.provisions["cets_art13"].text in msgids
