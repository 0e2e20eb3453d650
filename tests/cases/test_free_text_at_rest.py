"""Free text is encrypted at rest: no planted text is found in the database file or a dump.

Issue 17 §4: a distinctive string goes into every free-text field through the real actions,
then the whole SQLite file (with its journal) or a `pg_dump` of the PostgreSQL database is read
as bytes, and none of the strings may appear in it. The pages and the API still show the text.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import LazySettings
from django.core.exceptions import FieldError
from django.core.management import call_command
from django.db import connection, models

from stepstones.cases import actions as case_actions
from stepstones.cases import vault
from stepstones.cases.fields import EncryptedTextField
from stepstones.cases.models import Case, Purpose, Stage
from stepstones.referrals import actions as referral_actions
from tests.personas import Network, build_network, open_case, refer

# One distinctive string per free-text field (and per way of writing it), none a substring of
# another, so a hit names the field that leaked.
MARKS = {
    "summary": "QZXSUMMARYMARK",
    "identification_basis": "QZXBASISMARK",
    "closure_note": "QZXCLOSUREMARK",
    "justification": "QZXJUSTIFYMARK",
    "accept_note": "QZXACCEPTMARK",
    "decline_note": "QZXDECLINEMARK",
    "complete_note": "QZXCOMPLETEMARK",
    "service_note": "QZXSERVICEMARK",
    "service_advance_note": "QZXADVANCEMARK",
    "case_note": "QZXCASENOTEMARK",
    "identity_name": "QZXNAMEMARK",
    "referral_note": "QZXREFNOTEMARK",
}

# Every text column of the case data that is not an EncryptedTextField holds a vault token.
TOKEN_COLUMNS = {
    ("cases", "identityvault", "token"),
    ("cases", "casenote", "token"),
    ("referrals", "referral", "packet_token"),
}


def _plant_every_free_text(net: Network) -> Case:
    """Write each mark through the action a worker's page or the API calls."""
    identity = {"names": [{"script": "latin", "value": MARKS["identity_name"]}]}
    case = case_actions.open_case(
        by=net.nina, gender="Feminine", summary=MARKS["summary"], identity=identity
    )
    case_actions.add_note(case, MARKS["case_note"], by=net.nina)
    case_actions.record_override(
        case,
        recipient=net.legal,
        purpose=Purpose.LEGAL,
        legal_ground="danger_to_life",
        justification=MARKS["justification"],
        by=net.nina,
    )
    case_actions.advance_stage(case, Stage.POSSIBLE_VICTIM, by=net.nina)
    identification = refer(net, case, net.police, purpose=Purpose.IDENTIFICATION)
    referral_actions.accept_referral(identification, by=net.petar, note=MARKS["accept_note"])
    case_actions.decide_identification(
        case,
        identified=True,
        decided_on=dt.date(2026, 2, 1),
        basis=MARKS["identification_basis"],
        by=net.ivan,
    )
    declined = refer(net, case, net.social)
    referral_actions.decline_referral(
        declined, reason="other", note=MARKS["decline_note"], by=net.sara
    )
    legal = referral_actions.send_referral(
        case,
        to_org=net.legal,
        kind="service",
        purpose=Purpose.LEGAL,
        service="legal_aid",
        urgency="normal",
        fields=["gender", "summary"],
        note=MARKS["referral_note"],
        by=net.nina,
    )
    referral_actions.accept_referral(legal, by=net.otto)
    referral_actions.complete_referral(legal, note=MARKS["complete_note"], by=net.otto)
    service = referral_actions.record_service(
        case, kind="psychosocial", note=MARKS["service_note"], by=net.nina
    )
    advanced = referral_actions.record_service(case, kind="shelter", by=net.nina)
    referral_actions.advance_service(
        advanced, "started", note=MARKS["service_advance_note"], by=net.nina
    )
    assert service.pk
    return case_actions.close_case(
        Case.objects.get(pk=case.pk), reason="other", note=MARKS["closure_note"], by=net.nina
    )


def _database_bytes() -> bytes:
    """The database as stored: the SQLite file and its journal, or a pg_dump of every table."""
    settings_dict = connection.settings_dict
    if connection.vendor == "sqlite":
        path = Path(str(settings_dict["NAME"]))
        if not path.is_file():
            pytest.skip("the SQLite test database lives in memory, not in a file")
        files = [path, *(path.with_name(path.name + end) for end in ("-wal", "-journal"))]
        return b"".join(f.read_bytes() for f in files if f.is_file())
    pg_dump = shutil.which("pg_dump")
    if pg_dump is None:
        pytest.skip("pg_dump is not installed")
    env = {**os.environ, "PGPASSWORD": str(settings_dict.get("PASSWORD") or "")}
    command = [
        pg_dump,
        "--data-only",
        f"--host={settings_dict.get('HOST') or 'localhost'}",
        f"--port={settings_dict.get('PORT') or 5432}",
        f"--username={settings_dict.get('USER') or 'postgres'}",
        str(settings_dict["NAME"]),
    ]
    done = subprocess.run(command, env=env, capture_output=True, check=True)
    return done.stdout


