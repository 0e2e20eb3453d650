"""Every change to reported offers goes through here (atomic, audited; returns the object)."""

from __future__ import annotations

import hashlib
import logging

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from stepstones.agencies.models import Kind, Membership
from stepstones.audit.chain import record
from stepstones.errors import ActionError
from stepstones.offers.models import ReportedOffer, ReportedOfferBand
from stepstones.recruitment import detect_language, fold, signature, validate_text
from stepstones.recruitment.similar import pack

log = logging.getLogger(__name__)

OBJECT_TYPE = "reported_offer"
REPORTED = "offer.reported"
REPORTED_AGAIN = "offer.reported_again"


def text_digest(text: str) -> str:
    """Return the SHA-256 of the folded, whitespace-normalised text."""
    return hashlib.sha256(" ".join(fold(text).split()).encode()).hexdigest()


def _reported_again(existing: ReportedOffer, by: Membership, kind: Kind) -> ReportedOffer:
    # The first report stands unchanged; the log still shows who else reported it, and when.
    record(
        REPORTED_AGAIN,
        object_type=OBJECT_TYPE,
        object_id=existing.pk,
        actor=by.user,
        organisation=by.organisation,
        details={"organisation_kind": kind.value},
    )
    return existing


def report_offer(text: str, *, by: Membership) -> ReportedOffer:
    """Record an offer as reported deceptive by the member `by`, for their organisation.

    The organisation kind is the kind of `by.organisation` (never a caller's choice). The text
    is validated like a check (OfferError when unreadable) and is stored neither in the report
    nor in the audit log. Reporting the very same text again (after folding and whitespace
    normalisation) returns the first report unchanged and logs `offer.reported_again`.
    ActionError (403) when the membership is not active.
    """
    if not by.active:
        raise ActionError(
            "forbidden", _("Only active members of an organisation can report offers."), status=403
        )
    text = validate_text(text)
    kind = Kind(by.organisation.kind)
    digest = text_digest(text)
    existing = ReportedOffer.objects.filter(text_sha256=digest).first()
    if existing is not None:
        return _reported_again(existing, by, kind)
    sig = signature(text)
    language = detect_language(text)
    try:
        with transaction.atomic():
            report = ReportedOffer.objects.create(
                organisation_kind=kind,
                language=language,
                text_sha256=digest,
                minhash=pack(sig.values),
            )
            ReportedOfferBand.objects.bulk_create(
                ReportedOfferBand(report=report, key=key) for key in sig.bands
            )
            # Never the text, its hash or its signature: only what the report itself shows.
            record(
                REPORTED,
                object_type=OBJECT_TYPE,
                object_id=report.pk,
                actor=by.user,
                organisation=by.organisation,
                details={"organisation_kind": kind.value, "language": language},
            )
    except IntegrityError:
        # Someone reported the same text at the same moment: theirs stands.
        return _reported_again(ReportedOffer.objects.get(text_sha256=digest), by, kind)
    log.info("offer reported: %s by a %s organisation", report.pk, kind.value)
    return report
