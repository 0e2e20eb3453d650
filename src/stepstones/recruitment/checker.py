"""Check a job offer: red flags with spans and reasons, a risk level, advice and hotlines."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from itertools import islice
from typing import Any, Protocol

from stepstones.recruitment import messages as M
from stepstones.recruitment.catalogue import Catalogue, FlagRule, catalogue, hotline_texts
from stepstones.recruitment.detectors import Amount, amounts, contacts
from stepstones.recruitment.language import detect_language
from stepstones.recruitment.messages import Message
from stepstones.recruitment.results import (
    MAX_OFFER_BYTES,
    MAX_OFFER_CHARS,
    Check,
    Flag,
    Hotline,
    Level,
    Offer,
    OfferError,
    Principle,
    ReportedMatch,
    Severity,
    Span,
)
from stepstones.recruitment.similar import Signature, signature
from stepstones.recruitment.text import Folded, fold_with_offsets

#: Countries of the region stepstones serves first; a job outside them is abroad by default.
REGION = frozenset({"MK", "AL", "RS", "XK", "BA", "ME"})
_META = (-1, -1)  # a match that comes from the metadata, with no place in the text
# The Arabic comma "،" ends a clause too: chat messages in Arabic script use it between sentences.
_CLAUSE_END = re.compile(r"[.!?;:\n،]")
_UP_TO_LAST_CLAUSE_END = re.compile(r".*[.!?;:\n،]", re.DOTALL)
# A "near" condition with `same_clause` needs no sentence end between its two matches (a colon
# does not count: "Passport: send a copy").
_SENTENCE_END = re.compile(r"[.!?;\n،]")
_WORD = re.compile(r"\w+")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")
# How far after a match a verb-final negation is looked for: the rest of the phrase, not the
# next one ("پاسپورٹ بھیجیں، کوئی فیس نہیں": the fee is negated, the passport is not).
_AFTER_NEGATION = 25
_AFTER_NEGATION_CUT = re.compile(r"[,،]")


class ProbabilityModel(Protocol):
    """A learned model that gives the probability that an offer is a scam."""

    def probability(self, text: str) -> float: ...


FindReported = Callable[[Signature], Sequence[ReportedMatch]]


def validate_text(raw: str | bytes) -> str:
    """Return the offer text, or raise OfferError: empty, binary, not UTF-8, or longer than
    MAX_OFFER_CHARS characters."""
    if isinstance(raw, bytes):
        if b"\x00" in raw:
            raise OfferError("binary", Message("error.binary", M.ERRORS["binary"]))
        if len(raw) > MAX_OFFER_BYTES:
            # Too long whatever it holds; counted (leniently) only to say by how much.
            raise _too_long(len(raw.decode("utf-8", "replace")))
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise OfferError("encoding", Message("error.encoding", M.ERRORS["encoding"])) from None
    else:
        text = raw
    if len(text) > MAX_OFFER_CHARS:
        raise _too_long(len(text))
    if "\x00" in text or _control_share(text) > 0.05:
        raise OfferError("binary", Message("error.binary", M.ERRORS["binary"]))
    if not text.strip():
        raise OfferError("empty", Message("error.empty", M.ERRORS["empty"]))
    return text


def _too_long(length: int) -> OfferError:
    params = {"length": f"{length:,}", "limit": f"{MAX_OFFER_CHARS:,}"}
    return OfferError("too_long", Message("error.too_long", M.ERRORS["too_long"], params))


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    sample = text[:4000]
    return len(_CONTROL.findall(sample)) / len(sample)


class _Matches:
    """Concept matches over one folded text, computed lazily and cached."""

    def __init__(self, folded: Folded, offer: Offer, cat: Catalogue, language: str) -> None:
        self.folded = folded
        self.negation = cat.negation_for(language)
        self.negation_after = cat.negates_after(language)
        self.offer = offer
        self.cat = cat
        self._cache: dict[str, list[tuple[int, int]]] = {}
        self._amount_cache: list[Amount] | None = None
        self._words: dict[str, list[tuple[int, int]]] | None = None
        self._contacts = contacts(folded.text + "\n" + _fold_meta(offer.contact))
        self._text_len = len(folded.text)

    def get(self, name: str) -> list[tuple[int, int]]:
        if name not in self._cache:
            self._cache[name] = self._compute(name)
        return self._cache[name]

    def _amounts(self) -> list[Amount]:
        if self._amount_cache is None:
            self._amount_cache = amounts(self.folded.text, self.cat.pay)
        return self._amount_cache

    def _in_text(self, spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
        # Contact metadata is appended after the text; its matches carry no text span.
        return [s if s[1] <= self._text_len else _META for s in spans]

    def _compute(self, name: str) -> list[tuple[int, int]]:
        text = self.folded.text
        if name == "money":
            return [(a.start, a.end) for a in self._amounts()]
        if name == "high_amount":
            limit = float(self.cat.pay["far_above_market_eur_month"])
            return [(a.start, a.end) for a in self._amounts() if a.eur_per_month >= limit]
        if name == "phone":
            return self._in_text(self._contacts.phones)
        if name == "messenger":
            return self._in_text(self._contacts.messengers)
        if name == "free_mail":
            return self._in_text(self._contacts.free_mail)
        if name == "corporate_contact":
            return self._in_text(self._contacts.corporate)
        if name == "short_text":
            limit = int(self.cat.pay["short_text_words"])
            # Count words only up to the limit: a long offer need not be split in full.
            words = sum(1 for _ in islice(_WORD.finditer(text), max(limit, 0)))
            return [_META] if words < limit else []
        concept = self.cat.concepts[name]
        if self._words is None:
            self._words = self.cat.words.find(text)
        found = list(self._words.get(name, ()))
        for other in concept.excluded_by:
            found = _outside(found, self.get(other))
        if concept.negated_by:
            found = [s for s in found if not self._negated(s, concept.negated_by)]
        if name == "abroad" and _job_abroad(self.offer):
            found.append(_META)
        return found

    def _negated(self, span: tuple[int, int], by: tuple[str, ...]) -> bool:
        text = self.folded.text
        before = text[max(0, span[0] - 40) : span[0]]
        cut = _UP_TO_LAST_CLAUSE_END.match(before)
        if cut:
            before = before[cut.end() :]
        after = text[span[1] : span[1] + 40]
        end = _CLAUSE_END.search(after)
        if end:
            after = after[: end.start()]
        for name in by:
            pattern = self.negation if name == "negation" else self.cat.concepts[name].pattern
            if pattern.search(before):
                return True
            if name != "negation" and pattern.search(after):
                return True
            # In a verb-final language the negation ends the clause: "فیس نہیں", "ücret yok".
            if (
                name == "negation"
                and self.negation_after
                and pattern.search(_AFTER_NEGATION_CUT.split(after, 1)[0][:_AFTER_NEGATION])
            ):
                return True
        return False


def _outside(
    spans: list[tuple[int, int]], excluded: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Return the spans that overlap none of `excluded` (lexicon matches: sorted, disjoint)."""
    if not excluded:
        return spans
    starts = [e[0] for e in excluded]
    kept = []
    for span in spans:
        # The last excluded span starting before this one ends is the only one that can overlap
        # it: disjoint sorted spans have sorted ends too.
        i = bisect_left(starts, span[1]) - 1
        if i < 0 or excluded[i][1] <= span[0]:
            kept.append(span)
    return kept


