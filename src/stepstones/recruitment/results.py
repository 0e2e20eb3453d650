"""The checker's input and output: frozen dataclasses and enums, nothing else."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any

from stepstones.recruitment.messages import Message

#: Longest offer the checker reads, in characters. Real offers are far shorter (the longest of
#: the 358 EMSCAD ads in the evaluation has 8,237 characters, the median 2,615), so this leaves
#: room for an offer pasted with a whole chat around it; and it bounds the work one request to
#: the public check can cause (linear, about a tenth of a second at this length).
MAX_OFFER_CHARS = 20_000
#: Largest input the checker decodes, in bytes (100 kB): a text of MAX_OFFER_CHARS characters
#: takes at most 80,000 bytes of UTF-8, so anything larger is too long whatever it holds.
MAX_OFFER_BYTES = 100_000


class Severity(enum.Enum):
    """How much one red flag weighs."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class Level(enum.Enum):
    """The offer's overall risk level."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"

    @property
    def rank(self) -> int:
        """Return 0, 1 or 2, so levels can be compared."""
        return ("low", "medium", "high").index(self.value)


@dataclass(frozen=True, slots=True)
class Offer:
    """A job offer to check: its text and what is known about where it came from.

    `job_country` and `seeker_country` are ISO 3166 alpha-2 codes when known; a job in another
    country than the seeker's (or outside the region when the seeker's is unknown) is abroad.
    """

    text: str
    seen_at: str = ""
    contact: str = ""
    job_country: str = ""
    seeker_country: str = ""


@dataclass(frozen=True, slots=True)
class Span:
    """Where a flag matched: [start, end) character offsets into `field` of the offer."""

    start: int
    end: int
    text: str
    field: str = "text"


@dataclass(frozen=True, slots=True)
class Principle:
    """The principle a flag rests on: a short title, the sources, and whether they were checked."""

    title: Message
    source: str
    verified: bool


@dataclass(frozen=True, slots=True)
class Flag:
    """One red flag found in an offer."""

    id: str
    severity: Severity
    spans: tuple[Span, ...]
    explanation: Message
    advice: Message
    principle: Principle


@dataclass(frozen=True, slots=True)
class Hotline:
    """A hotline to call, checked against `source` on the day `checked`.

    `countries` are the ISO codes it is for ("EU", "ALL"); `role` says why it is offered:
    "job_country" or "seeker_country" (the offer's countries), "language" (it serves the offer's
    language), "region" (nothing else matched: a line of the region) or "general". The checker
    only returns verified hotlines.
    """

    id: str
    name: str
    number: str
    note: str
    source: str
    verified: bool
    countries: tuple[str, ...] = ()
    role: str = "general"
    source_url: str = ""
    checked: str = ""
    # The name and note in the offer's language, for a language of the route (ar, fa, ps, ur,
    # tr, fr: recruitment/data/hotline_texts.yaml); "" when there is none.
    name_local: str = ""
    note_local: str = ""


@dataclass(frozen=True, slots=True)
class ReportedMatch:
    """A reported offer that the checked offer nearly matches."""

    reported_on: str  # ISO date
    organisation_kind: str
    similarity: float


@dataclass(frozen=True, slots=True)
class Check:
    """The result of checking one offer."""

    level: Level
    language: str
    flags: tuple[Flag, ...]
    summary: Message
    seeker_advice: tuple[Message, ...]
    worker_advice: tuple[Message, ...]
    hotlines: tuple[Hotline, ...]
    model_probability: float | None = None

    @property
    def direction(self) -> str:
        """Return "rtl" when the offer's language is written right to left, else "ltr"."""
        from stepstones.recruitment.language import direction

        return direction(self.language)

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict with the English texts (the CLI's --json output)."""
        return {
            "level": self.level.value,
            "language": self.language,
            "direction": self.direction,
            "summary": self.summary.english(),
            "flags": [
                {
                    "id": f.id,
                    "severity": f.severity.value,
                    "span": [f.spans[0].start, f.spans[0].end] if f.spans else None,
                    "spans": [
                        {"start": s.start, "end": s.end, "text": s.text, "field": s.field}
                        for s in f.spans
                    ],
                    "explanation": f.explanation.english(),
                    "advice": f.advice.english(),
                    "principle": {
                        "title": f.principle.title.english(),
                        "source": f.principle.source,
                        "verified": f.principle.verified,
                    },
                }
                for f in self.flags
            ],
            "seeker_advice": [m.english() for m in self.seeker_advice],
            "worker_advice": [m.english() for m in self.worker_advice],
            "hotlines": [
                {
                    "name": h.name,
                    "number": h.number,
                    "note": h.note,
                    "source": h.source,
                    "source_url": h.source_url,
                    "checked": h.checked,
                    "verified": h.verified,
                    "countries": list(h.countries),
                    "role": h.role,
                }
                for h in self.hotlines
            ],
            "model_probability": self.model_probability,
        }


class OfferError(ValueError):
    """The input is not an offer the checker can read; `message` says why, for people."""

    def __init__(self, code: str, message: Message) -> None:
        super().__init__(message.english())
        self.code = code
        self.message = message
