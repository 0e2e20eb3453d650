"""The chain of a case: who held it when, each referral and service, and the gaps."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from stepstones.cases.models import Case, Custody
from stepstones.referrals.access import scoped_referrals, scoped_services
from stepstones.referrals.models import Referral, ReferralStatus, Service


@dataclass(frozen=True)
class Link:
    """One organisation's holding period."""

    organisation: str
    since: dt.datetime
    until: dt.datetime | None


@dataclass(frozen=True)
class Gap:
    """A hole in the chain: `kind` is `unheld` (nobody accountable) or `at_risk` (overdue)."""

    kind: str
    start: dt.datetime
    end: dt.datetime | None
    referral_id: int | None = None


@dataclass(frozen=True)
class Event:
    """One line of the timeline: when, what (translated), and whether it marks a gap."""

    at: dt.datetime
    text: str
    referral_id: int | None = None
    gap: bool = False


@dataclass
class Chain:
    case: Case
    links: list[Link] = field(default_factory=list)
    referrals: list[Referral] = field(default_factory=list)
    services: list[Service] = field(default_factory=list)
    gaps: list[Gap] = field(default_factory=list)

    @property
    def unbroken(self) -> bool:
        return not any(g.kind == "unheld" for g in self.gaps)

    def timeline(self) -> list[Event]:
        """Return every holding, referral, answer, service step and gap in time order."""
        events: list[Event] = []
        for link in self.links:
            events.append(
                Event(link.since, _("%(org)s became accountable") % {"org": link.organisation})
            )
        for r in self.referrals:
            names = {
                "from": r.from_org.name,
                "to": r.to_org.name,
                "what": r.get_kind_display(),
                "service": r.get_service_requested_display(),
            }
            events.append(
                Event(
                    r.sent_at, _("%(from)s sent a %(what)s to %(to)s (%(service)s)") % names, r.pk
                )
            )
            if r.responded_at is not None:
                answer = {"status": r.get_status_display(), "to": r.to_org.name}
                events.append(Event(r.responded_at, _("%(status)s (%(to)s)") % answer, r.pk))
            if r.completed_at is not None:
                events.append(Event(r.completed_at, _("Completed by %(to)s") % names, r.pk))
        for s in self.services:
            names = {"service": s.get_kind_display(), "org": s.provider.name}
            if s.started_at is not None:
                events.append(Event(s.started_at, _("%(service)s started at %(org)s") % names))
            if s.completed_at is not None:
                events.append(Event(s.completed_at, _("%(service)s ended at %(org)s") % names))
        for gap in self.gaps:
            text = (
                _("Gap at risk: the referral's deadline passed without an answer")
                if gap.kind == "at_risk"
                else _("Gap: nobody accountable")
            )
            events.append(Event(gap.start, text, gap.referral_id, gap=True))
        return sorted(events, key=lambda e: e.at)


def chain_of(case: Case, now: dt.datetime | None = None, *, only_org: int | None = None) -> Chain:
    """Build the chain of a case with three queries, whatever its length.

    With `only_org` (a partner or former holder looking), the holding periods stay complete but
    only the referrals and services involving that organisation are listed.
    """
    moment = now or timezone.now()
    custody = list(
        Custody.objects.filter(case_id=case.pk)
        .select_related("organisation")
        .order_by("since", "id")
    )
    chain = Chain(case=case)
    chain.links = [Link(c.organisation.name, c.since, c.until) for c in custody]
    # The chain never shows a packet: leave its encrypted column unread.
    referrals = (
        scoped_referrals(case, only_org).select_related("from_org", "to_org").defer("packet_token")
    )
    services = scoped_services(case, only_org).select_related("provider")
    chain.referrals = list(referrals.order_by("sent_at", "id"))
    chain.services = list(services.order_by("requested_at", "id"))
    if not custody or custody[0].since > case.opened_at:
        chain.gaps.append(Gap("unheld", case.opened_at, custody[0].since if custody else None))
    for before, after in zip(custody, custody[1:], strict=False):
        if before.until is None or before.until < after.since:
            chain.gaps.append(Gap("unheld", before.until or before.since, after.since))
    if custody and custody[-1].until is not None and case.is_open:
        chain.gaps.append(Gap("unheld", custody[-1].until, None))
    for referral in chain.referrals:
        if referral.status == ReferralStatus.PENDING and referral.due_at < moment:
            chain.gaps.append(Gap("at_risk", referral.due_at, None, referral.pk))
    return chain
