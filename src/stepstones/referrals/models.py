"""Referrals between organisations (with their packet) and the services a case receives."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stepstones.agencies.models import Organisation, ServiceKind
from stepstones.cases.fields import EncryptedTextField
from stepstones.cases.models import Case, Consent, Purpose, SharingOverride
from stepstones.choices import ChoiceLabels


class ReferralKind(models.TextChoices):
    SERVICE = "service", _("Service referral")
    TRANSFER = "transfer", _("Transfer of responsibility")


class ReferralStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    COMPLETED = "completed", _("Completed")
    EXPIRED = "expired", _("Expired")


class Urgency(models.TextChoices):
    URGENT = "urgent", _("Urgent (answer within 24 hours)")
    NORMAL = "normal", _("Normal (answer within 72 hours)")


class ReasonForReferral(models.TextChoices):
    """HTCDS `cas_ReasonForOutgoingReferral` / `cas_ReasonForIncomingReferral`."""

    ADDITIONAL_SERVICES = "AdditionalServicesRequired", _("Additional services required")
    MIGRATION = "MigrationOrChangeOfLocation", _("Migration or change of location")
    OTHER = "Other", _("Other")


class DeclineReason(models.TextChoices):
    NO_CAPACITY = "no_capacity", _("No capacity at the moment")
    SERVICE_NOT_OFFERED = "service_not_offered", _("We do not offer this service")
    OUTSIDE_AREA = "outside_area", _("Outside our area")
    NOT_ELIGIBLE = "not_eligible", _("The person is not eligible for our service")
    PERSON_UNREACHABLE = "person_unreachable", _("We could not reach the person")
    INSUFFICIENT_INFORMATION = "insufficient_information", _("Not enough information to act")
    OTHER = "other", _("Other")


class WithdrawReason(models.TextChoices):
    SENDER = "sender", _("Withdrawn by the sender")
    CONSENT_WITHDRAWN = "consent_withdrawn", _("The person withdrew consent")
    SUPERSEDED = "superseded", _("Another transfer of this case was accepted")
    CASE_CLOSED = "case_closed", _("The case was closed")


class Referral(ChoiceLabels):
    """A packet sent from the accountable organisation to another one, under consent or override.

    The packet (purpose, service, urgency, the chosen fields and their values at sending time) is
    frozen and encrypted in `packet_token`: the receiver sees exactly what the sender previewed.
    """

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="referrals")
    kind = models.CharField(_("kind"), max_length=10, choices=ReferralKind.choices)
    from_org = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="sent_referrals"
    )
    to_org = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="received_referrals"
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose.choices)
    service_requested = models.CharField(
        _("service requested"), max_length=30, choices=ServiceKind.choices
    )
    reason = models.CharField(
        _("reason for referral"),
        max_length=40,
        choices=ReasonForReferral.choices,
        default=ReasonForReferral.ADDITIONAL_SERVICES,
    )
    urgency = models.CharField(_("urgency"), max_length=10, choices=Urgency.choices)
    shared_fields = models.JSONField(_("fields shared"), default=list)
    includes_identity = models.BooleanField(default=False)
    packet_token = models.TextField()
    consent = models.ForeignKey(
        Consent, null=True, blank=True, on_delete=models.PROTECT, related_name="referrals"
    )
    override = models.ForeignKey(
        SharingOverride, null=True, blank=True, on_delete=models.PROTECT, related_name="referrals"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ReferralStatus.choices, default=ReferralStatus.PENDING
    )
    sent_at = models.DateTimeField()
    due_at = models.DateTimeField()
    responded_at = models.DateTimeField(null=True, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decline_reason = models.CharField(
        _("reason for declining"), max_length=30, choices=DeclineReason.choices, blank=True
    )
    withdraw_reason = models.CharField(max_length=20, choices=WithdrawReason.choices, blank=True)
    response_note = EncryptedTextField(_("note"), blank=True)  # encrypted: cases.fields
    completed_at = models.DateTimeField(null=True, blank=True)
    last_reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-sent_at", "-id"]
        indexes = [
            models.Index(fields=["to_org", "status", "due_at"]),
            models.Index(fields=["from_org", "status", "due_at"]),
            # The inbox's sections with every status: earliest deadline first, ties by id.
            models.Index(fields=["to_org", "due_at", "id"]),
            models.Index(fields=["from_org", "due_at", "id"]),
            # "Does this organisation work on this case?" (partner cases, case access).
            models.Index(fields=["case", "to_org", "status"]),
        ]

    def __str__(self) -> str:
        return f"referral {self.pk} {self.from_org_id}->{self.to_org_id} ({self.status})"

    def is_overdue(self, now: dt.datetime | None = None) -> bool:
        """Pending past its deadline: a gap at risk in the chain."""
        moment = timezone.now() if now is None else now
        return self.status == ReferralStatus.PENDING and self.due_at < moment


class ServiceStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    STARTED = "started", _("Started")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


class Service(ChoiceLabels):
    """A service a case receives from a provider organisation."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="services")
    referral = models.OneToOneField(
        Referral, null=True, blank=True, on_delete=models.PROTECT, related_name="service"
    )
    provider = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="services_given"
    )
    kind = models.CharField(_("service"), max_length=30, choices=ServiceKind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=ServiceStatus.choices, default=ServiceStatus.REQUESTED
    )
    requested_at = models.DateTimeField()
    started_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    note = EncryptedTextField(_("note"), blank=True)  # encrypted at rest: cases.fields

    class Meta:
        ordering = ["requested_at", "id"]

    def __str__(self) -> str:
        return f"{self.kind} for case {self.case_id} by {self.provider_id}"