@pytest.mark.django_db(transaction=True)
def test_it_finds_no_planted_free_text_in_the_stored_database() -> None:
    net = build_network()
    case = _plant_every_free_text(net)
    # Each mark was stored: the model reads it back (a failed action would plant nothing).
    assert case.closure_note == MARKS["closure_note"]
    connection.close()  # SQLite: nothing left only in this connection's cache
    stored = _database_bytes()
    assert b"Open Door Outreach" in stored  # the dump holds the data, in plain where plain
    leaked = [field for field, mark in MARKS.items() if mark.encode() in stored]
    assert leaked == []


@pytest.mark.django_db
def test_it_reads_every_planted_text_back_through_the_models() -> None:
    net = build_network()
    case = Case.objects.get(pk=_plant_every_free_text(net).pk)
    assert case.summary == MARKS["summary"]
    assert case.identification_basis == MARKS["identification_basis"]
    assert case.overrides.get().justification == MARKS["justification"]
    notes = {r.response_note for r in case.referrals.all()}
    assert {MARKS["accept_note"], MARKS["decline_note"], MARKS["complete_note"]} <= notes
    services = {s.note for s in case.services.all()}
    assert {MARKS["service_note"], MARKS["service_advance_note"]} <= services


def test_every_text_column_of_case_data_is_encrypted_or_a_token() -> None:
    """A new free-text column in these apps must be an EncryptedTextField (or hold a token)."""
    plain = [
        f"{model._meta.app_label}.{model._meta.model_name}.{field.name}"
        for app in ("cases", "referrals")
        for model in apps.get_app_config(app).get_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.TextField)
        and not isinstance(field, EncryptedTextField)
        and (app, model._meta.model_name, field.name) not in TOKEN_COLUMNS
    ]
    assert plain == []


@pytest.mark.django_db
def test_it_refuses_to_search_inside_an_encrypted_column() -> None:
    with pytest.raises(FieldError):
        list(Case.objects.filter(summary__icontains="border"))
    with pytest.raises(FieldError):
        list(Case.objects.filter(summary="Met at the border"))  # a token never equals text
    assert list(Case.objects.filter(summary="")) == []


@pytest.mark.django_db
def test_it_fails_loudly_when_the_key_of_a_summary_is_lost(settings: LazySettings) -> None:
    case = open_case(build_network())
    settings.STEPSTONES_VAULT_KEYS = [vault.generate_key()]
    with pytest.raises(vault.VaultError, match="cases.Case.summary"):
        Case.objects.get(pk=case.pk)


@pytest.mark.django_db
def test_it_rotates_the_free_text_under_the_new_key(settings: LazySettings) -> None:
    net = build_network()
    case = _plant_every_free_text(net)
    old_key = settings.STEPSTONES_VAULT_KEYS[0]
    new_key = vault.generate_key()
    settings.STEPSTONES_VAULT_KEYS = [new_key, old_key]
    call_command("rotate_vault_keys", stdout=io.StringIO())
    settings.STEPSTONES_VAULT_KEYS = [new_key]
    fresh = Case.objects.get(pk=case.pk)
    assert (fresh.summary, fresh.closure_note) == (MARKS["summary"], MARKS["closure_note"])
    assert {s.note for s in fresh.services.all()} >= {MARKS["service_note"]}
    assert MARKS["case_note"] in vault.decrypt(fresh.notes.get().token)["text"]


def _raw_column(table: str, column: str) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} ORDER BY id")  # noqa: S608 - fixed names
        return [row[0] for row in cursor.fetchall()]


@pytest.mark.django_db(transaction=True)
def test_the_migrations_encrypt_existing_rows_and_decrypt_them_on_the_way_back() -> None:
    net = build_network()
    case = _plant_every_free_text(net)
    # Back to before the encryption: the columns hold the plain text again.
    call_command("migrate", "cases", "0005", verbosity=0)
    call_command("migrate", "referrals", "0002", verbosity=0)
    assert _raw_column("cases_case", "summary") == [MARKS["summary"]]
    assert MARKS["service_advance_note"] in _raw_column("referrals_service", "note")
    # Forward again, as an existing installation upgrades: every plain value becomes a token.
    call_command("migrate", verbosity=0)
    for table, column in [
        ("cases_case", "summary"),
        ("cases_case", "identification_basis"),
        ("cases_case", "closure_note"),
        ("cases_sharingoverride", "justification"),
        ("referrals_referral", "response_note"),
        ("referrals_service", "note"),
    ]:
        values = [v for v in _raw_column(table, column) if v]
        assert values and all(v.startswith("gAAAA") for v in values), (table, column)
    fresh = Case.objects.get(pk=case.pk)
    assert (fresh.summary, fresh.identification_basis) == (
        MARKS["summary"],
        MARKS["identification_basis"],
    )
