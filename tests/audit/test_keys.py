"""The audit key: configured like the vault's, required in production, rotated, and never bypassed.

Events recorded before the chains were keyed carry plain SHA-256 hashes; they verify only where a
sealed event or a sealed anchor vouches for them, so re-hashing a chain without the key fails.
"""

from __future__ import annotations

import io
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import LazySettings
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.utils import timezone

from stepstones.audit import keys
from stepstones.audit.apps import check_audit_keys
from stepstones.audit.chain import SYSTEM_CHAIN, anchor, event_hash, record, verify
from stepstones.audit.models import AuditEvent, ChainHead
from tests.audit.tampering import past_the_triggers
from tests.personas import build_network

pytestmark = pytest.mark.django_db


def _plain_chain(chain: int, count: int) -> str:
    """Write `count` events as they were recorded before keys: plain SHA-256; return the head."""
    prev = ""
    for seq in range(1, count + 1):
        at = timezone.now()
        digest = event_hash(
            chain=chain,
            prev_hash=prev,
            seq=seq,
            at=at.isoformat(),
            actor_id=None,
            actor_username="",
            organisation_id=chain or None,
            organisation_name="",
            action="case.opened",
            object_type="case",
            object_id=str(seq),
            details={},
        )
        AuditEvent.objects.create(
            chain=chain,
            seq=seq,
            at=at,
            organisation_id=chain or None,
            action="case.opened",
            object_type="case",
            object_id=str(seq),
            prev_hash=prev,
            hash=digest,
        )
        prev = digest
    ChainHead.objects.create(id=chain, seq=count, hash=prev)
    return prev


def _audit_key_command() -> tuple[int, str]:
    out = io.StringIO()
    try:
        call_command("audit_key", stdout=out, stderr=out)
    except SystemExit as exit_:
        return int(exit_.code or 0), out.getvalue()
    return 0, out.getvalue()


def test_it_generates_a_development_key_into_var_when_none_is_configured(
    settings: LazySettings, tmp_path: Path
) -> None:
    settings.STEPSTONES_AUDIT_KEYS = []
    settings.STEPSTONES_AUDIT_KEY_FILE = ""
    settings.STEPSTONES_AUDIT_AUTOGENERATE = True
    settings.VAR_DIR = tmp_path
    first = keys.ring().sealing
    assert keys.ring().sealing == first  # the same key on the next start
    assert stat.S_IMODE((tmp_path / "audit.keys").stat().st_mode) == 0o600
    settings.STEPSTONES_AUDIT_AUTOGENERATE = False
    with pytest.raises(ImproperlyConfigured, match="No audit key"):
        keys.ring()


def test_it_reads_the_keys_from_a_file_first_key_first(
    settings: LazySettings, tmp_path: Path
) -> None:
    new, old = keys.generate_key(), keys.generate_key()
    path = tmp_path / "audit.keys"
    path.write_text(f"# sealing key first\n{new}\n\n{old}\n", encoding="ascii")
    settings.STEPSTONES_AUDIT_KEYS = []
    settings.STEPSTONES_AUDIT_KEY_FILE = str(path)
    ring = keys.ring()
    assert [key.id for key in ring.keys] == [keys.parse_key(new).id, keys.parse_key(old).id]
    path.write_text(f"{old}\n", encoding="ascii")
    os.utime(path, ns=(1, 1))  # a changed file is read again, whatever its time
    assert keys.ring().sealing.id == keys.parse_key(old).id


@pytest.mark.parametrize(
    "configured",
    [[], ["not-a-key"], ["c2hvcnQ="], [keys.generate_key() + "!"]],
    ids=["none", "not-base64", "too-short", "stray-character"],
)
def test_it_refuses_to_start_without_a_usable_audit_key(
    settings: LazySettings, configured: list[str]
) -> None:
    assert check_audit_keys() == []
    settings.STEPSTONES_AUDIT_KEYS = configured
    settings.STEPSTONES_AUDIT_KEY_FILE = ""
    settings.STEPSTONES_AUDIT_AUTOGENERATE = False
    assert [m.id for m in check_audit_keys()] == ["stepstones.E102"]


