"""Signed checkpoints of the chains' heads: written by a command, checked by verify-audit."""

from __future__ import annotations

import io
import json
import stat
from pathlib import Path

import pytest
from django.conf import LazySettings
from django.core.management import call_command

from stepstones.audit import keys
from stepstones.audit.chain import record
from stepstones.audit.models import AuditEvent, ChainHead
from tests.audit.tampering import past_the_triggers
from tests.personas import Network, build_network

pytestmark = pytest.mark.django_db


@pytest.fixture
def net() -> Network:
    net = build_network()
    record("case.looked_at", object_type="case", object_id=1, organisation=net.ngo)
    record("system.job", object_type="job", object_id="x")
    return net


def _run(command: str, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(command, *args, stdout=out, stderr=err)
    except SystemExit as exit_:
        return int(exit_.code or 0), out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def test_it_appends_one_signed_line_of_every_head_per_checkpoint(
    net: Network, tmp_path: Path
) -> None:
    path = tmp_path / "checkpoints.jsonl"
    status, out, _err = _run("audit_checkpoint", "--out", str(path))
    assert status == 0 and "Checkpoint of 2 chain(s) (2 events) appended" in out
    record("case.looked_at", object_type="case", object_id=2, organisation=net.ngo)
    _run("audit_checkpoint", "--out", str(path))
    lines = [json.loads(line) for line in path.read_text(encoding="ascii").splitlines()]
    assert [line["heads"][str(net.ngo.pk)][0] for line in lines] == [1, 2]
    head = ChainHead.objects.get(id=net.ngo.pk)
    assert lines[1]["heads"][str(net.ngo.pk)] == [head.seq, head.hash]
    assert lines[1]["key_id"] == keys.ring().sealing.id and len(lines[1]["mac"]) == 64
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_it_writes_a_checkpoint_to_standard_output_for_a_second_place(net: Network) -> None:
    status, out, err = _run("audit_checkpoint", "--out", "-")
    assert status == 0 and "Checkpoint of 2 chain(s) written" in err
    assert json.loads(out)["heads"]["0"][0] == 1


def test_verify_audit_accepts_events_recorded_after_the_checkpoint(
    net: Network, tmp_path: Path
) -> None:
    path = tmp_path / "checkpoints.jsonl"
    _run("audit_checkpoint", "--out", str(path))
    record("case.looked_at", object_type="case", object_id=2, organisation=net.ngo)
    status, out, _err = _run("verify_audit", "--checkpoint", str(path))
    assert status == 0 and "Checked against the checkpoint of" in out and "intact" in out


def _rewrite_last_line(path: Path, change: dict[str, object]) -> None:
    lines = path.read_text(encoding="ascii").splitlines()
    lines[-1] = json.dumps(json.loads(lines[-1]) | change)
    path.write_text("\n".join(lines) + "\n", encoding="ascii")


@pytest.mark.parametrize(
    ("change", "reported"),
    [
        ({"heads": {}}, "line 2 does not match its signature (edited or forged)"),
        ({"at": "2030-01-01T00:00:00+00:00"}, "line 2 does not match its signature"),
        ({"key_id": "000000000000"}, "line 2 is signed with a key that is not configured"),
        ({"version": 2}, "line 2 is not a checkpoint"),
    ],
    ids=["heads-removed", "time-moved", "another-key", "unknown-version"],
)
def test_verify_audit_refuses_a_checkpoint_file_that_was_tampered_with(
    net: Network, tmp_path: Path, change: dict[str, object], reported: str
) -> None:
    path = tmp_path / "checkpoints.jsonl"
    _run("audit_checkpoint", "--out", str(path))
    _run("audit_checkpoint", "--out", str(path))
    _rewrite_last_line(path, change)
    status, _out, err = _run("verify_audit", "--checkpoint", str(path))
    assert status == 1 and reported in err and "NOT verified" in err


def test_a_checkpoint_signed_by_someone_without_the_key_is_refused(
    net: Network, tmp_path: Path, settings: LazySettings
) -> None:
    path = tmp_path / "checkpoints.jsonl"
    real = settings.STEPSTONES_AUDIT_KEYS
    settings.STEPSTONES_AUDIT_KEYS = [keys.generate_key(), *real]  # a key of their own first
    assert _run("audit_checkpoint", "--out", str(path))[0] == 0
    settings.STEPSTONES_AUDIT_KEYS = real
    status, _out, err = _run("verify_audit", "--checkpoint", str(path))
    assert status == 1 and "line 1 is signed with a key that is not configured" in err


@pytest.mark.parametrize(
    ("content", "reported"),
    [(None, "no checkpoint file at"), ("\n", "holds no checkpoint"), ("{", "is not a checkpoint")],
    ids=["missing", "empty", "not-json"],
)
def test_verify_audit_says_when_there_is_no_checkpoint_to_check_against(
    net: Network, tmp_path: Path, content: str | None, reported: str
) -> None:
    path = tmp_path / "checkpoints.jsonl"
    if content is not None:
        path.write_text(content, encoding="ascii")
    status, _out, err = _run("verify_audit", "--checkpoint", str(path))
    assert status == 1 and reported in err


def test_it_refuses_to_sign_a_broken_chain(net: Network, tmp_path: Path) -> None:
    with past_the_triggers():
        AuditEvent.objects.filter(chain=net.ngo.pk).update(action="case.nothing_to_see")
    path = tmp_path / "checkpoints.jsonl"
    status, _out, err = _run("audit_checkpoint", "--out", str(path))
    assert status == 1 and "no checkpoint written" in err
    assert f"chain of {net.ngo.name} (#{net.ngo.pk}), event 1: content does not match" in err
    assert not path.exists()
