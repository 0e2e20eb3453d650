"""Load a language's lexicon (rules and context cues) from `data/<language>.yaml`.

A language is data only: adding `data/mk.yaml` with the same structure adds Macedonian. The file
is checked when it is loaded, and a `LexiconError` names the entry that is wrong.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from stepstones.notes.fold import SCHEMES, fold
from stepstones.notes.model import ELEMENT_IDS, Kind, Target

DATA = Path(__file__).resolve().parent / "data"
_LANGUAGE = re.compile(r"^[a-z]{2,3}$")
_KINDS = {
    "act": Kind.ACT,
    "means": Kind.MEANS,
    "purpose": Kind.PURPOSE,
    "indicator": Kind.INDICATOR,
    "trigger": Kind.TRIGGER,
}


class LexiconError(ValueError):
    """A lexicon file is missing or malformed; the message names the language and the entry."""


@dataclass(frozen=True)
class Rule:
    """One lexicon rule: when `pattern` matches, each of `targets` gets evidence of `weight`.

    `unless_before` / `unless_after` match the text right before / after the match within its
    sentence; when one does, the match is about someone other than the person (for example "her
    children", "the 17-year-old defendant") and is suppressed. `max_age` keeps a match only when
    the number in its `age` group is at most that (see `age_of`).
    """

    id: str
    targets: tuple[Target, ...]
    weight: float
    pattern: re.Pattern[str]
    unless_before: re.Pattern[str] | None
    unless_after: re.Pattern[str] | None
    max_age: int | None
    source: str
    verified: bool
    # Targets of which at least one must be suggested on other evidence for this rule to count:
    # "restaurant" suggests forced labour only beside a sign of coercion or exploitation.
    requires: tuple[Target, ...] = ()
    # Targets any of which, suggested on other evidence, stop this rule from counting: work words
    # in a note about sexual exploitation describe that exploitation, not forced labour.
    excludes: tuple[Target, ...] = ()


@dataclass(frozen=True)
class Implication:
    """A suggestion of `source` also suggests `target`, at `factor` times its confidence.

    Implications are one level deep: an implied suggestion implies nothing further.
    """

    source: Target
    target: Target
    factor: float
    note: str
    verified: bool


@dataclass(frozen=True)
class Context:
    """The cues that change what a match means: negation, hypotheticals, clause breaks."""

    negation_before: re.Pattern[str]
    negation_after: re.Pattern[str]
    pseudo_negation: re.Pattern[str] | None
    negation_window: int
    hypothetical: re.Pattern[str]
    hypothetical_ends: re.Pattern[str]
    hypothetical_window: int
    clause_break: re.Pattern[str]
    # Cues whose scope is the rest of their clause, not a few words: "no evidence of abuse or
    # coercion" negates both. Optional.
    negation_clause: re.Pattern[str] | None = None
    # Phrases that name something and state nothing about the person ("task force", "mail
    # fraud", the statute title "force, fraud, or coercion"): a match inside one is dropped.
    names: re.Pattern[str] | None = None
    # Hypothetical cues that open a question ("whether", "ask if"): `hypothetical_ends` do not
    # close them, so "ask whether he would beat her" stays a question. Optional.
    hypothetical_open: re.Pattern[str] | None = None
    # Subject words: a second subject inside a hypothetical's scope starts its consequence, as
    # notes often drop the comma and "will": "if they complain he call police". Optional.
    subjects: re.Pattern[str] | None = None


@dataclass(frozen=True)
class Lexicon:
    """A language's rules, context cues and sentence-splitting abbreviations."""

    language: str
    version: str
    rules: tuple[Rule, ...]
    context: Context
    abbreviations: frozenset[str]
    implications: tuple[Implication, ...] = ()
    # How notes are folded before matching (`fold.SCHEMES`): the spelling the rules are written
    # in. None: matched as typed.
    fold: str | None = None


def age_of(match: re.Match[str]) -> int | None:
    """Return the number a rule's `age` group captured in `match`, if any."""
    for name, value in match.groupdict().items():
        if name.startswith("age") and value is not None:
            return int(value)
    return None


def available_languages() -> list[str]:
    """Return the languages that have a lexicon file, sorted."""
    return sorted(p.stem for p in DATA.glob("*.yaml") if _LANGUAGE.match(p.stem))


@cache
def load_lexicon(language: str = "en") -> Lexicon:
    """Return the lexicon of `language` (an ISO 639 code), loaded once per process."""
    if not _LANGUAGE.match(language):
        raise LexiconError(f"language: {language!r} is not a language code")
    path = DATA / f"{language}.yaml"
    if not path.is_file():
        known = ", ".join(available_languages())
        raise LexiconError(f"language: no lexicon for {language!r} (available: {known})")
    with path.open(encoding="utf-8") as handle:
        raw = yaml.safe_load(handle)
    return parse_lexicon(raw, where=path.name)


def parse_lexicon(raw: Any, *, where: str = "lexicon") -> Lexicon:
    """Check and compile a lexicon from its parsed YAML."""
    if not isinstance(raw, dict):
        raise LexiconError(f"{where}: the lexicon must be a mapping")
    language = _text(raw, "language", where)
    version = str(raw.get("version", ""))
    if not version:
        raise LexiconError(f"{where}: version is missing")
    folding = raw.get("fold")
    if folding is not None and folding not in SCHEMES:
        raise LexiconError(f"{where}: fold must be one of {', '.join(SCHEMES)}")
    if folding is not None:
        raw = _folded(raw, folding)
    context = _context(raw.get("context"), f"{where}: context")
    abbreviations = raw.get("abbreviations", [])
    if not isinstance(abbreviations, list) or not all(isinstance(a, str) for a in abbreviations):
        raise LexiconError(f"{where}: abbreviations must be a list of strings")
    rules_raw = raw.get("rules")
    if not isinstance(rules_raw, list) or not rules_raw:
        raise LexiconError(f"{where}: rules must be a non-empty list")
    rules: list[Rule] = []
    seen: set[str] = set()
    for index, entry in enumerate(rules_raw):
        rule = _rule(entry, f"{where}: rules[{index}]")
        if rule.id in seen:
            raise LexiconError(f"{where}: rules[{index}].id {rule.id!r} is used twice")
        seen.add(rule.id)
        rules.append(rule)
    implies = raw.get("implies", [])
    if not isinstance(implies, list):
        raise LexiconError(f"{where}: implies must be a list")
    return Lexicon(
        language=language,
        version=version,
        rules=tuple(rules),
        context=context,
        abbreviations=frozenset(a.lower().rstrip(".") for a in abbreviations),
        implications=tuple(
            _implication(entry, f"{where}: implies[{i}]") for i, entry in enumerate(implies)
        ),
        fold=folding,
    )


# Keys whose text is not matched against notes: they are not folded.
_NOT_FOLDED = frozenset(
    {
        "id",
        "source",
        "targets",
        "requires",
        "excludes",
        "language",
        "version",
        "fold",
        "from",
        "to",
        "note",
    }
)


def _folded(raw: Any, scheme: str) -> Any:
    """Return the lexicon with every pattern folded like the notes, so a cue may be written in
    either script or with its diacritics ("pasoš", "пасош") and still match."""
    if isinstance(raw, str):
        return fold(raw, scheme)[0]
    if isinstance(raw, list):
        return [_folded(item, scheme) for item in raw]
    if isinstance(raw, dict):
        return {k: v if k in _NOT_FOLDED else _folded(v, scheme) for k, v in raw.items()}
    return raw


def _implication(raw: Any, where: str) -> Implication:
    if not isinstance(raw, dict):
        raise LexiconError(f"{where} must be a mapping")
    try:
        source = parse_target(str(raw.get("from")))
        target = parse_target(str(raw.get("to")))
    except LexiconError as exc:
        raise LexiconError(f"{where}: {exc}") from exc
    factor = raw.get("factor")
    if not isinstance(factor, int | float) or isinstance(factor, bool) or not 0 < factor <= 1:
        raise LexiconError(f"{where}: factor must be a number in (0, 1]")
    verified = raw.get("verified")
    if not isinstance(verified, bool):
        raise LexiconError(f"{where}: verified must be true or false")
    return Implication(source, target, float(factor), _text(raw, "source", where), verified)


def parse_target(text: str) -> Target:
    """Return the target written as `child`, `<act|means|purpose|indicator|trigger>.<id>`."""
    if text == "child":
        return Target(Kind.CHILD, "child")
    kind_name, _, ident = text.partition(".")
    kind = _KINDS.get(kind_name)
    if kind is None or not ident:
        raise LexiconError(
            f"target {text!r} is not child or act|means|purpose|indicator|trigger.<id>"
        )
    if kind in ELEMENT_IDS and ident not in ELEMENT_IDS[kind]:
        raise LexiconError(f"target {text!r}: {ident!r} is not a Palermo {kind_name} id")
    return Target(kind, ident)


def _text(raw: dict[str, Any], key: str, where: str) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not value:
        raise LexiconError(f"{where}: {key} must be a non-empty string")
    return value


def _words(raw: Any, where: str, *, required: bool = True) -> re.Pattern[str] | None:
    """Compile a list of cue patterns into one case-insensitive regex bounded by word edges."""
    if raw is None and not required:
        return None
    if not isinstance(raw, list) or not raw or not all(isinstance(w, str) and w for w in raw):
        raise LexiconError(f"{where} must be a non-empty list of patterns")
    return _compile("|".join(f"(?:{w})" for w in raw), where, bounded=True)


def _compile(pattern: str, where: str, *, bounded: bool) -> re.Pattern[str]:
    source = rf"(?<![\w])(?:{pattern})(?![\w])" if bounded else pattern
    try:
        return re.compile(source, re.IGNORECASE)
    except re.error as exc:
        raise LexiconError(f"{where}: bad pattern ({exc})") from exc


def _context(raw: Any, where: str) -> Context:
    if not isinstance(raw, dict):
        raise LexiconError(f"{where} must be a mapping")
    negation = raw.get("negation")
    hypothetical = raw.get("hypothetical")
    if not isinstance(negation, dict) or not isinstance(hypothetical, dict):
        raise LexiconError(f"{where} needs negation and hypothetical mappings")
    before = _words(negation.get("before"), f"{where}.negation.before")
    after = _words(negation.get("after"), f"{where}.negation.after")
    hypo = _words(hypothetical.get("cues"), f"{where}.hypothetical.cues")
    ends = _words(hypothetical.get("ends"), f"{where}.hypothetical.ends")
    clause = raw.get("clause_breaks")
    if not isinstance(clause, list) or not clause:
        raise LexiconError(f"{where}.clause_breaks must be a non-empty list of patterns")
    assert before is not None and after is not None and hypo is not None and ends is not None
    return Context(
        negation_before=before,
        negation_after=after,
        pseudo_negation=_words(negation.get("pseudo"), f"{where}.negation.pseudo", required=False),
        negation_window=_positive_int(negation.get("window", 5), f"{where}.negation.window"),
        hypothetical=hypo,
        hypothetical_ends=ends,
        hypothetical_window=_positive_int(
            hypothetical.get("window", 10), f"{where}.hypothetical.window"
        ),
        clause_break=_compile("|".join(f"(?:{c})" for c in clause), where, bounded=False),
        negation_clause=_words(negation.get("clause"), f"{where}.negation.clause", required=False),
        names=_words(raw.get("names"), f"{where}.names", required=False),
        hypothetical_open=_words(
            hypothetical.get("open"), f"{where}.hypothetical.open", required=False
        ),
        subjects=_words(raw.get("subjects"), f"{where}.subjects", required=False),
    )


def _positive_int(value: Any, where: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise LexiconError(f"{where} must be a positive whole number")
    return value


def _rule(raw: Any, where: str) -> Rule:
    if not isinstance(raw, dict):
        raise LexiconError(f"{where} must be a mapping")
    ident = _text(raw, "id", where)
    where = f"{where} ({ident})"
    targets = _target_list(raw, "targets", where)
    if not targets:
        raise LexiconError(f"{where}: targets must be a non-empty list")
    weight = raw.get("weight")
    if not isinstance(weight, int | float) or isinstance(weight, bool) or not 0 < weight <= 1:
        raise LexiconError(f"{where}: weight must be a number in (0, 1]")
    patterns = raw.get("patterns")
    if not isinstance(patterns, list) or not patterns:
        raise LexiconError(f"{where}: patterns must be a non-empty list")
    if not all(isinstance(p, str) and p for p in patterns):
        raise LexiconError(f"{where}: patterns must be non-empty strings")
    # Python's re allows a group name once per pattern: number each pattern's `age` group.
    numbered = [p.replace("(?P<age>", f"(?P<age{i}>") for i, p in enumerate(patterns)]
    pattern = _words(numbered, f"{where}: patterns")
    assert pattern is not None
    max_age = raw.get("max_age")
    if max_age is not None:
        max_age = _positive_int(max_age, f"{where}: max_age")
        if not any(name.startswith("age") for name in pattern.groupindex):
            raise LexiconError(f"{where}: max_age needs a pattern with an (?P<age>...) group")
    verified = raw.get("verified")
    if not isinstance(verified, bool):
        raise LexiconError(f"{where}: verified must be true or false")
    before = raw.get("unless_before")
    after = raw.get("unless_after")
    requires = _target_list(raw, "requires", where)
    excludes = _target_list(raw, "excludes", where)
    return Rule(
        id=ident,
        targets=targets,
        weight=float(weight),
        pattern=pattern,
        unless_before=None
        if before is None
        else _compile(rf"(?<![\w])(?:{before})$", where, bounded=False),
        unless_after=None if after is None else _compile(f"^(?:{after})", where, bounded=False),
        max_age=max_age,
        source=_text(raw, "source", where),
        verified=verified,
        requires=requires,
        excludes=excludes,
    )


def _target_list(raw: dict[str, Any], key: str, where: str) -> tuple[Target, ...]:
    """Return the targets listed under `key` (none when it is absent)."""
    value = raw.get(key, [])
    if not isinstance(value, list):
        raise LexiconError(f"{where}: {key} must be a list of targets")
    try:
        return tuple(parse_target(str(t)) for t in value)
    except LexiconError as exc:
        raise LexiconError(f"{where}: {key}: {exc}") from exc
