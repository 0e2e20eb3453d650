"""What an insider with database access, the project's code and no audit key can do to the log.

Each function here is one tampering of an organisation's chain, done the way such an insider
would: plain SQL through the ORM, and new hashes made with the code's own `event_hash`, either
plain SHA-256 (no key) or under a key of their own that claims the real key's id.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from stepstones.audit import keys
from stepstones.audit.chain import event_hash, seal_of
from stepstones.audit.models import AuditEvent, ChainHead


@dataclass(frozen=True)
class Scene:
    """The chain under attack, and the key the insider made up (with the real key's id)."""

    chain: int
    forged_key: keys.AuditKey

    @staticmethod
    def for_chain(chain: int) -> Scene:
        own = keys.parse_key(keys.generate_key())
        return Scene(chain, keys.AuditKey(id=keys.ring().sealing.id, secret=own.secret))

    def events(self) -> list[AuditEvent]:
        return list(AuditEvent.objects.filter(chain=self.chain).order_by("seq"))

    def last(self) -> AuditEvent:
        return self.events()[-1]


Tamper = Callable[[Scene], None]


def is_superuser() -> bool:
    """Whether the test database's role can switch the triggers off (always true on SQLite)."""
    if connection.vendor != "postgresql":
        return True
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        row = cursor.fetchone()
    return bool(row and row[0])


@contextmanager
def past_the_triggers() -> Iterator[None]:
    """Run the block with the append-only triggers off, as a database superuser can."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL session_replication_role = replica")
        try:
            yield
        finally:
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL session_replication_role = DEFAULT")


def _set_head(scene: Scene) -> None:
    last = AuditEvent.objects.filter(chain=scene.chain).order_by("-seq").first()
    seq, hash_ = (last.seq, last.hash) if last is not None else (0, "")
    ChainHead.objects.filter(id=scene.chain).update(seq=seq, hash=hash_)


def _reseal(scene: Scene, from_seq: int, key: keys.AuditKey | None) -> None:
    """Re-link and re-hash the chain from `from_seq` on with `key` (None: plain SHA-256)."""
    prev = ""
    for event in scene.events():
        if event.seq >= from_seq:
            event.prev_hash = prev
            event.key_id = key.id if key is not None else ""
            event.hash = seal_of(event, key)
            event.save(update_fields=["prev_hash", "key_id", "hash"])
        prev = event.hash
    _set_head(scene)


def _close_gap(scene: Scene, after: int) -> None:
    for event in scene.events():
        if event.seq > after:
            AuditEvent.objects.filter(pk=event.pk).update(seq=event.seq - 1)


def edit(scene: Scene) -> None:
    AuditEvent.objects.filter(chain=scene.chain, seq=3).update(action="case.nothing_to_see")


def edit_and_rehash(scene: Scene) -> None:
    event = AuditEvent.objects.get(chain=scene.chain, seq=3)
    event.action = "case.nothing_to_see"
    event.hash = seal_of(event, scene.forged_key)
    event.save(update_fields=["action", "hash"])


def delete(scene: Scene) -> None:
    AuditEvent.objects.filter(chain=scene.chain, seq=3).delete()


def swap(scene: Scene) -> None:
    three = AuditEvent.objects.get(chain=scene.chain, seq=3)
    four = AuditEvent.objects.get(chain=scene.chain, seq=4)
    AuditEvent.objects.filter(pk=three.pk).update(seq=999)
    AuditEvent.objects.filter(pk=four.pk).update(seq=3)
    AuditEvent.objects.filter(pk=three.pk).update(seq=4)


def insert(scene: Scene) -> None:
    for event in reversed(scene.events()):
        if event.seq >= 3:
            AuditEvent.objects.filter(pk=event.pk).update(seq=event.seq + 1)
    two = AuditEvent.objects.get(chain=scene.chain, seq=2)
    AuditEvent.objects.create(
        chain=scene.chain,
        seq=3,
        at=timezone.now(),
        action="case.closed",
        object_type="case",
        object_id="1",
        prev_hash=two.hash,
        key_id=scene.forged_key.id,
        hash="0" * 64,
    )
    _reseal(scene, 3, scene.forged_key)


def cut_tail(scene: Scene) -> None:
    AuditEvent.objects.filter(chain=scene.chain, seq__gte=6).delete()


def cut_tail_and_head(scene: Scene) -> None:
    AuditEvent.objects.filter(chain=scene.chain, seq__gte=7).delete()
    _set_head(scene)


def cut_past_an_anchor_and_head(scene: Scene) -> None:
    AuditEvent.objects.filter(chain=scene.chain, seq__gte=5).delete()
    _set_head(scene)


def delete_and_rehash_plain(scene: Scene) -> None:
    AuditEvent.objects.filter(chain=scene.chain, seq=3).delete()
    _close_gap(scene, 3)
    _reseal(scene, 3, None)


def delete_and_rehash_with_a_key_of_ones_own(scene: Scene) -> None:
    AuditEvent.objects.filter(chain=scene.chain, seq=3).delete()
    _close_gap(scene, 3)
    _reseal(scene, 3, scene.forged_key)


def delete_and_rehash_the_whole_chain_plain(scene: Scene) -> None:
    AuditEvent.objects.filter(chain=scene.chain, seq=3).delete()
    _close_gap(scene, 3)
    _reseal(scene, 1, None)


def _append(scene: Scene, key: keys.AuditKey | None) -> None:
    last = scene.last()
    at = timezone.now()
    forged = event_hash(
        chain=scene.chain,
        prev_hash=last.hash,
        seq=last.seq + 1,
        at=at.isoformat(),
        actor_id=None,
        actor_username="",
        organisation_id=scene.chain,
        organisation_name="",
        action="case.closed",
        object_type="case",
        object_id="1",
        details={},
        key=key,
    )
    AuditEvent.objects.create(
        chain=scene.chain,
        seq=last.seq + 1,
        at=at,
        organisation_id=scene.chain,
        action="case.closed",
        object_type="case",
        object_id="1",
        prev_hash=last.hash,
        key_id=key.id if key is not None else "",
        hash=forged,
    )
    _set_head(scene)


def forge_and_append(scene: Scene) -> None:
    _append(scene, scene.forged_key)


def forge_and_append_plain(scene: Scene) -> None:
    _append(scene, None)


def wipe(scene: Scene) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("TRUNCATE audit_auditevent, audit_chainhead")
        else:
            cursor.execute("DELETE FROM audit_auditevent")
            cursor.execute("DELETE FROM audit_chainhead")
