"""Every change to reported offers goes through here (atomic; returns the object)."""

from __future__ import annotations

import hashlib
import logging

from django.db import IntegrityError, transaction

from stepstones.offers.models import OrganisationKind, ReportedOffer, ReportedOfferBand
from stepstones.recruitment import detect_language, fold, signature, validate_text
from stepstones.recruitment.similar import pack

log = logging.getLogger(__name__)


def text_digest(text: str) -> str:
    """Return the SHA-256 of the folded, whitespace-normalised text."""
    return hashlib.sha256(" ".join(fold(text).split()).encode()).hexdigest()


def report_offer(text: str, *, organisation_kind: OrganisationKind | str) -> ReportedOffer:
    """Record an offer as reported deceptive by an organisation of `organisation_kind`.

    The text is validated like a check (OfferError when unreadable) and is not stored. Reporting
    the very same text again returns the first report unchanged.
    """
    text = validate_text(text)
    kind = OrganisationKind(organisation_kind)
    digest = text_digest(text)
    existing = ReportedOffer.objects.filter(text_sha256=digest).first()
    if existing is not None:
        return existing
    sig = signature(text)
    try:
        with transaction.atomic():
            report = ReportedOffer.objects.create(
                organisation_kind=kind,
                language=detect_language(text),
                text_sha256=digest,
                minhash=pack(sig.values),
            )
            ReportedOfferBand.objects.bulk_create(
                ReportedOfferBand(report=report, key=key) for key in sig.bands
            )
    except IntegrityError:
        # Someone reported the same text at the same moment: theirs stands.
        return ReportedOffer.objects.get(text_sha256=digest)
    # TODO(audit): write the audit-log entry when the audit app lands (who reported, when).
    log.info("offer reported: %s by a %s organisation", report.pk, kind)
    return report
