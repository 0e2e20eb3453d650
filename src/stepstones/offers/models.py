"""Reported offers: only what near-duplicate matching and "reported on DATE by KIND" need.

The offer's text is NOT stored: a report keeps the MinHash signature of the text (from which the
text cannot be read back), its band keys for the indexed look-up, a SHA-256 of the folded text to
recognise the very same offer reported twice, the detected language, the date and the kind of the
reporting organisation. Who reported is for the audit log, not for this table.

The organisation kind is `agencies.models.Kind` (one source of truth): it is copied from the
reporter's organisation at the moment of the report, so a later change of the organisation's kind
does not rewrite what was reported.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from stepstones.agencies.models import Kind


class ReportedOffer(models.Model):
    """An offer an organisation reported as deceptive.

    reported_at: when it was reported (aware). organisation_kind: the kind (`agencies.Kind`)
    of the reporter's organisation, from the reporter's membership. language: detected language.
    text_sha256: hash of the folded, whitespace-normalised text (same offer, same hash).
    minhash: NUM_PERM unsigned 32-bit MinHash values, little-endian.
    """

    reported_at = models.DateTimeField(default=timezone.now)
    organisation_kind = models.CharField(max_length=20, choices=Kind.choices)
    language = models.CharField(max_length=10)
    text_sha256 = models.CharField(max_length=64, unique=True)
    minhash = models.BinaryField()

    class Meta:
        ordering = ["-reported_at"]

    def __str__(self) -> str:
        return f"reported offer {self.pk} ({self.reported_at:%Y-%m-%d}, {self.organisation_kind})"


class ReportedOfferBand(models.Model):
    """One LSH band key of a reported offer; a look-up is `key IN (the offer's band keys)`."""

    report = models.ForeignKey(ReportedOffer, on_delete=models.CASCADE, related_name="bands")
    key = models.BigIntegerField(db_index=True)

    def __str__(self) -> str:
        return f"band {self.key} of report {self.report_id}"
