"""`suggest(text)`: read notes, return the Palermo elements and indicators they suggest.

How a match becomes a suggestion:
1. The text is split into sentences (offsets kept).
2. Every lexicon rule's pattern is matched against the whole text.
   A match inside a phrase that only names something ("task force", "mail fraud", the title
   of a statute) is dropped: the lexicon's `context.names`.
3. Each match is checked in its sentence, in this order: a question ("?") is not an observation;
   words right before/after that make it about someone else (`unless_before/after`); a negation
   cue in the same clause within a few words before it ("not", "never", "denied", "no sign of")
   or right after it ("was denied"); a hypothetical cue before it whose scope the match is in
   ("if ...", "whether ..."; "would", "then" or a second subject ends an "if", not a
   "whether"). A match inside a longer match that failed one of these (other than "someone
   else") fails too. A match that fails a check is returned as `Suppressed`, with the cue, so a
   worker sees why.
4. A target's confidence is the noisy-OR over its rules: 1 - prod(1 - w), where w is each rule's
   weight (a rule repeated ten times is still one piece of evidence).
   An age of 18 or more stated for the person ("F, 24", "aged 30") outweighs the loose child
   words ("girls", "kids"): below `STRONG_CHILD` their matches are suppressed as `adult_age`.
5. A rule with `requires` counts only when one of the targets it names is suggested (at
   `REQUIRED_CONFIDENCE`) on the other evidence, and a rule with `excludes` only when none of
   those is: a work sector suggests forced labour only beside a sign of coercion or
   exploitation, and not in a note about sexual exploitation.
6. Implications in the lexicon add evidence one level deep: a child suggested at confidence c
   adds evidence of weight factor * c to abuse of a position of vulnerability.
7. Targets below `min_confidence` are left out.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict

from stepstones.notes.detect import AUTO, plan
from stepstones.notes.fold import fold, to_folded, to_original
from stepstones.notes.lexicon import (
    Context,
    Lexicon,
    Rule,
    age_of,
    available_languages,
    load_lexicon,
)
from stepstones.notes.model import (
    Evidence,
    Kind,
    Reason,
    Span,
    Suggestion,
    Suggestions,
    Suppressed,
    Target,
)
from stepstones.notes.sentences import split_sentences

DEFAULT_MIN_CONFIDENCE = 0.5
ADULT = 18  # Palermo Art. 3(d): a child is any person under eighteen years of age
REQUIRED_CONFIDENCE = 0.5  # a rule's `requires` is met by a suggestion at least this confident
STRONG_CHILD = 0.85  # a child cue this strong ("minor", "aged 15") stands beside an adult age
CONTEXT_CHARS = 240
MAX_CONFIDENCE = 0.99
_WORD = re.compile(r"[\w’'-]+")
_CHILD = Target(Kind.CHILD, "child")
_SOFT_END = re.compile(r"[,;:()]")


def suggest(
    text: str,
    language: str = "en",
    *,
    min_confidence: float = DEFAULT_MIN_CONFIDENCE,
    use_context: bool = True,
) -> Suggestions:
    """Return what `text` suggests, most confident first, and the matches it did not count.

    `language` is a lexicon's code, or "auto": the note's language is detected, and a sentence
    in another language is read with that language's lexicon (`detect.plan`).
    `use_context=False` turns off every check of step 3 (the plain keyword baseline of the
    evaluation); `min_confidence=0` returns every supported target.
    """
    runs = _runs(text, language)
    lexicons = {code: load_lexicon(code) for code, _, _ in runs}
    matches: list[tuple[Rule, Span, tuple[Reason, str] | None]] = []
    adult: str | None = None  # an adult age stated for the person, if any
    for code, lexicon in lexicons.items():
        folded, offsets = fold(text, lexicon.fold)
        names = _Names(lexicon.context.names, folded) if use_context else None
        for run_code, start, end in runs:
            if run_code == code:
                found, stated = _collect(
                    lexicon, _Folded(text, folded, offsets), start, end, names, use_context
                )
                matches.extend(found)
                adult = adult or stated
    primary = lexicons[max(runs, key=lambda run: run[2] - run[1])[0]]
    if adult is not None:
        matches = [
            (rule, span, (Reason.ADULT_AGE, adult))
            if verdict is None and rule.weight < STRONG_CHILD and _CHILD in rule.targets
            else (rule, span, verdict)
            for rule, span, verdict in matches
        ]
    # Words inside a negated, hypothetical or questioned phrase share its fate: in "denied being
    # forced to have sex with customers", "customers" is part of what was denied.
    enclosing = _Enclosing(
        [
            (span.start, span.end, verdict)
            for _, span, verdict in matches
            if verdict is not None and verdict[0] not in (Reason.OTHER_PERSON, Reason.ADULT_AGE)
        ]
    )
    evidence: dict[Target, dict[str, Evidence]] = defaultdict(dict)
    suppressed: list[Suppressed] = []
    conditional: list[tuple[Rule, Span]] = []
    for rule, span, verdict in matches:
        if verdict is None:
            verdict = enclosing.find(span.start, span.end)
        if verdict is None and (rule.requires or rule.excludes):
            conditional.append((rule, span))
            continue
        for target in rule.targets:
            if verdict is not None:
                suppressed.append(Suppressed(target, rule.id, span, verdict[0], verdict[1]))
            else:
                # A rule repeated in the text is one piece of evidence: keep its first match.
                evidence[target].setdefault(rule.id, Evidence(rule.id, span, rule.weight))
    # Rules that need another sign count when one of their required targets is suggested on
    # the other evidence.
    unconditional = {target: _suggestion(target, by_rule) for target, by_rule in evidence.items()}

    def shown(target: Target) -> bool:
        found = unconditional.get(target)
        return found is not None and found.confidence >= REQUIRED_CONFIDENCE

    for rule, span in conditional:
        if rule.requires and not any(shown(t) for t in rule.requires):
            continue
        if not any(shown(t) for t in rule.excludes):
            for target in rule.targets:
                evidence[target].setdefault(rule.id, Evidence(rule.id, span, rule.weight))
    # Implications read the direct evidence only (snapshot), so they are one level deep.
    direct = {target: _suggestion(target, by_rule) for target, by_rule in evidence.items()}
    implications = {(i.source, i.target): i for lex in lexicons.values() for i in lex.implications}
    for implication in implications.values():
        source = direct.get(implication.source)
        if source is not None:
            weight = round(implication.factor * source.confidence, 3)
            rule_id = f"implied-by.{implication.source.fact}"
            implied = Evidence(rule_id, source.span, weight)
            evidence[implication.target].setdefault(rule_id, implied)
    suggestions = [_suggestion(target, by_rule) for target, by_rule in evidence.items()]
    kept = [s for s in suggestions if s.confidence >= min_confidence]
    kept.sort(key=lambda s: (-s.confidence, s.target))
    suppressed.sort(key=lambda s: (s.span.start, s.target))
    return Suggestions(
        text=text,
        language=primary.language,
        lexicon_version=primary.version,
        suggestions=tuple(kept),
        suppressed=tuple(suppressed),
    )


def _runs(text: str, language: str) -> list[tuple[str, int, int]]:
    """Return which lexicon reads which part of `text`: all of it, or by detection."""
    if language != AUTO:
        return [(language, 0, len(text))]
    return plan(text, split_sentences(text), available_languages())


class _Folded:
    """A note and its folded spelling (`fold.fold`), with the map between their offsets."""

    def __init__(self, text: str, folded: str, offsets: list[int] | None) -> None:
        self.text = text
        self.folded = folded
        self.offsets = offsets
        self.same = folded is text  # no folding: spans need no mapping

    def cue(self, cue: str, s_start: int, start: int, end: int, s_end: int) -> str:
        """Return a cue found in the folded sentence as the worker typed it ("није", not
        "nije"): the nearest occurrence before the match, else the first after it."""
        at = self.folded.rfind(cue, s_start, start)
        if at < 0:
            at = self.folded.find(cue, end, s_end)
        if at < 0:
            return cue
        o = self.offsets
        return self.text[to_original(o, at) : to_original(o, at + len(cue))]

    def span(self, start: int, end: int, s_start: int, s_end: int, sentence: str) -> Span:
        """Return the span of the original note behind folded offsets."""
        if self.same:
            text = self.text[start:end]
            return Span(start, end, text, s_start, s_end, sentence)
        o = self.offsets
        a, b = to_original(o, start), to_original(o, end)
        return Span(a, b, self.text[a:b], to_original(o, s_start), to_original(o, s_end), sentence)


def _collect(
    lexicon: Lexicon,
    note: _Folded,
    start: int,
    end: int,
    names: _Names | None,
    use_context: bool,
) -> tuple[list[tuple[Rule, Span, tuple[Reason, str] | None]], str | None]:
    """Match every rule of `lexicon` in `note.text[start:end]` and check each match in context.

    Return the matches (spans in the original note) and an adult age stated, if any.
    Matching and checks read the folded spelling; the spans are the worker's own words.
    """
    folded, offsets = note.folded, note.offsets
    f_start, f_end = to_folded(offsets, start), to_folded(offsets, end)
    bounds = [
        (f_start + a, f_start + b)
        for a, b in split_sentences(folded[f_start:f_end], lexicon.abbreviations)
    ]
    starts = [a for a, _ in bounds]
    sentences = [folded[a:b] for a, b in bounds]  # sliced once, shared by the spans
    originals = (
        sentences
        if note.same
        else [note.text[to_original(offsets, a) : to_original(offsets, b)] for a, b in bounds]
    )
    matches: list[tuple[Rule, Span, tuple[Reason, str] | None]] = []
    adult: str | None = None
    for rule in lexicon.rules:
        for match in rule.pattern.finditer(folded, f_start, f_end):
            age = age_of(match) if rule.max_age is not None else None
            if names is not None and names.covers(match.start(), match.end()):
                continue
            index = bisect.bisect_right(starts, match.start()) - 1
            s_start, s_end = bounds[index] if index >= 0 else (f_start, f_end)
            sentence = sentences[index] if index >= 0 else folded[f_start:f_end]
            span = Span(
                start=match.start(),
                end=match.end(),
                text=match.group(),
                sentence_start=s_start,
                sentence_end=s_end,
                sentence=sentence,
            )
            verdict = _check(rule, lexicon.context, folded, span) if use_context else None
            if verdict is not None and not note.same:
                verdict = (
                    verdict[0],
                    note.cue(verdict[1], s_start, match.start(), match.end(), s_end),
                )
            original = originals[index] if index >= 0 else note.text[start:end]
            span = note.span(match.start(), match.end(), s_start, s_end, original)
            if rule.max_age is not None and (age or 0) > rule.max_age:
                if use_context and adult is None and verdict is None and (age or 0) >= ADULT:
                    adult = span.text
                continue
            matches.append((rule, span, verdict))
    return matches, adult


class _Names:
    """The spans of `text` that name something ("task force", "mail fraud"): a rule's match
    inside one states nothing about the person."""

    def __init__(self, pattern: re.Pattern[str] | None, text: str) -> None:
        found = [] if pattern is None else [m.span() for m in pattern.finditer(text)]
        self.starts = [start for start, _ in found]
        self.ends = [end for _, end in found]  # names do not overlap (one finditer pass)

    def covers(self, start: int, end: int) -> bool:
        index = bisect.bisect_right(self.starts, start) - 1
        return index >= 0 and self.ends[index] >= end


class _Enclosing:
    """Find a suppressed scope enclosing a span in log time (sorted starts, running max end)."""

    def __init__(self, scopes: list[tuple[int, int, tuple[Reason, str]]]) -> None:
        scopes.sort(key=lambda scope: scope[0])
        self.starts = [start for start, _, _ in scopes]
        self.reach: list[tuple[int, tuple[Reason, str]]] = []
        for _, end, verdict in scopes:
            if not self.reach or end > self.reach[-1][0]:
                self.reach.append((end, verdict))
            else:
                self.reach.append(self.reach[-1])

    def find(self, start: int, end: int) -> tuple[Reason, str] | None:
        """Return the verdict of a scope starting at or before `start` and ending at or after
        `end`, if there is one."""
        index = bisect.bisect_right(self.starts, start) - 1
        if index < 0 or self.reach[index][0] < end:
            return None
        return self.reach[index][1]


def _suggestion(target: Target, by_rule: dict[str, Evidence]) -> Suggestion:
    items = sorted(by_rule.values(), key=lambda e: (-e.weight, e.span.start))
    missing = 1.0
    for item in items:
        missing *= 1.0 - item.weight
    return Suggestion(
        target=target,
        confidence=round(min(MAX_CONFIDENCE, 1.0 - missing), 3),
        evidence=tuple(items),
    )


def _check(rule: Rule, context: Context, text: str, span: Span) -> tuple[Reason, str] | None:
    """Return why the match at `span` does not count, with its cue, or None when it counts."""
    sentence = span.sentence
    if sentence.rstrip().rstrip("\"'”’)").endswith("?"):
        return Reason.QUESTION, "?"
    # Context cues sit a few words away; a bounded look keeps long sentences linear.
    before = text[max(span.sentence_start, span.start - CONTEXT_CHARS) : span.start]
    after = text[span.end : min(span.sentence_end, span.end + CONTEXT_CHARS)]
    if rule.unless_before is not None and (found := rule.unless_before.search(before)):
        return Reason.OTHER_PERSON, found.group().strip()
    if rule.unless_after is not None and (found := rule.unless_after.search(after)):
        return Reason.OTHER_PERSON, found.group().strip()
    clause = _clause_before(context, before)
    cue = _negation_before(context, clause)
    if cue is None:
        cue = _negation_after(context, after)
    if cue is not None:
        return Reason.NEGATED, cue
    cue = _hypothetical(context, before)
    if cue is not None:
        return Reason.HYPOTHETICAL, cue
    return None


def _clause_before(context: Context, before: str) -> str:
    """Return the part of `before` in the same clause as the match."""
    last = None
    for last in context.clause_break.finditer(before):  # noqa: B007 - we want the last one
        pass
    return before if last is None else before[last.end() :]


def _window(text: str, words: int, *, tail: bool) -> str:
    found = list(_WORD.finditer(text))
    if len(found) <= words:
        return text
    return text[found[-words].start() :] if tail else text[: found[words - 1].end()]


def _negation_before(context: Context, clause: str) -> str | None:
    if context.negation_clause is not None:
        wide = None
        for wide in context.negation_clause.finditer(_unmask(context, clause)):  # noqa: B007
            pass
        if wide is not None:  # the nearest cue whose scope is the whole rest of the clause
            return wide.group()
    window = _unmask(context, _window(clause, context.negation_window, tail=True))
    found = None
    for found in context.negation_before.finditer(window):  # noqa: B007 - the nearest cue
        pass
    if found is None or _comma_ends(window[found.end() :]):
        return None
    return found.group()


_AFTER_COMMA = re.compile(r",\s*([^,]*)$")
_LIST_WORD = re.compile(r"\b(?:or|nor|and)\b", re.IGNORECASE)


def _comma_ends(scope: str) -> bool:
    """Return True when a comma between a negation cue and the match starts a new clause.

    Notes run clauses together with commas: in "never paid, the boss hit him" the hitting is
    not negated. A comma right before the match, or words joined by "or / and" after it, are a
    list the cue still covers: "no injuries, bruises or cuts".
    """
    tail = _AFTER_COMMA.search(scope)
    if tail is None or not _WORD.search(scope[: tail.start()]):
        return False
    after = tail.group(1)
    return bool(_WORD.search(after)) and not _LIST_WORD.search(after)


def _unmask(context: Context, text: str) -> str:
    """Blank out pseudo-negations ("not only", "no choice"), keeping offsets."""
    if context.pseudo_negation is None:
        return text
    return context.pseudo_negation.sub(lambda m: " " * len(m.group()), text)


def _negation_after(context: Context, after: str) -> str | None:
    end = context.clause_break.search(after)
    clause = after if end is None else after[: end.start()]
    window = _window(clause, 3, tail=False)
    found = context.negation_after.search(window)
    return None if found is None else found.group()


def _hypothetical(context: Context, before: str) -> str | None:
    window = _window(before, context.hypothetical_window, tail=True)
    cue = None
    for cue in context.hypothetical.finditer(window):  # noqa: B007 - the nearest cue
        pass
    if cue is None:
        return None
    scope = window[cue.end() :]
    if _SOFT_END.search(scope) or context.clause_break.search(scope):
        return None
    question = context.hypothetical_open is not None and context.hypothetical_open.fullmatch(
        cue.group()
    )
    if not question and context.hypothetical_ends.search(scope):
        return None
    if not question and _new_subject(context, scope):
        return None  # the consequence has its own subject: it is what happens
    return cue.group()


def _new_subject(context: Context, scope: str) -> bool:
    """Return True when a subject word follows the first word of `scope` (a new clause)."""
    if context.subjects is None:
        return False
    first = _WORD.search(scope)
    return first is not None and any(
        subject.start() > first.start() for subject in context.subjects.finditer(scope)
    )
