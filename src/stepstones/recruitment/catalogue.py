"""Load the checker's data files (lexicon, flags, texts, hotlines) and compile them once."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import yaml

from stepstones.recruitment.results import Severity
from stepstones.recruitment.text import fold
from stepstones.recruitment.wordindex import WordIndex

DATA = "stepstones.recruitment.data"
#: Lexicon languages; sr covers Serbian in both scripts and the BCMS Latin group, fa covers Dari
#: and Farsi, ar and ur also hold Latin-script Arabic ("Arabizi") and Roman Urdu.
LEXICON_LANGUAGES = ("en", "mk", "sq", "sr", "ar", "fa", "ps", "ur", "tr", "fr")
#: Which lexicon serves an offer in a detected language.
LEXICON_FOR = {
    "en": "en", "mk": "mk", "bg": "mk", "sq": "sq", "sr-Latn": "sr", "sr-Cyrl": "sr",
    "ar": "ar", "fa": "fa", "ps": "ps", "ur": "ur", "tr": "tr", "fr": "fr",
}  # fmt: skip
# Arabic writes "and", "so", "with", "for" and "the" joined to the next word ("والسكن", "بجوازك"):
# each Arabic-script term of the Arabic lexicon is also indexed with these in front.
_PROCLITICS = ("و", "ف", "ب", "ل", "ال", "وال", "بال", "فال", "لل")
_ARABIC_LETTER = re.compile(r"[\u0600-\u06ff]")


def _load(name: str) -> Any:
    return yaml.safe_load(resources.files(DATA).joinpath(name).read_text(encoding="utf-8"))


_SEP = r"[\s\-/]+"
_STAR = r"\w*"


def _atoms(term: str) -> list[str]:
    atoms: list[str] = []
    for i, word in enumerate(fold(term).split()):
        if i:
            atoms.append(_SEP)
        for j, part in enumerate(word.split("*")):
            if j:
                atoms.append(_STAR)
            atoms.extend(re.escape(ch) for ch in part)
    return atoms


def term_pattern(term: str) -> str:
    """Return the regular expression (over folded text) for one lexicon term."""
    return term[3:] if term.startswith("re:") else "".join(_atoms(term))


def _trie(terms: list[str]) -> str:
    # Python's re does not share prefixes between alternatives; a trie of the literal terms
    # does, which makes the scan of a long offer markedly cheaper.
    root: dict[str, Any] = {}
    for term in terms:
        if term.startswith("re:"):
            continue
        node = root
        for atom in _atoms(term):
            node = node.setdefault(atom, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        alternatives = [key + emit(node[key]) for key in sorted(node) if key]
        if not alternatives:
            return ""
        ends_here = "" in node
        if len(alternatives) == 1 and not ends_here:
            return alternatives[0]
        return "(?:" + "|".join(alternatives) + ")" + ("?" if ends_here else "")

    parts = [emit(root)] if root else []
    # The written patterns go first: where one and a listed word match at the same place ("avenue"
    # listed, and "avenue <name>" written), the pattern's longer match wins, as it does in the
    # word index (`WordIndex.find` keeps the longest match at each place). Python's re takes the
    # first alternative that matches, not the longest.
    return "|".join([t[3:] for t in terms if t.startswith("re:")] + parts)


_LEADING_WORD = re.compile(r"\w+")
# A raw regex that starts with plain letters (after an optional look-behind) can be indexed
# by those letters, e.g. "(?<!direct )deposit".
_REGEX_KEY = re.compile(r"(?:\(\?<!?[^()|]*\))?([a-z]{3,})(?![?*+{])")


def _index_term(index: WordIndex, concept: str, term: str) -> None:
    if term.startswith("re:"):
        raw = term[3:]
        key = _REGEX_KEY.match(raw)
        if key and "|" not in raw:
            index.add(concept, key.group(1), True, raw)
        else:
            index.add(concept, None, False, raw)
        return
    words = fold(term).split()
    first = words[0] if words else ""
    lead = _LEADING_WORD.match(first)
    if lead is None:
        index.add(concept, None, False, term_pattern(term))
        return
    # "smešta*" is a stem; "d.o.o" and "don't" start with the whole word "d" / "don".
    is_stem = first[lead.end() : lead.end() + 1] == "*"
    index.add(concept, lead.group(), is_stem, term_pattern(term))


def _alternation(terms: list[str]) -> str:
    return r"(?<!\w)(?:" + _trie(terms) + r")(?!\w)"


@dataclass(frozen=True, slots=True)
class Concept:
    """A lexicon concept compiled to one regular expression over folded text.

    `excluded_by` names concepts whose matches, where they overlap one of this concept's, cancel
    it: "passport photo" is a picture of the person, not of the document.
    """

    name: str
    source: str
    negated_by: tuple[str, ...]
    excluded_by: tuple[str, ...] = ()

    @property
    def pattern(self) -> re.Pattern[str]:
        """Return the concept's regular expression, compiled on first use (most are only
        needed to check negations, or by the tests; the word index finds the terms)."""
        return _compiled(self.source)


@cache
def _compiled(source: str) -> re.Pattern[str]:
    return re.compile(source)


@dataclass(frozen=True, slots=True)
class FlagRule:
    """A red flag's definition from flags.yaml."""

    id: str
    severity: Severity
    when: dict[str, Any]
    source: str
    verified: bool


