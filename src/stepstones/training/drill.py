"""The stepping-stones drill: the real referral actions and chain rules, on a fictional network.

`start_drill` builds, in the sandbox database (`training.sandbox`), a small network made from the
directory's kinds of organisation, one member for each, and one fictional person's case, opened
by the first stone. Each group plays one stone; what a group does on its phone is a real action
(`cases.actions`, `referrals.actions`) run inside `sandbox()`, so the same rules stop the same
mistakes: a transfer moves responsibility only when the receiver accepts; a decline leaves the
sender accountable. `let_go` is the mistake the drill is for: a stone that tries to drop the
person before the next one has accepted is stopped, and told who is still accountable.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from stepstones.agencies.actions import create_organisation
from stepstones.agencies.models import Kind, Membership, Role, Sector, ServiceKind
from stepstones.cases import actions as case_actions
from stepstones.cases.models import Case, HowGiven, Purpose, Stage
from stepstones.errors import conflict, invalid
from stepstones.referrals import actions as referral_actions
from stepstones.referrals.chain import Event, chain_of
from stepstones.referrals.models import (
    DeclineReason,
    Referral,
    ReferralKind,
    ReferralStatus,
    ServiceStatus,
    Urgency,
)
from stepstones.training.models import Group, Stone, TrainingSession
from stepstones.training.sandbox import sandbox

# The fictional network: one organisation of each kind a person meets on the way, in order.
NETWORK = (
    (gettext_lazy("Outreach team (drill)"), Kind.NON_GOVERNMENTAL, Sector.OUTREACH, False),
    (gettext_lazy("Police identification unit (drill)"), Kind.GOVERNMENTAL, Sector.POLICE, True),
    (gettext_lazy("Centre for Social Work (drill)"), Kind.GOVERNMENTAL, Sector.SOCIAL_WORK, False),
    (gettext_lazy("Shelter (drill)"), Kind.NON_GOVERNMENTAL, Sector.SHELTER, False),
)
SHARED_FIELDS = ("gender", "age_group", "primary_language", "summary")


def start_drill(session: TrainingSession) -> list[Stone]:
    """Build the session's fictional network and case in the sandbox (once; again is a no-op)."""
    existing = list(session.stones.all())
    if existing:
        return existing
    created: list[tuple[str, int, int]] = []
    with sandbox():
        members = []
        for index, (label, kind, sector, identifies) in enumerate(NETWORK):
            org = create_organisation(
                name=f"{label} #{session.pk}",
                kind=kind,
                sectors=[sector],
                region="Drill",
                municipality="Drill",
                services=[ServiceKind.CASE_MANAGEMENT, ServiceKind.SHELTER],
                authorised_to_identify=identifies,
            )
            user = User.objects.create_user(f"drill-{session.pk}-{index}")
            member = Membership.objects.create(
                user=user,
                organisation=org,
                role=Role.IDENTIFICATION_OFFICER if identifies else Role.CASE_MANAGER,
            )
            members.append(member)
            created.append((str(label), org.pk, member.pk))
        case = case_actions.open_case(
            by=members[0],
            summary=str(_("A fictional person met at a bus station; this is a drill.")),
            identity={"names": [{"script": "latin", "value": "Drill Person"}]},
        )
    with transaction.atomic():
        return [
            Stone.objects.create(
                session=session,
                position=index,
                name=name,
                sandbox_org_id=org_id,
                sandbox_membership_id=member_id,
                sandbox_case_id=case.pk,
            )
            for index, (name, org_id, member_id) in enumerate(created)
        ]


def stone_of(session: TrainingSession, group: Group | None) -> Stone | None:
    """Return the stone a group plays: group n plays stone n, around the network."""
    stones = list(session.stones.all())
    if not stones or group is None:
        return None
    return stones[(group.number - 1) % len(stones)]


@dataclass(frozen=True)
class StoneView:
    """What one stone sees: whether it holds the person, transfers to it, the next stone."""

    stone: Stone
    accountable: bool
    incoming: tuple[int, ...]  # ids of pending transfers to this stone
    outgoing: tuple[int, ...]  # ids of pending transfers from this stone
    next_stone: Stone | None
    closed: bool
    stage: str  # the case's stage: screening, possible victim, identified...
    identifies: bool  # this stone's organisation may record the formal identification


