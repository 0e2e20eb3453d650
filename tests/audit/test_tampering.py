"""Every way of rewriting the audit log is detected: the issue's eight tamperings, and variants.

The scene: an organisation's chain of 7 events, an anchor taken after event 5, a checkpoint file
written after event 7. Each tampering is done past the PostgreSQL triggers, as a database
superuser could; `verify-audit --checkpoint` must then report it. Some need the checkpoint: a
tail cut off after the last anchor and checkpoint-free tampering that leaves a consistent prefix
cannot be seen from inside the database, and the test says so. On PostgreSQL the triggers also
refuse each tampering that changes or removes a row, before any verification.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from stepstones.audit.chain import anchor, record, verify
from stepstones.audit.checkpoint import read_last
from tests.audit import tampering
from tests.audit.tampering import Scene, Tamper
from tests.personas import Network, build_network

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Case:
    tamper: Tamper
    reported: str  # a phrase of the problem verify-audit reports
    seq: int  # the event it names
    without_checkpoint: bool  # the chains, seals and anchors alone catch it
    refused_by_trigger: bool  # on PostgreSQL the triggers stop it outright


SEAL = "does not match its seal"
CASES = {
    "edit": Case(tampering.edit, SEAL, 3, True, True),
    "edit-and-rehash-with-a-key-of-ones-own": Case(tampering.edit_and_rehash, SEAL, 3, True, True),
    "delete": Case(tampering.delete, "event 3 is missing (deleted)", 4, True, True),
    "swap": Case(tampering.swap, "out of order (reordered)", 3, True, True),
    "insert": Case(tampering.insert, SEAL, 3, True, True),
    "truncate": Case(tampering.cut_tail, "events 6..7 are missing at the end", 7, True, True),
    "truncate-and-update-the-head": Case(
        tampering.cut_tail_and_head, "event 7 is gone, though the checkpoint", 7, False, True
    ),
    "truncate-past-an-anchor-and-update-the-head": Case(
        tampering.cut_past_an_anchor_and_head, "event 5 is gone, though anchor", 5, True, True
    ),
    "delete-and-rehash-the-rest-plain": Case(
        tampering.delete_and_rehash_plain, "carries no seal after sealed events", 3, True, True
    ),
    "delete-and-rehash-the-rest-with-a-key-of-ones-own": Case(
        tampering.delete_and_rehash_with_a_key_of_ones_own, SEAL, 3, True, True
    ),
    "delete-and-rehash-the-whole-chain-plain": Case(
        tampering.delete_and_rehash_the_whole_chain_plain, "no seal protects", 6, True, True
    ),
    "forge-and-append": Case(tampering.forge_and_append, SEAL, 8, True, False),
    "forge-and-append-plain": Case(
        tampering.forge_and_append_plain, "carries no seal after sealed events", 8, True, False
    ),
    "wipe-both-tables": Case(
        tampering.wipe, "events 1..7 are gone, though the checkpoint", 7, False, True
    ),
}


@pytest.fixture
def scene(tmp_path: Path) -> tuple[Network, Scene, Path]:
    net = build_network()
    for n in range(5):
        record("case.looked_at", object_type="case", object_id=n, organisation=net.ngo)
    anchor()
    for n in range(5, 7):
        record("case.looked_at", object_type="case", object_id=n, organisation=net.ngo)
    record("system.job", object_type="job", object_id="x")
    path = tmp_path / "checkpoints.jsonl"
    call_command("audit_checkpoint", out=str(path), stdout=io.StringIO())
    assert verify(checkpoint=read_last(path)) == []
    return net, Scene.for_chain(net.ngo.pk), path


def _verify_audit(*args: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("verify_audit", *args, stdout=out, stderr=err)
    except SystemExit as exit_:
        return int(exit_.code or 0), out.getvalue() + err.getvalue()
    return 0, out.getvalue() + err.getvalue()


@pytest.fixture
def superuser() -> None:
    if not tampering.is_superuser():
        pytest.skip("switching the triggers off needs a database superuser")


@pytest.mark.usefixtures("superuser")
@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_verify_audit_reports_each_tampering_against_the_checkpoint(
    scene: tuple[Network, Scene, Path], case: Case
) -> None:
    net, chain, path = scene
    with tampering.past_the_triggers():
        case.tamper(chain)
    status, text = _verify_audit("--checkpoint", str(path))
    assert status == 1, text
    where = f"chain of {net.ngo.name} (#{net.ngo.pk}), event {case.seq}: "
    assert any(line.startswith(where) and case.reported in line for line in text.splitlines()), text
    assert "Audit chain BROKEN" in text


@pytest.mark.usefixtures("superuser")
@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_the_chains_alone_catch_all_but_a_cut_after_the_last_anchor(
    scene: tuple[Network, Scene, Path], case: Case
) -> None:
    _net, chain, _path = scene
    with tampering.past_the_triggers():
        case.tamper(chain)
    assert (verify() != []) is case.without_checkpoint


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the triggers are PostgreSQL's")
@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_the_triggers_refuse_every_tampering_that_changes_or_removes_a_row(
    scene: tuple[Network, Scene, Path], case: Case
) -> None:
    _net, chain, path = scene
    if not case.refused_by_trigger:
        with transaction.atomic():
            case.tamper(chain)  # an INSERT: allowed, and the seal gives it away
        assert verify(checkpoint=read_last(path)) != []
        return
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        case.tamper(chain)
    assert verify(checkpoint=read_last(path)) == []