def _fold_meta(value: str) -> str:
    return fold_with_offsets(value).text if value else ""


def _job_abroad(offer: Offer) -> bool:
    job = offer.job_country.strip().upper()
    if not job:
        return False
    seeker = offer.seeker_country.strip().upper()
    return job != seeker if seeker else job not in REGION


def _near(
    xs: list[tuple[int, int]],
    ys: list[tuple[int, int]],
    window: int,
    text: str | None = None,
) -> list[tuple[int, int]]:
    """Return each x with its nearest y within `window` characters; with `text`, only a y in
    the same sentence of `text` counts."""
    ys = sorted(y for y in ys if y != _META)
    if not ys:
        return []
    starts = [y[0] for y in ys]
    longest = max(y[1] - y[0] for y in ys)
    spans: list[tuple[int, int]] = []
    for x in xs:
        if x == _META:
            continue
        x0, x1 = x
        nearest: tuple[int, int] | None = None
        distance = 0
        # The first of the closest, as min() over the spans in order would pick.
        lo = bisect_left(starts, x0 - window - longest)
        for y in islice(ys, lo, bisect_right(starts, x1 + window)):
            if y[0] - x1 <= window and x0 - y[1] <= window:
                if text is not None and _SENTENCE_END.search(text, min(x1, y[1]), max(x0, y[0])):
                    continue
                d = abs(y[0] - x0)
                if nearest is None or d < distance:
                    nearest, distance = y, d
        if nearest is not None:
            spans.append(x)
            spans.append(nearest)
    return spans


