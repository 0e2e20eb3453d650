"""The chain of a case: who held it when, each referral and service, and the gaps."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone

from stepstones.cases.models import Case, Custody
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
    referrals = Referral.objects.filter(case_id=case.pk).select_related("from_org", "to_org")
    services = Service.objects.filter(case_id=case.pk).select_related("provider")
    if only_org is not None:
        referrals = referrals.filter(Q(from_org_id=only_org) | Q(to_org_id=only_org))
        services = services.filter(provider_id=only_org)
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
