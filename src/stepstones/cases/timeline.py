"""A case's history as one timeline: what was done, by which organisation, and the notes.

The timeline is read from the case's own records (custody, screenings, consents, overrides,
referrals, services, notes) and, for stage changes, from the audit log, so it never disagrees
with them. What a member sees follows the case page's rule: the accountable organisation sees
everything; a partner or former holder sees its own referrals, services and notes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from stepstones.agencies.models import Membership
from stepstones.audit.models import AuditEvent
from stepstones.cases import vault
from stepstones.cases.access import holds_case
from stepstones.cases.models import Case, CaseNote, Stage
from stepstones.referrals.access import case_referrals_for, case_services_for
from stepstones.referrals.models import ReferralStatus
from stepstones.web.words import outcome_label


@dataclass(frozen=True)
class Entry:
    """One line of the timeline: when, what (in words), which organisation, and any note."""

    at: dt.datetime
    what: str
    who: str
    note: str = ""
    kind: str = "action"  # "action" or "note": the page marks notes apart


def visible_notes(membership: Membership, case: Case) -> QuerySet[CaseNote]:
    """The case's notes this member reads, newest first: its own organisation's, or all of them
    for the accountable organisation."""
    notes = CaseNote.objects.filter(case_id=case.pk).select_related("organisation")
    if not holds_case(membership, case):
        notes = notes.filter(organisation_id=membership.organisation_id)
    return notes.order_by("-written_at", "-id")


def with_text(notes: Iterable[CaseNote]) -> list[CaseNote]:
    """Decrypt the notes' text into `.text` (only the notes a page shows)."""
    rows = list(notes)
    for note in rows:
        note.text = vault.decrypt(note.token).get("text", "")  # type: ignore[attr-defined]
    return rows


def timeline(membership: Membership, case: Case) -> list[Entry]:
    """Every entry this member may see, newest first."""
    full = holds_case(membership, case)
    entries: list[Entry] = []
    if full:
        entries += _case_entries(case)
    entries += _referral_entries(membership, case)
    entries += _service_entries(membership, case)
    for note in with_text(visible_notes(membership, case)):
        entries.append(
            Entry(
                note.written_at,
                _("Note by %(user)s") % {"user": note.author_username},
                note.organisation.name,
                note.text,  # type: ignore[attr-defined]
                kind="note",
            )
        )
    entries.sort(key=lambda entry: entry.at, reverse=True)
    return entries


def _case_entries(case: Case) -> list[Entry]:
    entries: list[Entry] = []
    custody = list(case.custody.select_related("organisation").order_by("since", "id"))
    for number, period in enumerate(custody):
        what = _("Case opened") if number == 0 else _("Became accountable for the case")
        entries.append(Entry(period.since, what, period.organisation.name))
    for assessment in case.assessments.select_related("organisation").only(
        "assessed_at", "outcome", "organisation__name"
    ):
        entries.append(
            Entry(
                assessment.assessed_at,
                _("Screening: %(outcome)s") % {"outcome": outcome_label(assessment.outcome)},
                assessment.organisation.name,
            )
        )
    for consent in case.consents.select_related("recipient"):
        words = {"org": consent.recipient.name, "purpose": consent.get_purpose_display()}
        entries.append(
            Entry(
                consent.recorded_at,
                _("Consent recorded: sharing with %(org)s for %(purpose)s") % words,
                case.accountable_org.name,
            )
        )
        if consent.withdrawn_at is not None:
            entries.append(
                Entry(
                    consent.withdrawn_at,
                    _("Consent withdrawn: sharing with %(org)s for %(purpose)s") % words,
                    case.accountable_org.name,
                )
            )
    for override in case.overrides.select_related("recipient"):
        entries.append(
            Entry(
                override.recorded_at,
                _("Shared without consent with %(org)s: %(ground)s")
                % {"org": override.recipient.name, "ground": override.get_legal_ground_display()},
                case.accountable_org.name,
                override.justification,
            )
        )
    changes = AuditEvent.objects.filter(
        object_type="case", object_id=str(case.pk), action="case.stage_changed"
    ).only("at", "details", "organisation_name")
    for event in changes:
        after = str(event.details.get("to", ""))
        label = Stage(after).label if after in Stage.values else after
        entries.append(
            Entry(event.at, _("Stage: %(stage)s") % {"stage": label}, event.organisation_name)
        )
    if case.identification_date is not None and case.identified_by_org is not None:
        entries.append(
            Entry(
                dt.datetime.combine(case.identification_date, dt.time(12, 0), tzinfo=dt.UTC),
                _("Formal identification decision: %(status)s")
                % {"status": case.get_trafficking_status_display()},
                case.identified_by_org.name,
            )
        )
    if case.closed_at is not None:
        entries.append(
            Entry(
                case.closed_at,
                _("Case closed: %(reason)s") % {"reason": case.get_closure_reason_display()},
                case.accountable_org.name,
                case.closure_note,
            )
        )
    return entries


def _referral_entries(membership: Membership, case: Case) -> list[Entry]:
    entries: list[Entry] = []
    for referral in case_referrals_for(membership, case):
        to = referral.to_org.name
        words = {
            "kind": referral.get_kind_display(),
            "org": to,
            "service": referral.get_service_requested_display(),
        }
        entries.append(
            Entry(
                referral.sent_at,
                _("%(kind)s sent to %(org)s: %(service)s") % words,
                referral.from_org.name,
            )
        )
        if referral.responded_at is not None:
            # A completed referral keeps the completion's note; its answer is shown without one.
            done = referral.status == ReferralStatus.COMPLETED
            what, who = _answer_words(referral.status), to
            if referral.status == ReferralStatus.DECLINED and referral.decline_reason:
                what = _("Referral declined: %(reason)s") % {
                    "reason": referral.get_decline_reason_display()
                }
            elif referral.status == ReferralStatus.WITHDRAWN:
                who = referral.from_org.name
            note = "" if done else referral.response_note
            entries.append(Entry(referral.responded_at, what, who, note))
        if referral.completed_at is not None:
            entries.append(
                Entry(referral.completed_at, _("Referral completed"), to, referral.response_note)
            )
    return entries


def _answer_words(status: str) -> str:
    """What happened to a referral after it was sent, in words."""
    answers: dict[str, str] = {
        ReferralStatus.ACCEPTED: _("Referral accepted"),
        ReferralStatus.COMPLETED: _("Referral accepted"),
        ReferralStatus.DECLINED: _("Referral declined"),
        ReferralStatus.WITHDRAWN: _("Referral withdrawn"),
        ReferralStatus.EXPIRED: _("Referral expired without an answer"),
    }
    return answers.get(status, str(ReferralStatus(status).label))


def _service_entries(membership: Membership, case: Case) -> list[Entry]:
    entries: list[Entry] = []
    for service in case_services_for(membership, case):
        name, provider = service.get_kind_display(), service.provider.name
        steps = [
            (service.requested_at, _("Service requested: %(service)s")),
            (service.started_at, _("Service started: %(service)s")),
            (service.completed_at, _("Service completed: %(service)s")),
        ]
        latest = max(at for at, _label in steps if at is not None)
        for at, label in steps:
            if at is not None:
                # The service keeps one note; it belongs with its latest step.
                note = service.note if at == latest else ""
                entries.append(Entry(at, label % {"service": name}, provider, note))
    return entries
