"""Append to the audit chains, anchor them together, and verify them.

Each organisation appends to a chain of its own, the system to chain 0. A writer locks only its
chain's head row until its transaction commits, so writers of different organisations never
wait for one another (with one chain for everyone, 20 writers spent 85 % of their time waiting:
docs/benchmarks.md). `anchor()` writes every chain's head into the system chain; `verify()` checks
each chain link by link, each head, and every anchor against the chain it names.
"""

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


SYSTEM_CHAIN = 0
ANCHOR_ACTION = "audit.anchored"


def event_hash(
    *,
    chain: int = SYSTEM_CHAIN,
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
    """Return the SHA-256 of one event's columns in a canonical JSON form.

    The system chain's hashes leave `chain` out, as every event did before chains were split.
    """
    columns: list[Any] = [] if chain == SYSTEM_CHAIN else [chain]
    payload = json.dumps(
        [
            *columns,
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
        chain=event.chain,
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
    """Append one event to the organisation's chain (the system chain without one); return it.

    Runs in (or opens) a transaction. The chain's head is claimed with an UPDATE before it is
    read: on PostgreSQL that row lock makes a second writer of the same chain wait; on SQLite the
    UPDATE takes the database write lock. Either way two writers can never read the same head and
    fork a chain.
    """
    chain = organisation.pk if organisation is not None else SYSTEM_CHAIN
    with transaction.atomic():
        return _append(chain, action, object_type, object_id, actor, organisation, details)


def _append(
    chain: int,
    action: str,
    object_type: str,
    object_id: int | str,
    actor: AbstractBaseUser | AnonymousUser | None,
    organisation: Organisation | None,
    details: Mapping[str, Any] | None,
) -> AuditEvent:
    if not ChainHead.objects.filter(id=chain).update(seq=F("seq") + 1):
        ChainHead.objects.get_or_create(id=chain)  # the chain's first event
        ChainHead.objects.filter(id=chain).update(seq=F("seq") + 1)
    head = ChainHead.objects.select_for_update().get(id=chain)
    # Microsecond precision survives both databases, so the hash can be recomputed.
    at = timezone.now()
    user = actor if actor is not None and actor.is_authenticated else None
    clean_details = json.loads(json.dumps(dict(details or {}), default=str))
    event = AuditEvent(
        chain=chain,
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


def anchor() -> AuditEvent:
    """Record every organisation chain's head in the system chain, tying the chains together.

    Run on a timer (`stepstones anchor-audit`, docs/deploy.md). An anchor reads each head
    without locking it: a head that moves while the anchor is written is simply anchored next
    time. Rewriting an organisation's chain up to an anchored event then breaks the anchor.
    """
    heads = {
        str(head.id): [head.seq, head.hash]
        for head in ChainHead.objects.exclude(id=SYSTEM_CHAIN).filter(seq__gt=0).order_by("id")
    }
    return record(
        ANCHOR_ACTION, object_type="audit_chain", object_id="all", details={"heads": heads}
    )


@dataclass(frozen=True)
class Problem:
    """One break in a chain: which chain, where, and what is wrong."""

    chain: int
    seq: int
    message: str


def verify(events: Iterable[AuditEvent] | None = None) -> list[Problem]:
    """Return every break in the chains: edited, deleted or reordered rows; [] when intact.

    Each chain is read in its rows' insertion order (`id`) and checked link by link; then each
    chain's head; then every anchor against the events it names.
    """
    rows = AuditEvent.objects.order_by("chain", "id").iterator() if events is None else events
    problems: list[Problem] = []
    last: dict[int, tuple[int, str]] = {}  # chain -> (seq, hash) of its last event read
    hashes: dict[tuple[int, int], str] = {}  # (chain, seq) -> hash, for the anchors
    anchors: list[AuditEvent] = []
    for event in rows:
        chain = event.chain
        seq_before, prev_hash = last.get(chain, (0, ""))
        expected_seq = seq_before + 1
        if event.seq != expected_seq:
            if event.seq > expected_seq:
                problems.append(
                    Problem(
                        chain,
                        event.seq,
                        f"events {expected_seq}..{event.seq - 1} are missing (deleted)",
                    )
                )
            else:
                problems.append(Problem(chain, event.seq, "event is out of order (reordered)"))
        if event.prev_hash != prev_hash:
            problems.append(
                Problem(
                    chain, event.seq, "does not follow the event before it (deleted or reordered)"
                )
            )
        if _hash_of(event) != event.hash:
            problems.append(Problem(chain, event.seq, "content does not match its hash (edited)"))
        last[chain] = (event.seq, event.hash)
        hashes[(chain, event.seq)] = event.hash
        if chain == SYSTEM_CHAIN and event.action == ANCHOR_ACTION:
            anchors.append(event)
    for head in ChainHead.objects.all():
        seq, prev_hash = last.get(head.id, (0, ""))
        if head.seq > seq:
            problems.append(
                Problem(
                    head.id,
                    head.seq,
                    f"events {seq + 1}..{head.seq} are missing at the end (deleted)",
                )
            )
        elif head.seq == seq and head.hash != prev_hash:
            problems.append(
                Problem(head.id, head.seq, "the last event does not match the chain head (edited)")
            )
    for event in anchors:
        for chain_key, (seq, hash_) in (event.details.get("heads") or {}).items():
            if hashes.get((int(chain_key), seq)) != hash_:
                problems.append(
                    Problem(
                        int(chain_key),
                        seq,
                        f"differs from what anchor {event.seq} of the system chain recorded"
                        " (rewritten)",
                    )
                )
    return problems