def test_a_production_server_refuses_to_start_without_an_audit_key(tmp_path: Path) -> None:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("STEPSTONES_")}
    environ |= {
        "DEBUG": "false",
        "SECRET_KEY": "x" * 50,
        "STEPSTONES_HOME": str(tmp_path),
        "STEPSTONES_VAULT_KEYS": "0s8lYy5o5dYbUo0pJq0m1hJmI2nE6c9J4oS4Q2f3xXk=",
        "STEPSTONES_LINKAGE_KEYS": "0s8lYy5o5dYbUo0pJq0m1hJmI2nE6c9J4oS4Q2f3xXk=",
        "DJANGO_SETTINGS_MODULE": "stepstones.settings",
    }
    environ.pop("DATABASE_URL", None)
    command = [sys.executable, "-m", "django", "check"]
    refused = subprocess.run(command, env=environ, capture_output=True, text=True, check=False)
    assert refused.returncode != 0 and "stepstones.E102" in refused.stderr
    assert not (tmp_path / "var" / "audit.keys").exists()  # no development key made up
    environ["STEPSTONES_AUDIT_KEYS"] = keys.generate_key()
    started = subprocess.run(command, env=environ, capture_output=True, text=True, check=False)
    assert started.returncode == 0, started.stderr


def test_it_prints_a_new_key_on_request() -> None:
    out = io.StringIO()
    call_command("audit_key", "--generate", stdout=out)
    assert len(keys.parse_key(out.getvalue().strip()).secret) == keys.KEY_BYTES


def test_old_events_verify_after_a_new_key_is_put_first_and_not_once_their_key_is_gone(
    settings: LazySettings,
) -> None:
    old = settings.STEPSTONES_AUDIT_KEYS[0]
    record("system.job", object_type="job", object_id="1")
    new = keys.generate_key()
    settings.STEPSTONES_AUDIT_KEYS = [new, old]
    event = record("system.job", object_type="job", object_id="2")
    assert event.key_id == keys.parse_key(new).id
    assert verify() == []
    status, text = _audit_key_command()
    assert status == 0
    assert f"{keys.parse_key(new).id}: seals new events; 1 event(s)" in text
    assert f"{keys.parse_key(old).id}: verifies only; 1 event(s)" in text
    settings.STEPSTONES_AUDIT_KEYS = [new]
    assert [(p.seq, p.message.split(" (")[0]) for p in verify()] == [
        (1, "sealed with a key that is not configured")
    ]
    status, text = _audit_key_command()
    assert status == 1 and f"{keys.parse_key(old).id}: NOT CONFIGURED; 1 event(s)" in text


def test_events_from_before_the_keys_verify_once_a_sealed_event_follows_them() -> None:
    _plain_chain(SYSTEM_CHAIN, 3)
    assert [p.message.split(":")[0] for p in verify()] == ["no seal protects this chain"]
    record("system.job", object_type="job", object_id="x")
    assert verify() == []
    status, text = _audit_key_command()
    assert "(none): 3 event(s) from before the chains were keyed" in text


def test_an_organisations_old_chain_is_protected_by_a_sealed_anchor() -> None:
    net = build_network()
    _plain_chain(net.ngo.pk, 3)
    assert [p.chain for p in verify()] == [net.ngo.pk]
    anchor()
    assert verify() == []
    # Re-hashing the old chain consistently, with the code's own (plain) function, now fails.
    with past_the_triggers():
        AuditEvent.objects.filter(chain=net.ngo.pk).delete()
        ChainHead.objects.filter(id=net.ngo.pk).delete()
        _plain_chain(net.ngo.pk, 3)
    messages = [p.message for p in verify()]
    assert any("differs from what anchor 1 of the system chain recorded" in m for m in messages)
    assert any(m.startswith("no seal protects this chain") for m in messages)


def test_old_events_edited_before_a_sealed_one_break_its_link() -> None:
    _plain_chain(SYSTEM_CHAIN, 3)
    record("system.job", object_type="job", object_id="x")
    with past_the_triggers():
        event = AuditEvent.objects.get(chain=SYSTEM_CHAIN, seq=2)
        event.object_id = "99"
        event.hash = event_hash(
            prev_hash=event.prev_hash,
            seq=2,
            at=event.at.isoformat(),
            actor_id=None,
            actor_username="",
            organisation_id=None,
            organisation_name="",
            action=event.action,
            object_type="case",
            object_id="99",
            details={},
        )
        event.save()
    assert [p.seq for p in verify()] == [3]  # the next event no longer follows it


def test_every_chain_re_hashed_without_the_key_is_caught() -> None:
    """A downgrade of the whole log: every sealed event replaced by a plain one, heads too."""
    net = build_network()
    record("case.looked_at", object_type="case", object_id=1, organisation=net.ngo)
    record("system.job", object_type="job", object_id="x")
    with past_the_triggers():
        AuditEvent.objects.all().delete()
        ChainHead.objects.all().delete()
        _plain_chain(SYSTEM_CHAIN, 1)
        _plain_chain(net.ngo.pk, 1)
    assert sorted(p.chain for p in verify()) == [SYSTEM_CHAIN, net.ngo.pk]
