"""The unbroken chain, consent before sharing, and need to know, through the actions."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from stepstones.audit.models import AuditEvent
from stepstones.cases import actions as case_actions
from stepstones.cases.access import access_case, read_identity
from stepstones.cases.models import Custody, LegalGround, Purpose
from stepstones.errors import ActionError
from stepstones.referrals import actions
from stepstones.referrals.access import access_referral, read_packet
from stepstones.referrals.models import ReferralStatus, Service
from tests.personas import Network, build_network, open_case, refer

pytestmark = pytest.mark.django_db


@pytest.fixture
def net() -> Network:
    return build_network()


def _holder(case_id: int) -> int:
    open_custody = Custody.objects.filter(case_id=case_id, until__isnull=True)
    assert open_custody.count() == 1
    return open_custody.get().organisation_id


def test_it_makes_the_receiver_accountable_only_when_a_transfer_is_accepted(net: Network) -> None:
    case = open_case(net)
    referral = refer(net, case, net.social, kind="transfer", purpose=Purpose.CASE_TRANSFER)
    case.refresh_from_db()
    assert case.accountable_org_id == net.ngo.pk == _holder(case.pk)
    actions.accept_referral(referral, by=net.sara)
    case.refresh_from_db()
    assert case.accountable_org_id == net.social.pk == _holder(case.pk)


@pytest.mark.parametrize(
    "ending",
    ["decline", "withdraw", "expire"],
    ids=["declined", "withdrawn", "expired"],
)
def test_it_keeps_the_sender_accountable_when_a_transfer_does_not_happen(
    net: Network, ending: str
) -> None:
    case = open_case(net)
    referral = refer(net, case, net.social, kind="transfer", purpose=Purpose.CASE_TRANSFER)
    if ending == "decline":
        actions.decline_referral(referral, reason="no_capacity", by=net.sara)
    elif ending == "withdraw":
        actions.withdraw_referral(referral, by=net.nina)
    else:
        import datetime as dt

        actions.expire_overdue(referral.due_at + dt.timedelta(days=30))
    referral.refresh_from_db()
    assert referral.status != ReferralStatus.PENDING
    case.refresh_from_db()
    assert case.accountable_org_id == net.ngo.pk == _holder(case.pk)
    with pytest.raises(ActionError):
        actions.accept_referral(referral, by=net.sara)


def test_it_refuses_to_share_without_consent_or_override(net: Network) -> None:
    case = open_case(net)
    with pytest.raises(ActionError) as raised:
        refer(net, case, net.social, with_consent=False)
    assert raised.value.code == "consent_required"
    assert not case.referrals.exists()


def test_it_shares_under_a_recorded_override_and_shows_its_ground(net: Network) -> None:
    case = open_case(net)
    case_actions.record_override(
        case,
        recipient=net.social,
        purpose=Purpose.ASSISTANCE,
        legal_ground=LegalGround.DANGER_TO_LIFE,
        justification="The trafficker is looking for her tonight.",
        by=net.nina,
    )
    referral = refer(net, case, net.social, with_consent=False)
    assert referral.override is not None
    assert referral.override.legal_ground == "danger_to_life"


def test_it_refuses_a_child_best_interests_override_for_an_adult(net: Network) -> None:
    case = open_case(net)
    with pytest.raises(ActionError) as raised:
        case_actions.record_override(
            case,
            recipient=net.social,
            purpose=Purpose.ASSISTANCE,
            legal_ground=LegalGround.CHILD_BEST_INTERESTS,
            justification="Needs a guardian appointed at once.",
            by=net.nina,
        )
    assert raised.value.field == "legal_ground"


def test_it_shares_nothing_more_after_consent_is_withdrawn(net: Network) -> None:
    case = open_case(net)
    referral = refer(net, case, net.social)
    given = referral.consent
    assert given is not None
    case_actions.withdraw_consent(given, by=net.nina)
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.WITHDRAWN
    with pytest.raises(Http404):
        read_packet(net.sara.user, access_referral(net.sara.user, referral.pk))
    with pytest.raises(ActionError):
        actions.send_referral(
            case,
            to_org=net.social,
            kind="service",
            purpose=Purpose.ASSISTANCE,
            service="shelter",
            urgency="normal",
            fields=["gender"],
            by=net.nina,
        )


def test_it_hides_an_accepted_packet_once_consent_is_withdrawn(net: Network) -> None:
    case = open_case(net)
    referral = refer(net, case, net.social)
    actions.accept_referral(referral, by=net.sara)
    assert read_packet(net.sara.user, referral)["values"]["names"][0]["value"] == "Amira Testova"
    assert referral.consent is not None
    case_actions.withdraw_consent(referral.consent, by=net.nina)
    referral.refresh_from_db()
    with pytest.raises(Http404):
        read_packet(net.sara.user, referral)


def test_it_creates_a_service_when_a_service_referral_is_accepted(net: Network) -> None:
    case = open_case(net)
    referral = refer(net, case, net.social)
    actions.accept_referral(referral, by=net.sara)
    service = Service.objects.get(referral=referral)
    assert (service.provider_id, service.status) == (net.social.pk, "requested")
    actions.advance_service(service, "started", by=net.sara)
    actions.complete_referral(referral, note="Placed in the shelter.", by=net.sara)
    service.refresh_from_db()
    assert service.status == "completed"


def test_it_audits_every_identity_read(net: Network) -> None:
    case = open_case(net)
    before = AuditEvent.objects.filter(action="identity.viewed").count()
    identity = read_identity(net.nina.user, case)
    assert identity["names"][0]["value"] == "Amira Testova"
    assert AuditEvent.objects.filter(action="identity.viewed").count() == before + 1
    event = AuditEvent.objects.filter(action="identity.viewed").last()
    assert event is not None
    assert "Amira" not in str(event.details)


@pytest.mark.parametrize("who", ["olga", "sara", "cora", "audrey", "otto", "petar"])
def test_it_shows_identity_only_to_the_holders_case_workers(net: Network, who: str) -> None:
    case = open_case(net)
    with pytest.raises(Http404):
        read_identity(net.user(who), case)


def test_it_gives_the_org_admin_read_only_access(net: Network) -> None:
    case = open_case(net)
    assert access_case(net.olga.user, case.pk) == case
    with pytest.raises(PermissionDenied):
        access_case(net.olga.user, case.pk, write=True)


def test_it_lets_only_an_authorised_identification_officer_decide(net: Network) -> None:
    import datetime as dt

    case = open_case(net)
    case_actions.advance_stage(case, "possible_victim", by=net.nina)
    referral = refer(net, case, net.police, purpose=Purpose.IDENTIFICATION)
    actions.accept_referral(referral, by=net.petar)
    with pytest.raises(ActionError):
        case_actions.decide_identification(
            case, identified=True, decided_on=dt.date(2026, 2, 1), basis="Interview.", by=net.nina
        )
    case_actions.decide_identification(
        case,
        identified=True,
        decided_on=dt.date(2026, 2, 1),
        basis="Interview and documents confirm forced labour.",
        by=net.ivan,
    )
    case.refresh_from_db()
    assert (case.stage, case.trafficking_status, case.decision_making_org) == (
        "identified",
        "ActualVictimOfTrafficking",
        "Police",
    )


def test_it_tells_the_chain_in_time_order(net: Network) -> None:
    from stepstones.referrals.chain import chain_of

    case = open_case(net)
    referral = refer(net, case, net.social, kind="transfer", purpose=Purpose.CASE_TRANSFER)
    actions.accept_referral(referral, by=net.sara)
    case.refresh_from_db()
    texts = [e.text for e in chain_of(case).timeline()]
    assert texts[0] == "Open Door Outreach became accountable"
    assert texts[1].startswith("Open Door Outreach sent a Transfer of responsibility to Centre")
    assert texts[-2:] == [
        "Centre for Social Work Lakeside became accountable",
        "Accepted (Centre for Social Work Lakeside)",
    ] or texts[-2:] == [
        "Accepted (Centre for Social Work Lakeside)",
        "Centre for Social Work Lakeside became accountable",
    ]
    assert [link.organisation for link in chain_of(case).links] == [
        "Open Door Outreach",
        "Centre for Social Work Lakeside",
    ]


@pytest.mark.parametrize(
    ("who", "visible"),
    [("nina", True), ("olga", True), ("sara", False), ("otto", False), ("cora", False)],
    ids=["holder", "holders-admin", "pending-receiver", "outsider", "coordinator"],
)
def test_it_loads_a_person_only_through_a_readable_case(
    net: Network, who: str, visible: bool
) -> None:
    from stepstones.cases.access import access_person

    case = open_case(net)
    refer(net, case, net.social)
    if visible:
        assert access_person(net.user(who), case.person_id) == case.person
    else:
        with pytest.raises(Http404):
            access_person(net.user(who), case.person_id)
    with pytest.raises(Http404):
        access_person(net.user(who), 10**9)
