"""API v1: referrals and their packets, services, and the chain of a case.

Same getters and actions as the referral pages; a packet holding identity fields is an identity
read and is audited by `read_packet`, exactly as on the referral page.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Query, Router, Schema, Status
from pydantic import Field

from stepstones.agencies.access import access_organisation
from stepstones.agencies.models import ServiceKind
from stepstones.api.auth import AUTH, caller
from stepstones.api.common import OrgRef, PageInfo, PageQuery, acting_member, org_ref, paginate
from stepstones.cases.access import access_case
from stepstones.cases.models import Purpose
from stepstones.referrals import actions
from stepstones.referrals import packet as packets
from stepstones.referrals.access import (
    access_referral,
    access_service,
    case_referrals_for,
    case_services_for,
    inbox_for,
    outbox_for,
    overdue_for,
    partner_scope,
    read_packet,
)
from stepstones.referrals.chain import chain_of
from stepstones.referrals.models import (
    ReasonForReferral,
    Referral,
    ReferralKind,
    ReferralStatus,
    Service,
    ServiceStatus,
    Urgency,
)

router = Router(auth=AUTH, tags=["referrals"])


# --- output -------------------------------------------------------------------------------


class ReferralOut(Schema):
    id: int
    case_id: int
    code: str = Field(description="The person's pseudonymous case code.")
    kind: ReferralKind
    from_org: OrgRef
    to_org: OrgRef
    purpose: Purpose
    service_requested: ServiceKind
    reason: ReasonForReferral
    urgency: Urgency
    shared_fields: list[str]
    includes_identity: bool
    basis: Literal["consent", "override"] = Field(
        description="What the sharing stands on: a consent or a recorded override."
    )
    status: ReferralStatus
    sent_at: dt.datetime
    due_at: dt.datetime
    overdue: bool
    responded_at: dt.datetime | None
    decline_reason: str
    withdraw_reason: str
    response_note: str
    completed_at: dt.datetime | None


class ReferralListOut(Schema):
    items: list[ReferralOut]
    page: PageInfo


def referral_out(referral: Referral, now: dt.datetime | None = None) -> dict[str, Any]:
    return {
        "id": referral.pk,
        "case_id": referral.case_id,
        "code": referral.case.person.code,
        "kind": referral.kind,
        "from_org": org_ref(referral.from_org),
        "to_org": org_ref(referral.to_org),
        "purpose": referral.purpose,
        "service_requested": referral.service_requested,
        "reason": referral.reason,
        "urgency": referral.urgency,
        "shared_fields": list(referral.shared_fields),
        "includes_identity": referral.includes_identity,
        "basis": "override" if referral.override_id is not None else "consent",
        "status": referral.status,
        "sent_at": referral.sent_at,
        "due_at": referral.due_at,
        "overdue": referral.is_overdue(now),
        "responded_at": referral.responded_at,
        "decline_reason": referral.decline_reason,
        "withdraw_reason": referral.withdraw_reason,
        "response_note": referral.response_note,
        "completed_at": referral.completed_at,
    }


class PacketLineOut(Schema):
    key: str
    label: str
    value: str
    identity: bool


class PacketOut(Schema):
    """The packet exactly as the receiver sees it: raw `packet` and its labelled `lines`."""

    packet: dict[str, Any]
    lines: list[PacketLineOut]


def packet_out(packet: dict[str, Any]) -> dict[str, Any]:
    return {"packet": packet, "lines": [line.__dict__ for line in packets.lines(packet)]}


class ServiceOut(Schema):
    id: int
    case_id: int
    referral_id: int | None
    provider: OrgRef
    kind: ServiceKind
    status: ServiceStatus
    requested_at: dt.datetime
    started_at: dt.datetime | None
    completed_at: dt.datetime | None
    note: str


def service_out(service: Service) -> dict[str, Any]:
    return {
        "id": service.pk,
        "case_id": service.case_id,
        "referral_id": service.referral_id,
        "provider": org_ref(service.provider),
        "kind": service.kind,
        "status": service.status,
        "requested_at": service.requested_at,
        "started_at": service.started_at,
        "completed_at": service.completed_at,
        "note": service.note,
    }


# --- input --------------------------------------------------------------------------------


class ReferralListQuery(PageQuery):
    box: Literal["inbox", "outbox", "overdue"] = Field(
        "inbox",
        description="`inbox`: sent to your organisation; `outbox`: sent by it; `overdue`: "
        "pending past the deadline, either way.",
    )
    status: ReferralStatus | None = None


class ReferralIn(Schema):
    to_org_id: int
    kind: str = "service"
    purpose: str
    service: str
    urgency: str = "normal"
    reason: str = "AdditionalServicesRequired"
    fields: list[str] = Field(
        default_factory=list,
        description="The fields to share: " + ", ".join(packets.ALL_FIELDS) + ".",
    )
    note: str = Field("", max_length=10_000)


class NoteIn(Schema):
    note: str = Field("", max_length=10_000)


class DeclineIn(Schema):
    reason: str
    note: str = Field("", max_length=10_000)


class ServiceIn(Schema):
    kind: str
    note: str = Field("", max_length=10_000)


class ServiceAdvanceIn(Schema):
    status: str
    note: str = Field("", max_length=10_000)


# --- endpoints ----------------------------------------------------------------------------


@router.get("/referrals", response=ReferralListOut, url_name="referral_list")
def list_referrals(request: HttpRequest, query: Query[ReferralListQuery]) -> dict[str, Any]:
    """List your organisation's referrals, earliest deadline first (no packet contents)."""
    user = caller(request)
    # Roles outside case work have no referral inbox (404, as the page).
    if not acting_member(request).reads_cases:
        raise Http404
    boxes = {"inbox": inbox_for, "outbox": outbox_for, "overdue": overdue_for}
    referrals = boxes[query.box](user)
    if query.status is not None:
        referrals = referrals.filter(status=query.status)
    # The boxes already leave the encrypted packet (the widest column) unread.
    rows, page = paginate(referrals.order_by("due_at", "id"), query)
    now = timezone.now()
    return {"items": [referral_out(r, now) for r in rows], "page": page}


