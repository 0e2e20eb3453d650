"""`stepstones demo`: a whole network, every role, every stage, and idempotent."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from stepstones.agencies.models import Membership, Organisation, Role
from stepstones.audit.chain import verify
from stepstones.audit.models import AuditEvent
from stepstones.cases.models import Case, Stage
from stepstones.cli import main
from stepstones.referrals.models import Referral

pytestmark = pytest.mark.django_db


def _counts() -> tuple[int, ...]:
    return (
        Organisation.objects.count(),
        Membership.objects.count(),
        Case.objects.count(),
        Referral.objects.count(),
        AuditEvent.objects.count(),
    )


def test_it_loads_every_role_and_every_stage_once() -> None:
    out = io.StringIO()
    call_command("demo", stdout=out)
    assert "vesna.coordinator" in out.getvalue()
    assert set(Membership.objects.values_list("role", flat=True)) == set(Role.values)
    for stage in Stage.values:
        assert Case.objects.filter(stage=stage).count() >= 2, stage
    assert all(
        "(fictional)" in name for name in Organisation.objects.values_list("name", flat=True)
    )
    assert verify() == []
    before = _counts()
    call_command("demo", stdout=io.StringIO())
    assert _counts() == before


def test_it_runs_commands_by_their_hyphenated_names(capsys: pytest.CaptureFixture[str]) -> None:
    main(["verify-audit"])
    assert "Audit chain intact" in capsys.readouterr().out
