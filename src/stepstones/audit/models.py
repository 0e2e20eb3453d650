"""The audit log: one row per write and per identity read, each holding the previous row's hash."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    """One thing that happened, chained to the event before it.

    Columns:
    - `seq`: position in the chain, 1, 2, 3... with no holes; a missing number is a deleted row.
    - `at`: when it happened (aware, UTC in the database).
    - `actor`: the user who did it (kept as `actor_username` too, so deleting a user keeps the
      record readable); empty for system jobs such as reminders and key rotation.
    - `organisation`: the organisation the actor acted for (`organisation_name` as a copy).
    - `action`: a stable dotted name, e.g. `case.opened`, `identity.viewed`, `referral.accepted`.
    - `object_type` / `object_id`: what it happened to, e.g. `case` / `42`.
    - `details`: JSON with what changed, never identity data (names, birth dates, documents,
      contacts, addresses or notes): field *names* may appear, values may not.
    - `prev_hash`: the `hash` of the event with `seq - 1` ("" for the first).
    - `hash`: SHA-256 over `prev_hash` and every column above, in a canonical JSON form.

    Editing a row breaks its own hash; deleting one leaves a hole in `seq` and breaks the next
    row's `prev_hash`; reordering breaks both. `stepstones verify-audit` checks all three.
    """

    seq = models.PositiveBigIntegerField(unique=True)
    at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_username = models.CharField(max_length=150, blank=True)
    organisation = models.ForeignKey(
        "agencies.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    organisation_name = models.CharField(max_length=200, blank=True)
    action = models.CharField(max_length=80)
    object_type = models.CharField(max_length=40)
    object_id = models.CharField(max_length=40)
    details = models.JSONField(default=dict)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["seq"]
        indexes = [models.Index(fields=["object_type", "object_id"])]
        verbose_name = _("audit event")

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.object_type}:{self.object_id}"


class ChainHead(models.Model):
    """The single row that writers lock to append, so two writers never fork the chain."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    seq = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64, blank=True)

    def __str__(self) -> str:
        return f"head #{self.seq}"
