"""Access-checked getters for referrals, their packets and services.

A referral is visible to case-working members of its sender and its receiver organisation;
everyone else gets 404. Members who only read cases (organisation admins) get 403 on writes.
The receiver sees the packet while the referral is pending, accepted or completed and the consent
or override behind it stands; after a decline, withdrawal, expiry or consent withdrawal the
receiver sees only that the referral existed.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from stepstones.agencies.access import require_membership
from stepstones.agencies.models import Membership
from stepstones.audit.chain import record
from stepstones.cases import vault
from stepstones.cases.access import holds_case
from stepstones.cases.models import Case
from stepstones.referrals.models import Referral, ReferralStatus, Service

_RECEIVER_SEES = frozenset(
    {ReferralStatus.PENDING, ReferralStatus.ACCEPTED, ReferralStatus.COMPLETED}
)


def access_referral(user: Any, referral_id: int, *, write: bool = False) -> Referral:
    """Return the referral if the user's organisation sent or received it; 404 otherwise."""
    membership = require_membership(user)
    try:
        referral = Referral.objects.select_related(
            "case", "case__person", "from_org", "to_org", "sent_by", "consent", "override"
        ).get(id=referral_id)
    except Referral.DoesNotExist:
        raise Http404 from None
    # Only the two organisations of the referral know it exists.
    if membership.organisation_id not in (referral.from_org_id, referral.to_org_id):
        raise Http404
    # Roles outside case work do not see referrals.
    if not membership.reads_cases:
        raise Http404
    # Reading members (organisation admins) may not act on it.
    if write and not membership.works_cases:
        raise PermissionDenied
    return referral


def basis_stands(referral: Referral) -> bool:
    """Whether the consent or override the referral was sent under still allows sharing."""
    if referral.override_id is not None:
        return True
    return referral.consent is not None and referral.consent.withdrawn_at is None


def may_read_packet(membership: Membership, referral: Referral) -> bool:
    """Whether the member may read the packet's contents."""
    # A packet with identity fields is for case workers only (not organisation admins).
    if referral.includes_identity and not membership.works_cases:
        return False
    # The sender wrote the packet from its own case.
    if membership.organisation_id == referral.from_org_id:
        return membership.reads_cases
    # The receiver reads it while the referral is live and its legal basis stands.
    return (
        membership.organisation_id == referral.to_org_id
        and membership.reads_cases
        and referral.status in _RECEIVER_SEES
        and basis_stands(referral)
    )


def read_packet(user: Any, referral: Referral) -> dict[str, Any]:
    """Decrypt the packet; a packet with identity fields is an identity read and is audited."""
    membership = require_membership(user)
    # No right to the contents: they do not exist for this user.
    if not may_read_packet(membership, referral):
        raise Http404
    packet = vault.decrypt(referral.packet_token)
    if referral.includes_identity:
        record(
            "identity.viewed",
            object_type="referral",
            object_id=referral.pk,
            actor=membership.user,
            organisation=membership.organisation,
            details={"person": referral.case.person.code, "reason": "referral_packet"},
        )
    return packet


def _listed() -> QuerySet[Referral]:
    # Lists never show the packet: leave its encrypted column (~1.5 kB a row) unread.
    return Referral.objects.select_related("case__person", "from_org", "to_org").defer(
        "packet_token"
    )


def inbox_for(user: Any) -> QuerySet[Referral]:
    """Return referrals addressed to the user's organisation (newest first)."""
    membership = require_membership(user)
    if not membership.reads_cases:
        return Referral.objects.none()
    return _listed().filter(to_org_id=membership.organisation_id)


def outbox_for(user: Any) -> QuerySet[Referral]:
    """Return referrals sent by the user's organisation (newest first)."""
    membership = require_membership(user)
    if not membership.reads_cases:
        return Referral.objects.none()
    return _listed().filter(from_org_id=membership.organisation_id)


def overdue_for(user: Any) -> QuerySet[Referral]:
    """Return pending referrals past their deadline that the user's organisation sent or got."""
    membership = require_membership(user)
    if not membership.reads_cases:
        return Referral.objects.none()
    org = membership.organisation_id
    return _listed().filter(
        Q(to_org_id=org) | Q(from_org_id=org),
        status=ReferralStatus.PENDING,
        due_at__lt=timezone.now(),
    )


def partner_scope(membership: Membership, case: Case) -> int | None:
    """The organisation whose own referrals and services the member sees on a readable case.

    None for the organisation holding the case (it sees them all); a partner or former holder
    sees only the referrals its own organisation sent or received and the services it provides.
    """
    return None if holds_case(membership, case) else membership.organisation_id


def scoped_referrals(case: Case, only_org: int | None) -> QuerySet[Referral]:
    """Return the case's referrals; with `only_org`, those that organisation sent or received."""
    referrals = Referral.objects.filter(case_id=case.pk)
    if only_org is not None:
        referrals = referrals.filter(Q(from_org_id=only_org) | Q(to_org_id=only_org))
    return referrals


def scoped_services(case: Case, only_org: int | None) -> QuerySet[Service]:
    """Return the case's services; with `only_org`, those that organisation provides."""
    services = Service.objects.filter(case_id=case.pk)
    if only_org is not None:
        services = services.filter(provider_id=only_org)
    return services


def case_referrals_for(membership: Membership, case: Case) -> QuerySet[Referral]:
    """Return the referrals of a case (already access-checked) that the member sees."""
    # Pages and API lists never show the packet: leave its encrypted column unread.
    return (
        scoped_referrals(case, partner_scope(membership, case))
        .select_related("case__person", "from_org", "to_org")
        .defer("packet_token")
    )


def case_services_for(membership: Membership, case: Case) -> QuerySet[Service]:
    """Return the services of a case (already access-checked) that the member sees."""
    return scoped_services(case, partner_scope(membership, case)).select_related("provider")


def access_service(user: Any, service_id: int, *, write: bool = False) -> Service:
    """Return a service to its provider or the case's accountable organisation; 404 otherwise.

    Writes (start, complete) are the provider's: the holder reading it gets 403 on a write.
    """
    membership = require_membership(user)
    try:
        service = Service.objects.select_related("case", "case__person", "provider").get(
            id=service_id
        )
    except Service.DoesNotExist:
        raise Http404 from None
    org = membership.organisation_id
    # Only the provider and the case's holder know the service.
    if org not in (service.provider_id, service.case.accountable_org_id):
        raise Http404
    if not membership.reads_cases:
        raise Http404
    # Only the provider's case workers change the service.
    if write and (org != service.provider_id or not membership.works_cases):
        raise PermissionDenied
    return service
