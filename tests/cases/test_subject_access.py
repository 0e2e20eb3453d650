"""Subject access: everything held about a person, sealed with a passphrase (issue 17 §4)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from stepstones.audit.models import AuditEvent
from stepstones.cases import actions as case_actions
from stepstones.sealing import ExportError, seal, unseal
from tests.personas import IDENTITY, build_network, open_case, refer

pytestmark = pytest.mark.django_db

PASSPHRASE = "a long and private passphrase"


def test_the_export_holds_everything_about_the_person_and_nothing_in_the_clear(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    net = build_network()
    case = open_case(net)
    refer(net, case, net.social)
    case_actions.add_note(case, "She is afraid of the driver from Kumanovo.", by=net.nina)
    other = open_case(net)  # someone else: must not be in the export
    monkeypatch.setenv("STEPSTONES_EXPORT_PASSPHRASE", PASSPHRASE)
    out = tmp_path / "export.sealed"
    call_command("subject_access", case.person.code, str(out))
    blob = out.read_bytes()
    for plain in ("Amira", "Kumanovo", "Met at the border"):
        assert plain.encode() not in blob
    data = unseal(blob, PASSPHRASE)
    assert data["identity"]["names"] == IDENTITY["names"]
    assert [c["id"] for c in data["cases"]] == [case.pk]
    assert data["cases"][0]["summary"] == "Met at the border; job promised in a restaurant."
    assert data["case notes"][0]["text"] == "She is afraid of the driver from Kumanovo."
    assert len(data["cases.Consent"]) == 1 and len(data["referrals.Referral"]) == 1
    assert other.pk not in {c["id"] for c in data["cases"]}
    event = AuditEvent.objects.get(action="person.exported")
    assert event.object_id == case.person.code
    assert out.stat().st_mode & 0o077 == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["SC-NONE-NONE"], "No person has the case code SC-NONE-NONE"),
        ([], "No person has the case code (none given)"),
    ],
)
def test_an_unknown_code_is_named_and_nothing_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    build_network()
    monkeypatch.setenv("STEPSTONES_EXPORT_PASSPHRASE", PASSPHRASE)
    out = tmp_path / "export.sealed"
    with pytest.raises(CommandError, match=re.escape(message)):
        call_command("subject_access", *args, str(out))
    assert not out.exists()
    assert not AuditEvent.objects.filter(action="person.exported").exists()


def test_a_short_or_wrong_passphrase_is_refused_clearly() -> None:
    with pytest.raises(ExportError, match="at least 12 characters"):
        seal({"a": 1}, "short")
    sealed = seal({"a": 1}, PASSPHRASE)
    with pytest.raises(ExportError, match="wrong passphrase"):
        unseal(sealed, PASSPHRASE + "!")
    with pytest.raises(ExportError, match="not a sealed stepstones export"):
        unseal(b"plain text", PASSPHRASE)
    assert unseal(sealed, PASSPHRASE) == {"a": 1}


def test_the_command_opens_an_export_with_its_passphrase_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = tmp_path / "passphrase"
    secret.write_text(PASSPHRASE + "\n")
    out = tmp_path / "x.sealed"
    out.write_bytes(seal({"identity": {"names": ["Test"]}}, PASSPHRASE))
    call_command("subject_access", str(out), "--open", "--passphrase-file", str(secret))
    assert '"Test"' in capsys.readouterr().out
