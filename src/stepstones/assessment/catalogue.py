"""The indicator catalogue: law, indicators, weights and questions, read from the data files.

Everything legal lives in `data/*.yaml` with a `source` and a `verified` flag per entry; this module
only reads, checks and indexes it. `load_catalogue()` is cached: the files are parsed and
cross-checked once per process, and the engine reads the precompiled indexes.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from .entries import (
    EXPLOITATION,
    AgeGroup,
    Catalogue,
    CatalogueError,
    Dimension,
    Element,
    ElementKind,
    ExploitationType,
    Indicator,
    LegalProvision,
    NextStep,
    Profile,
    Question,
    Sector,
    SmugglingElement,
    SmugglingFact,
    Source,
    Stage,
    Trigger,
    VulnerabilityRule,
    Weight,
    WeightBasis,
    WeightEntry,
)

__all__ = [
    "AgeGroup",
    "Catalogue",
    "CatalogueError",
    "Dimension",
    "Element",
    "ElementKind",
    "ExploitationType",
    "Indicator",
    "LegalProvision",
    "NextStep",
    "Profile",
    "Question",
    "Sector",
    "SmugglingElement",
    "SmugglingFact",
    "Source",
    "Stage",
    "Trigger",
    "VulnerabilityRule",
    "Weight",
    "WeightBasis",
    "WeightEntry",
    "load_catalogue",
]


def _data_dir() -> Path:
    return Path(str(resources.files("stepstones.assessment") / "data"))


# libyaml's safe loader when PyYAML was built with it: the same documents, read about ten times
# faster, which is most of a one-file `stepstones assess`.
_SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _read(name: str) -> dict[str, Any]:
    with (_data_dir() / name).open(encoding="utf-8") as handle:
        # _SafeLoader is yaml's safe loader (its C version when built): bandit sees only a name.
        loaded = yaml.load(handle, Loader=_SafeLoader)  # noqa: S506  # nosec B506
    if not isinstance(loaded, dict):
        raise CatalogueError(f"{name}: expected a mapping at the top level")
    return loaded


class _Entry:
    """Strict access to one YAML entry, naming the file and entry in every error."""

    def __init__(self, where: str, data: Any) -> None:
        if not isinstance(data, dict):
            raise CatalogueError(f"{where}: expected a mapping")
        self.where = where
        self.data: dict[str, Any] = data

    def text(self, key: str, default: str | None = None) -> str:
        value = self.data.get(key, default)
        if not isinstance(value, str) or (default is None and not value):
            raise CatalogueError(f"{self.where}: '{key}' must be a non-empty string")
        return value

    def flag(self, key: str) -> bool:
        value = self.data.get(key)
        if not isinstance(value, bool):
            raise CatalogueError(f"{self.where}: '{key}' must be true or false")
        return value

    def ids(self, key: str) -> tuple[str, ...]:
        value = self.data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise CatalogueError(f"{self.where}: '{key}' must be a list of ids")
        return tuple(value)

    def stage(self) -> Stage:
        try:
            return Stage(self.text("stage"))
        except ValueError:
            raise CatalogueError(
                f"{self.where}: unknown stage {self.data.get('stage')!r}"
            ) from None


def _entries(where: str, data: Any) -> Iterator[_Entry]:
    if not isinstance(data, list):
        raise CatalogueError(f"{where}: expected a list")
    for index, item in enumerate(data):
        entry = _Entry(f"{where}[{index}]", item)
        entry.where = f"{where}[{entry.data.get('id', index)}]"
        yield entry


def _unique(where: str, items: list[Any]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for item in items:
        if item.id in result:
            raise CatalogueError(f"{where}: duplicate id {item.id!r}")
        result[item.id] = item
    return result


_WEIGHT_CODES = {Weight.STRONG: 0, Weight.MEDIUM: 1, Weight.WEAK: 2}


def _weights(entry: _Entry) -> dict[Profile, WeightEntry]:
    raw = entry.data.get("weights")
    if not isinstance(raw, dict) or set(raw) != {p.value for p in Profile}:
        raise CatalogueError(f"{entry.where}: 'weights' must name exactly the four profiles")
    base_source = entry.text("source")
    sexual_source = entry.text("sexual_source", base_source) or base_source
    result: dict[Profile, WeightEntry] = {}
    # Labour first: the sexual fallbacks read them.
    for profile in (Profile.ADULT_LABOUR, Profile.CHILD_LABOUR):
        value = raw[profile.value]
        if value == WeightBasis.ADULT_FALLBACK.value and profile is Profile.CHILD_LABOUR:
            adult = result[Profile.ADULT_LABOUR]
            result[profile] = WeightEntry(adult.weight, WeightBasis.ADULT_FALLBACK, base_source)
        elif value in {w.value for w in Weight}:
            result[profile] = WeightEntry(Weight(value), WeightBasis.TRANSCRIBED, base_source)
        else:
            raise CatalogueError(f"{entry.where}: bad {profile.value} weight {value!r}")
    for profile, labour in (
        (Profile.ADULT_SEXUAL, Profile.ADULT_LABOUR),
        (Profile.CHILD_SEXUAL, Profile.CHILD_LABOUR),
    ):
        value = raw[profile.value]
        if value == WeightBasis.LABOUR_FALLBACK.value:
            result[profile] = WeightEntry(
                result[labour].weight, WeightBasis.LABOUR_FALLBACK, base_source
            )
        elif isinstance(value, str) and value.removeprefix("assumed_") in {w.value for w in Weight}:
            weight = Weight(value.removeprefix("assumed_"))
            basis = WeightBasis.ASSUMED if value.startswith("assumed_") else WeightBasis.TRANSCRIBED
            result[profile] = WeightEntry(weight, basis, sexual_source)
        else:
            raise CatalogueError(f"{entry.where}: bad {profile.value} weight {value!r}")
    return result


def _question(qid: str, entry: _Entry, text_key: str = "question") -> Question:
    return Question(
        id=qid,
        fact=qid,
        text=entry.text(text_key),
        help=entry.text("help", ""),
        stage=entry.stage(),
        child_only=bool(entry.data.get("child_only", False)),
    )


def _build() -> Catalogue:  # noqa: C901 - one linear pass over the files
    root = _read("catalogue.yaml")
    sources = {
        sid: Source(sid, _Entry(f"sources.yaml[{sid}]", s).text("citation"), str(s.get("tag")))
        for sid, s in _read("sources.yaml")["sources"].items()
    }

    elements: list[Element] = []
    raw_elements = _read("elements.yaml")
    for kind, key in ((ElementKind.ACT, "acts"), (ElementKind.MEANS, "means")):
        for e in _entries(f"elements.yaml:{key}", raw_elements[key]):
            question = None
            if "question" in e.data:
                question = _question(f"elements.{key}.{e.text('id')}", e)
            elements.append(
                Element(
                    e.text("id"),
                    kind,
                    e.text("label"),
                    e.text("help", ""),
                    e.text("source"),
                    e.flag("verified"),
                    question,
                )
            )
    for e in _entries("elements.yaml:purposes", raw_elements["purposes"]):
        elements.append(
            Element(
                e.text("id"),
                ElementKind.PURPOSE,
                e.text("label"),
                e.text("help", ""),
                e.text("source"),
                e.flag("verified"),
                _question(f"elements.purposes.{e.text('id')}", e) if "question" in e.data else None,
                e.ids("implies"),
            )
        )

    raw_ind = _read("indicators.yaml")
    dimensions = [
        Dimension(
            d.text("id"),
            int(d.data["number"]),
            d.text("name"),
            d.text("phase"),
            d.ids("evidences"),
            d.text("source"),
            d.flag("verified"),
        )
        for d in _entries("indicators.yaml:dimensions", raw_ind["dimensions"])
    ]
    phases = {d.id: d.phase for d in dimensions}
    indicators: list[Indicator] = []
    for i in _entries("indicators.yaml:indicators", raw_ind["indicators"]):
        iid = i.text("id")
        shows = bool(i.data.get("shows_exploitation", False))
        indicators.append(
            Indicator(
                iid,
                i.text("name"),
                i.text("dimension"),
                MappingProxyType(_weights(i)),
                i.ids("evidences"),
                i.stage(),
                _question(f"indicators.{iid}", i),
                i.text("help", ""),
                i.text("source"),
                i.flag("verified"),
                shows or phases.get(i.text("dimension")) == "exploitation",
            )
        )
    for i in _entries("indicators.yaml:supplementary", raw_ind["supplementary"]):
        iid = i.text("id")
        indicators.append(
            Indicator(
                iid,
                i.text("name"),
                None,
                MappingProxyType({}),
                i.ids("evidences"),
                i.stage(),
                _question(f"indicators.{iid}", i),
                i.text("help", ""),
                i.text("source"),
                i.flag("verified"),
                bool(i.data.get("shows_exploitation", False)),
            )
        )

    raw_smug = _read("smuggling.yaml")
    smuggling_elements = [
        SmugglingElement(
            s.text("id"), s.text("label"), s.ids("facts"), s.text("source"), s.flag("verified")
        )
        for s in _entries("smuggling.yaml:elements", raw_smug["elements"])
    ]
    smuggling_facts = [
        SmugglingFact(
            s.text("id"),
            s.text("role"),
            _question(f"smuggling.{s.text('id')}", s),
            s.text("source"),
            s.flag("verified"),
        )
        for s in _entries("smuggling.yaml:facts", raw_smug["facts"])
    ]
    triggers = [
        Trigger(
            t.text("id"),
            t.text("code"),
            t.text("name"),
            t.text("help", ""),
            t.ids("evidences"),
            t.ids("also_from"),
            bool(t.data.get("signals_child", False)),
            _question(f"triggers.{t.text('id')}", t),
            t.text("source"),
            t.flag("verified"),
        )
        for t in _entries("smuggling.yaml:triggers", raw_smug["triggers"])
    ]
    provisions = [
        LegalProvision(
            p.text("id"),
            p.text("title"),
            p.text("text"),
            p.ids("applies_when"),
            p.text("source"),
            p.flag("verified"),
        )
        for p in _entries("legal.yaml:provisions", _read("legal.yaml")["provisions"])
    ]
    steps = [
        NextStep(
            s.text("id"),
            s.text("text"),
            s.ids("applies_when"),
            s.text("source"),
            s.flag("verified"),
        )
        for s in _entries("next_steps.yaml:steps", _read("next_steps.yaml")["steps"])
    ]
    sectors = [
        Sector(
            s.text("id"),
            s.text("label"),
            s.text("form"),
            s.data.get("profile") == "sexual",
            s.data.get("child_purpose"),
            s.text("source"),
            s.flag("verified"),
        )
        for s in _entries("sectors.yaml:sectors", _read("sectors.yaml")["sectors"])
    ]
    person_questions = tuple(
        Question(
            q.text("fact"),
            q.text("fact"),
            q.text("question"),
            q.text("help", ""),
            q.stage(),
            bool(q.data.get("child_only", False)),
        )
        for q in _entries("catalogue.yaml:questions", root["questions"])
    )
    apov = _Entry("catalogue.yaml:abuse_of_vulnerability", root["abuse_of_vulnerability"])
    vulnerability_rule = VulnerabilityRule(
        frozenset(apov.ids("situations")),
        frozenset(apov.ids("dependence")),
        apov.text("source"),
        apov.flag("verified"),
    )
    step2 = root["step2"]["clauses"]
    if not isinstance(step2, list):
        raise CatalogueError("catalogue.yaml: step2.clauses must be a list")

    dims = _unique("dimensions", dimensions)
    order = tuple(sorted(dims, key=lambda d: dims[d].number))
    inds = _unique("indicators", indicators)
    weight_index: dict[Profile, dict[str, tuple[int, int]]] = {p: {} for p in Profile}
    for ind in indicators:
        if ind.dimension is None:
            continue
        for profile, entry in ind.weights.items():
            weight_index[profile][ind.id] = (
                order.index(ind.dimension),
                _WEIGHT_CODES[entry.weight],
            )

    catalogue = Catalogue(
        version=str(root["version"]),
        sources=MappingProxyType(sources),
        elements=MappingProxyType(_unique("elements", elements)),
        dimensions=MappingProxyType(dims),
        indicators=MappingProxyType(inds),
        smuggling_elements=MappingProxyType(_unique("smuggling elements", smuggling_elements)),
        smuggling_facts=MappingProxyType(_unique("smuggling facts", smuggling_facts)),
        triggers=MappingProxyType(_unique("triggers", triggers)),
        provisions=MappingProxyType(_unique("legal provisions", provisions)),
        next_steps=MappingProxyType(_unique("next steps", steps)),
        sectors=MappingProxyType(_unique("sectors", sectors)),
        step2_clauses=tuple(tuple(clause) for clause in step2),
        person_questions=person_questions,
        vulnerability_rule=vulnerability_rule,
        weight_index=MappingProxyType({p: MappingProxyType(m) for p, m in weight_index.items()}),
        dimension_order=order,
        indicator_aliases=MappingProxyType(_aliases(indicators, raw_ind)),
    )
    _check(catalogue)
    return catalogue


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


def _aliases(indicators: list[Indicator], raw: dict[str, Any]) -> dict[str, str]:
    """Map other spellings to indicator ids: the ILO wording and any `aliases:` in the data."""
    candidates: dict[str, set[str]] = {}
    explicit = {
        item["id"]: item.get("aliases", [])
        for group in ("indicators", "supplementary")
        for item in raw[group]
    }
    for ind in indicators:
        for spelling in [_slug(ind.name), *explicit.get(ind.id, [])]:
            candidates.setdefault(spelling, set()).add(ind.id)
    ids = {ind.id for ind in indicators}
    return {
        spelling: next(iter(targets))
        for spelling, targets in sorted(candidates.items())
        if len(targets) == 1 and spelling not in ids
    }


def _check(cat: Catalogue) -> None:
    """Raise CatalogueError when an entry refers to something that does not exist."""
    known_elements = set(cat.elements) | {EXPLOITATION}
    purposes = {e.id for e in cat.elements_of(ElementKind.PURPOSE)}

    def check_source(where: str, source: str) -> None:
        if source not in cat.sources:
            raise CatalogueError(f"{where}: unknown source {source!r}")

    for e in cat.elements.values():
        check_source(f"element {e.id}", e.source)
        if set(e.implies) - set(cat.elements):
            raise CatalogueError(f"element {e.id}: implies unknown elements")
    for d in cat.dimensions.values():
        check_source(f"dimension {d.id}", d.source)
        bad = set(d.evidences) - known_elements
        if bad:
            raise CatalogueError(f"dimension {d.id}: unknown elements {sorted(bad)}")
    for i in cat.indicators.values():
        check_source(f"indicator {i.id}", i.source)
        for w in i.weights.values():
            check_source(f"indicator {i.id} weight", w.source)
        if i.dimension is not None and i.dimension not in cat.dimensions:
            raise CatalogueError(f"indicator {i.id}: unknown dimension {i.dimension!r}")
        bad = set(i.evidences) - known_elements
        if bad:
            raise CatalogueError(f"indicator {i.id}: unknown elements {sorted(bad)}")
    for t in cat.triggers.values():
        check_source(f"trigger {t.id}", t.source)
        bad = set(t.evidences) - known_elements
        if bad:
            raise CatalogueError(f"trigger {t.id}: unknown elements {sorted(bad)}")
        missing = set(t.also_from) - set(cat.indicators)
        if missing:
            raise CatalogueError(f"trigger {t.id}: unknown indicators {sorted(missing)}")
    for s in cat.sectors.values():
        check_source(f"sector {s.id}", s.source)
        if s.form not in purposes or (s.child_purpose and s.child_purpose not in purposes):
            raise CatalogueError(f"sector {s.id}: unknown purpose")
    for group in (cat.provisions.values(), cat.next_steps.values()):
        for item in group:
            check_source(f"{item.id}", item.source)
    for se in cat.smuggling_elements.values():
        check_source(f"smuggling element {se.id}", se.source)
    for sf in cat.smuggling_facts.values():
        check_source(f"smuggling fact {sf.id}", sf.source)
    rule = cat.vulnerability_rule
    check_source("abuse_of_vulnerability", rule.source)
    unknown = (rule.situations | rule.dependence) - set(cat.indicators)
    if unknown:
        raise CatalogueError(f"abuse_of_vulnerability: unknown indicators {sorted(unknown)}")
    for clause in cat.step2_clauses:
        bad = set(clause) - set(cat.dimensions)
        if bad:
            raise CatalogueError(f"step2: unknown dimensions {sorted(bad)}")
    fact_ids = [q.fact for q in cat.questions()]
    if len(fact_ids) != len(set(fact_ids)):
        raise CatalogueError("two questions set the same fact")


@functools.cache
def load_catalogue() -> Catalogue:
    """Return the catalogue read from the package's data files (parsed once per process)."""
    return _build()
