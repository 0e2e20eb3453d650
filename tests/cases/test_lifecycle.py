"""The case lifecycle, rule by rule."""

from __future__ import annotations

import datetime as dt

import pytest

from stepstones.cases import actions
from stepstones.cases.models import Case, Purpose, Stage
from stepstones.errors import ActionError
from stepstones.referrals.models import ReferralStatus
from tests.personas import Network, build_network, open_case, refer

pytestmark = pytest.mark.django_db


@pytest.fixture
def net() -> Network:
    return build_network()


def _at(net: Network, stage: str) -> Case:
    case = open_case(net)
    if stage == Stage.SCREENING:
        return case
    if stage == Stage.ASSISTANCE:
        return actions.advance_stage(case, Stage.ASSISTANCE, by=net.nina)
    actions.advance_stage(case, Stage.POSSIBLE_VICTIM, by=net.nina)
    if stage == Stage.POSSIBLE_VICTIM:
        return case
    referral = refer(net, case, net.police, purpose=Purpose.IDENTIFICATION)
    from stepstones.referrals.actions import accept_referral

    accept_referral(referral, by=net.petar)
    return actions.decide_identification(
        case,
        identified=stage == Stage.IDENTIFIED,
        decided_on=dt.date(2026, 2, 1),
        basis="Interview with an interpreter.",
        by=net.ivan,
    )


@pytest.mark.parametrize(
    ("start", "to", "allowed"),
    [
        (Stage.SCREENING, Stage.POSSIBLE_VICTIM, True),
        (Stage.SCREENING, Stage.ASSISTANCE, True),
        (Stage.POSSIBLE_VICTIM, Stage.ASSISTANCE, False),
        (Stage.IDENTIFIED, Stage.ASSISTANCE, True),
        (Stage.NOT_IDENTIFIED, Stage.ASSISTANCE, True),
        (Stage.ASSISTANCE, Stage.POSSIBLE_VICTIM, False),
        (Stage.SCREENING, Stage.IDENTIFIED, False),
        (Stage.SCREENING, Stage.CLOSED, False),
    ],
    ids=[
        "screening-to-possible-victim",
        "screening-to-assistance (smuggling with protection needs)",
        "possible-victim-waits-for-a-decision",
        "identified-to-assistance",
        "not-identified-to-assistance",
        "no-way-back",
        "no-decision-without-its-action",
        "closing-needs-a-reason",
    ],
)
def test_it_moves_a_case_only_along_its_lifecycle(
    net: Network, start: str, to: str, allowed: bool
) -> None:
    case = _at(net, start)
    if allowed:
        assert actions.advance_stage(case, to, by=net.nina).stage == to
    else:
        with pytest.raises(ActionError) as raised:
            actions.advance_stage(case, to, by=net.nina)
        assert raised.value.field == "stage"
        case.refresh_from_db()
        assert case.stage == start


@pytest.mark.parametrize(
    ("identified", "stage", "status"),
    [
        (True, Stage.IDENTIFIED, "ActualVictimOfTrafficking"),
        (False, Stage.NOT_IDENTIFIED, "NotAVictimOfTrafficking"),
    ],
    ids=["identified", "not-identified"],
)
def test_it_records_the_decision_with_date_basis_and_who(
    net: Network, identified: bool, stage: str, status: str
) -> None:
    case = _at(net, stage)
    assert (case.stage, case.trafficking_status) == (stage, status)
    assert case.identification_date == dt.date(2026, 2, 1)
    assert case.identified_by == net.ivan.user and case.identified_by_org == net.police


def test_it_refuses_a_decision_from_an_unauthorised_organisation(net: Network) -> None:
    net.police.authorised_to_identify = False
    net.police.save()
    with pytest.raises(ActionError) as raised:
        _at(net, Stage.IDENTIFIED)
    assert raised.value.status == 403


def test_it_closes_with_a_reason_and_withdraws_pending_referrals(net: Network) -> None:
    case = open_case(net)
    referral = refer(net, case, net.social, kind="transfer", purpose=Purpose.CASE_TRANSFER)
    with pytest.raises(ActionError):
        actions.close_case(case, reason="other", note="", by=net.nina)
    actions.close_case(case, reason="lost_contact", by=net.nina)
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.WITHDRAWN
    case.refresh_from_db()
    assert (case.stage, case.accountable_org) == (Stage.CLOSED, net.ngo)
    with pytest.raises(ActionError):
        actions.advance_stage(case, Stage.ASSISTANCE, by=net.nina)
