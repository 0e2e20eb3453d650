"""Append to the audit chains, anchor them together, and verify them.

Each organisation appends to a chain of its own, the system to chain 0. A writer locks only its
chain's head row until its transaction commits, so writers of different organisations never
wait for one another (with one chain for everyone, 20 writers spent 85 % of their time waiting:
docs/benchmarks.md). `anchor()` writes every chain's head into the system chain; `verify()` checks
each chain link by link, each head, every anchor against the chain it names, and optionally the
chains against a signed checkpoint kept outside the database (`audit.checkpoint`).

Every event is sealed with HMAC-SHA256 under the audit key (`audit.keys`), which is held outside
the database: someone who can write to the database and run this code, but has no key, can
neither forge an event nor re-seal the events after one they deleted or changed. Events recorded
before the chains were keyed keep their plain SHA-256 hashes (`key_id` ""); `verify()` accepts
such an event only before the first sealed event of its chain, and only when something sealed
vouches for it: a later sealed event of its chain (whose seal covers the link to it), or a
sealed anchor or the checkpoint naming the chain's last event. Deleting the sealed events and
re-hashing the rest with plain SHA-256 (a "downgrade") therefore fails too.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from stepstones.audit import keys
from stepstones.audit.models import AuditEvent, ChainHead

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    from stepstones.agencies.models import Organisation
    from stepstones.audit.checkpoint import Checkpoint


SYSTEM_CHAIN = 0
ANCHOR_ACTION = "audit.anchored"
# What a sealed event's MAC covers first: the scheme's name, so no other use of the key (a
# checkpoint, a key id) can ever produce the same input.
SEAL_SCHEME = "stepstones-audit-event/hmac-sha256"


def _canonical(values: list[Any]) -> bytes:
    return json.dumps(
        values, sort_keys=True, separators=(",", ":"), ensure_ascii=True, default=str
    ).encode("ascii")


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
    key: keys.AuditKey | None = None,
) -> str:
    """Return one event's seal: HMAC-SHA256 under `key` over its columns in a canonical JSON form.

    Without a key, return the plain SHA-256 that events carried before the chains were keyed
    (anyone can compute it; `verify()` accepts it only where something sealed vouches for it).
    Those plain hashes leave `chain` out for the system chain, as every event did before chains
    were split.
    """
    columns = [
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
    ]
    if key is None:
        chain_column: list[Any] = [] if chain == SYSTEM_CHAIN else [chain]
        return hashlib.sha256(_canonical([*chain_column, *columns])).hexdigest()
    return key.mac(_canonical([SEAL_SCHEME, key.id, chain, *columns]))


def seal_of(event: AuditEvent, key: keys.AuditKey | None) -> str:
    """Return what `event`'s hash must be under `key` (None: the plain SHA-256 of old events)."""
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
        key=key,
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
    fork a chain. The event is sealed with the first configured audit key.
    """
    chain = organisation.pk if organisation is not None else SYSTEM_CHAIN
    key = keys.ring().sealing  # before any lock: a missing key fails without holding the head
    with transaction.atomic():
        return _append(chain, key, action, object_type, object_id, actor, organisation, details)


def _append(
    chain: int,
    key: keys.AuditKey,
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
        key_id=key.id,
    )
    event.hash = seal_of(event, key)
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


@dataclass(frozen=True)
class Verification:
    """What `verify_chains()` found: every problem, and each chain's last event."""

    problems: list[Problem]
    heads: dict[int, tuple[int, str]]  # chain -> (seq, hash) of its last event, as read
    events: int


@dataclass
class _Chain:
    seq: int = 0  # the last event read (in the order of insertion)
    hash: str = ""
    top: tuple[int, str] = (0, "")  # the event with the highest seq: (seq, hash)
    sealed: bool = False  # a sealed event was read in this chain
    last_sealed: bool = False  # the last event read is sealed, and its seal is right (anchors)


