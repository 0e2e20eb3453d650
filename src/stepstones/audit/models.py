"""The audit log: one row per write and per identity read, each holding the previous row's hash."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    """One thing that happened, chained to the event before it in its organisation's chain.

    Each organisation has a chain of its own (`chain` = the organisation's id), so writes by
    different organisations never wait for one another; events without an organisation (system
    jobs, accounts, and every event recorded before chains were split) form the system chain
    (`chain` = 0), which also holds the anchors: `audit.anchored` events that record every
    chain's head, tying all chains together (docs/architecture.md).

    Columns:
    - `chain`: the organisation's id, or 0 for the system chain.
    - `seq`: position in its chain, 1, 2, 3... with no holes; a missing number is a deleted row.
    - `at`: when it happened (aware, UTC in the database).
    - `actor`: the user who did it (kept as `actor_username` too, so deleting a user keeps the
      record readable); empty for system jobs such as reminders and key rotation.
    - `organisation`: the organisation the actor acted for (`organisation_name` as a copy).
    - `action`: a stable dotted name, e.g. `case.opened`, `identity.viewed`, `referral.accepted`.
    - `object_type` / `object_id`: what it happened to, e.g. `case` / `42`.
    - `details`: JSON with what changed, never identity data (names, birth dates, documents,
      contacts, addresses or notes): field *names* may appear, values may not.
    - `prev_hash`: the `hash` of the chain's event with `seq - 1` ("" for the first).
    - `key_id`: the id of the audit key that sealed the event (`audit.keys`); "" for events
      recorded before the chains were keyed, which carry a plain SHA-256 instead.
    - `hash`: the seal, HMAC-SHA256 under that key over `key_id`, `chain`, `prev_hash` and every
      column above, in a canonical JSON form (`audit.chain.event_hash`). For the old events: the
      SHA-256 of the same columns without `key_id` (and without `chain` in the system chain, so
      events from before the split verify).

    Editing a row breaks its own seal, and without the key nobody can make a new one; deleting
    one leaves a hole in `seq` and breaks the next row's `prev_hash`; reordering breaks both.
    `stepstones verify-audit` checks all three. On PostgreSQL a trigger refuses UPDATE, DELETE and
    TRUNCATE on this table (migration 0004). `actor` and `organisation` carry no database
    constraint and are never cleared: deleting a user or an organisation leaves their events, and
    the ids the seals cover, exactly as recorded.
    """

    chain = models.PositiveBigIntegerField(default=0)
    seq = models.PositiveBigIntegerField()
    at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    actor_username = models.CharField(max_length=150, blank=True)
    organisation = models.ForeignKey(
        "agencies.Organisation",
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    organisation_name = models.CharField(max_length=200, blank=True)
    action = models.CharField(max_length=80)
    object_type = models.CharField(max_length=40)
    object_id = models.CharField(max_length=40)
    details = models.JSONField(default=dict)
    prev_hash = models.CharField(max_length=64)
    key_id = models.CharField(max_length=16, blank=True, default="")
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["chain", "seq"]
        constraints = [models.UniqueConstraint(fields=["chain", "seq"], name="audit_chain_seq")]
        indexes = [
            models.Index(fields=["object_type", "object_id"]),
            models.Index(fields=["-at", "-id"], name="audit_newest_first"),
        ]
        verbose_name = _("audit event")

    def __str__(self) -> str:
        return f"#{self.chain}.{self.seq} {self.action} {self.object_type}:{self.object_id}"


class ChainHead(models.Model):
    """The head of one chain: writers lock it to append, so two writers never fork the chain.

    `id` is the chain's key (an organisation's id, or 0 for the system chain); `seq` and `hash`
    are its last event's. On PostgreSQL a trigger refuses to delete a head, to truncate the
    table, or to move a head back (migration 0004).
    """

    id = models.PositiveBigIntegerField(primary_key=True)
    seq = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64, blank=True)

    def __str__(self) -> str:
        return f"head #{self.seq}"
