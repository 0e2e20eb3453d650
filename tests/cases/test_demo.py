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


def test_every_demo_member_can_open_every_page_they_may_see() -> None:
    """A smoke test over real-looking data: no page of the demo fails for anyone."""
    from django.test import Client
    from django.urls import reverse

    call_command("demo", stdout=io.StringIO())
    pages = [
        "cases:dashboard",
        "cases:list",
        "referrals:inbox",
        "referrals:network",
        "agencies:directory",
        "agencies:members",
        "agencies:entry",
        "audit:log",
    ]
    for membership in Membership.objects.select_related("user"):
        client = Client()
        client.force_login(membership.user)
        for name in pages:
            status = client.get(reverse(name)).status_code
            assert status in (200, 404), (membership.user.username, name, status)
        for case in Case.objects.all():
            for name in ("cases:case", "referrals:chain"):
                status = client.get(reverse(name, args=[case.pk])).status_code
                assert status in (200, 404), (membership.user.username, name, status)
        for referral in Referral.objects.all():
            for name in ("referrals:referral", "referrals:letter"):
                status = client.get(reverse(name, args=[referral.pk])).status_code
                assert status in (200, 404), (membership.user.username, name, status)
    assessment_ids = list(Case.objects.values_list("assessments__id", flat=True))
    holder = Membership.objects.get(user__username="marko.outreach")
    client = Client()
    client.force_login(holder.user)
    shown = [
        client.get(reverse("cases:assessment", args=[pk])).status_code
        for pk in assessment_ids
        if pk is not None
    ]
    assert 200 in shown and all(s in (200, 404) for s in shown)
