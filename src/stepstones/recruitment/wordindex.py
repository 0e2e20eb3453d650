"""Find every lexicon term in a text with one pass over its words.

Running one big alternation per concept over a long offer costs a regex scan per concept; here
each word of the folded text is looked up once (whole word, then its prefixes for stem terms
such as "smešta*"), and only the few terms that can start there are tried. Terms given as raw
regular expressions, or starting with a non-word character, are still searched over the text.
The result equals the per-concept alternation (tests compare them).

Four things keep a long offer cheap, none of which changes what is found:

- one pre-filter pattern (one trie of the indexed first words and stem prefixes) lets the regex
  engine skip, in C, the many words no term can start with, so Python only sees the others;
- a word whose terms are all longer than it (the usual case for short words such as "na", "a",
  "i" or "د", which start dozens of multi-word terms each) passes the pre-filter only where one
  of its terms matches: at the word's end the pattern looks back to its start and ahead for the
  terms, in the same C pass, so the many places where none starts never reach Python;
- one-word terms match their word for sure and need no regex call; the other terms that can
  start at a word are tried behind one combined "gate" per index key: when none of them matches
  there, one regex call answers for all of them;
- the same pre-filter pass carries, tried first at each place, a zero-width look-ahead for the
  scanned raw patterns joined as one alternation (behind a look-ahead for the characters they
  can start with, see firstchars): where it first succeeds is where the first scanned pattern
  can match, and each is searched from there only (not at all when it never does).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from stepstones.recruitment.firstchars import first_characters

_WORD = re.compile(r"\w+")
_CACHE_LIMIT = 200_000
# A backreference would point at another group once patterns are joined into one alternation.
_BACKREFERENCE = re.compile(r"\\[1-9]|\(\?P=|\\g<")
_NO_GATE = re.compile("(?!)")

Term = tuple[str, re.Pattern[str]]
# A term as added: its concept and its pattern's source, compiled only when its key is first seen
# in a text (one-word terms never are: they match their word for sure).
_Source = tuple[str, str]


@dataclass(frozen=True, slots=True)
class _Group:
    """The terms behind one index key: single-word terms (which match the whole key for sure,
    so only their concept and length are kept), and the others behind a gate that must match
    before any of them can (None: try each)."""

    fixed: tuple[tuple[str, int], ...]
    gate: re.Pattern[str] | None
    terms: tuple[Term, ...]


_Node = dict[str, "_Node"]
_STEM_END = r"\w*"  # marks, in the trie, where a stem ends (any key longer than one character)


def _trie(
    exact: Iterable[str], stems: Iterable[str] = (), ends: dict[str, str] | None = None
) -> str:
    """Return a regex that matches, at a word start, a whole word that is one of `exact` or
    starts with one of `stems`: one trie for both, sharing common prefixes (Python's re does
    not), so that each word start walks one trie, not two. `ends` can give, for a word of
    `exact`, what must hold where it ends instead of just the word's end."""
    root: _Node = {}
    ends = ends or {}
    for words, end in ((exact, ""), (stems, _STEM_END)):
        for word in words:
            node = root
            for ch in word:
                node = node.setdefault(ch, {})
            node[end] = {word: {}} if end == "" else {}

    def emit(node: _Node) -> str:
        if _STEM_END in node:  # every word going on from here matches: the rest of it
            return _STEM_END
        alternatives = [re.escape(ch) + emit(node[ch]) for ch in sorted(node) if len(ch) == 1]
        if "" in node:  # a word ends here
            word = next(iter(node[""]))
            alternatives.append(ends.get(word, r"(?!\w)"))
        if len(alternatives) == 1:
            return alternatives[0]
        return "(?:" + "|".join(alternatives) + ")"

    return emit(root)


def _gate(patterns: list[str]) -> re.Pattern[str] | None:
    """Return one pattern that matches wherever one of `patterns` matches, or None when they
    cannot be joined safely."""
    if len(patterns) < 2 or any(_BACKREFERENCE.search(p) for p in patterns):
        return None
    try:
        return re.compile("|".join(f"(?:{p})" for p in patterns))
    except re.error:  # e.g. two raw terms naming the same group
        return None


