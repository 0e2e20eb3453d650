"""Append to the audit chain and verify it."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from stepstones.audit.models import AuditEvent, ChainHead

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    from stepstones.agencies.models import Organisation


def event_hash(
    *,
    prev_hash: str,
    seq: int,
    at: str,
    actor_id: int | None,
    actor_username: str,
    organisation_id: int | None,
    organisation_name: str,
    action: str,
    object_type: str,
    object_id: str,
    details: Mapping[str, Any],
) -> str:
    """Return the SHA-256 of one event's columns in a canonical JSON form."""
    payload = json.dumps(
        [
            prev_hash,
            seq,
            at,
            actor_id,
            actor_username,
            organisation_id,
            organisation_name,
            action,
            object_type,
            object_id,
            details,
        ],
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=True,
        default=str,
    )
    return hashlib.sha256(payload.encode("ascii")).hexdigest()


def _hash_of(event: AuditEvent) -> str:
    return event_hash(
        prev_hash=event.prev_hash,
        seq=event.seq,
        at=event.at.isoformat(),
        actor_id=event.actor_id,
        actor_username=event.actor_username,
        organisation_id=event.organisation_id,
        organisation_name=event.organisation_name,
        action=event.action,
        object_type=event.object_type,
        object_id=event.object_id,
        details=event.details,
    )


def record(
    action: str,
    *,
    object_type: str,
    object_id: int | str,
    actor: AbstractBaseUser | AnonymousUser | None = None,
    organisation: Organisation | None = None,
    details: Mapping[str, Any] | None = None,
) -> AuditEvent:
    """Append one event to the chain and return it.

    Runs in (or opens) a transaction. The chain head is claimed with an UPDATE before it is read:
    on PostgreSQL that row lock makes a second writer wait; on SQLite the UPDATE takes the
    database write lock. Either way two writers can never read the same head and fork the chain.
    """
    with transaction.atomic():
        ChainHead.objects.get_or_create(id=1)
        ChainHead.objects.filter(id=1).update(seq=F("seq") + 1)
        head = ChainHead.objects.select_for_update().get(id=1)
        # Microsecond precision survives both databases, so the hash can be recomputed.
        at = timezone.now()
        user = actor if actor is not None and actor.is_authenticated else None
        clean_details = json.loads(json.dumps(dict(details or {}), default=str))
        event = AuditEvent(
            seq=head.seq,
            at=at,
            actor_id=user.pk if user is not None else None,
            actor_username=user.get_username() if user is not None else "",
            organisation_id=organisation.pk if organisation is not None else None,
            organisation_name=organisation.name if organisation is not None else "",
            action=action,
            object_type=object_type,
            object_id=str(object_id),
            details=clean_details,
            prev_hash=head.hash,
        )
        event.hash = _hash_of(event)
        event.save(force_insert=True)
        head.hash = event.hash
        head.save(update_fields=["hash"])
        return event


@dataclass(frozen=True)
class Problem:
    """One break in the chain: where, and what is wrong."""

    seq: int
    message: str


def verify(events: Iterable[AuditEvent] | None = None) -> list[Problem]:
    """Return every break in the chain: edited, deleted or reordered rows; [] when intact."""
    rows = AuditEvent.objects.order_by("id").iterator() if events is None else events
    problems: list[Problem] = []
    expected_seq = 1
    prev_hash = ""
    for event in rows:
        if event.seq != expected_seq:
            if event.seq > expected_seq:
                problems.append(
                    Problem(
                        event.seq,
                        f"events {expected_seq}..{event.seq - 1} are missing (deleted)",
                    )
                )
            else:
                problems.append(Problem(event.seq, "event is out of order (reordered)"))
        if event.prev_hash != prev_hash:
            problems.append(
                Problem(event.seq, "does not follow the event before it (deleted or reordered)")
            )
        if _hash_of(event) != event.hash:
            problems.append(Problem(event.seq, "content does not match its hash (edited)"))
        expected_seq = event.seq + 1
        prev_hash = event.hash
    head = ChainHead.objects.filter(id=1).first()
    if head is not None and head.seq >= expected_seq:
        problems.append(
            Problem(head.seq, f"events {expected_seq}..{head.seq} are missing at the end (deleted)")
        )
    elif head is not None and head.hash != prev_hash and head.seq == expected_seq - 1:
        problems.append(Problem(head.seq, "the last event does not match the chain head (edited)"))
    return problems