def view_for(stone: Stone) -> StoneView:
    """Return the stone's view of the drill's case, read in the sandbox."""
    stones = list(Stone.objects.filter(session_id=stone.session_id))
    later = [s for s in stones if s.position > stone.position]
    with sandbox():
        case = Case.objects.get(pk=stone.sandbox_case_id)
        pending = Referral.objects.filter(case=case, status=ReferralStatus.PENDING)
        incoming = tuple(
            pending.filter(to_org_id=stone.sandbox_org_id).values_list("pk", flat=True)
        )
        outgoing = tuple(
            pending.filter(from_org_id=stone.sandbox_org_id).values_list("pk", flat=True)
        )
        return StoneView(
            stone=stone,
            accountable=case.accountable_org_id == stone.sandbox_org_id,
            incoming=incoming,
            outgoing=outgoing,
            next_stone=later[0] if later else None,
            closed=not case.is_open,
            stage=case.stage,
            identifies=_member(stone).role == Role.IDENTIFICATION_OFFICER,
        )


def _member(stone: Stone) -> Membership:
    return Membership.objects.select_related("organisation", "user").get(
        pk=stone.sandbox_membership_id
    )


def pass_on(stone: Stone, to: Stone) -> None:
    """Offer the transfer of responsibility to the next stone, with the person's consent."""
    with sandbox():
        member = _member(stone)
        case = Case.objects.get(pk=stone.sandbox_case_id)
        receiver = Membership.objects.get(pk=to.sandbox_membership_id).organisation
        case_actions.record_consent(
            case,
            purpose=Purpose.CASE_TRANSFER,
            recipient=receiver,
            given_on=timezone.localdate(),
            language="en",
            how_given=HowGiven.ORAL,
            by=member,
        )
        referral_actions.send_referral(
            case,
            to_org=receiver,
            kind=ReferralKind.TRANSFER,
            purpose=Purpose.CASE_TRANSFER,
            service=ServiceKind.CASE_MANAGEMENT,
            urgency=Urgency.URGENT,
            fields=SHARED_FIELDS,
            by=member,
        )


def accept(stone: Stone, referral_id: int) -> None:
    """Accept a transfer offered to this stone: from now on it holds the person."""
    with sandbox():
        referral = Referral.objects.get(pk=referral_id)
        referral_actions.accept_referral(referral, by=_member(stone))


def decline(stone: Stone, referral_id: int) -> None:
    """Decline a transfer offered to this stone: the sender stays accountable."""
    with sandbox():
        referral = Referral.objects.get(pk=referral_id)
        referral_actions.decline_referral(
            referral, reason=DeclineReason.NO_CAPACITY, by=_member(stone)
        )


def refer_for_identification(stone: Stone) -> None:
    """The holder's screening shows a possible victim: refer for formal identification."""
    with sandbox():
        case = Case.objects.get(pk=stone.sandbox_case_id)
        case_actions.advance_stage(case, Stage.POSSIBLE_VICTIM, by=_member(stone))


def identify(stone: Stone) -> None:
    """Record the formal identification decision (a person decides; here, the group)."""
    with sandbox():
        case = Case.objects.get(pk=stone.sandbox_case_id)
        case_actions.decide_identification(
            case,
            identified=True,
            decided_on=timezone.localdate(),
            basis=str(_("Drill: the group weighed the indicators and decided.")),
            by=_member(stone),
        )


def give_service(stone: Stone, kind: str) -> None:
    """Record a service the stone gives the person it holds, and start it."""
    with sandbox():
        case = Case.objects.get(pk=stone.sandbox_case_id)
        member = _member(stone)
        service = referral_actions.record_service(case, kind=kind, by=member)
        referral_actions.advance_service(service, ServiceStatus.STARTED, by=member)


def let_go(stone: Stone) -> None:
    """Try to drop the person: always refused while this stone is accountable.

    The chain rule: a stone stays accountable until the next one accepts (a pending transfer,
    a decline or a deadline passing changes nothing). The message says who holds the person.
    """
    view = view_for(stone)
    if not view.accountable:
        raise invalid("stone", _("Your organisation does not hold the person."))
    if view.outgoing:
        raise conflict(
            _(
                "Not yet: the next organisation has not accepted. Until it does, your "
                "organisation is accountable for the person: no stone is left empty."
            )
        )
    raise conflict(
        _(
            "You hold the person: offer the transfer to the next organisation first, and stay "
            "with the person until it accepts."
        )
    )


@dataclass(frozen=True)
class RoomChain:
    """The drill's chain as the projector shows it: who holds the person, every event, gaps."""

    holder: str
    events: tuple[Event, ...]
    unbroken: bool
    closed: bool


def room_chain(session: TrainingSession, now: dt.datetime | None = None) -> RoomChain | None:
    """Return the chain of the drill's case, read in the sandbox (None before the drill)."""
    stone = session.stones.first()
    if stone is None:
        return None
    with sandbox():
        case = Case.objects.select_related("accountable_org").get(pk=stone.sandbox_case_id)
        chain = chain_of(case, now)
        return RoomChain(
            holder=case.accountable_org.name,
            events=tuple(chain.timeline()),
            unbroken=chain.unbroken,
            closed=not case.is_open,
        )