def _evaluate(cond: dict[str, Any], matches: _Matches) -> list[tuple[int, int]] | None:
    """Return the spans that make `cond` true (maybe none), or None when it is false."""
    if "any" in cond:
        hits = [r for c in cond["any"] if (r := _evaluate(c, matches)) is not None]
        return [s for r in hits for s in r] if hits else None
    if "all" in cond:
        spans: list[tuple[int, int]] = []
        for c in cond["all"]:
            r = _evaluate(c, matches)
            if r is None:
                return None
            spans.extend(r)
        return spans
    if "absent" in cond:
        return None if any(matches.get(n) for n in cond["absent"]) else []
    found = matches.get(cond["concept"])
    if not found:
        return None
    if "near" in cond:
        others = [s for n in cond["near"] for s in matches.get(n)]
        text = matches.folded.text if cond.get("same_clause") else None
        found = _near(found, others, int(cond.get("window", 60)), text)
    return found if found else None


def _spans(raw: Iterable[tuple[int, int]], folded: Folded) -> tuple[Span, ...]:
    if folded.is_identity:  # folded offsets are the original's: no mapping, no duplicates
        original = folded.original
        return tuple(Span(s, e, original[s:e]) for s, e in sorted(set(raw)) if (s, e) != _META)
    seen: set[tuple[int, int]] = set()
    out: list[Span] = []
    for start, end in sorted(set(raw)):
        if (start, end) == _META:
            continue
        o_start, o_end = folded.to_original(start, end)
        if (o_start, o_end) in seen:
            continue
        seen.add((o_start, o_end))
        out.append(Span(o_start, o_end, folded.original[o_start:o_end]))
    return tuple(out)


def _flag(rule: FlagRule, spans: tuple[Span, ...], params: dict[str, str] | None = None) -> Flag:
    return Flag(
        id=rule.id,
        severity=rule.severity,
        spans=spans,
        explanation=Message(f"explanation.{rule.id}", M.EXPLANATIONS[rule.id], params or {}),
        advice=Message(f"advice.{rule.id}", M.ADVICE[rule.id]),
        principle=Principle(
            Message(f"principle.{rule.id}", M.PRINCIPLE_TITLES[rule.id]),
            rule.source,
            rule.verified,
        ),
    )


def level_for(flags: Sequence[tuple[str, Severity]], cat: Catalogue | None = None) -> Level:
    """Return the risk level of a set of (flag id, severity) pairs.

    Monotone by construction: adding a flag never lowers the level. A single low flag is low.
    """
    sc = (cat or catalogue()).scoring
    severities = {s for _, s in flags}
    ids = {i for i, _ in flags}
    score = sum(sc.weights[s] for _, s in flags)
    if (
        Severity.HIGH in severities
        or score >= sc.high_min_score
        or any(combo <= ids for combo in sc.high_combinations)
    ):
        return Level.HIGH
    if Severity.MEDIUM in severities or score >= sc.medium_min_score:
        return Level.MEDIUM
    return Level.LOW


