"""Response deadlines, overdue referrals, reminders and expiry, with time frozen."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from stepstones.cases.models import Purpose
from stepstones.referrals.chain import chain_of
from stepstones.referrals.models import ReferralStatus
from tests.personas import Network, build_network, open_case, refer

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def net() -> Network:
    return build_network()


@pytest.mark.parametrize(
    ("urgency", "hours"), [("urgent", 24), ("normal", 72)], ids=["urgent-24h", "normal-72h"]
)
def test_it_sets_the_deadline_from_the_urgency(net: Network, urgency: str, hours: int) -> None:
    with time_machine.travel(START, tick=False):
        case = open_case(net)
        referral = refer(net, case, net.social)
        referral.urgency = urgency
        from stepstones.referrals.actions import response_deadline

        assert response_deadline(net.social, urgency, START) == START + dt.timedelta(hours=hours)


def test_it_uses_the_receivers_own_deadline_setting(net: Network) -> None:
    net.social.normal_response_hours = 48
    net.social.save()
    with time_machine.travel(START, tick=False):
        referral = refer(net, open_case(net), net.social)
    assert referral.due_at == START + dt.timedelta(hours=48)


def test_it_shows_an_overdue_referral_as_a_gap_at_risk(net: Network) -> None:
    with time_machine.travel(START, tick=False):
        case = open_case(net)
        referral = refer(net, case, net.social, kind="transfer", purpose=Purpose.CASE_TRANSFER)
    with time_machine.travel(START + dt.timedelta(hours=71), tick=False):
        assert [g.kind for g in chain_of(case).gaps] == []
    with time_machine.travel(START + dt.timedelta(hours=73), tick=False):
        gaps = chain_of(case).gaps
        assert [(g.kind, g.referral_id) for g in gaps] == [("at_risk", referral.pk)]
        assert chain_of(case).unbroken  # still held by the sender: at risk, not broken
        client = Client()
        client.force_login(net.nina.user)
        html = client.get(reverse("cases:dashboard")).content.decode()
        assert "overdue" in html and case.person.code in html


def test_it_reminds_both_organisations_once_a_day_without_personal_data(net: Network) -> None:
    with time_machine.travel(START, tick=False):
        case = open_case(net)
        refer(net, case, net.social)
    with time_machine.travel(START + dt.timedelta(hours=80), tick=False):
        out = io.StringIO()
        call_command("send_referral_reminders", stdout=out)
        assert "Reminded 1 overdue referral(s); expired 0." in out.getvalue()
        assert len(mail.outbox) == 1
        message = mail.outbox[0]
        assert set(message.to) >= {"nina@example.org", "sara@example.org"}
        assert case.person.code in message.body
        assert "Amira" not in message.body and "Amira" not in message.subject
        call_command("send_referral_reminders", stdout=io.StringIO())
        assert len(mail.outbox) == 1  # not again within a day
    with time_machine.travel(START + dt.timedelta(hours=105), tick=False):
        call_command("send_referral_reminders", stdout=io.StringIO())
        assert len(mail.outbox) == 2


def test_it_expires_a_referral_left_unanswered_and_keeps_the_sender_accountable(
    net: Network,
) -> None:
    with time_machine.travel(START, tick=False):
        case = open_case(net)
        referral = refer(net, case, net.social, kind="transfer", purpose=Purpose.CASE_TRANSFER)
    with time_machine.travel(START + dt.timedelta(days=11), tick=False):
        out = io.StringIO()
        call_command("send_referral_reminders", stdout=out)
        assert "expired 1" in out.getvalue()
    referral.refresh_from_db()
    case.refresh_from_db()
    assert referral.status == ReferralStatus.EXPIRED
    assert case.accountable_org == net.ngo