@dataclass(frozen=True)
class _Claim:
    """Someone's word on the hash of (chain, seq): a head row, an anchor or the checkpoint."""

    hash: str
    source: str  # "head", "anchor", "checkpoint"
    label: str = ""  # the anchor's seq, or the checkpoint's time
    sealed: bool = False  # made under a key: it vouches for an unsealed chain end


@dataclass
class _Claims:
    by_event: dict[tuple[int, int], list[_Claim]] = field(default_factory=dict)

    def add(self, chain: int, seq: int, claim: _Claim) -> None:
        # Anchors name an idle chain's same head every 10 minutes: keep one claim per source
        # and hash (a sealed one over an unsealed one), so memory follows the heads, not time.
        said = self.by_event.setdefault((chain, seq), [])
        for index, other in enumerate(said):
            if other.source == claim.source and other.hash == claim.hash:
                if claim.sealed and not other.sealed:
                    said[index] = claim
                return
        said.append(claim)


def verify(*, checkpoint: Checkpoint | None = None) -> list[Problem]:
    """Return every break in the chains (and against `checkpoint`, if given); [] when intact."""
    return verify_chains(checkpoint=checkpoint).problems


def verify_chains(*, checkpoint: Checkpoint | None = None) -> Verification:
    """Check every chain link by link, each head, each anchor, and the checkpoint if given.

    The heads are read before the events, so an event committed during the check is never
    taken for a deleted one. Chains are read in order of key, the system chain (0) first: its
    anchors are known before the chains they name are read, and only the events someone
    vouches for are kept in memory.
    """
    ring = keys.ring()
    claims = _Claims()
    head_ids: set[int] = set()
    for head in ChainHead.objects.all():
        head_ids.add(head.id)
        if head.seq:
            claims.add(head.id, head.seq, _Claim(head.hash, "head"))
    if checkpoint is not None:
        for chain_key, (seq, hash_) in checkpoint.heads.items():
            claims.add(chain_key, seq, _Claim(hash_, "checkpoint", checkpoint.taken, sealed=True))

    problems: list[Problem] = []
    chains: dict[int, _Chain] = {}
    named: dict[tuple[int, int], str] = {}  # hashes of the events some claim names
    count = 0
    for event in AuditEvent.objects.order_by("chain", "id").iterator(chunk_size=2000):
        count += 1
        state = chains.setdefault(event.chain, _Chain())
        problems.extend(_check_link(event, state))
        problems.extend(_check_seal(event, state, ring))
        state.seq, state.hash = event.seq, event.hash
        state.top = max(state.top, (event.seq, event.hash))
        if (event.chain, event.seq) in claims.by_event:
            named[(event.chain, event.seq)] = event.hash
        if event.chain == SYSTEM_CHAIN and event.action == ANCHOR_ACTION:
            problems.extend(_take_anchor(event, state.last_sealed, claims))

    problems.extend(_check_claims(claims, chains, named))
    headless = set(chains) - head_ids
    if headless:  # or begun after the heads were read: their heads are committed by now
        headless -= set(ChainHead.objects.filter(id__in=headless).values_list("id", flat=True))
    for chain_key, state in chains.items():
        top_seq, top_hash = state.top
        if chain_key in headless:
            problems.append(Problem(chain_key, top_seq, "the chain's head is missing (deleted)"))
        vouched = any(
            claim.sealed and claim.hash == top_hash
            for claim in claims.by_event.get((chain_key, top_seq), [])
        )
        # A sealed chain is protected by its seals (any break there is a problem above).
        if not state.sealed and not vouched:
            problems.append(
                Problem(
                    chain_key,
                    top_seq,
                    "no seal protects this chain: its events carry plain hashes that anyone can"
                    " recompute, and no sealed anchor or checkpoint names its last event"
                    " (run `stepstones anchor-audit`)",
                )
            )
    heads = {chain_key: state.top for chain_key, state in sorted(chains.items())}
    return Verification(problems=problems, heads=heads, events=count)


