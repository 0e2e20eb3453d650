"""The training content loads, is complete in English and Macedonian, and is strictly validated."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from stepstones.agencies.models import Sector, ServiceKind
from stepstones.assessment import load_catalogue
from stepstones.training.content import (
    AGENCY_SECTORS,
    CONTENT_DIR,
    SERVICE_KINDS,
    Choice,
    Content,
    ContentError,
    FactorKind,
    Text,
    load_content,
)

CONTENT = load_content()
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
LATIN = re.compile(r"[A-Za-z]")


def _texts(content: Content) -> Iterator[tuple[str, Text]]:
    """Yield every text of the content with a readable name."""
    for s in content.scenarios.values():
        yield f"{s.id}.title", s.title
        yield f"{s.id}.teaches", s.teaches
        yield f"{s.id}.family", s.traveller.family
        for stage in s.stages:
            yield f"{s.id}.{stage.id}.place", stage.place
            for event in stage.events:
                for e in (event, *event.alternatives):
                    yield f"{s.id}.{stage.id}.{e.id}", e.text
    for st in content.studies.values():
        yield f"{st.id}.title", st.title
        yield f"{st.id}.story", st.story
    for ad in content.offers.values():
        yield f"{ad.id}.title", ad.title
        yield f"{ad.id}.text", ad.text
    for m in content.myths.values():
        for part in ("myth", "fact", "explanation"):
            yield f"{m.id}.{part}", getattr(m, part)
        for i, law in enumerate(m.law):
            yield f"{m.id}.law[{i}].ref", law.ref
            yield f"{m.id}.law[{i}].text", law.text
    for f in content.factors.values():
        yield f"{f.id}.label", f.label
        yield f"{f.id}.explanation", f.explanation
    for code, name in content.countries.items():
        yield f"country {code}", name
    for step, action in content.actions.items():
        yield f"next step {step}", action.text
    for choice, label in content.choices.items():
        yield f"choice {choice}", label


TEXTS = list(_texts(CONTENT))


def test_it_has_the_required_amount_of_content() -> None:
    assert len(CONTENT.scenarios) >= 8
    assert len(CONTENT.studies) >= 15
    assert len(CONTENT.offers) >= 6
    assert len(CONTENT.myths) >= 6
    assert {f.kind for f in CONTENT.factors.values()} == set(FactorKind)


def test_it_has_the_scenarios_the_training_day_needs() -> None:
    assert set(CONTENT.scenarios) >= {
        "smuggling_stays_smuggling",
        "smuggling_turns_into_trafficking_in_transit",
        "child_travelling_alone",
        "family_with_children",
        "woman_recruited_by_partner",
        "highly_educated_man_deceived_about_a_job",
        "trafficking_inside_one_town",
        "adult_sex_work_by_choice",
    }


def test_it_has_case_studies_of_every_form_the_day_covers() -> None:
    forms = {s.form for s in CONTENT.studies.values()}
    assert forms >= {
        "sexual_exploitation",
        "forced_labour",
        "servitude",
        "forced_begging",
        "forced_criminality",
        "organ_removal",
        "forced_marriage",
        "none",
    }


def test_it_has_the_myths_the_training_day_needs() -> None:
    assert set(CONTENT.myths) >= {
        "a_border_must_be_crossed",
        "trafficking_equals_prostitution",
        "only_the_poor_or_uneducated",
        "consent_means_no_victim",
        "victims_always_ask_for_help",
        "men_are_not_trafficked",
    }
    assert all(m.law for m in CONTENT.myths.values())


def test_it_has_offers_in_albanian_or_serbian_too() -> None:
    assert any(
        ad.text.has(language)
        for ad in CONTENT.offers.values()
        for language in ("sq", "sr-Latn", "sr-Cyrl")
    )


@pytest.mark.parametrize(("name", "text"), TEXTS, ids=[name for name, _ in TEXTS])
def test_it_writes_macedonian_in_cyrillic(name: str, text: Text) -> None:
    mk = text.get("mk")
    assert len(CYRILLIC.findall(mk)) > len(LATIN.findall(mk)), mk


@pytest.mark.parametrize(("name", "text"), TEXTS, ids=[name for name, _ in TEXTS])
def test_it_translates_every_text_rather_than_copying_english(name: str, text: Text) -> None:
    assert text.get("mk") != text.get("en")


def test_it_maps_every_engine_next_step_to_organisations_and_services() -> None:
    assert set(CONTENT.actions) == set(load_catalogue().next_steps)


def test_it_names_organisations_and_services_as_the_directory_does() -> None:
    assert set(AGENCY_SECTORS) == set(Sector.values)
    assert set(SERVICE_KINDS) == set(ServiceKind.values)


def test_it_labels_every_choice() -> None:
    assert set(CONTENT.choices) == set(Choice)


def test_it_falls_back_to_english_for_a_language_not_written() -> None:
    text = Text((("en", "Hello"), ("mk", "Здраво")))
    assert (text.get("mk"), text.get("sq"), text.has("sq")) == ("Здраво", "Hello", False)


# ---------------------------------------------------------------------------------------------
# Strict validation: each broken copy of the content names the file, the entry and the fault.


def _set(data: Any, path: tuple[Any, ...], value: Any) -> None:
    for key in path[:-1]:
        data = data[key]
    data[path[-1]] = value


def _delete(data: Any, path: tuple[Any, ...]) -> None:
    for key in path[:-1]:
        data = data[key]
    del data[path[-1]]


Edit = Callable[[Any], None]
BROKEN: list[tuple[str, str, Edit, str, str]] = [
    (
        "a_missing_language",
        "studies.yaml",
        lambda d: _delete(d, ("studies", 0, "story", "mk")),
        "bar_in_the_west_girl_15.story",
        "missing language 'mk'",
    ),
    (
        "an_unknown_language",
        "myths.yaml",
        lambda d: _set(d, ("myths", 0, "fact", "mkd"), "..."),
        "a_border_must_be_crossed.fact.mkd",
        "unknown language 'mkd'",
    ),
    (
        "an_unknown_indicator",
        "scenarios/smuggling_stays_smuggling.yaml",
        lambda d: _set(d, ("stages", 3, "events", 0, "facts", "indicators"), {"debt_bondge": "no"}),
        "stages.germany.events.contact_ends.facts",
        "unknown indicator 'debt_bondge'; did you mean 'debt_bondage'",
    ),
    (
        "an_unknown_fact_in_a_study",
        "studies.yaml",
        lambda d: _set(d, ("studies", 1, "facts", "agee"), 19),
        "night_club_passport_says_nineteen.facts",
        "unknown field 'agee'",
    ),
    (
        "an_unknown_source",
        "factors.yaml",
        lambda d: _set(d, ("factors", 0, "source"), "hearsay"),
        "poverty_and_unemployment.source",
        "unknown source 'hearsay'",
    ),
    (
        "an_unknown_field",
        "offers.yaml",
        lambda d: _set(d, ("offers", 0, "salary"), 3500),
        "hostesses_abroad.salary",
        "unknown field 'salary'",
    ),
    (
        "an_unknown_country",
        "scenarios/family_with_children.yaml",
        lambda d: _set(d, ("stages", 1, "country"), "ZZ"),
        "stages.greece.country",
        "unknown country 'ZZ'",
    ),
    (
        "an_age_band_mixing_children_and_adults",
        "scenarios/child_travelling_alone.yaml",
        lambda d: _set(d, ("traveller", "ages"), [13, 19]),
        "traveller.ages",
        "must not mix children and adults",
    ),
    (
        "a_journey_without_a_destination",
        "scenarios/trafficking_inside_one_town.yaml",
        lambda d: _set(d, ("stages", 1, "kind"), "transit"),
        "stages",
        "expected an origin, any transit stages, then a destination",
    ),
    (
        "an_unknown_engine_next_step",
        "next_steps.yaml",
        lambda d: _set(d, ("steps", "call_a_friend"), d["steps"]["ask_more"]),
        "call_a_friend",
        "unknown engine next step 'call_a_friend'",
    ),
    (
        "an_unknown_agency_sector",
        "next_steps.yaml",
        lambda d: _set(d, ("steps", "ask_more", "sectors"), ["priests"]),
        "ask_more.sectors[0]",
        "expected one of",
    ),
    (
        "an_unknown_expected_outcome",
        "studies.yaml",
        lambda d: _set(d, ("studies", 0, "expect", "outcome"), "victim"),
        "bar_in_the_west_girl_15.expect.outcome",
        "expected one of",
    ),
]


@pytest.mark.parametrize(
    ("file", "edit", "entry", "message"),
    [case[1:] for case in BROKEN],
    ids=[case[0] for case in BROKEN],
)
def test_it_rejects_bad_content_naming_the_file_and_the_entry(
    tmp_path: Path, file: str, edit: Edit, entry: str, message: str
) -> None:
    directory = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, directory)
    path = directory / file
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    edit(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_content(directory)
    error = caught.value
    assert (error.file, error.entry) == (file, entry), str(error)
    assert message in error.message
    assert str(error).startswith(f"{file}: {entry}: ")


def test_it_loads_an_unchanged_copy(tmp_path: Path) -> None:
    shutil.copytree(CONTENT_DIR, tmp_path / "content")
    assert set(load_content(tmp_path / "content").scenarios) == set(CONTENT.scenarios)
