"""On PostgreSQL the audit log is append-only; on both databases deleting people changes no event.

The PostgreSQL tests run as the test database's role, which owns the tables (and is usually a
superuser): the triggers stop it all the same, and only the maintenance setting lets an owner by.
Roles made here exist only inside the test's transaction.
"""

from __future__ import annotations

import importlib
import uuid
from collections.abc import Iterator

import pytest
from django.contrib.auth.models import User
from django.db import DatabaseError, connection, transaction
from django.db.backends.utils import CursorWrapper

from stepstones.audit.chain import record, verify
from stepstones.audit.models import AuditEvent, ChainHead
from tests.personas import build_network

pytestmark = pytest.mark.django_db
on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the triggers and rights are PostgreSQL's"
)
migration = importlib.import_module("stepstones.audit.migrations.0004_append_only")


@pytest.fixture
def cursor() -> Iterator[CursorWrapper]:
    record("system.job", object_type="job", object_id="1")
    record("system.job", object_type="job", object_id="2")
    with connection.cursor() as cursor:
        yield cursor


def _refused(cursor: CursorWrapper, sql: str) -> bool:
    try:
        with transaction.atomic():
            cursor.execute(sql)
    except DatabaseError as error:
        assert "the audit log is append-only" in str(error)
        return True
    return False


@on_postgresql
@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE audit_auditevent SET action = 'case.nothing_to_see'",
        "DELETE FROM audit_auditevent WHERE seq = 2",
        "TRUNCATE audit_auditevent, audit_chainhead",
        "DELETE FROM audit_chainhead",
        "UPDATE audit_chainhead SET seq = 1",
        "UPDATE audit_chainhead SET id = 7",
        "TRUNCATE audit_chainhead",
    ],
    ids=[
        "edit-an-event",
        "delete-an-event",
        "truncate-the-log",
        "delete-a-head",
        "move-a-head-back",
        "move-a-head-to-another-chain",
        "truncate-the-heads",
    ],
)
def test_the_triggers_refuse_to_change_or_remove_what_was_recorded(
    cursor: CursorWrapper, sql: str
) -> None:
    assert _refused(cursor, sql)
    assert AuditEvent.objects.count() == 2 and ChainHead.objects.get().seq == 2
    assert verify() == []


@on_postgresql
def test_appending_still_works_under_the_triggers(cursor: CursorWrapper) -> None:
    record("system.job", object_type="job", object_id="3")
    assert ChainHead.objects.get().seq == 3 and verify() == []


@on_postgresql
def test_the_maintenance_setting_lets_only_the_tables_owner_by(cursor: CursorWrapper) -> None:
    sql = "UPDATE audit_auditevent SET object_id = 'x' WHERE seq = 2"
    cursor.execute("SET LOCAL stepstones.audit_maintenance = 'on'")
    role = f"stepstones_test_{uuid.uuid4().hex[:12]}"
    cursor.execute(f"CREATE ROLE {role}")
    cursor.execute(f"GRANT UPDATE, SELECT ON audit_auditevent TO {role}")
    cursor.execute(f"SET LOCAL ROLE {role}")
    assert _refused(cursor, sql)  # a role with the right, but not the owner
    cursor.execute("RESET ROLE")
    assert not _refused(cursor, sql)  # the owner, in maintenance
    cursor.execute("SET LOCAL stepstones.audit_maintenance = 'off'")
    assert _refused(cursor, sql)


def _can(cursor: CursorWrapper, role: str, table: str, right: str) -> bool:
    cursor.execute("SELECT has_table_privilege(%s, %s, %s)", [role, table, right])
    row = cursor.fetchone()
    return bool(row and row[0])


@on_postgresql
def test_the_migration_revokes_rewriting_from_a_separate_app_role(cursor: CursorWrapper) -> None:
    role = f"stepstones_test_{uuid.uuid4().hex[:12]}"
    cursor.execute(f"CREATE ROLE {role}")
    for table in ("audit_auditevent", "audit_chainhead"):
        cursor.execute(f"GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON {table} TO {role}")
    done = migration.revoke_app_rights(cursor, role, connection.ops.quote_name)
    assert done == f"UPDATE, DELETE and TRUNCATE on the audit log revoked from {role}"
    rights = {
        (table, right): _can(cursor, role, table, right)
        for table in ("audit_auditevent", "audit_chainhead")
        for right in ("SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE")
    }
    assert [key for key, granted in rights.items() if granted] == [
        ("audit_auditevent", "SELECT"),
        ("audit_auditevent", "INSERT"),
        ("audit_chainhead", "SELECT"),
        ("audit_chainhead", "INSERT"),
        ("audit_chainhead", "UPDATE"),
    ]


@on_postgresql
def test_the_migration_leaves_rights_alone_when_the_app_owns_the_tables(
    cursor: CursorWrapper,
) -> None:
    cursor.execute("SELECT current_user")
    (owner,) = cursor.fetchone()
    done = migration.revoke_app_rights(cursor, owner, connection.ops.quote_name)
    assert done.startswith(f"{owner} owns the audit tables: rights unchanged")
    assert _can(cursor, owner, "audit_auditevent", "UPDATE")
    assert migration.revoke_app_rights(cursor, "", connection.ops.quote_name).startswith(
        "no STEPSTONES_DB_APP_ROLE"
    )
    with pytest.raises(RuntimeError, match="names no database role"):
        migration.revoke_app_rights(cursor, f"nobody_{uuid.uuid4().hex}", connection.ops.quote_name)


def test_deleting_a_user_or_an_organisation_changes_no_event() -> None:
    net = build_network()
    user = User.objects.create_user("leaver", "leaver@example.org", "x")
    record("case.looked_at", object_type="case", object_id=1, actor=user, organisation=net.legal)
    user_id, org_id = user.pk, net.legal.pk
    user.delete()
    net.otto.delete()
    net.legal.delete()
    event = AuditEvent.objects.get(object_id="1")
    assert (event.actor_id, event.organisation_id, event.actor_username) == (
        user_id,
        org_id,
        "leaver",
    )
    assert verify() == []