@router.get("/cases/{case_id}/referrals", response=list[ReferralOut], url_name="case_referral_list")
def list_case_referrals(request: HttpRequest, case_id: int) -> list[dict[str, Any]]:
    """List a case's referrals: all of them for its holder, your own for a partner (as the page)."""
    case = access_case(caller(request), case_id)
    membership = acting_member(request)
    # A partner or former holder sees only the referrals its own organisation sent or received.
    referrals = case_referrals_for(membership, case)
    now = timezone.now()
    return [referral_out(r, now) for r in referrals.order_by("sent_at", "id")]


@router.post("/cases/{case_id}/referrals/preview", response=PacketOut, url_name="referral_preview")
def preview_referral(request: HttpRequest, case_id: int, payload: ReferralIn) -> dict[str, Any]:
    """Return exactly what the receiver would see; stores nothing (identity reads are audited)."""
    case = access_case(caller(request), case_id, write=True)
    to_org = access_organisation(caller(request), payload.to_org_id)
    packet = actions.preview_referral(
        case,
        by=acting_member(request),
        to_org=to_org,
        kind=payload.kind,
        purpose=payload.purpose,
        service=payload.service,
        urgency=payload.urgency,
        reason=payload.reason,
        fields=payload.fields,
        note=payload.note,
    )
    return packet_out(packet)


@router.post("/cases/{case_id}/referrals", response={201: ReferralOut}, url_name="referral_send")
def send_referral(
    request: HttpRequest, case_id: int, payload: ReferralIn
) -> Status[dict[str, Any]]:
    """Send a referral (or a transfer offer) under a consent or a recorded override."""
    case = access_case(caller(request), case_id, write=True)
    to_org = access_organisation(caller(request), payload.to_org_id)
    referral = actions.send_referral(
        case,
        by=acting_member(request),
        to_org=to_org,
        kind=payload.kind,
        purpose=payload.purpose,
        service=payload.service,
        urgency=payload.urgency,
        reason=payload.reason,
        fields=payload.fields,
        note=payload.note,
    )
    return Status(201, referral_out(access_referral(caller(request), referral.pk)))


@router.get("/referrals/{referral_id}", response=ReferralOut, url_name="referral_detail")
def get_referral(request: HttpRequest, referral_id: int) -> dict[str, Any]:
    """Read one referral's envelope (the packet has its own endpoint)."""
    return referral_out(access_referral(caller(request), referral_id))


@router.get("/referrals/{referral_id}/packet", response=PacketOut, url_name="referral_packet")
def get_packet(request: HttpRequest, referral_id: int) -> dict[str, Any]:
    """Read the packet; one with identity fields is an audited identity read.

    The receiver reads it while the referral is pending, accepted or completed and the consent
    (or override) behind it stands; otherwise it is not found.
    """
    referral = access_referral(caller(request), referral_id)
    return packet_out(read_packet(caller(request), referral))


def _answer(request: HttpRequest, referral_id: int) -> tuple[Referral, Any]:
    return access_referral(caller(request), referral_id, write=True), acting_member(request)


@router.post("/referrals/{referral_id}/accept", response=ReferralOut, url_name="referral_accept")
def accept(request: HttpRequest, referral_id: int, payload: NoteIn) -> dict[str, Any]:
    """Accept (the receiver); a transfer makes your organisation accountable."""
    referral, by = _answer(request, referral_id)
    actions.accept_referral(referral, by=by, note=payload.note)
    return referral_out(access_referral(caller(request), referral_id))


