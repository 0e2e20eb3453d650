"""Find reported offers that nearly match an offer: one indexed query on the band keys."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils import timezone

from stepstones.agencies.models import Kind
from stepstones.offers.models import ReportedOffer, ReportedOfferBand
from stepstones.recruitment import ReportedMatch, Signature, similarity
from stepstones.recruitment.similar import unpack

MAX_CANDIDATES = 50


def find_reported(sig: Signature) -> Sequence[ReportedMatch]:
    """Return the reported offers sharing a band with `sig`, with their similarity."""
    ids = ReportedOfferBand.objects.filter(key__in=list(sig.bands)).values("report_id")
    candidates = ReportedOffer.objects.filter(pk__in=ids).only(
        "reported_at", "organisation_kind", "minhash"
    )[:MAX_CANDIDATES]
    matches = []
    for report in candidates:
        day = timezone.localdate(report.reported_at).isoformat()
        kind = Kind(report.organisation_kind).label
        score = similarity(sig.values, unpack(bytes(report.minhash)))
        matches.append(ReportedMatch(day, str(kind), score))
    return matches
