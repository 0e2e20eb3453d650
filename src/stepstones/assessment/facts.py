"""The facts a worker records about a person, and their strict validation (docs/facts-format.md).

`parse_facts(mapping)` is the one boundary: it accepts what YAML or JSON gives (yes/no/unknown,
booleans, null) and raises `FactsError` naming the field for anything else. Every fact is
optional: an empty mapping is valid facts.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import Any

from .catalogue import Catalogue, ElementKind, load_catalogue
from .text import N_, Msg, Param

__all__ = ["AgeBand", "Answer", "Facts", "FactsError", "Route", "answers_to_facts", "parse_facts"]


class Answer(StrEnum):
    """An answer to a yes/no question."""

    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"


class AgeBand(StrEnum):
    """Age band when the exact age is not known."""

    CHILD = "child"
    ADULT = "adult"
    UNKNOWN = "unknown"


GENDERS = ("female", "male", "transgender", "non_binary", "other", "unknown")
EDUCATION = ("none", "primary", "secondary", "vocational", "university", "postgraduate", "unknown")


class FactsError(ValueError):
    """Bad facts: `.field` is the dotted path, `.message` a one-line English explanation.

    `.msg` carries the same message as a translatable template with its parameters.
    """

    def __init__(self, field: str, template: str, **params: Param) -> None:
        self.field = field
        self.msg = Msg(template, tuple(sorted(params.items())))
        self.message = self.msg.render()
        super().__init__(f"{field}: {self.message}")


@dataclass(frozen=True, slots=True)
class Route:
    """The journey: ISO 3166 alpha-2 codes; answers about the border."""

    origin: str | None = None
    transit: tuple[str, ...] = ()
    destination: str | None = None
    irregular_crossing: Answer = Answer.UNKNOWN
    crossed_border: Answer = Answer.UNKNOWN


@dataclass(frozen=True, slots=True)
class Facts:
    """Validated facts. Answers are kept as the ids answered yes and the ids answered no;
    everything else is unknown. Sets make the order of facts irrelevant."""

    age: int | None = None
    age_band: AgeBand = AgeBand.UNKNOWN
    may_be_child: Answer = Answer.UNKNOWN
    gender: str | None = None
    education: str | None = None
    sector: str | None = None
    route: Route = field(default_factory=Route)
    indicators_yes: frozenset[str] = frozenset()
    indicators_no: frozenset[str] = frozenset()
    triggers_yes: frozenset[str] = frozenset()
    triggers_no: frozenset[str] = frozenset()
    smuggling_yes: frozenset[str] = frozenset()
    smuggling_no: frozenset[str] = frozenset()
    acts: frozenset[str] = frozenset()
    means: frozenset[str] = frozenset()
    purposes: frozenset[str] = frozenset()
    elements_no: frozenset[str] = frozenset()

    def answer(self, fact: str) -> Answer:
        """Return the answer recorded at a dotted fact path (a question's `fact`)."""
        head, _, rest = fact.partition(".")
        pairs = {
            "indicators": (self.indicators_yes, self.indicators_no),
            "triggers": (self.triggers_yes, self.triggers_no),
            "smuggling": (self.smuggling_yes, self.smuggling_no),
        }
        if head in pairs:
            yes, no = pairs[head]
            return Answer.YES if rest in yes else Answer.NO if rest in no else Answer.UNKNOWN
        if head == "elements":
            element = rest.partition(".")[2]
            if element in self.acts | self.means | self.purposes:
                return Answer.YES
            return Answer.NO if element in self.elements_no else Answer.UNKNOWN
        if fact == "may_be_child":
            return self.may_be_child
        if fact == "route.irregular_crossing":
            return self.route.irregular_crossing
        if fact == "route.crossed_border":
            return self.route.crossed_border
        return Answer.UNKNOWN

    def to_dict(self) -> dict[str, Any]:
        """Return the facts as a plain mapping that `parse_facts` reads back to equal facts."""
        out: dict[str, Any] = {}
        if self.age is not None:
            out["age"] = self.age
        if self.age_band is not AgeBand.UNKNOWN:
            out["age_band"] = self.age_band.value
        if self.may_be_child is not Answer.UNKNOWN:
            out["may_be_child"] = self.may_be_child.value
        for key in ("gender", "education", "sector"):
            if getattr(self, key) is not None:
                out[key] = getattr(self, key)
        route: dict[str, Any] = {}
        if self.route.origin:
            route["origin"] = self.route.origin
        if self.route.transit:
            route["transit"] = list(self.route.transit)
        if self.route.destination:
            route["destination"] = self.route.destination
        for key in ("irregular_crossing", "crossed_border"):
            value = getattr(self.route, key)
            if value is not Answer.UNKNOWN:
                route[key] = value.value
        if route:
            out["route"] = route
        for key in ("indicators", "triggers", "smuggling"):
            yes, no = getattr(self, f"{key}_yes"), getattr(self, f"{key}_no")
            answers = {i: "yes" for i in sorted(yes)} | {i: "no" for i in sorted(no)}
            if answers:
                out[key] = answers
        elements = {
            name: sorted(getattr(self, name))
            for name in ("acts", "means", "purposes")
            if getattr(self, name)
        }
        if elements:
            out["elements"] = elements
        return out


TOP_LEVEL = (
    "age",
    "age_band",
    "may_be_child",
    "gender",
    "education",
    "sector",
    "route",
    "indicators",
    "triggers",
    "smuggling",
    "elements",
)
ROUTE_KEYS = ("origin", "transit", "destination", "irregular_crossing", "crossed_border")
ELEMENT_KEYS = {
    "acts": ElementKind.ACT,
    "means": ElementKind.MEANS,
    "purposes": ElementKind.PURPOSE,
}
KIND_KEYS = {kind: key for key, kind in ELEMENT_KEYS.items()}
# US spellings of element ids (SHERLOC and US case law use them); stored under the contract ids.
_ELEMENT_SPELLINGS = MappingProxyType({"harboring": "harbouring", "forced_labor": "forced_labour"})
_COUNTRY = re.compile(r"^[A-Z]{2}$")
_FAST: dict[object, Answer] = {
    True: Answer.YES,
    False: Answer.NO,
    "yes": Answer.YES,
    "no": Answer.NO,
    "unknown": Answer.UNKNOWN,
}
_ANSWERS = {
    "dont_know": Answer.UNKNOWN,
    "don't know": Answer.UNKNOWN,
    "yes": Answer.YES,
    "no": Answer.NO,
    "unknown": Answer.UNKNOWN,
    "true": Answer.YES,
    "false": Answer.NO,
}


def _unknown_id(path: str, value: object, choices: Iterable[str], what: str) -> FactsError:
    close = difflib.get_close_matches(str(value), list(choices), n=3, cutoff=0.6)
    if close:
        return FactsError(
            path,
            N_("unknown %(what)s %(value)s; did you mean %(suggestions)s?"),
            what=Msg(what),
            value=repr(str(value)),
            suggestions=" or ".join(repr(c) for c in close),
        )
    return FactsError(
        path, N_("unknown %(what)s %(value)s"), what=Msg(what), value=repr(str(value))
    )


def _snake(name: str) -> str:
    """Return `name` in snake_case: "WithholdsDocuments" and "Debt bondage" both match ids."""
    spaced = re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name.strip())
    return re.sub(r"[^a-z0-9]+", "_", spaced.lower()).strip("_")


