"""Every change to referrals and services: atomic, audited, returning the changed object.

Locks are always taken in the same order, the case row first and then the referral row, so two
people acting on one case at once wait for each other instead of deadlocking or losing an update.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from stepstones.agencies.models import Membership, Organisation, ServiceKind
from stepstones.audit.chain import record
from stepstones.cases import vault
from stepstones.cases.access import may_read_identity
from stepstones.cases.actions import sharing_basis
from stepstones.cases.models import Case, Consent, Custody, Purpose, SharingOverride
from stepstones.errors import ActionError
from stepstones.errors import conflict as _conflict
from stepstones.errors import forbidden as _forbidden
from stepstones.errors import invalid as _invalid
from stepstones.referrals import packet as packets
from stepstones.referrals.models import (
    DeclineReason,
    ReasonForReferral,
    Referral,
    ReferralKind,
    ReferralStatus,
    Service,
    ServiceStatus,
    Urgency,
    WithdrawReason,
)


def response_deadline(to_org: Organisation, urgency: str, sent_at: dt.datetime) -> dt.datetime:
    """Return when the receiver must answer: its own urgent/normal setting (24 h / 72 h)."""
    hours = (
        to_org.urgent_response_hours if urgency == Urgency.URGENT else to_org.normal_response_hours
    )
    return sent_at + dt.timedelta(hours=hours)


def build_packet(
    case: Case,
    *,
    to_org: Organisation,
    kind: str,
    purpose: str,
    service: str,
    urgency: str,
    reason: str,
    fields: Sequence[str],
    note: str,
    by: Membership,
) -> dict[str, Any]:
    """Validate the referral's choices and return the packet exactly as the receiver will see it.

    Reading identity fields for the packet is an identity read and is audited by the caller
    (`preview_referral` or `send_referral`).
    """
    if not by.works_cases:
        raise _forbidden(_("Your role does not allow referring cases."))
    if case.accountable_org_id != by.organisation_id:
        raise _forbidden(_("Only the organisation accountable for this case can refer it."))
    if not case.is_open:
        raise ActionError("case_closed", _("This case is closed."), status=409)
    if to_org.pk == by.organisation_id:
        raise _invalid("to_org", _("to_org: choose another organisation than your own."))
    if kind not in ReferralKind.values:
        raise _invalid("kind", _("kind: service or transfer."))
    if purpose not in Purpose.values:
        raise _invalid("purpose", _("purpose: unknown purpose."))
    if service not in ServiceKind.values:
        raise _invalid("service", _("service: unknown service."))
    if urgency not in Urgency.values:
        raise _invalid("urgency", _("urgency: urgent or normal."))
    if reason not in ReasonForReferral.values:
        raise _invalid("reason", _("reason: unknown reason for referral."))
    chosen = list(dict.fromkeys(fields))
    unknown = [f for f in chosen if f not in packets.FIELD_LABELS]
    if unknown:
        raise _invalid(
            "fields", _("fields: unknown field(s) %(names)s.") % {"names": ", ".join(unknown)}
        )
    identity = None
    if packets.IDENTITY_FIELDS & set(chosen):
        if not may_read_identity(by, case):
            raise _forbidden(_("You may not share this person's identity."))
        vault_row = getattr(case.person, "vault", None)
        identity = vault.decrypt(vault_row.token) if vault_row is not None else {}
    return {
        "version": 1,
        "code": case.person.code,
        "kind": kind,
        "purpose": purpose,
        "service": service,
        "urgency": urgency,
        "reason": reason,
        "note": note.strip(),
        "from_org": by.organisation.name,
        "to_org": to_org.name,
        "fields": chosen,
        "values": packets.collect(case, chosen, identity),
    }


def packet_digest(packet: dict[str, Any]) -> str:
    """Return a fingerprint of a packet, to prove the sent packet is the previewed one."""
    text = json.dumps(packet, sort_keys=True, ensure_ascii=True, default=str)
    return hashlib.sha256(text.encode("ascii")).hexdigest()


def required_basis(case: Case, to_org: Organisation, purpose: str) -> Consent | SharingOverride:
    """Return what allows sharing with `to_org` for `purpose`, or refuse: consent comes first."""
    basis = sharing_basis(case, to_org, purpose)
    if basis is None:
        raise ActionError(
            "consent_required",
            _(
                "No consent covers sharing with %(org)s for this purpose: record the "
                "person's consent, or an override with its legal ground."
            )
            % {"org": to_org.name},
            field="to_org",
            status=409,
        )
    return basis


def preview_referral(case: Case, *, by: Membership, **choices: Any) -> dict[str, Any]:
    """Return the packet the receiver would see, storing nothing but the identity-read audit.

    The preview is refused, like the sending, when no consent or override covers the recipient
    and purpose: the worker learns it before looking at a packet that could not go out.
    """
    packet = build_packet(case, by=by, **choices)
    required_basis(case, choices["to_org"], choices["purpose"])
    if packets.IDENTITY_FIELDS & set(packet["fields"]):
        record(
            "identity.viewed",
            object_type="case",
            object_id=case.pk,
            actor=by.user,
            organisation=by.organisation,
            details={"person": case.person.code, "reason": "referral_preview"},
        )
    return packet


def send_referral(
    case: Case,
    *,
    to_org: Organisation,
    kind: str,
    purpose: str,
    service: str,
    urgency: str,
    fields: Sequence[str],
    by: Membership,
    reason: str = ReasonForReferral.ADDITIONAL_SERVICES,
    note: str = "",
    expect_digest: str | None = None,
) -> Referral:
    """Send a referral (or a transfer offer) with its packet, under a consent or an override.

    Nothing goes out without an active consent for this recipient and purpose, or a recorded
    override naming its legal ground. With `expect_digest` (from the preview), the referral is
    refused if the packet changed since the sender looked at it.
    """
    with transaction.atomic():
        locked = (
            Case.objects.select_for_update(of=("self",), no_key=True)
            .select_related("person")
            .get(pk=case.pk)
        )
        packet = build_packet(
            locked,
            to_org=to_org,
            kind=kind,
            purpose=purpose,
            service=service,
            urgency=urgency,
            reason=reason,
            fields=fields,
            note=note,
            by=by,
        )
        if expect_digest is not None and packet_digest(packet) != expect_digest:
            raise ActionError(
                "packet_changed",
                _("The case changed since your preview: check the preview again before sending."),
                status=409,
            )
        basis = required_basis(locked, to_org, purpose)
        now = timezone.now()
        referral = Referral.objects.create(
            case=locked,
            kind=kind,
            from_org=by.organisation,
            to_org=to_org,
            sent_by=by.user,
            purpose=purpose,
            service_requested=service,
            reason=reason,
            urgency=urgency,
            shared_fields=packet["fields"],
            includes_identity=bool(packets.IDENTITY_FIELDS & set(packet["fields"])),
            packet_token=vault.encrypt(packet),
            consent=basis if isinstance(basis, Consent) else None,
            override=None if isinstance(basis, Consent) else basis,
            sent_at=now,
            due_at=response_deadline(to_org, urgency, now),
        )
        locked.updated_at = now
        locked.save(update_fields=["updated_at"])
        record(
            "referral.sent",
            object_type="referral",
            object_id=referral.pk,
            actor=by.user,
            organisation=by.organisation,
            details={
                "case": locked.pk,
                "kind": kind,
                "to": to_org.pk,
                "fields": packet["fields"],
                "basis": "consent" if isinstance(basis, Consent) else "override",
            },
        )
    return referral


def _lock(referral: Referral) -> tuple[Case, Referral]:
    case = (
        Case.objects.select_for_update(of=("self",), no_key=True)
        .select_related("person")
        .get(pk=referral.case_id)
    )
    fresh = (
        Referral.objects.select_for_update(of=("self",), no_key=True)
        .select_related("from_org", "to_org", "consent")
        .get(pk=referral.pk)
    )
    return case, fresh


def _require_receiver(referral: Referral, by: Membership) -> None:
    if not by.works_cases or by.organisation_id != referral.to_org_id:
        raise _forbidden(_("Only the receiving organisation answers a referral."))


def _already(referral: Referral) -> ActionError:
    if referral.withdraw_reason == WithdrawReason.SUPERSEDED:
        return _conflict(
            _("Another organisation accepted a transfer of this case first; it is now theirs.")
        )
    return _conflict(
        _("This referral is already %(status)s.") % {"status": referral.get_status_display()}
    )


def accept_referral(referral: Referral, *, by: Membership, note: str = "") -> Referral:
    """Accept a referral. A transfer makes the receiver accountable, in the same transaction.

    Two people accepting at once: the second waits for the first's lock, then finds the referral
    no longer pending (or the case already transferred) and gets a clear message.
    """
    _require_receiver(referral, by)
    with transaction.atomic():
        case, fresh = _lock(referral)
        if fresh.status != ReferralStatus.PENDING:
            raise _already(fresh)
        if fresh.consent is not None and fresh.consent.withdrawn_at is not None:
            raise _conflict(
                _("The person withdrew consent; this referral can no longer be accepted.")
            )
        now = timezone.now()
        superseded: list[int] = []
        if fresh.kind == ReferralKind.TRANSFER:
            if not case.is_open:
                raise ActionError("case_closed", _("This case is closed."), status=409)
            if case.accountable_org_id != fresh.from_org_id:
                raise _conflict(
                    _("This case has already been transferred to %(org)s.")
                    % {"org": case.accountable_org.name}
                )
            Custody.objects.filter(case_id=case.pk, until__isnull=True).update(until=now)
            Custody.objects.create(
                case=case, organisation=fresh.to_org, since=now, via_referral=fresh
            )
            case.accountable_org = fresh.to_org
            case.case_owner = by.user
            case.updated_at = now
            case.save(update_fields=["accountable_org", "case_owner", "updated_at"])
            others = list(
                Referral.objects.select_for_update(no_key=True)
                .filter(case_id=case.pk, kind=ReferralKind.TRANSFER, status=ReferralStatus.PENDING)
                .exclude(pk=fresh.pk)
            )
            for other in others:
                other.status = ReferralStatus.WITHDRAWN
                other.withdraw_reason = WithdrawReason.SUPERSEDED
                other.responded_at = now
                other.save(update_fields=["status", "withdraw_reason", "responded_at"])
                superseded.append(other.pk)
        else:
            Service.objects.create(
                case=case,
                referral=fresh,
                provider=fresh.to_org,
                kind=fresh.service_requested,
                requested_at=now,
            )
        fresh.status = ReferralStatus.ACCEPTED
        fresh.responded_at = now
        fresh.responded_by = by.user
        fresh.response_note = note.strip()
        fresh.save(update_fields=["status", "responded_at", "responded_by", "response_note"])
        record(
            "referral.accepted",
            object_type="referral",
            object_id=fresh.pk,
            actor=by.user,
            organisation=by.organisation,
            details={"case": case.pk, "kind": fresh.kind, "superseded": superseded},
        )
    return fresh


def decline_referral(
    referral: Referral, *, reason: str, note: str = "", by: Membership
) -> Referral:
    """Decline with a structured reason; the sender stays accountable."""
    _require_receiver(referral, by)
    if reason not in DeclineReason.values:
        raise _invalid("reason", _("reason: choose why you decline."))
    if reason == DeclineReason.OTHER and not note.strip():
        raise _invalid("note", _("note: explain the reason."))
    with transaction.atomic():
        case, fresh = _lock(referral)
        if fresh.status != ReferralStatus.PENDING:
            raise _already(fresh)
        fresh.status = ReferralStatus.DECLINED
        fresh.decline_reason = reason
        fresh.response_note = note.strip()
        fresh.responded_at = timezone.now()
        fresh.responded_by = by.user
        fresh.save(
            update_fields=[
                "status",
                "decline_reason",
                "response_note",
                "responded_at",
                "responded_by",
            ]
        )
        record(
            "referral.declined",
            object_type="referral",
            object_id=fresh.pk,
            actor=by.user,
            organisation=by.organisation,
            details={"case": case.pk, "reason": reason},
        )
    return fresh


def withdraw_referral(referral: Referral, *, by: Membership) -> Referral:
    """The sender withdraws a pending referral; it stays accountable."""
    if not by.works_cases or by.organisation_id != referral.from_org_id:
        raise _forbidden(_("Only the sending organisation withdraws a referral."))
    with transaction.atomic():
        case, fresh = _lock(referral)
        if fresh.status != ReferralStatus.PENDING:
            raise _already(fresh)
        fresh.status = ReferralStatus.WITHDRAWN
        fresh.withdraw_reason = WithdrawReason.SENDER
        fresh.responded_at = timezone.now()
        fresh.save(update_fields=["status", "withdraw_reason", "responded_at"])
        record(
            "referral.withdrawn",
            object_type="referral",
            object_id=fresh.pk,
            actor=by.user,
            organisation=by.organisation,
            details={"case": case.pk},
        )
    return fresh


def complete_referral(referral: Referral, *, note: str, by: Membership) -> Referral:
    """The receiver marks an accepted referral done, with a note; its service completes too."""
    _require_receiver(referral, by)
    if not note.strip():
        raise _invalid("note", _("note: say what was done."))
    with transaction.atomic():
        case, fresh = _lock(referral)
        if fresh.status != ReferralStatus.ACCEPTED:
            raise _conflict(_("Only an accepted referral can be completed."))
        now = timezone.now()
        fresh.status = ReferralStatus.COMPLETED
        fresh.completed_at = now
        fresh.response_note = note.strip()
        fresh.save(update_fields=["status", "completed_at", "response_note"])
        Service.objects.filter(referral_id=fresh.pk).exclude(
            status__in=[ServiceStatus.COMPLETED, ServiceStatus.CANCELLED]
        ).update(status=ServiceStatus.COMPLETED, completed_at=now)
        record(
            "referral.completed",
            object_type="referral",
            object_id=fresh.pk,
            actor=by.user,
            organisation=by.organisation,
            details={"case": case.pk},
        )
    return fresh


def record_service(case: Case, *, kind: str, note: str = "", by: Membership) -> Service:
    """The accountable organisation records a service it gives itself."""
    if not by.works_cases or case.accountable_org_id != by.organisation_id:
        raise _forbidden(_("Only the organisation accountable for this case can change it."))
    if kind not in ServiceKind.values:
        raise _invalid("kind", _("kind: unknown service."))
    with transaction.atomic():
        service = Service.objects.create(
            case=case, provider=by.organisation, kind=kind, requested_at=timezone.now(), note=note
        )
        record(
            "service.recorded",
            object_type="service",
            object_id=service.pk,
            actor=by.user,
            organisation=by.organisation,
            details={"case": case.pk, "kind": kind},
        )
    return service


def advance_service(service: Service, status: str, *, note: str = "", by: Membership) -> Service:
    """The provider moves a service on: requested -> started -> completed (or cancelled)."""
    if not by.works_cases or by.organisation_id != service.provider_id:
        raise _forbidden(_("Only the provider updates a service."))
    allowed = {
        ServiceStatus.REQUESTED: {ServiceStatus.STARTED, ServiceStatus.CANCELLED},
        ServiceStatus.STARTED: {ServiceStatus.COMPLETED, ServiceStatus.CANCELLED},
    }
    with transaction.atomic():
        fresh = Service.objects.select_for_update(no_key=True).get(pk=service.pk)
        if status not in allowed.get(ServiceStatus(fresh.status), set()):
            raise _conflict(
                _("A %(from)s service cannot become %(to)s.")
                % {"from": fresh.get_status_display(), "to": status}
            )
        now = timezone.now()
        fresh.status = status
        if status == ServiceStatus.STARTED:
            fresh.started_at = now
        else:
            fresh.completed_at = now
        if note.strip():
            fresh.note = note.strip()
        fresh.save(update_fields=["status", "started_at", "completed_at", "note"])
        record(
            "service." + status,
            object_type="service",
            object_id=fresh.pk,
            actor=by.user,
            organisation=by.organisation,
            details={"case": fresh.case_id},
        )
    return fresh


def expiry_grace() -> dt.timedelta:
    return dt.timedelta(hours=getattr(settings, "STEPSTONES_REFERRAL_EXPIRY_HOURS", 7 * 24))


def expire_overdue(now: dt.datetime | None = None) -> list[Referral]:
    """Expire referrals unanswered long past their deadline; the sender stays accountable."""
    moment = now or timezone.now()
    expired: list[Referral] = []
    candidates = Referral.objects.filter(
        status=ReferralStatus.PENDING, due_at__lt=moment - expiry_grace()
    ).values_list("pk", flat=True)
    for pk in list(candidates):
        with transaction.atomic():
            referral = Referral.objects.get(pk=pk)
            _case, fresh = _lock(referral)
            if fresh.status != ReferralStatus.PENDING:
                continue
            fresh.status = ReferralStatus.EXPIRED
            fresh.responded_at = moment
            fresh.save(update_fields=["status", "responded_at"])
            record(
                "referral.expired",
                object_type="referral",
                object_id=fresh.pk,
                details={"case": fresh.case_id},
            )
            expired.append(fresh)
    return expired


def send_reminders(now: dt.datetime | None = None) -> list[Referral]:
    """E-mail both organisations about each overdue pending referral, at most once a day each.

    The e-mail carries no personal data: the case code, the organisations and the deadline.
    """
    from stepstones.agencies.models import CASE_WORKER_ROLES
    from stepstones.agencies.models import Membership as M

    moment = now or timezone.now()
    due = Referral.objects.select_related("case__person", "from_org", "to_org").filter(
        status=ReferralStatus.PENDING, due_at__lt=moment
    )
    reminded: list[Referral] = []
    for referral in due:
        if referral.last_reminded_at and moment - referral.last_reminded_at < dt.timedelta(
            hours=24
        ):
            continue
        org_ids = [referral.to_org_id, referral.from_org_id]
        recipients = sorted(
            {
                email
                for email in M.objects.filter(
                    organisation_id__in=org_ids,
                    active=True,
                    role__in=sorted(CASE_WORKER_ROLES),
                ).values_list("user__email", flat=True)
                if email
            }
            | {e for e in (referral.to_org.email, referral.from_org.email) if e}
        )
        if recipients:
            subject = _("Overdue referral %(code)s") % {"code": referral.case.person.code}
            body = _(
                "The referral of case %(code)s from %(from)s to %(to)s was due on %(due)s and "
                "has no answer yet. Please open stepstones and accept or decline it."
            ) % {
                "code": referral.case.person.code,
                "from": referral.from_org.name,
                "to": referral.to_org.name,
                "due": timezone.localtime(referral.due_at).strftime("%Y-%m-%d %H:%M"),
            }
            send_mail(subject, body, None, recipients)
        Referral.objects.filter(pk=referral.pk).update(last_reminded_at=moment)
        record(
            "referral.reminded",
            object_type="referral",
            object_id=referral.pk,
            details={"case": referral.case_id, "recipients": len(recipients)},
        )
        reminded.append(referral)
    return reminded