@dataclass(frozen=True, slots=True)
class Scoring:
    """How flags combine into a level (flags.yaml `scoring`)."""

    weights: dict[Severity, int]
    high_min_score: int
    high_combinations: tuple[frozenset[str], ...]
    medium_min_score: int


@dataclass(frozen=True, slots=True)
class Catalogue:
    """Everything the checker reads from data, compiled."""

    concepts: dict[str, Concept]
    flags: tuple[FlagRule, ...]
    reported: FlagRule
    reported_min_similarity: float
    scoring: Scoring
    pay: dict[str, Any]
    texts: dict[str, dict[str, str]]
    hotlines: tuple[dict[str, Any], ...]
    lexicon_entries: tuple[tuple[str, str, bool, str], ...]  # concept, language, verified, source
    # Negation words are short and collide across languages (Serbian "ne" = not, Albanian
    # "ne" = we), so they are matched in the offer's own language when it has a lexicon.
    negation_by_language: dict[str, re.Pattern[str]]
    words: WordIndex
    # Lexicon languages whose negation also follows what it negates, in the verb at the end of
    # the clause (Dari/Farsi, Pashto, Urdu, Turkish: "فیس نہیں", "ücret alınmaz").
    negation_after: frozenset[str] = frozenset()

    def negation_for(self, language: str) -> re.Pattern[str]:
        """Return the negation pattern for an offer in `language`."""
        return self.negation_by_language.get(
            LEXICON_FOR.get(language, ""), self.concepts["negation"].pattern
        )

    def negates_after(self, language: str) -> bool:
        """Return whether a negation in `language` may come after what it negates."""
        return LEXICON_FOR.get(language, "") in self.negation_after


def _texts() -> dict[str, dict[str, str]]:
    from stepstones.recruitment.script import latin_to_serbian_cyrillic

    raw = _load("texts.yaml")
    texts: dict[str, dict[str, str]] = {}
    for language, entries in raw.items():
        texts[language] = {k: str(v) for k, v in entries.items() if k not in ("verified", "source")}
    if "sr-Latn" in texts:
        texts["sr-Cyrl"] = {k: latin_to_serbian_cyrillic(v) for k, v in texts["sr-Latn"].items()}
    return texts


@lru_cache(maxsize=1)
def hotline_texts() -> dict[str, dict[str, dict[str, str]]]:
    """Each hotline's name and note in the route's languages: {id: {part: {lang: text}}}."""
    raw = _load("hotline_texts.yaml") or {}
    return {
        str(hid): {
            part: {str(k): str(v) for k, v in (texts or {}).items()}
            for part, texts in parts.items()
        }
        for hid, parts in raw.get("hotlines", {}).items()
    }


@lru_cache(maxsize=1)
def catalogue() -> Catalogue:
    """Return the compiled catalogue (loaded once per process)."""
    lexicon = _load("lexicon.yaml")["concepts"]
    concepts: dict[str, Concept] = {}
    index = WordIndex()
    entries: list[tuple[str, str, bool, str]] = []
    for name, spec in lexicon.items():
        terms: list[str] = []
        for language, entry in spec["terms"].items():
            listed = [str(t) for t in entry["list"]]
            terms.extend(_with_proclitics(listed) if language == "ar" else listed)
            entries.append((name, language, bool(entry["verified"]), str(entry["source"])))
        concepts[name] = Concept(
            name,
            _alternation(terms),
            tuple(spec.get("negated_by", ())),
            tuple(spec.get("excluded_by", ())),
        )
        for term in terms:
            _index_term(index, name, term)
    raw = _load("flags.yaml")
    flags = tuple(
        FlagRule(
            f["id"],
            Severity(f["severity"]),
            f["when"],
            f["principle"]["source"],
            bool(f["principle"]["verified"]),
        )
        for f in raw["flags"]
    )
    rep = raw["reported"]
    reported = FlagRule(
        rep["id"], Severity(rep["severity"]), {}, rep["principle"]["source"],
        bool(rep["principle"]["verified"]),
    )  # fmt: skip
    sc = raw["scoring"]
    scoring = Scoring(
        weights={Severity(k): int(v) for k, v in sc["weights"].items()},
        high_min_score=int(sc["high"]["min_score"]),
        high_combinations=tuple(frozenset(c) for c in sc["high"]["combinations"]),
        medium_min_score=int(sc["medium"]["min_score"]),
    )
    return Catalogue(
        concepts=concepts,
        flags=flags,
        reported=reported,
        reported_min_similarity=float(rep["min_similarity"]),
        scoring=scoring,
        pay=raw["pay"],
        texts=_texts(),
        hotlines=tuple(_load("hotlines.yaml")["hotlines"]),
        lexicon_entries=tuple(entries),
        words=index,
        negation_by_language={
            language: re.compile(
                _alternation(_with_proclitics(entry["list"]) if language == "ar" else entry["list"])
            )
            for language, entry in lexicon["negation"]["terms"].items()
        },
        negation_after=frozenset(
            language
            for language, entry in lexicon["negation"]["terms"].items()
            if entry.get("also_after")
        ),
    )


def _with_proclitics(terms: list[str]) -> list[str]:
    """Return `terms` and, for each Arabic-script one, its forms with Arabic proclitics."""
    out = list(terms)
    for term in terms:
        if term.startswith("re:") or not _ARABIC_LETTER.match(term):
            continue
        for prefix in _PROCLITICS:
            if prefix.endswith("ال") and term.startswith("ال"):
                continue
            out.append(prefix + term)
    return out
