"""Identity is encrypted at rest, keys rotate, and the audit chain verifies.

Every way of tampering with the audit chain is in tests/audit/test_tampering.py.
"""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.conf import LazySettings
from django.core.management import call_command
from django.db import connection

from stepstones.audit.chain import verify
from stepstones.audit.models import AuditEvent
from stepstones.cases import vault
from stepstones.cases.access import read_identity
from stepstones.cases.models import Case, IdentityVault
from stepstones.referrals.access import read_packet
from tests.personas import Network, build_network, open_case, refer

pytestmark = pytest.mark.django_db


@pytest.fixture
def net() -> Network:
    return build_network()


def _raw(sql: str, params: list[Any] | None = None) -> list[tuple[object, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params or [])
        return list(cursor.fetchall()) if cursor.description else []


def test_it_stores_no_identity_in_plain_text(net: Network) -> None:
    case = open_case(net)
    refer(net, case, net.social)
    for table in ("cases_identityvault", "referrals_referral", "audit_auditevent", "cases_person"):
        dump = str(_raw(f"SELECT * FROM {table}"))  # noqa: S608 - fixed table names
        assert "Amira" not in dump and "X1234567" not in dump, table


def test_it_rotates_keys_and_still_reads_everything(net: Network, settings: LazySettings) -> None:
    case = open_case(net)
    referral = refer(net, case, net.social)
    old_key = settings.STEPSTONES_VAULT_KEYS[0]
    new_key = vault.generate_key()
    settings.STEPSTONES_VAULT_KEYS = [new_key, old_key]
    out = io.StringIO()
    call_command("rotate_vault_keys", stdout=out)
    assert "Re-encrypted 1 identity record(s), 1 packet(s), 0 case note(s)" in out.getvalue()
    settings.STEPSTONES_VAULT_KEYS = [new_key]
    case = Case.objects.get(pk=case.pk)
    assert read_identity(net.nina.user, case)["names"][0]["value"] == "Amira Testova"
    referral.refresh_from_db()
    assert read_packet(net.sara.user, referral)["values"]["names"][0]["value"] == "Amira Testova"
    settings.STEPSTONES_VAULT_KEYS = [old_key]
    with pytest.raises(vault.VaultError):
        vault.decrypt(IdentityVault.objects.get().token)


def test_it_prints_a_new_key_on_request() -> None:
    out = io.StringIO()
    call_command("rotate_vault_keys", "--generate", stdout=out)
    assert len(out.getvalue().strip()) == 44


def test_it_generates_a_development_key_into_var_when_none_is_configured(
    settings: LazySettings, tmp_path: object
) -> None:
    settings.STEPSTONES_VAULT_KEYS = []
    settings.STEPSTONES_VAULT_KEY_FILE = ""
    settings.STEPSTONES_VAULT_AUTOGENERATE = True
    settings.VAR_DIR = tmp_path
    keys = vault.configured_keys()
    assert len(keys) == 1
    assert vault.configured_keys() == keys  # the same key on the next start
    settings.STEPSTONES_VAULT_AUTOGENERATE = False
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured):
        vault.configured_keys()


def _verify_output() -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("verify_audit", stdout=out, stderr=err)
    except SystemExit as exit_:
        return int(exit_.code or 0), err.getvalue()
    return 0, out.getvalue()


def test_it_verifies_an_untouched_chain(net: Network) -> None:
    open_case(net)
    status, text = _verify_output()
    assert status == 0 and "intact" in text


def test_it_never_forks_the_chain_under_many_writes(net: Network) -> None:
    for _ in range(5):
        open_case(net)
    for chain in AuditEvent.objects.values_list("chain", flat=True).distinct():
        seqs = list(
            AuditEvent.objects.filter(chain=chain).order_by("seq").values_list("seq", flat=True)
        )
        assert seqs == list(range(1, len(seqs) + 1))
    assert verify() == []


def test_it_refuses_to_start_without_a_vault_key(settings: LazySettings) -> None:
    from stepstones.cases.apps import check_vault_keys

    assert check_vault_keys() == []
    settings.STEPSTONES_VAULT_KEYS = []
    settings.STEPSTONES_VAULT_KEY_FILE = ""
    settings.STEPSTONES_VAULT_AUTOGENERATE = False
    assert [m.id for m in check_vault_keys()] == ["stepstones.E101"]
    settings.STEPSTONES_VAULT_KEYS = ["not-a-key"]
    assert [m.id for m in check_vault_keys()] == ["stepstones.E101"]
