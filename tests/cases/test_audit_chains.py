"""One audit chain per organisation, anchored together in the system chain."""

from __future__ import annotations

import io
import threading

import pytest
from django.core.management import call_command
from django.db import connection, transaction

from stepstones.audit import keys
from stepstones.audit.chain import SYSTEM_CHAIN, anchor, event_hash, record, seal_of, verify
from stepstones.audit.models import AuditEvent, ChainHead
from tests.audit.tampering import past_the_triggers
from tests.personas import Network, build_network, open_case


@pytest.mark.django_db
class TestChains:
    def test_each_organisation_appends_to_its_own_chain(self) -> None:
        net = build_network()
        for _ in range(3):
            open_case(net)
        record("case.looked_at", object_type="case", object_id=1, organisation=net.police)
        record("system.job", object_type="job", object_id="x")
        ngo = list(AuditEvent.objects.filter(chain=net.ngo.pk).values_list("seq", flat=True))
        assert sorted(ngo) == list(range(1, len(ngo) + 1)) and len(ngo) >= 3
        assert AuditEvent.objects.filter(chain=net.police.pk).last().action == "case.looked_at"  # type: ignore[union-attr]
        assert AuditEvent.objects.filter(chain=SYSTEM_CHAIN).last().action == "system.job"  # type: ignore[union-attr]
        assert ChainHead.objects.get(id=net.ngo.pk).seq == max(ngo)
        assert verify() == []

    def test_each_event_is_sealed_with_the_audit_key_not_a_plain_hash(self) -> None:
        event = record("system.job", object_type="job", object_id="x")
        columns: dict[str, object] = {
            "prev_hash": event.prev_hash,
            "seq": event.seq,
            "at": event.at.isoformat(),
            "actor_id": None,
            "actor_username": "",
            "organisation_id": None,
            "organisation_name": "",
            "action": "system.job",
            "object_type": "job",
            "object_id": "x",
            "details": {},
        }
        key = keys.ring().sealing
        assert event.key_id == key.id
        assert event.hash == event_hash(**columns, key=key)  # type: ignore[arg-type]
        assert event.hash != event_hash(**columns)  # type: ignore[arg-type]

    def test_an_event_moved_to_another_chain_breaks_it(self) -> None:
        net = build_network()
        open_case(net)
        event = AuditEvent.objects.filter(chain=net.ngo.pk).last()
        assert event is not None
        with past_the_triggers():
            AuditEvent.objects.filter(pk=event.pk).update(chain=net.police.pk, seq=1)
        assert any("does not match its seal" in p.message for p in verify())

    def test_an_anchor_catches_a_chain_rewritten_even_by_someone_holding_the_key(self) -> None:
        net = build_network()
        for _ in range(3):
            open_case(net)
        anchored = anchor()
        heads = anchored.details["heads"]
        assert heads[str(net.ngo.pk)] == [
            ChainHead.objects.get(id=net.ngo.pk).seq,
            ChainHead.objects.get(id=net.ngo.pk).hash,
        ]
        assert verify() == []
        # An insider who also holds the audit key rewrites the organisation's chain from its
        # first event, re-sealing every event and the head: the chain alone looks intact; the
        # anchor does not agree.
        prev = ""
        key = keys.ring().sealing
        with past_the_triggers():
            for event in AuditEvent.objects.filter(chain=net.ngo.pk).order_by("seq"):
                if event.seq == 1:
                    event.details = {"forged": True}
                event.prev_hash = prev
                event.hash = seal_of(event, key)
                event.save()
                prev = event.hash
            ChainHead.objects.filter(id=net.ngo.pk).update(hash=prev)
        problems = verify()
        assert [p.chain for p in problems] == [net.ngo.pk]
        assert "anchor" in problems[0].message and "rewritten" in problems[0].message

    def test_an_anchor_catches_a_tail_cut_off_with_the_head_rewound(self) -> None:
        net = build_network()
        for _ in range(3):
            open_case(net)
        anchor()
        last = AuditEvent.objects.filter(chain=net.ngo.pk).order_by("-seq").first()
        assert last is not None
        before = AuditEvent.objects.get(chain=net.ngo.pk, seq=last.seq - 1)
        with past_the_triggers():
            last.delete()
            ChainHead.objects.filter(id=net.ngo.pk).update(seq=before.seq, hash=before.hash)
        assert [p.seq for p in verify()] == [last.seq]

    def test_the_commands_anchor_and_verify(self) -> None:
        net = build_network()
        open_case(net)
        out = io.StringIO()
        call_command("anchor_audit", stdout=out)
        assert "Anchored" in out.getvalue()
        out = io.StringIO()
        call_command("verify_audit", stdout=out)
        head = ChainHead.objects.get(id=net.ngo.pk)
        assert f"chain of {net.ngo.name} (#{net.ngo.pk}): head {head.seq} {head.hash}" in (
            out.getvalue()
        )
        assert "intact" in out.getvalue()


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="row locks need PostgreSQL: SQLite serialises every writer",
)
def test_a_writer_of_another_organisation_does_not_wait_for_an_open_transaction() -> None:
    net: Network = build_network()
    holding, release = threading.Event(), threading.Event()

    def hold_ngo_chain() -> None:
        try:
            with transaction.atomic():
                record("case.slow", object_type="case", object_id=1, organisation=net.ngo)
                holding.set()
                release.wait(timeout=20)
        finally:
            connection.close()

    def append(organisation_id: int) -> str:
        result: list[str] = []

        def run() -> None:
            try:
                with transaction.atomic():
                    with connection.cursor() as cursor:
                        cursor.execute("SET LOCAL lock_timeout = '1s'")
                    org = net.police if organisation_id == net.police.pk else net.ngo
                    record("case.quick", object_type="case", object_id=2, organisation=org)
                result.append("appended")
            except Exception as error:  # noqa: BLE001 - the lock timeout is the expected one
                result.append(type(error).__name__)
            finally:
                connection.close()

        thread = threading.Thread(target=run)
        thread.start()
        thread.join(timeout=20)
        return result[0]

    holder = threading.Thread(target=hold_ngo_chain)
    holder.start()
    try:
        assert holding.wait(timeout=20)
        assert append(net.police.pk) == "appended"  # another organisation's chain: no wait
        assert append(net.ngo.pk) == "OperationalError"  # the same chain waits, and times out
    finally:
        release.set()
        holder.join(timeout=20)
    assert verify() == []


