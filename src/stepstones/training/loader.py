"""Load and validate the training content files strictly (`load_content`).

Every fault raises `ContentError` naming the file (relative to content/), the entry as a dotted
path (`stages.germany.events.contact_ends.facts`) and what is wrong, in one line.
"""

from __future__ import annotations

import copy
import dataclasses
import functools
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from stepstones.assessment import FactsError, Flag, Outcome, load_catalogue, parse_facts
from stepstones.recruitment import OfferError
from stepstones.training.journey import offer_key, stage_facts
from stepstones.training.model import (
    AGENCY_SECTORS,
    CONTENT_DIR,
    EDUCATION,
    GENDERS,
    LANGUAGES,
    REQUIRED_LANGUAGES,
    SERVICE_KINDS,
    Choice,
    Content,
    ContentError,
    Event,
    Expect,
    Factor,
    FactorKind,
    JobAd,
    LegalText,
    Myth,
    NextAction,
    Scenario,
    Stage,
    StageKind,
    Study,
    Text,
    Traveller,
    with_serbian_latin,
)

__all__ = ["complete_languages", "load_content", "texts_in"]


@dataclass(frozen=True)
class _At:
    """Where a value sits: the file (relative to content/) and the dotted entry path."""

    file: str
    entry: str = ""

    def __truediv__(self, part: str | int) -> _At:
        part = f"[{part}]" if isinstance(part, int) else str(part)
        sep = "" if not self.entry or part.startswith("[") else "."
        return _At(self.file, f"{self.entry}{sep}{part}")

    def error(self, message: str) -> ContentError:
        return ContentError(self.file, self.entry, message)


def _named(at: _At, index: int, raw: object) -> _At:
    """Return the path of a list item: by its id when it has one, else by its index."""
    name = raw.get("id") if isinstance(raw, Mapping) else None
    return at / name if isinstance(name, str) and name else at / index


def _fields(
    at: _At, value: object, required: Iterable[str], optional: Iterable[str] = ()
) -> dict[str, Any]:
    if not isinstance(value, Mapping):
        raise at.error(f"expected a mapping, got {type(value).__name__}")
    required = tuple(required)
    allowed = set(required) | set(optional)
    for key in value:
        if key not in allowed:
            raise (at / str(key)).error(f"unknown field {key!r}; expected one of {sorted(allowed)}")
    for key in required:
        if key not in value:
            raise at.error(f"missing field {key!r}")
    return dict(value)


def _mapping(at: _At, value: object) -> Mapping[Any, Any]:
    if not isinstance(value, Mapping):
        raise at.error(f"expected a mapping, got {type(value).__name__}")
    return value


def _ids(at: _At, value: object) -> list[Any]:
    if not isinstance(value, list):
        raise at.error(f"expected a list, got {value!r:.40}")
    return value


