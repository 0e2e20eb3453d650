"""Backup and restore give back exactly what was saved, on SQLite and on PostgreSQL (issue 17 §5).

A round trip: build a network with a case, its identity, consents, a referral and the audit
events all that writes; back up; change things; restore. Every row of every table comes back
equal, timestamps to the microsecond; the vault still opens; the audit chains still verify.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import connection

from stepstones.audit.chain import verify_chains
from stepstones.audit.models import AuditEvent
from stepstones.backups import SQLITE_MAGIC, check
from stepstones.cases import actions as case_actions
from stepstones.cases import vault
from stepstones.cases.models import Case, IdentityVault
from tests.personas import IDENTITY, build_network, open_case, refer

pytestmark = pytest.mark.django_db(transaction=True)


def snapshot() -> dict[str, list[dict[str, Any]]]:
    """Every row of every table the project's models read, in key order."""
    return {
        model._meta.label: list(model._default_manager.order_by("pk").values())
        for model in apps.get_models()
        if not model._meta.proxy and model._meta.managed
    }


def _world() -> None:
    net = build_network()
    case = open_case(net)
    refer(net, case, net.social)
    case_actions.open_case(by=net.petar, gender="Masculine", summary="Met at the station.")


def test_a_round_trip_gives_back_every_row_the_vault_and_the_audit_chain(tmp_path: Path) -> None:
    _world()
    path = tmp_path / "stepstones.backup"
    call_command("backup", str(path))
    assert path.stat().st_mode & 0o077 == 0  # the owner's alone
    saved = snapshot()
    events = AuditEvent.objects.count()
    assert AuditEvent.objects.filter(action="database.backed_up").count() == 1

    # Life goes on after the backup: a new case, a changed one, more events.
    net_case = Case.objects.order_by("pk").first()
    assert net_case is not None
    Case.objects.filter(pk=net_case.pk).update(kind="smuggling")
    call_command("backup", str(tmp_path / "later.backup"))
    assert snapshot() != saved

    call_command("restore", str(path), "--replace")
    after = snapshot()
    restored_events = after.pop(AuditEvent._meta.label)
    assert restored_events[:events] == saved.pop(AuditEvent._meta.label)
    assert [e["action"] for e in restored_events[events:]] == ["database.restored"]
    heads = "audit.ChainHead"
    after.pop(heads), saved.pop(heads)  # the restore's own event moved the system chain's head
    assert after == saved
    assert not verify_chains().problems
    token = IdentityVault.objects.get(person_id=net_case.person_id).token
    assert vault.decrypt(token)["names"] == IDENTITY["names"]


def test_a_restore_needs_confirming_and_refuses_what_is_not_a_backup(tmp_path: Path) -> None:
    _world()
    before = snapshot()
    not_a_backup = tmp_path / "notes.txt"
    not_a_backup.write_text("not a backup")
    with pytest.raises(CommandError, match="--replace"):
        call_command("restore", str(not_a_backup))
    with pytest.raises(CommandError, match="not a stepstones backup"):
        call_command("restore", str(not_a_backup), "--replace")
    with pytest.raises(CommandError, match="no backup at"):
        call_command("restore", str(tmp_path / "missing"), "--replace")
    other = tmp_path / "other-engine.backup"
    if connection.vendor == "sqlite":
        other.write_bytes(b"PGDMP" + b"\0" * 100)
    else:
        other.write_bytes(SQLITE_MAGIC + b"\0" * 100)
    with pytest.raises(CommandError, match="backup; this database is"):
        call_command("restore", str(other), "--replace")
    assert snapshot() == before  # nothing changed


@pytest.mark.parametrize("sealed", ["identity", "summary"])
def test_the_check_after_a_restore_finds_values_the_keys_cannot_open(sealed: str) -> None:
    _world()
    before = check()
    assert before.sound and before.sealed >= 3  # an identity and two summaries at least
    if sealed == "identity":
        broken = IdentityVault.objects.update(token="gAAAAAnot-a-token")
    else:
        broken = Case.objects.exclude(summary="").count()
        with connection.cursor() as cursor:
            table = connection.ops.quote_name(Case._meta.db_table)
            cursor.execute(f"UPDATE {table} SET summary = 'gAAAAAnot-a-token'")  # noqa: S608
    found = check()
    assert not found.sound and found.unreadable == broken > 0
    assert found.sealed == before.sealed