def _group(key: str, stem: bool, terms: list[_Source]) -> _Group:
    whole_word = re.escape(key) + r"(?!\w)"
    fixed = [(c, len(key)) for c, p in terms if not stem and p == whole_word]
    rest = [(c, re.compile(p)) for c, p in terms if stem or p != whole_word]
    return _Group(tuple(fixed), _gate([p.pattern for _, p in rest]), tuple(rest))


@dataclass
class WordIndex:
    """Terms of all concepts indexed by their first word (exact) or its fixed prefix (stems)."""

    exact: dict[str, list[_Source]] = field(default_factory=lambda: defaultdict(list))
    stems: dict[str, list[_Source]] = field(default_factory=lambda: defaultdict(list))
    stem_lengths: list[int] = field(default_factory=list)
    scanned: dict[str, list[re.Pattern[str]]] = field(default_factory=lambda: defaultdict(list))
    # Gated term groups per word seen; words repeat across offers, so this saves most look-ups.
    _seen: dict[str, tuple[tuple[str, ...], tuple[_Group, ...]]] = field(default_factory=dict)
    _groups: dict[tuple[bool, str], _Group] = field(default_factory=dict)
    _filter: re.Pattern[str] | None = None
    _scanned_raw: list[str] = field(default_factory=list)
    _scan_gate: re.Pattern[str] | None = None

    def _group(self, stem: bool, key: str) -> _Group | None:
        found = self._groups.get((stem, key))
        if found is None:
            terms = (self.stems if stem else self.exact).get(key)
            if not terms:
                return None
            found = _group(key, stem, terms)
            self._groups[(stem, key)] = found
        return found

    def _candidates(self, w: str) -> tuple[tuple[str, ...], tuple[_Group, ...]]:
        """Return the concepts that match word `w` whole, and the term groups to try at it."""
        found = self._seen.get(w)
        if found is None:
            groups = [self._group(False, w)]
            for n in self.stem_lengths:
                if n > len(w):
                    break
                groups.append(self._group(True, w[:n]))
            kept = [g for g in groups if g is not None]
            whole = dict.fromkeys(c for g in kept for c, _ in g.fixed)  # all of length len(w)
            found = (tuple(whole), tuple(g for g in kept if g.terms))
            if len(self._seen) >= _CACHE_LIMIT:
                self._seen.clear()
            self._seen[w] = found
        return found

    def add(self, concept: str, first_word: str | None, is_stem: bool, pattern: str) -> None:
        """Index one term: `pattern` matches the whole term at a word start."""
        source = pattern + r"(?!\w)"
        if first_word is None:
            self.scanned[concept].append(re.compile(r"(?<!\w)(?:" + pattern + r")(?!\w)"))
            self._scanned_raw.append(pattern)
        elif is_stem:
            self.stems[first_word].append((concept, source))
            if len(first_word) not in self.stem_lengths:
                self.stem_lengths.append(len(first_word))
                self.stem_lengths.sort()
        else:
            self.exact[first_word].append((concept, source))
        self._seen.clear()
        self._groups.clear()
        self._filter = None
        self._scan_gate = None

    def _word_body(self, with_ends: bool) -> str:
        """Return the word filter's pattern after its look-behind, "(?:trie)"; `with_ends`:
        with, at the end of each word whose terms are all longer, the check that one of them
        starts there (`_term_can_start`)."""
        exact = {w for w, terms in self.exact.items() if terms}
        stems = {w for w, terms in self.stems.items() if terms}
        if not exact and not stems:
            return "(?:(?!))"
        ends = None
        if with_ends:
            ends = {w: end for w in exact if (end := self._term_can_start(w)) is not None}
        return f"(?:{_trie(exact, stems, ends)})"

    def _compile_with_words(self, around: Callable[[str], str]) -> re.Pattern[str]:
        """Compile the pattern `around` makes of the word filter's body; without the checks at
        word ends if they do not compile in it (two terms naming one group)."""
        try:
            return re.compile(around(self._word_body(True)))
        except re.error:
            return re.compile(around(self._word_body(False)))

    def _word_filter(self) -> re.Pattern[str]:
        """Return a pattern matching (at least) every whole word that some term can start with."""
        if self._filter is None:
            self._filter = self._compile_with_words(lambda body: rf"(?<!\w){body}")
        return self._filter

    def _term_can_start(self, key: str) -> str | None:
        """Return, for a word all of whose terms are longer than it, a pattern that holds at
        its end only where one of them matches from its start (a look-behind to the word's
        start, and there a look-ahead for the terms): the word filter then passes over the many
        places where a frequent word ("a", "na", "i", "د") starts no term, in C, instead of
        yielding them to be tried one by one. None: the word alone is a term, or a term has a
        backreference (joined, it would point at another group)."""
        terms = self.exact[key]
        whole_word = re.escape(key) + r"(?!\w)"
        if any(p == whole_word or _BACKREFERENCE.search(p) for _, p in terms):
            return None
        joined = "|".join(f"(?:{p})" for _, p in terms)
        return rf"(?!\w)(?<=(?={joined})(?s:.){{{len(key)}}})"

    def _words_and_scan(self) -> re.Pattern[str] | None:
        """Return the word pre-filter with, tried first at each place, a zero-width look-ahead
        (group "scan") for the scanned patterns; None when they cannot be joined safely."""
        if self._scan_gate is None:
            # The scanned patterns are (?<!\w)(?:raw)(?!\w) each; one look-behind serves all.
            raws = self._scanned_raw
            if not raws or any(_BACKREFERENCE.search(p) for p in raws):
                self._scan_gate = _NO_GATE
            else:
                scan = "|".join(f"(?:{p})" for p in raws)
                # Behind a look-ahead for the characters a scanned pattern can start with, the
                # look-ahead costs one test at most places (a word starting otherwise).
                first = first_characters(scan)
                guard = f"(?=[{first}])" if first else ""
                try:
                    self._scan_gate = self._compile_with_words(
                        lambda body: rf"(?<!\w)(?:{guard}(?=(?P<scan>(?:{scan})(?!\w)))|{body})"
                    )
                except re.error:  # e.g. a raw pattern with its own group named "scan"
                    self._scan_gate = _NO_GATE
        return None if self._scan_gate is _NO_GATE else self._scan_gate

    def _words(self, text: str) -> tuple[list[re.Match[str]], int | None]:
        """Return the words some term can start with, and where the first scanned pattern can
        match (None: nowhere). One pass finds both until that place, the word filter after it.
        """
        combined = self._words_and_scan()
        if combined is None:
            return list(self._word_filter().finditer(text)), 0 if self.scanned else None
        words: list[re.Match[str]] = []
        for m in combined.finditer(text):
            if m.start("scan") >= 0:
                words.extend(self._word_filter().finditer(text, m.start()))
                return words, m.start()
            words.append(m)
        return words, None

    def find(self, text: str) -> dict[str, list[tuple[int, int]]]:
        """Return, per concept, the non-overlapping longest matches in `text`, in order."""
        hits: dict[str, list[tuple[int, int]]] = defaultdict(list)
        seen = self._seen
        words, scan_from = self._words(text)
        for word in words:
            w = word.group()
            found = seen.get(w)
            whole, groups = self._candidates(w) if found is None else found
            start, end = word.span()
            # Longer matches of terms of more than one word, by concept (None: none matched,
            # the usual case, behind gates that fail).
            longer: dict[str, int] | None = None
            for group in groups:
                if group.gate is not None and group.gate.match(text, start) is None:
                    continue
                for concept, pattern in group.terms:
                    m = pattern.match(text, start)
                    if m:
                        if longer is None:
                            longer = dict.fromkeys(whole, end)
                        if m.end() > longer.get(concept, -1):
                            longer[concept] = m.end()
            if longer is None:  # one-word terms only, which match the whole word
                for concept in whole:
                    spans = hits[concept]
                    if not spans or spans[-1][1] <= start:
                        spans.append((start, end))
                continue
            for concept, stop in longer.items():
                spans = hits[concept]
                if not spans or spans[-1][1] <= start:
                    spans.append((start, stop))
        if scan_from is not None:
            self._add_scanned(text, scan_from, hits)
        return hits

    def _add_scanned(self, text: str, begin: int, hits: dict[str, list[tuple[int, int]]]) -> None:
        for concept, patterns in self.scanned.items():
            extra = [m.span() for p in patterns for m in p.finditer(text, begin)]
            if extra:
                merged = sorted(set(hits[concept]) | set(extra))
                kept: list[tuple[int, int]] = []
                for span in merged:
                    if kept and span[0] < kept[-1][1]:
                        if span[1] > kept[-1][1] and span[0] == kept[-1][0]:
                            kept[-1] = span
                        continue
                    kept.append(span)
                hits[concept] = kept