def _str(at: _At, value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise at.error(f"expected non-empty text, got {value!r:.40}")
    return value.strip()


def _int(at: _At, value: object, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise at.error(f"expected a whole number from {low} to {high}, got {value!r:.40}")
    return value


def _list(at: _At, value: object) -> list[Any]:
    if not isinstance(value, list) or not value:
        raise at.error(f"expected a non-empty list, got {value!r:.40}")
    return value


def _choice(at: _At, value: object, choices: Sequence[str]) -> str:
    if value not in choices:
        raise at.error(f"expected one of {list(choices)}, got {value!r:.40}")
    return str(value)


def _text(at: _At, value: object) -> Text:
    if not isinstance(value, Mapping):
        raise at.error("expected a text per language, such as {en: ..., mk: ...}")
    for language in value:
        if language not in LANGUAGES:
            raise (at / str(language)).error(
                f"unknown language {language!r}; expected one of {list(LANGUAGES)}"
            )
    for language in REQUIRED_LANGUAGES:
        if language not in value:
            raise at.error(f"missing language {language!r}")
    if "sr-Latn" in value and "sr-Cyrl" in value:
        raise (at / "sr-Latn").error(
            "sr-Latn is made from sr-Cyrl: write Serbian once, in Cyrillic"
        )
    items = tuple((str(k), _str(at / str(k), v)) for k, v in value.items())
    return Text(with_serbian_latin(items))


class _Loader:
    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.catalogue = load_catalogue()
        self.sources: dict[str, str] = {s.id: s.citation for s in self.catalogue.sources.values()}
        self.countries: dict[str, Text] = {}

    def read(self, name: str) -> Any:
        path = self.directory / name
        try:
            return yaml.safe_load(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ContentError(name, "", "file not found") from None
        except yaml.YAMLError as error:
            raise ContentError(name, "", f"not valid YAML: {error}") from None

    def source(self, at: _At, value: object) -> str:
        sid = _str(at, value)
        if sid not in self.sources:
            raise at.error(f"unknown source {sid!r}; add it to sources.yaml")
        return sid

    def source_list(self, at: _At, value: object) -> tuple[str, ...]:
        if isinstance(value, list):
            return tuple(self.source(at / i, v) for i, v in enumerate(_list(at, value)))
        return (self.source(at, value),)

    def country(self, at: _At, value: object) -> str:
        code = _str(at, value)
        if code not in self.countries:
            raise at.error(f"unknown country {code!r}; add it to countries.yaml")
        return code

    def facts(self, at: _At, value: object) -> dict[str, Any]:
        if not isinstance(value, Mapping):
            raise at.error("expected facts: a mapping in the engine's facts format")
        try:
            parse_facts(value, self.catalogue)
        except FactsError as error:
            raise at.error(f"{error}") from None
        return copy.deepcopy(dict(value))

    def expect(self, at: _At, value: object) -> Expect:
        data = _fields(at, value or {}, (), ("outcome", "not", "flags", "flags_not"))
        outcomes = [o.value for o in Outcome]
        flags = [f.value for f in Flag]
        return Expect(
            outcome=(
                Outcome(_choice(at / "outcome", data["outcome"], outcomes))
                if "outcome" in data
                else None
            ),
            outcome_not=frozenset(
                Outcome(_choice(at / "not" / i, o, outcomes))
                for i, o in enumerate(_ids(at / "not", data.get("not", [])))
            ),
            flags=frozenset(
                Flag(_choice(at / "flags" / i, f, flags))
                for i, f in enumerate(_ids(at / "flags", data.get("flags", [])))
            ),
            flags_not=frozenset(
                Flag(_choice(at / "flags_not" / i, f, flags))
                for i, f in enumerate(_ids(at / "flags_not", data.get("flags_not", [])))
            ),
        )

    # -- files --

    def load(self) -> Content:
        for sid, entry in _mapping(_At("sources.yaml"), self.read("sources.yaml")).items():
            at = _At("sources.yaml", str(sid))
            data = _fields(at, entry, ("citation", "tag"))
            _choice(at / "tag", data["tag"], ("V", "S", "M", "NOT_FOUND", "DESIGN"))
            if sid in self.sources:
                raise at.error("this id is already a source of the assessment catalogue")
            self.sources[str(sid)] = _str(at / "citation", data["citation"])
        for code, name in _mapping(_At("countries.yaml"), self.read("countries.yaml")).items():
            at = _At("countries.yaml", str(code))
            if not isinstance(code, str) or len(code) != 2 or not code.isupper():
                raise at.error("expected an ISO 3166 two-letter code such as MK")
            self.countries[code] = _text(at, name)
        scenarios = {}
        for path in sorted((self.directory / "scenarios").glob("*.yaml")):
            scenario = self.scenario(f"scenarios/{path.name}", path.stem)
            scenarios[scenario.id] = scenario
        content = Content(
            scenarios=MappingProxyType(scenarios),
            studies=MappingProxyType(self.entries("studies.yaml", "studies", self.study)),
            offers=MappingProxyType(self.entries("offers.yaml", "offers", self.offer)),
            myths=MappingProxyType(self.entries("myths.yaml", "myths", self.myth)),
            factors=MappingProxyType(self.entries("factors.yaml", "factors", self.factor)),
            sources=MappingProxyType(self.sources),
            countries=MappingProxyType(self.countries),
            actions=MappingProxyType(self.actions()),
            choices=MappingProxyType(self.choices()),
        )
        return dataclasses.replace(
            content, languages=complete_languages(content, self.offer_flags())
        )

    def entries(self, name: str, key: str, build: Callable[[_At, object], Any]) -> dict[str, Any]:
        data = _fields(_At(name), self.read(name), (key,))
        found: dict[str, Any] = {}
        for index, raw in enumerate(_list(_At(name, key), data[key])):
            entry_id = raw.get("id") if isinstance(raw, Mapping) else None
            at = _At(name, str(entry_id) if isinstance(entry_id, str) else f"{key}[{index}]")
            if entry_id in found:
                raise at.error("duplicate id")
            found[_str(at / "id", entry_id)] = build(at, raw)
        return found

    def actions(self) -> dict[str, NextAction]:
        name = "next_steps.yaml"
        data = _fields(_At(name), self.read(name), ("steps",))
        found: dict[str, NextAction] = {}
        for step, raw in _mapping(_At(name, "steps"), data["steps"]).items():
            at = _At(name, str(step))
            if step not in self.catalogue.next_steps:
                raise at.error(f"unknown engine next step {step!r}")
            entry = _fields(at, raw, ("sectors", "services", "text"))
            found[step] = NextAction(
                step=step,
                sectors=tuple(
                    _choice(at / "sectors" / i, s, AGENCY_SECTORS)
                    for i, s in enumerate(_list(at / "sectors", entry["sectors"]))
                ),
                services=tuple(
                    _choice(at / "services" / i, s, SERVICE_KINDS)
                    for i, s in enumerate(entry["services"] or [])
                ),
                text=_text(at / "text", entry["text"]),
            )
        return found

    def offer_flags(self) -> dict[str, Text]:
        """Return the labels of the red flags a participant marks on a job ad.

        `training.steps` shows them; they are read here so that their languages count towards
        the content's complete languages (a room in a language shows its labels in it).
        """
        name = "offer_flags.yaml"
        return {
            str(fid): _text(_At(name, str(fid)), raw)
            for fid, raw in _mapping(_At(name), self.read(name)).items()
        }

    def choices(self) -> dict[Choice, Text]:
        name = "choices.yaml"
        data = _fields(_At(name), self.read(name), [c.value for c in Choice])
        return {c: _text(_At(name, c.value), data[c.value]) for c in Choice}

    def scenario(self, name: str, stem: str) -> Scenario:
        at = _At(name)
        data = _fields(
            at,
            self.read(name),
            ("id", "title", "teaches", "traveller", "stages", "source"),
            ("expect", "engine_gap"),
        )
        if data["id"] != stem:
            raise (at / "id").error(f"the id must be the file name, {stem!r}")
        traveller = self.traveller(at / "traveller", data["traveller"])
        stages = tuple(
            self.stage(_named(at / "stages", i, raw), raw)
            for i, raw in enumerate(_list(at / "stages", data["stages"]))
        )
        kinds = [s.kind for s in stages]
        if (
            len(stages) < 2
            or kinds[0] is not StageKind.ORIGIN
            or kinds[-1] is not StageKind.DESTINATION
            or any(k is not StageKind.TRANSIT for k in kinds[1:-1])
        ):
            raise (at / "stages").error(
                "expected an origin, any transit stages, then a destination"
            )
        if stages[0].country != traveller.country:
            raise (at / "stages").error("the origin stage must be in the traveller's country")
        ids = [s.id for s in stages] + [
            e.id for s in stages for ev in s.events for e in (ev, *ev.alternatives)
        ]
        if len(set(ids)) != len(ids):
            raise at.error(f"stage and event ids must be unique, got {ids}")
        others = {s.country for s in stages} - {traveller.country}
        if clash := others & set(traveller.countries):
            raise (at / "traveller" / "countries").error(
                f"{sorted(clash)} also appear as transit or destination countries"
            )
        expect = _fields(at / "expect", data.get("expect") or {}, (), ("first", "last", "every"))
        scenario = Scenario(
            id=stem,
            title=_text(at / "title", data["title"]),
            teaches=_text(at / "teaches", data["teaches"]),
            traveller=traveller,
            stages=stages,
            expect_first=self.expect(at / "expect" / "first", expect.get("first")),
            expect_last=self.expect(at / "expect" / "last", expect.get("last")),
            expect_every=self.expect(at / "expect" / "every", expect.get("every")),
            engine_gap=_str(at / "engine_gap", data["engine_gap"]) if "engine_gap" in data else "",
            source=self.source_list(at / "source", data["source"]),
        )
        for index, stage in enumerate(stages):
            try:
                parse_facts(stage_facts(scenario, index), self.catalogue)
            except FactsError as error:
                raise (at / "stages" / stage.id).error(f"facts so far: {error}") from None
        return scenario

    def traveller(self, at: _At, value: object) -> Traveller:
        data = _fields(
            at,
            value,
            ("age", "sex", "country", "family"),
            ("education", "ages", "sexes", "countries"),
        )
        age = _int(at / "age", data["age"], 0, 120)
        sex = _choice(at / "sex", data["sex"], GENDERS)
        country = self.country(at / "country", data["country"])
        ages = data.get("ages", [age, age])
        if not isinstance(ages, list) or len(ages) != 2:
            raise (at / "ages").error("expected [lowest, highest]")
        low, high = (_int(at / "ages" / i, a, 0, 120) for i, a in enumerate(ages))
        if not low <= age <= high:
            raise (at / "ages").error(f"the band {low}-{high} must contain the age {age}")
        if low < 18 <= high:
            raise (at / "ages").error("a band must not mix children and adults")
        sexes = tuple(
            _choice(at / "sexes" / i, s, GENDERS) for i, s in enumerate(data.get("sexes", [sex]))
        )
        countries = tuple(
            self.country(at / "countries" / i, c)
            for i, c in enumerate(data.get("countries", [country]))
        )
        if sex not in sexes or country not in countries:
            raise at.error("the traveller's own sex and country must be among the variants")
        education = data.get("education")
        return Traveller(
            age=age,
            sex=sex,
            country=country,
            family=_text(at / "family", data["family"]),
            education=_choice(at / "education", education, EDUCATION) if education else None,
            ages=(low, high),
            sexes=sexes,
            countries=countries,
        )

    def stage(self, at: _At, value: object) -> Stage:
        data = _fields(at, value, ("id", "kind", "country", "place", "events"))
        kind = StageKind(_choice(at / "kind", data["kind"], [k.value for k in StageKind]))
        return Stage(
            id=_str(at / "id", data["id"]),
            kind=kind,
            country=self.country(at / "country", data["country"]),
            place=_text(at / "place", data["place"]),
            events=tuple(
                self.event(_named(at / "events", i, raw), raw)
                for i, raw in enumerate(_list(at / "events", data["events"]))
            ),
        )

    def event(self, at: _At, value: object, nested: bool = False) -> Event:
        data = _fields(at, value, ("id", "text", "facts"), () if nested else ("alternatives",))
        return Event(
            id=_str(at / "id", data["id"]),
            text=_text(at / "text", data["text"]),
            facts=MappingProxyType(self.facts(at / "facts", data["facts"])),
            alternatives=tuple(
                self.event(_named(at / "alternatives", i, raw), raw, nested=True)
                for i, raw in enumerate(data.get("alternatives") or [])
            ),
        )

    def study(self, at: _At, raw: object) -> Study:
        data = _fields(
            at,
            raw,
            ("id", "title", "form", "story", "facts", "source"),
            ("expect", "engine_gap"),
        )
        forms = [e.id for e in self.catalogue.elements.values() if e.kind.value == "purpose"]
        return Study(
            id=data["id"],
            title=_text(at / "title", data["title"]),
            form=_choice(at / "form", data["form"], [*forms, "none"]),
            story=_text(at / "story", data["story"]),
            facts=MappingProxyType(self.facts(at / "facts", data["facts"])),
            expect=self.expect(at / "expect", data.get("expect")),
            engine_gap=_str(at / "engine_gap", data["engine_gap"]) if "engine_gap" in data else "",
            source=self.source_list(at / "source", data["source"]),
        )

    def offer(self, at: _At, raw: object) -> JobAd:
        data = _fields(
            at,
            raw,
            ("id", "title", "text", "source"),
            ("job_country", "seeker_country", "contact"),
        )
        ad = JobAd(
            id=data["id"],
            title=_text(at / "title", data["title"]),
            text=_text(at / "text", data["text"]),
            job_country=self.country(at / "job_country", data["job_country"])
            if "job_country" in data
            else "",
            seeker_country=self.country(at / "seeker_country", data["seeker_country"])
            if "seeker_country" in data
            else "",
            contact=str(data.get("contact") or ""),
            source=self.source_list(at / "source", data["source"]),
        )
        for language in ad.text.languages:
            try:
                offer_key(ad, language)
            except OfferError as error:
                raise (at / "text" / language).error(
                    f"the checker cannot read it: {error}"
                ) from None
        return ad

    def myth(self, at: _At, raw: object) -> Myth:
        data = _fields(at, raw, ("id", "myth", "fact", "explanation", "law"))
        law = []
        for index, item in enumerate(_list(at / "law", data["law"])):
            where = at / "law" / index
            entry = _fields(where, item, ("ref", "text", "source"))
            law.append(
                LegalText(
                    ref=_text(where / "ref", entry["ref"]),
                    text=_text(where / "text", entry["text"]),
                    source=self.source(where / "source", entry["source"]),
                )
            )
        return Myth(
            id=data["id"],
            myth=_text(at / "myth", data["myth"]),
            fact=_text(at / "fact", data["fact"]),
            explanation=_text(at / "explanation", data["explanation"]),
            law=tuple(law),
        )

    def factor(self, at: _At, raw: object) -> Factor:
        data = _fields(at, raw, ("id", "kind", "label", "explanation", "source"))
        return Factor(
            id=data["id"],
            kind=FactorKind(_choice(at / "kind", data["kind"], [k.value for k in FactorKind])),
            label=_text(at / "label", data["label"]),
            explanation=_text(at / "explanation", data["explanation"]),
            source=self.source_list(at / "source", data["source"]),
        )


def texts_in(value: object) -> Iterable[Text]:
    """Yield every `Text` inside `value`: dataclasses, mappings and sequences are walked."""
    if isinstance(value, Text):
        yield value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for item in dataclasses.fields(value):
            yield from texts_in(getattr(value, item.name))
    elif isinstance(value, Mapping):
        for item in value.values():
            yield from texts_in(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from texts_in(item)


def complete_languages(*parts: object) -> tuple[str, ...]:
    """Return the languages (in `LANGUAGES` order) that every text inside `parts` is written in.

    A room can only run in such a language: one missing text would put English in front of
    the participants in the middle of an exercise. Job ads count too, because the offer's key
    is the checker's reading of the ad in the room's language.
    """
    found = set(LANGUAGES)
    for text in texts_in(parts):
        found &= set(text.languages)
    return tuple(code for code in LANGUAGES if code in found)


def load_content(directory: Path | None = None) -> Content:
    """Load and validate every content file; raise ContentError naming the file and entry.

    The default directory (`training/content/`) is read once per process and cached.
    """
    if directory is None:
        return _default_content()
    return _Loader(directory).load()


@functools.cache
def _default_content() -> Content:
    return _Loader(CONTENT_DIR).load()