def hotlines_for(language: str, offer: Offer, cat: Catalogue | None = None) -> tuple[Hotline, ...]:
    """Return the verified hotlines to offer: the job country's first, then the seeker's
    country's, then those serving the offer's language, then the general ones (112).

    With no country or language match, the region's lines are offered. A hotline whose number
    nobody verified is never returned.
    """
    data = [h for h in (cat or catalogue()).hotlines if h["verified"] is True]
    job = offer.job_country.strip().upper()
    seeker = offer.seeker_country.strip().upper()
    chosen: list[tuple[dict[str, Any], str]] = []

    def add(hotline: dict[str, Any], role: str) -> None:
        if all(hotline["id"] != h["id"] for h, _ in chosen):
            chosen.append((hotline, role))

    local = [h for h in data if "ALL" not in h["countries"]]
    for code, role in ((job, "job_country"), (seeker, "seeker_country")):
        for h in local:
            if code and code in h["countries"]:
                add(h, role)
    for h in local:
        if language in h["languages"]:
            add(h, "language")
    if not chosen:
        for h in local:
            if set(h["countries"]) & REGION:
                add(h, "region")
    for h in data:
        if "ALL" in h["countries"]:
            add(h, "general")
    return tuple(
        Hotline(
            h["id"],
            h["name"],
            h["number"],
            h["note"],
            h["source"],
            True,
            tuple(h["countries"]),
            role,
            str(h.get("source_url", "")),
            str(h.get("checked", "")),
            *_in_language(h, language),
        )
        for h, role in chosen
    )


def _in_language(hotline: dict[str, Any], language: str) -> tuple[str, str]:
    """The hotline's name and note in `language` (the route's languages), or ("", "")."""
    texts = hotline_texts().get(str(hotline["id"]), {})
    return texts.get("name", {}).get(language, ""), texts.get("note", {}).get(language, "")


def check_offer(
    offer: Offer,
    *,
    find_reported: FindReported | None = None,
    model: ProbabilityModel | None = None,
) -> Check:
    """Check one offer. `find_reported` looks up near-duplicate reported offers by signature;
    `model` adds a learned probability beside the flags. Raise OfferError for unreadable input.
    """
    text = validate_text(offer.text)
    cat = catalogue()
    folded = fold_with_offsets(text)
    language = detect_language(text)
    matches = _Matches(folded, offer, cat, language)
    flags: list[Flag] = []
    for rule in cat.flags:
        raw = _evaluate(rule.when, matches)
        if raw is not None:
            flags.append(_flag(rule, _spans(raw, folded)))
    if find_reported is not None:
        found = [
            r for r in find_reported(signature(text)) if r.similarity >= cat.reported_min_similarity
        ]
        if found:
            best = max(found, key=lambda r: (r.similarity, r.reported_on))
            params = {"date": best.reported_on, "kind": best.organisation_kind}
            flags.insert(0, _flag(cat.reported, (), params))
    flags.sort(key=lambda f: ("high", "medium", "low").index(f.severity.value))
    level = level_for([(f.id, f.severity) for f in flags], cat)
    seeker = tuple(f.advice for f in flags) + tuple(
        Message(key, msgid) for key, msgid in M.SEEKER_GENERAL
    )
    worker = tuple(Message(key, msgid) for key, msgid in M.WORKER_GENERAL)
    return Check(
        level=level,
        language=language,
        flags=tuple(flags),
        summary=Message(f"level.{level.value}", M.LEVELS[level.value]),
        seeker_advice=seeker,
        worker_advice=worker,
        hotlines=hotlines_for(language, offer, cat),
        model_probability=None if model is None else float(model.probability(text)),
    )


def in_language(message: Message, language: str) -> str | None:
    """Return `message` in the offer's `language` from the data files, or None when absent."""
    texts = catalogue().texts
    table = texts.get(language) or texts.get("sr-Latn" if language.startswith("sr") else "")
    if not table or message.key not in table:
        return None
    template = table[message.key]
    return template % dict(message.params) if message.params else template
