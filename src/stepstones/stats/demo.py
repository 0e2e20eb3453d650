"""Demo figures for the statistics (`stepstones demo-statistics`, run by `make run` after
`stepstones demo`): earlier cases of the fictional network, enough for tables with counts above
the threshold (the demo's own dozen cases would all be hidden). A command of its own, not part of
`stepstones demo`: the demo's tests open every case page for every member, and 360 more cases
would make them take minutes.

The cases are opened, referred, answered and closed through the real actions, so the audit trail
stays whole; only their dates are moved back afterwards, over the last eight quarters, which no
action can do. The distributions are invented but shaped like the CTDC's published picture
(sexual exploitation and forced labour first, most victims adult women, a fifth children).
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone

HOLDERS = (
    "marko.outreach",
    "elena.csw",
    "goran.csw",
    "dragan.police",
    "sonja.shelter",
    "omar.intl",
    "nada.municipality",
)
HOW_MANY = 360
EARLIEST = 20  # days back: the earliest of the earlier cases

# (value, weight) pairs.
GENDERS = (("Feminine", 62), ("Masculine", 34), ("NonSpecifiedUnknown", 4))
COUNTRIES = (
    ("MK", 45),
    ("AL", 12),
    ("RS", 8),
    ("XK", 6),
    ("SY", 10),
    ("AF", 9),
    ("NG", 5),
    ("UA", 5),
)
FORMS = (
    ("SexualExploitation", 45),
    ("ForcedLabour", 35),
    ("ForcedBegging", 10),
    ("ForcedMarriage", 6),
    ("Servitude", 4),
)
CONTROL = (
    ("FalsePromises", 30),
    ("DebtBondage", 20),
    ("WithholdsDocuments", 18),
    ("PsychologicalAbuse", 16),
    ("PhysicalThreats", 16),
)
RECRUITMENT = (
    ("ThroughOnlineSocialNetworks", 30),
    ("ThroughAnOnlineAdvertisement", 22),
    ("ThroughFriendsOrSocialEvents", 26),
    ("ThroughFamilyOrFamilyEvents", 22),
)
CLOSURES = (
    ("assistance_completed", 50),
    ("returned_home", 20),
    ("lost_contact", 15),
    ("person_declined", 15),
)


def _pick(rng: random.Random, pairs: Sequence[tuple[str, int]]) -> str:
    return rng.choices([v for v, _ in pairs], weights=[w for _, w in pairs])[0]


def _some(rng: random.Random, pairs: Sequence[tuple[str, int]]) -> list[str]:
    first = _pick(rng, pairs)
    second = _pick(rng, pairs)
    return [first] if rng.random() < 0.7 or second == first else [first, second]


def load_demo(how_many: int = HOW_MANY) -> int:
    """Add the earlier cases once (after the network's own demo); return how many were added.

    They are recognised by their dates: the network's own demo opens every case today.
    """
    from stepstones.agencies.models import Membership
    from stepstones.cases.models import Case

    members = {
        m.user.username: m
        for m in Membership.objects.select_related("user", "organisation").filter(
            user__username__in=[*HOLDERS, "sonja.shelter", "elena.csw"]
        )
    }
    if len(members) < len(HOLDERS):
        return 0  # no demo network (or another one): nothing to add to
    if Case.objects.filter(opened_at__lt=timezone.now() - dt.timedelta(days=EARLIEST)).exists():
        return 0  # loaded already
    with transaction.atomic():
        _load(members, random.Random(18), how_many)  # noqa: S311 - invented demo figures
    return how_many


def _load(members: dict[str, Any], rng: random.Random, how_many: int) -> None:
    from stepstones.cases import actions as cases
    from stepstones.cases.models import Case
    from stepstones.referrals import actions as referrals
    from stepstones.referrals.models import Referral

    now = timezone.now()
    for _n in range(how_many):
        holder = members[_pick(rng, [(h, 3 if h == "sonja.shelter" else 2) for h in HOLDERS])]
        country = _pick(rng, COUNTRIES)
        case = cases.open_case(
            by=holder,
            gender=_pick(rng, GENDERS),
            is_child=rng.random() < 0.2,
            citizenship=[country],
            primary_language={"MK": "mk", "AL": "sq", "XK": "sq", "SY": "ar", "AF": "fa"}.get(
                country, "en"
            ),
            type_of_exploitation=_some(rng, FORMS),
            methods_of_control=_some(rng, CONTROL),
            method_of_recruitment=_some(rng, RECRUITMENT),
            kind="smuggling_protection" if rng.random() < 0.12 else "trafficking",
            # No name: numbered placeholder names would all look like one person to the
            # duplicate detection, and the statistics never read a name.
            identity={"notes": "Fictional: a case of the demo statistics."},
        )
        opened = now - dt.timedelta(days=rng.randint(EARLIEST, 720), hours=rng.randint(0, 23))
        Case.objects.filter(pk=case.pk).update(opened_at=opened, updated_at=opened)
        if rng.random() < 0.45 and holder.user.username != "sonja.shelter":
            _refer(case, holder, members["sonja.shelter"], rng, opened, cases, referrals, Referral)
        elif rng.random() < 0.35:
            cases.close_case(case, reason=_pick(rng, CLOSURES), by=holder)
        elif rng.random() < 0.4:
            cases.advance_stage(case, "assistance", by=holder)


def _refer(
    case: Any,
    holder: Any,
    shelter: Any,
    rng: random.Random,
    opened: dt.datetime,
    cases: Any,
    referrals: Any,
    referral_model: Any,
) -> None:
    """A shelter referral: accepted, declined or still waiting, answered after some hours."""
    cases.record_consent(
        case,
        purpose="assistance",
        recipient=shelter.organisation,
        given_on=opened.date(),
        language="en",
        how_given="oral",
        by=holder,
    )
    referral = referrals.send_referral(
        case,
        to_org=shelter.organisation,
        kind="service",
        purpose="assistance",
        service="shelter",
        urgency="normal",
        fields=["gender"],
        by=holder,
    )
    sent = opened + dt.timedelta(hours=rng.randint(1, 48))
    answer = rng.random()
    if answer < 0.7:
        referrals.accept_referral(referral, by=shelter)
    elif answer < 0.85:
        referrals.decline_referral(referral, reason="no_capacity", by=shelter)
    else:
        return
    waited = dt.timedelta(hours=rng.choice([3, 8, 20, 30, 50, 70, 90, 120]))
    referral_model.objects.filter(pk=referral.pk).update(
        sent_at=sent, due_at=sent + dt.timedelta(hours=72), responded_at=sent + waited
    )