def _check_link(event: AuditEvent, state: _Chain) -> list[Problem]:
    problems = []
    expected_seq = state.seq + 1
    if event.seq > expected_seq:
        problems.append(
            Problem(
                event.chain, event.seq, f"{_events(expected_seq, event.seq - 1)} missing (deleted)"
            )
        )
    elif event.seq < expected_seq:
        problems.append(Problem(event.chain, event.seq, "event is out of order (reordered)"))
    if event.prev_hash != state.hash:
        problems.append(
            Problem(
                event.chain,
                event.seq,
                "does not follow the event before it (deleted, inserted or reordered)",
            )
        )
    return problems


def _check_seal(event: AuditEvent, state: _Chain, ring: keys.KeyRing) -> list[Problem]:
    state.last_sealed = False
    if not event.key_id:
        if state.sealed:
            return [
                Problem(
                    event.chain,
                    event.seq,
                    "carries no seal after sealed events (forged, or re-hashed without the key)",
                )
            ]
        if seal_of(event, None) != event.hash:
            return [Problem(event.chain, event.seq, "content does not match its hash (edited)")]
        return []
    state.sealed = True
    key = ring.get(event.key_id)
    if key is None:
        return [
            Problem(
                event.chain,
                event.seq,
                f"sealed with a key that is not configured ({event.key_id}): forged, or that key"
                " is missing from STEPSTONES_AUDIT_KEYS",
            )
        ]
    if not hmac.compare_digest(seal_of(event, key), event.hash):
        return [
            Problem(event.chain, event.seq, "content does not match its seal (edited or forged)")
        ]
    state.last_sealed = True
    return []


def _take_anchor(event: AuditEvent, sealed: bool, claims: _Claims) -> list[Problem]:
    named_heads = event.details.get("heads") if isinstance(event.details, dict) else None
    if not isinstance(named_heads, dict):
        return [Problem(SYSTEM_CHAIN, event.seq, "an anchor without heads (edited)")]
    problems = []
    for chain_key, value in named_heads.items():
        try:
            chain, (seq, hash_) = int(chain_key), value
            seq = int(seq)
        except (TypeError, ValueError):
            problems.append(Problem(SYSTEM_CHAIN, event.seq, "an anchor names no head (edited)"))
            continue
        if chain == SYSTEM_CHAIN:
            problems.append(Problem(SYSTEM_CHAIN, event.seq, "an anchor names the system chain"))
            continue
        claims.add(chain, seq, _Claim(str(hash_), "anchor", str(event.seq), sealed=sealed))
    return problems


def _check_claims(
    claims: _Claims, chains: dict[int, _Chain], named: dict[tuple[int, int], str]
) -> list[Problem]:
    problems = []
    for (chain_key, seq), said in sorted(claims.by_event.items()):
        top = chains[chain_key].top[0] if chain_key in chains else 0
        for claim in said:
            if (chain_key, seq) not in named:
                first = top + 1 if seq > top else seq  # a cut-off tail, or a hole
                problems.append(Problem(chain_key, seq, _missing(claim, first, seq)))
            elif named[(chain_key, seq)] != claim.hash:
                problems.append(Problem(chain_key, seq, _differs(claim)))
    return problems


def _events(first: int, last: int) -> str:
    return f"event {first} is" if first == last else f"events {first}..{last} are"


def _missing(claim: _Claim, first: int, seq: int) -> str:
    gone = _events(first, seq)
    if claim.source == "head":
        return f"{gone} missing at the end (deleted)"
    if claim.source == "anchor":
        return (
            f"{gone} gone, though anchor {claim.label} of the system chain recorded event {seq}"
            " (cut off)"
        )
    return f"{gone} gone, though the checkpoint of {claim.label} recorded event {seq} (cut off)"


def _differs(claim: _Claim) -> str:
    if claim.source == "head":
        return "the event does not match the chain head (edited)"
    if claim.source == "anchor":
        return f"differs from what anchor {claim.label} of the system chain recorded (rewritten)"
    return f"differs from what the checkpoint of {claim.label} recorded (rewritten)"
