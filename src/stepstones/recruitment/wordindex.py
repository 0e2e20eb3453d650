"""Find every lexicon term in a text with one pass over its words.

Running one big alternation per concept over a long offer costs a regex scan per concept; here
each word of the folded text is looked up once (whole word, then its prefixes for stem terms
such as "smešta*"), and only the few terms that can start there are tried. Terms given as raw
regular expressions, or starting with a non-word character, are still searched over the text.
The result equals the per-concept alternation (tests compare them).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

_WORD = re.compile(r"\w+")
_CACHE_LIMIT = 200_000


@dataclass
class WordIndex:
    """Terms of all concepts indexed by their first word (exact) or its fixed prefix (stems)."""

    exact: dict[str, list[tuple[str, re.Pattern[str]]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    stems: dict[str, list[tuple[str, re.Pattern[str]]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    stem_lengths: list[int] = field(default_factory=list)
    scanned: dict[str, list[re.Pattern[str]]] = field(default_factory=lambda: defaultdict(list))
    # Candidate terms per word seen; words repeat across offers, so this saves most look-ups.
    _seen: dict[str, tuple[tuple[str, re.Pattern[str]], ...]] = field(default_factory=dict)

    def _candidates(self, w: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
        found = self._seen.get(w)
        if found is None:
            items = list(self.exact.get(w, ()))
            for n in self.stem_lengths:
                if n > len(w):
                    break
                items.extend(self.stems.get(w[:n], ()))
            found = tuple(items)
            if len(self._seen) >= _CACHE_LIMIT:
                self._seen.clear()
            self._seen[w] = found
        return found

    def add(self, concept: str, first_word: str | None, is_stem: bool, pattern: str) -> None:
        """Index one term: `pattern` matches the whole term at a word start."""
        compiled = re.compile(pattern + r"(?!\w)")
        if first_word is None:
            self.scanned[concept].append(re.compile(r"(?<!\w)(?:" + pattern + r")(?!\w)"))
        elif is_stem:
            self.stems[first_word].append((concept, compiled))
            if len(first_word) not in self.stem_lengths:
                self.stem_lengths.append(len(first_word))
                self.stem_lengths.sort()
        else:
            self.exact[first_word].append((concept, compiled))
        self._seen.clear()

    def find(self, text: str) -> dict[str, list[tuple[int, int]]]:
        """Return, per concept, the non-overlapping longest matches in `text`, in order."""
        hits: dict[str, list[tuple[int, int]]] = defaultdict(list)
        candidates_of = self._candidates
        for word in _WORD.finditer(text):
            candidates = candidates_of(word.group())
            if not candidates:
                continue
            start = word.start()
            best: dict[str, int] = {}
            for concept, pattern in candidates:
                m = pattern.match(text, start)
                if m and m.end() > best.get(concept, -1):
                    best[concept] = m.end()
            for concept, end in best.items():
                spans = hits[concept]
                if not spans or spans[-1][1] <= start:
                    spans.append((start, end))
        for concept, patterns in self.scanned.items():
            extra = [m.span() for p in patterns for m in p.finditer(text)]
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
        return hits