def _answer(path: str, value: object) -> Answer:
    if value is None:
        return Answer.UNKNOWN
    if isinstance(value, bool):
        return Answer.YES if value else Answer.NO
    if isinstance(value, str) and value.strip().lower() in _ANSWERS:
        return _ANSWERS[value.strip().lower()]
    raise FactsError(path, N_("expected yes, no or unknown, got %(value)s"), value=repr(value)[:40])


def _mapping(path: str, value: object) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise FactsError(path, N_("expected a mapping, got %(type)s"), type=type(value).__name__)
    for key in value:
        if not isinstance(key, str):
            raise FactsError(path, N_("keys must be text, got %(key)s"), key=repr(key))
    return value


def _answers(
    path: str,
    value: object,
    known: Collection[str],
    what: str,
    aliases: Mapping[str, str] = MappingProxyType({}),
) -> tuple[set[str], set[str]]:
    """Read `{id: answer}` (or a list of ids, all yes) into (yes ids, no ids)."""
    items: Iterable[tuple[Any, Any]]
    if isinstance(value, list):
        items = [(v, True) for v in value]
    elif value is None:
        items = []
    else:
        items = _mapping(path, value).items()
    yes: set[str] = set()
    no: set[str] = set()
    for key, raw in items:
        if not isinstance(key, str):
            raise FactsError(path, N_("expected an id, got %(value)s"), value=repr(key)[:40])
        if key not in known:
            given, key = key, _snake(key)
            if key not in known:
                if aliases.get(key) not in known:
                    raise _unknown_id(f"{path}.{given}", given, known, what)
                key = aliases[key]
        answer = _FAST.get(raw) if raw.__class__ in (bool, str) else None
        if answer is None:
            answer = _answer(f"{path}.{key}", raw)
        if answer is Answer.YES:
            yes.add(key)
        elif answer is Answer.NO:
            no.add(key)
    return yes, no