@router.post("/referrals/{referral_id}/decline", response=ReferralOut, url_name="referral_decline")
def decline(request: HttpRequest, referral_id: int, payload: DeclineIn) -> dict[str, Any]:
    """Decline with a structured reason (the receiver); the sender stays accountable."""
    referral, by = _answer(request, referral_id)
    actions.decline_referral(referral, reason=payload.reason, note=payload.note, by=by)
    return referral_out(access_referral(caller(request), referral_id))


@router.post(
    "/referrals/{referral_id}/withdraw", response=ReferralOut, url_name="referral_withdraw"
)
def withdraw(request: HttpRequest, referral_id: int) -> dict[str, Any]:
    """Withdraw a pending referral (the sender)."""
    referral, by = _answer(request, referral_id)
    actions.withdraw_referral(referral, by=by)
    return referral_out(access_referral(caller(request), referral_id))


@router.post(
    "/referrals/{referral_id}/complete", response=ReferralOut, url_name="referral_complete"
)
def complete(request: HttpRequest, referral_id: int, payload: NoteIn) -> dict[str, Any]:
    """Mark an accepted referral done, with a note (the receiver)."""
    referral, by = _answer(request, referral_id)
    actions.complete_referral(referral, note=payload.note, by=by)
    return referral_out(access_referral(caller(request), referral_id))


@router.get("/cases/{case_id}/services", response=list[ServiceOut], url_name="service_list")
def list_services(request: HttpRequest, case_id: int) -> list[dict[str, Any]]:
    """List the services the case receives (a partner sees the ones it provides, as the page)."""
    case = access_case(caller(request), case_id)
    membership = acting_member(request)
    return [service_out(s) for s in case_services_for(membership, case)]


@router.post("/cases/{case_id}/services", response={201: ServiceOut}, url_name="service_record")
def record_service(
    request: HttpRequest, case_id: int, payload: ServiceIn
) -> Status[dict[str, Any]]:
    """Record a service your organisation (the holder) gives itself."""
    case = access_case(caller(request), case_id, write=True)
    service = actions.record_service(
        case, kind=payload.kind, note=payload.note, by=acting_member(request)
    )
    return Status(201, service_out(access_service(caller(request), service.pk)))


@router.get("/services/{service_id}", response=ServiceOut, url_name="service_detail")
def get_service(request: HttpRequest, service_id: int) -> dict[str, Any]:
    """Read one service (its provider and the case's holder)."""
    return service_out(access_service(caller(request), service_id))


@router.post("/services/{service_id}/advance", response=ServiceOut, url_name="service_advance")
def advance_service(
    request: HttpRequest, service_id: int, payload: ServiceAdvanceIn
) -> dict[str, Any]:
    """Move a service on: requested -> started -> completed, or cancelled (the provider)."""
    service = access_service(caller(request), service_id, write=True)
    fresh = actions.advance_service(
        service, payload.status, note=payload.note, by=acting_member(request)
    )
    return service_out(access_service(caller(request), fresh.pk))


class LinkOut(Schema):
    organisation: str
    since: dt.datetime
    until: dt.datetime | None


class GapOut(Schema):
    kind: Literal["unheld", "at_risk"] = Field(
        description="`unheld` (nobody accountable) or `at_risk` (overdue)."
    )
    start: dt.datetime
    end: dt.datetime | None
    referral_id: int | None


class ChainOut(Schema):
    case_id: int
    code: str
    unbroken: bool
    links: list[LinkOut]
    referrals: list[ReferralOut]
    services: list[ServiceOut]
    gaps: list[GapOut]


@router.get("/cases/{case_id}/chain", response=ChainOut, url_name="case_chain")
def get_chain(request: HttpRequest, case_id: int) -> dict[str, Any]:
    """The chain: every organisation that held the case, each referral and service, the gaps."""
    case = access_case(caller(request), case_id)
    membership = acting_member(request)
    # A partner or former holder sees every holding period but only its own referrals/services.
    only = partner_scope(membership, case)
    now = timezone.now()
    chain = chain_of(case, now, only_org=only)
    for referral in chain.referrals:
        referral.case = case  # already loaded: no query per referral for its case code
    return {
        "case_id": case.pk,
        "code": case.person.code,
        "unbroken": chain.unbroken,
        "links": [link.__dict__ for link in chain.links],
        "referrals": [referral_out(r, now) for r in chain.referrals],
        "services": [service_out(s) for s in chain.services],
        "gaps": [gap.__dict__ for gap in chain.gaps],
    }