@pytest.mark.django_db(transaction=True)
def test_a_chain_recorded_before_the_split_still_verifies_after_the_migration() -> None:
    from django.db.migrations.executor import MigrationExecutor
    from django.utils import timezone

    executor = MigrationExecutor(connection)
    before, after = [("audit", "0001_initial")], executor.loader.graph.leaf_nodes("audit")
    executor.migrate(before)
    try:
        old = executor.loader.project_state(before).apps
        event_model, head_model = (
            old.get_model("audit", "AuditEvent"),
            old.get_model("audit", "ChainHead"),
        )
        prev = ""
        for seq in (1, 2, 3):
            at = timezone.now()
            digest = event_hash(
                prev_hash=prev,
                seq=seq,
                at=at.isoformat(),
                actor_id=None,
                actor_username="",
                organisation_id=None,
                organisation_name="",
                action="case.opened",
                object_type="case",
                object_id=str(seq),
                details={},
            )
            event_model.objects.create(
                seq=seq,
                at=at,
                action="case.opened",
                object_type="case",
                object_id=str(seq),
                details={},
                prev_hash=prev,
                hash=digest,
            )
            prev = digest
        head_model.objects.create(id=1, seq=3, hash=prev)
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(after)
    assert list(ChainHead.objects.values_list("id", "seq", "hash")) == [(SYSTEM_CHAIN, 3, prev)]
    # The old events' plain hashes still link up, but anyone could have recomputed them:
    # until a sealed event follows them, verification says so.
    assert [(p.seq, p.message.split(":")[0]) for p in verify()] == [
        (3, "no seal protects this chain")
    ]
    event = record("case.opened", object_type="case", object_id=4)
    assert (event.chain, event.seq, event.prev_hash) == (SYSTEM_CHAIN, 4, prev)
    assert verify() == []
