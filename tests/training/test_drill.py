"""The stepping-stones drill: the real actions and chain rules, in the sandbox database only."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
import time_machine
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from stepstones.agencies.models import Membership, Organisation
from stepstones.audit.models import AuditEvent
from stepstones.cases.models import Case
from stepstones.errors import ActionError
from stepstones.referrals.models import Referral
from stepstones.training import actions, drill
from stepstones.training.models import Participant, StepKind, TrainingSession
from stepstones.training.sandbox import SANDBOX, sandbox
from stepstones.training.steps import StepSpec

pytestmark = pytest.mark.django_db(databases=["default", SANDBOX])


@pytest.fixture(autouse=True)
def _the_day() -> Iterator[None]:
    with time_machine.travel(dt.datetime(2026, 12, 7, 9, 0, tzinfo=dt.UTC)):
        yield


@pytest.fixture
def session(trainer: Membership) -> TrainingSession:
    return actions.create_session(
        by=trainer,
        title="Stones",
        day=dt.date(2026, 12, 7),
        language="en",
        steps=[StepSpec(StepKind.POLL)],
    )


def _counts() -> tuple[int, int, int, int]:
    return (
        Organisation.objects.count(),
        Case.objects.count(),
        Referral.objects.count(),
        AuditEvent.objects.count(),
    )


def test_the_drill_runs_the_real_actions_in_the_sandbox_and_nothing_reaches_the_real_records(
    session: TrainingSession,
) -> None:
    before = _counts()
    first, second, *_rest = drill.start_drill(session)
    assert drill.start_drill(session)[0] == first  # started once
    drill.pass_on(first, second)
    pending = drill.view_for(second).incoming
    drill.accept(second, pending[0])
    assert _counts() == before  # the real database saw nothing
    with sandbox():
        assert Case.objects.count() == 1
        assert Organisation.objects.count() == 4
        assert AuditEvent.objects.count() >= 4  # the sandbox keeps its own audit chain
        assert Case.objects.get().accountable_org_id == second.sandbox_org_id


def test_the_person_moves_through_identification_referral_services_and_transfers(
    session: TrainingSession,
) -> None:
    outreach, police, social, shelter = drill.start_drill(session)
    drill.refer_for_identification(outreach)
    with pytest.raises(ActionError):
        drill.identify(outreach)  # an outreach team is not authorised to identify
    for giver, taker in ((outreach, police), (police, social), (social, shelter)):
        if giver is police:
            drill.identify(police)
        drill.pass_on(giver, taker)
        drill.accept(taker, drill.view_for(taker).incoming[0])
    drill.give_service(shelter, "shelter")
    view = drill.view_for(shelter)
    assert (view.accountable, view.stage) == (True, "identified")
    chain = drill.room_chain(session)
    assert chain is not None and chain.unbroken
    assert any("Shelter" in event.text and "started" in event.text for event in chain.events)


def test_nobody_lets_go_before_the_next_stone_accepts(session: TrainingSession) -> None:
    first, second, *_rest = drill.start_drill(session)
    with pytest.raises(ActionError, match="offer the transfer"):
        drill.let_go(first)
    drill.pass_on(first, second)
    with pytest.raises(ActionError, match="Not yet"):
        drill.let_go(first)
    with pytest.raises(ActionError, match="does not hold"):
        drill.let_go(second)
    drill.decline(second, drill.view_for(second).incoming[0])
    assert drill.view_for(first).accountable  # a decline leaves the sender accountable
    drill.pass_on(first, second)
    drill.accept(second, drill.view_for(second).incoming[0])
    assert (drill.view_for(first).accountable, drill.view_for(second).accountable) == (False, True)
    chain = drill.room_chain(session)
    assert chain is not None and chain.unbroken
    assert second.name in chain.holder
    assert any("Accepted" in event.text for event in chain.events)


def _phone(session: TrainingSession, name: str) -> tuple[Client, Participant]:
    phone = Client()
    phone.post(
        reverse("training:join"),
        {"code": session.join_code, "display_name": name, "kind": "volunteer"},
    )
    return phone, Participant.objects.get(display_name=name)


def test_groups_play_their_stones_from_their_phones(session: TrainingSession) -> None:
    outreach, _ = _phone(session, "Ana")
    police, _ = _phone(session, "Besa")
    actions.split_into_groups(session, 2)
    assert "has not started" in outreach.get(reverse("training:drill_phone")).content.decode()
    drill.start_drill(session)
    ana = Participant.objects.get(display_name="Ana")
    besa = Participant.objects.get(display_name="Besa")
    holder = outreach if drill.stone_of(session, ana.group).position == 0 else police  # type: ignore[union-attr]
    other = police if holder is outreach else outreach
    page = holder.get(reverse("training:drill_phone")).content.decode()
    assert "accountable for the person now" in page
    stopped = holder.post(reverse("training:drill_act"), {"act": "let_go"})
    assert stopped.status_code == 409
    assert holder.post(reverse("training:drill_act"), {"act": "pass_on"}).status_code == 302
    offered = other.get(reverse("training:drill_phone")).content.decode()
    assert "A transfer of responsibility is offered" in offered
    stone = drill.stone_of(session, (besa if other is police else ana).group)
    assert stone is not None
    referral = drill.view_for(stone).incoming[0]
    wrong = other.post(reverse("training:drill_act"), {"act": "accept", "referral": "999999"})
    assert wrong.status_code == 400
    taken = other.post(reverse("training:drill_act"), {"act": "accept", "referral": referral})
    assert taken.status_code == 302
    assert drill.view_for(stone).accountable
    assert Client().get(reverse("training:drill_phone")).status_code == 404  # not in the room


def test_the_projector_shows_every_stone_and_who_holds_the_person(session: TrainingSession) -> None:
    client = Client()
    client.force_login(User.objects.get(username="tina"))
    page = client.post(reverse("training:drill_start", args=[session.pk]))
    assert page.status_code == 302
    live = client.get(reverse("training:drill_live", args=[session.pk])).content.decode()
    for stone in session.stones.all():
        assert stone.name in live
    assert "Accountable for the person now" in live