def _choice(path: str, value: object, choices: Collection[str], what: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise FactsError(path, N_("expected text, got %(type)s"), type=type(value).__name__)
    cleaned = value.strip().lower().replace(" ", "_").replace("-", "_")
    if cleaned not in choices:
        raise _unknown_id(path, value, choices, what)
    return cleaned


def _country(path: str, value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not _COUNTRY.match(value.strip().upper()):
        raise FactsError(
            path,
            N_("expected a two-letter country code such as MK, got %(value)s"),
            value=repr(value)[:40],
        )
    return value.strip().upper()


def _route(value: object) -> Route:
    data = _mapping("route", value)
    for key in data:
        if key not in ROUTE_KEYS:
            raise _unknown_id(f"route.{key}", key, ROUTE_KEYS, N_("route field"))
    transit_raw = data.get("transit") or []
    if isinstance(transit_raw, str):
        transit_raw = [transit_raw]
    if not isinstance(transit_raw, list):
        raise FactsError("route.transit", N_("expected a list of country codes"))
    transit = tuple(
        c for i, t in enumerate(transit_raw) if (c := _country(f"route.transit[{i}]", t))
    )
    return Route(
        origin=_country("route.origin", data.get("origin")),
        transit=transit,
        destination=_country("route.destination", data.get("destination")),
        irregular_crossing=_answer("route.irregular_crossing", data.get("irregular_crossing")),
        crossed_border=_answer("route.crossed_border", data.get("crossed_border")),
    )


def _elements(value: object, catalogue: Catalogue) -> dict[str, set[str]]:
    data = _mapping("elements", value)
    found: dict[str, set[str]] = {"acts": set(), "means": set(), "purposes": set(), "no": set()}
    for key, raw in data.items():
        if key not in ELEMENT_KEYS:
            raise _unknown_id(f"elements.{key}", key, ELEMENT_KEYS, N_("element kind"))
        ids = [e.id for e in catalogue.elements_of(ELEMENT_KEYS[key])]
        what = {"acts": N_("act"), "means": N_("means"), "purposes": N_("purpose")}[key]
        if isinstance(raw, str):
            raw = [raw]
        for given in raw if isinstance(raw, list) else (raw or {}):
            other = catalogue.elements.get(given) if isinstance(given, str) else None
            if other is not None and other.kind is not ELEMENT_KEYS[key]:
                raise FactsError(
                    f"elements.{key}.{given}",
                    N_("%(value)s is listed under %(kind)s, not %(here)s"),
                    value=repr(given),
                    kind=KIND_KEYS[other.kind],
                    here=key,
                )
        yes, no = _answers(f"elements.{key}", raw, ids, what, _ELEMENT_SPELLINGS)
        found[key] |= yes
        found["no"] |= no
    return found


def parse_facts(data: Mapping[str, Any], catalogue: Catalogue | None = None) -> Facts:
    """Validate a facts mapping (from YAML or JSON) and return `Facts`; raise `FactsError`."""
    cat = catalogue or load_catalogue()
    if data is None:
        return Facts()
    data = _mapping("facts", data)
    for key in data:
        if key not in TOP_LEVEL:
            raise _unknown_id(key, key, TOP_LEVEL, N_("field"))

    age = data.get("age")
    if age is not None:
        if isinstance(age, float) and age.is_integer():
            age = int(age)
        if isinstance(age, bool) or not isinstance(age, int):
            if isinstance(age, str) and age.strip().isdigit():
                age = int(age.strip())
            else:
                raise FactsError(
                    "age",
                    N_("expected a whole number of years, got %(value)s"),
                    value=repr(age)[:40],
                )
        if not 0 <= age <= 120:
            raise FactsError("age", N_("must be between 0 and 120, got %(value)s"), value=age)
    band_raw = _choice("age_band", data.get("age_band"), [b.value for b in AgeBand], N_("age band"))
    band = AgeBand(band_raw) if band_raw else AgeBand.UNKNOWN

    indicators = _answers(
        "indicators",
        data.get("indicators"),
        cat.indicators,
        N_("indicator"),
        cat.indicator_aliases,
    )
    triggers = _answers("triggers", data.get("triggers"), cat.triggers, N_("trigger"))
    smuggling = _answers(
        "smuggling", data.get("smuggling"), cat.smuggling_facts, N_("smuggling fact")
    )
    elements = (
        _elements(data["elements"], cat)
        if data.get("elements") is not None
        else {"acts": set(), "means": set(), "purposes": set(), "no": set()}
    )
    return Facts(
        age=age,
        age_band=band,
        may_be_child=_answer("may_be_child", data.get("may_be_child")),
        gender=_choice("gender", data.get("gender"), GENDERS, N_("gender")),
        education=_choice("education", data.get("education"), EDUCATION, N_("education level")),
        sector=_choice("sector", data.get("sector"), cat.sectors, N_("sector")),
        route=_route(data["route"]) if data.get("route") is not None else Route(),
        indicators_yes=frozenset(indicators[0]),
        indicators_no=frozenset(indicators[1] - indicators[0]),
        triggers_yes=frozenset(triggers[0]),
        triggers_no=frozenset(triggers[1] - triggers[0]),
        smuggling_yes=frozenset(smuggling[0]),
        smuggling_no=frozenset(smuggling[1] - smuggling[0]),
        acts=frozenset(elements["acts"]),
        means=frozenset(elements["means"]),
        purposes=frozenset(elements["purposes"]),
        elements_no=frozenset(elements["no"]),
    )


def answers_to_facts(answers: Mapping[str, Any]) -> dict[str, Any]:
    """Nest form answers keyed by question `fact` paths into a facts mapping.

    `{"indicators.debt_bondage": "yes", "elements.acts.recruitment": "no", "age": 16}` becomes
    `{"indicators": {"debt_bondage": "yes"}, "elements": {"acts": {"recruitment": "no"}},
    "age": 16}`, ready for `parse_facts` (which still validates every id and value).
    """
    nested: dict[str, Any] = {}
    for path, value in answers.items():
        parts = path.split(".")
        node = nested
        for part in parts[:-1]:
            child = node.setdefault(part, {})
            if not isinstance(child, dict):
                raise FactsError(path, N_("conflicts with another answer"))
            node = child
        node[parts[-1]] = value
    return nested
