"""The job-offer checker (pure: no Django): red flags of deceptive recruitment, a risk level,
advice and hotlines, near-duplicate matching against reported offers, and an optional model.
"""

from __future__ import annotations

from stepstones.recruitment.checker import (
    REGION,
    FindReported,
    ProbabilityModel,
    check_offer,
    hotlines_for,
    in_language,
    level_for,
    validate_text,
)
from stepstones.recruitment.language import LANGUAGES, detect_language
from stepstones.recruitment.messages import N_, Message
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
from stepstones.recruitment.similar import MemoryIndex, Signature, signature, similarity
from stepstones.recruitment.text import fold

__all__ = [
    "LANGUAGES",
    "MAX_OFFER_BYTES",
    "MAX_OFFER_CHARS",
    "N_",
    "REGION",
    "Check",
    "FindReported",
    "Flag",
    "Hotline",
    "Level",
    "MemoryIndex",
    "Message",
    "Offer",
    "OfferError",
    "Principle",
    "ProbabilityModel",
    "ReportedMatch",
    "Severity",
    "Signature",
    "Span",
    "check_offer",
    "detect_language",
    "fold",
    "hotlines_for",
    "in_language",
    "level_for",
    "signature",
    "similarity",
    "validate_text",
]
