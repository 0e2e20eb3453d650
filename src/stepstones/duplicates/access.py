"""Who sees a possible duplicate: the case workers of the two organisations holding its cases.

Nobody else: not their admins, not a partner working on one of the cases, not coordinators or
auditors; for them a pair does not exist (404). A rejected pair is not shown again to anyone.
What a holder sees of the other side is the name of the organisation holding it and the score:
never its case code, identity or anything else of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from stepstones.agencies.access import require_membership
from stepstones.agencies.models import Membership
from stepstones.cases.models import Case
from stepstones.duplicates.actions import held_sides
from stepstones.duplicates.models import PairStatus, PossibleDuplicate


def _pairs() -> QuerySet[PossibleDuplicate]:
    return PossibleDuplicate.objects.select_related(
        "case_a__person", "case_a__accountable_org", "case_b__person", "case_b__accountable_org"
    )


def pairs_for(membership: Membership) -> QuerySet[PossibleDuplicate]:
    """Return the open and linked pairs of the organisation's cases (case workers only)."""
    # Only those who work cases answer possible duplicates.
    if not membership.works_cases:
        return PossibleDuplicate.objects.none()
    org = membership.organisation_id
    return (
        _pairs()
        .filter(Q(case_a__accountable_org_id=org) | Q(case_b__accountable_org_id=org))
        .exclude(status=PairStatus.REJECTED)
    )


def access_pair(user: Any, pair_id: int) -> PossibleDuplicate:
    """Return the pair to a case worker of an organisation holding one of its cases; else 404."""
    membership = require_membership(user)
    try:
        pair = _pairs().get(id=pair_id)
    except PossibleDuplicate.DoesNotExist:
        raise Http404 from None
    # Roles outside case work never see pairs.
    if not membership.works_cases:
        raise Http404
    # Only the two holding organisations see the pair.
    if not held_sides(pair, membership):
        raise Http404
    # A rejected pair is remembered, never shown again.
    if pair.status == PairStatus.REJECTED:
        raise Http404
    return pair


def score_words(score: float) -> str:
    """Return the score in words, for the notice beside the number."""
    if score >= 0.9:
        return _("very likely the same person")
    if score >= 0.6:
        return _("likely the same person")
    return _("possibly the same person")


@dataclass(frozen=True)
class Notice:
    """A pair as one holder sees it: their case, the other holder's name, the score."""

    pair: PossibleDuplicate
    case: Case  # the viewer's case
    other_org: str  # the organisation holding the other case: nothing else of it
    other_case: Case | None  # only when the viewer's organisation holds it too (after a transfer)
    score: float
    words: str
    confirmed: bool  # by the viewer's side
    other_confirmed: bool
    linked: bool


def notice(pair: PossibleDuplicate, membership: Membership) -> Notice:
    """Return the pair seen from the member's organisation (which holds at least one side)."""
    sides = held_sides(pair, membership)
    mine = sides[0] if sides else "a"
    other = "b" if mine == "a" else "a"
    other_case: Case = getattr(pair, f"case_{other}")
    return Notice(
        pair=pair,
        case=getattr(pair, f"case_{mine}"),
        other_org=other_case.accountable_org.name,
        other_case=other_case if other in sides else None,
        score=pair.score,
        words=score_words(pair.score),
        confirmed=getattr(pair, f"{mine}_confirmed_at") is not None,
        other_confirmed=getattr(pair, f"{other}_confirmed_at") is not None,
        linked=pair.status == PairStatus.LINKED,
    )


def open_notices(membership: Membership, limit: int | None = None) -> list[Notice]:
    """Return the open pairs of the organisation's cases, newest first, as notices."""
    pairs = pairs_for(membership).filter(status=PairStatus.OPEN).order_by("-found_at", "-id")
    return [notice(p, membership) for p in (pairs[:limit] if limit else pairs)]


def linked_holders(case: Case) -> list[str]:
    """Return the names of the organisations holding a case linked to this one as the same
    person (shown on the case page to its holder; no code or identity of the other case)."""
    pairs = _pairs().filter(Q(case_a=case) | Q(case_b=case), status=PairStatus.LINKED)
    names = [(p.case_b if p.case_a_id == case.pk else p.case_a).accountable_org.name for p in pairs]
    return sorted(set(names))
