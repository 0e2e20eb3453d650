"""On PostgreSQL, make the audit log append-only: triggers, and rights taken from the app's role.

Triggers refuse UPDATE, DELETE and TRUNCATE on `audit_auditevent`, and DELETE, TRUNCATE and
moving a head back on `audit_chainhead` (appending needs only INSERT on the events and a forward
UPDATE of a head). The triggers let through a transaction that sets
`stepstones.audit_maintenance = 'on'` only when its role owns the table or is a superuser: roles
that could disable the triggers anyway. The test suite's teardown uses it to empty the tables
(tests/conftest.py); nothing in the application does.

When `STEPSTONES_DB_APP_ROLE` names the role the application connects as, and migrations run as
another role that owns the tables (docs/deploy.md), UPDATE, DELETE and TRUNCATE on the events
and DELETE and TRUNCATE on the heads are revoked from the application's role. When the app's
role is the owner, or none is named, that step is skipped: an owner can always grant itself its
rights back. On SQLite this migration does nothing.
"""

from typing import Any

from django.conf import settings
from django.db import migrations

CREATE = """
CREATE FUNCTION stepstones_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('stepstones.audit_maintenance', true) = 'on' AND pg_has_role(
        current_user, (SELECT relowner FROM pg_class WHERE oid = TG_RELID), 'USAGE'
    ) THEN
        IF TG_OP = 'DELETE' THEN
            RETURN OLD;
        END IF;
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'the audit log is append-only: % on % refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege',
              HINT = 'Audit events are never changed or removed (docs/deploy.md).';
END;
$$;
CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_auditevent
    FOR EACH ROW EXECUTE FUNCTION stepstones_audit_append_only();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_auditevent
    FOR EACH STATEMENT EXECUTE FUNCTION stepstones_audit_append_only();
CREATE TRIGGER audit_head_kept BEFORE DELETE ON audit_chainhead
    FOR EACH ROW EXECUTE FUNCTION stepstones_audit_append_only();
CREATE TRIGGER audit_head_forward_only BEFORE UPDATE ON audit_chainhead
    FOR EACH ROW WHEN (NEW.seq < OLD.seq OR NEW.id <> OLD.id)
    EXECUTE FUNCTION stepstones_audit_append_only();
CREATE TRIGGER audit_head_no_truncate BEFORE TRUNCATE ON audit_chainhead
    FOR EACH STATEMENT EXECUTE FUNCTION stepstones_audit_append_only();
"""

DROP = """
DROP TRIGGER IF EXISTS audit_event_append_only ON audit_auditevent;
DROP TRIGGER IF EXISTS audit_event_no_truncate ON audit_auditevent;
DROP TRIGGER IF EXISTS audit_head_kept ON audit_chainhead;
DROP TRIGGER IF EXISTS audit_head_forward_only ON audit_chainhead;
DROP TRIGGER IF EXISTS audit_head_no_truncate ON audit_chainhead;
DROP FUNCTION IF EXISTS stepstones_audit_append_only();
"""


def revoke_app_rights(cursor: Any, role: str, quote: Any) -> str:
    """Revoke the rights to rewrite the audit log from `role`; return what was done, in words."""
    if not role:
        return "no STEPSTONES_DB_APP_ROLE: rights unchanged"
    cursor.execute(
        "SELECT tableowner FROM pg_tables"
        " WHERE schemaname = current_schema() AND tablename = 'audit_auditevent'"
    )
    (owner,) = cursor.fetchone()
    if owner == role:
        return f"{role} owns the audit tables: rights unchanged (docs/deploy.md)"
    cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role])
    if cursor.fetchone() is None:
        raise RuntimeError(f"STEPSTONES_DB_APP_ROLE names no database role: {role}")
    cursor.execute(f"REVOKE UPDATE, DELETE, TRUNCATE ON audit_auditevent FROM {quote(role)}")
    cursor.execute(f"REVOKE DELETE, TRUNCATE ON audit_chainhead FROM {quote(role)}")
    return f"UPDATE, DELETE and TRUNCATE on the audit log revoked from {role}"


def forwards(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(CREATE)
        role = getattr(settings, "STEPSTONES_DB_APP_ROLE", "")
        done = revoke_app_rights(cursor, role, schema_editor.quote_name)
        if role:  # the operator asked for it: say what happened
            print(f"\n  {done}")  # noqa: T201 - a migration's note to the operator


def backwards(apps: Any, schema_editor: Any) -> None:
    # Rights taken from the app's role are not given back: grant them by hand if ever needed.
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_keyed_chain")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
