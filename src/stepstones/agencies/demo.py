"""The demonstration network: a North Macedonia referral network with clearly fictional names.

Every organisation name ends in "(fictional)"; every person in the cases is invented. The data is
made through the same actions as real work, so the audit chain, custody and consent are whole.
Loading twice changes nothing: the second run finds the network and only returns the logins.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from stepstones.agencies.models import Kind, Membership, Organisation, Role, Sector

DEMO_PASSWORD = "stepstones-demo"  # noqa: S105 - printed on purpose for the local demo
MARKER = "National Referral Office (fictional)"

ORGANISATIONS: list[dict[str, Any]] = [
    {
        "name": MARKER,
        "kind": Kind.GOVERNMENTAL,
        "htcds_type": "CentralGovernmentOrganisation",
        "sectors": [Sector.NATIONAL_COORDINATION],
        "region": "Skopje",
        "municipality": "Centar",
        "services": ["case_management"],
        "languages": ["mk", "sq", "en"],
        "contact_hours": "Mon–Fri 08:00–16:00",
    },
    {
        "name": "Police Anti-Trafficking Unit Skopje (fictional)",
        "kind": Kind.GOVERNMENTAL,
        "htcds_type": "LawEnforcement",
        "sectors": [Sector.POLICE],
        "region": "Skopje",
        "municipality": "Centar",
        "services": ["identification"],
        "languages": ["mk", "sq", "en"],
        "contact_hours": "24/7",
        "authorised_to_identify": True,
    },
    {
        "name": "Border Police Station South Gate (fictional)",
        "kind": Kind.GOVERNMENTAL,
        "htcds_type": "LawEnforcement",
        "sectors": [Sector.BORDER_POLICE],
        "region": "Southeast",
        "municipality": "Gevgelija",
        "services": ["identification"],
        "languages": ["mk", "en", "ar"],
        "contact_hours": "24/7",
        "authorised_to_identify": True,
    },
    {
        "name": "Mobile Identification Team South (fictional)",
        "kind": Kind.GOVERNMENTAL,
        "htcds_type": "CentralGovernmentOrganisation",
        "sectors": [Sector.SOCIAL_WORK, Sector.OUTREACH],
        "region": "Southeast",
        "municipality": "Gevgelija",
        "services": ["identification", "psychosocial"],
        "languages": ["mk", "en", "ar", "fa"],
        "contact_hours": "Daily 08:00–20:00",
        "authorised_to_identify": True,
    },
    {
        "name": "Centre for Social Work Riverside (fictional)",
        "kind": Kind.GOVERNMENTAL,
        "htcds_type": "LocalGovernmentOrganisation",
        "sectors": [Sector.SOCIAL_WORK],
        "region": "Southeast",
        "municipality": "Gevgelija",
        "services": ["child_protection", "psychosocial", "case_management"],
        "languages": ["mk", "en"],
        "contact_hours": "Mon–Fri 07:30–15:30; on call for children",
    },
    {
        "name": "Centre for Social Work Northfield (fictional)",
        "kind": Kind.GOVERNMENTAL,
        "htcds_type": "LocalGovernmentOrganisation",
        "sectors": [Sector.SOCIAL_WORK],
        "region": "Northeast",
        "municipality": "Kumanovo",
        "services": ["child_protection", "shelter", "case_management"],
        "languages": ["mk", "sq", "sr", "rom"],
        "contact_hours": "Mon–Fri 07:30–15:30",
    },
    {
        "name": "International Migrant Protection Office (fictional)",
        "kind": Kind.INTERNATIONAL,
        "htcds_type": "NGO",
        "sectors": [Sector.INTERNATIONAL_ORGANISATION],
        "region": "Skopje",
        "municipality": "Karposh",
        "services": ["return_reintegration", "interpretation", "medical"],
        "languages": ["en", "fr", "ar", "fa", "ur", "bn"],
        "contact_hours": "Mon–Fri 09:00–17:00",
    },
    {
        "name": "Red Cross Branch Lakeshore (fictional)",
        "kind": Kind.NON_GOVERNMENTAL,
        "htcds_type": "NGO",
        "sectors": [Sector.HEALTH, Sector.OUTREACH],
        "region": "Southeast",
        "municipality": "Gevgelija",
        "services": ["medical", "psychosocial"],
        "languages": ["mk", "en", "ar"],
        "contact_hours": "Daily 08:00–22:00",
    },
    {
        "name": "Open Road Outreach (fictional)",
        "kind": Kind.NON_GOVERNMENTAL,
        "htcds_type": "NGO",
        "sectors": [Sector.OUTREACH],
        "region": "Northeast",
        "municipality": "Kumanovo",
        "services": ["psychosocial", "interpretation"],
        "languages": ["mk", "en", "ar", "fa", "ps", "ur"],
        "contact_hours": "Daily 10:00–22:00 (field teams)",
    },
    {
        "name": "Safe Harbour Shelter (fictional)",
        "kind": Kind.NON_GOVERNMENTAL,
        "htcds_type": "NGO",
        "sectors": [Sector.SHELTER],
        "region": "Skopje",
        "municipality": "Gazi Baba",
        "services": ["shelter", "psychosocial", "employment", "education"],
        "languages": ["mk", "sq", "en", "uk"],
        "contact_hours": "24/7 hotline",
    },
    {
        "name": "Legal Aid Now (fictional)",
        "kind": Kind.NON_GOVERNMENTAL,
        "htcds_type": "LegalService",
        "sectors": [Sector.LEGAL_AID],
        "region": "Skopje",
        "municipality": "Centar",
        "services": ["legal_aid", "interpretation"],
        "languages": ["mk", "sq", "en", "tr"],
        "contact_hours": "Mon–Fri 09:00–17:00",
    },
    {
        "name": "Municipality of Hillside Social Desk (fictional)",
        "kind": Kind.GOVERNMENTAL,
        "htcds_type": "LocalGovernmentOrganisation",
        "sectors": [Sector.MUNICIPALITY],
        "region": "Polog",
        "municipality": "Tetovo",
        "services": ["education", "employment"],
        "languages": ["mk", "sq"],
        "contact_hours": "Mon–Fri 08:00–16:00",
    },
]

# (username, organisation name, role, who)
MEMBERS: list[tuple[str, str, str, str]] = [
    ("ana.outreach", "Open Road Outreach (fictional)", Role.FRONTLINE_WORKER, "outreach worker"),
    ("marko.outreach", "Open Road Outreach (fictional)", Role.CASE_MANAGER, "NGO case manager"),
    ("admin.outreach", "Open Road Outreach (fictional)", Role.ORG_ADMIN, "NGO organisation admin"),
    (
        "elena.csw",
        "Centre for Social Work Riverside (fictional)",
        Role.CASE_MANAGER,
        "social worker",
    ),
    (
        "goran.csw",
        "Centre for Social Work Northfield (fictional)",
        Role.CASE_MANAGER,
        "social worker (child protection)",
    ),
    (
        "dragan.police",
        "Police Anti-Trafficking Unit Skopje (fictional)",
        Role.CASE_MANAGER,
        "police officer",
    ),
    (
        "maja.police",
        "Police Anti-Trafficking Unit Skopje (fictional)",
        Role.IDENTIFICATION_OFFICER,
        "police identification officer",
    ),
    (
        "bojan.border",
        "Border Police Station South Gate (fictional)",
        Role.FRONTLINE_WORKER,
        "border police officer",
    ),
    (
        "ivana.idteam",
        "Mobile Identification Team South (fictional)",
        Role.IDENTIFICATION_OFFICER,
        "mobile team identification officer",
    ),
    (
        "sonja.shelter",
        "Safe Harbour Shelter (fictional)",
        Role.CASE_MANAGER,
        "shelter case manager",
    ),
    ("lira.legal", "Legal Aid Now (fictional)", Role.CASE_MANAGER, "lawyer"),
    (
        "petra.redcross",
        "Red Cross Branch Lakeshore (fictional)",
        Role.FRONTLINE_WORKER,
        "Red Cross volunteer",
    ),
    (
        "omar.intl",
        "International Migrant Protection Office (fictional)",
        Role.CASE_MANAGER,
        "international organisation case manager",
    ),
    (
        "nada.municipality",
        "Municipality of Hillside Social Desk (fictional)",
        Role.CASE_MANAGER,
        "municipal social desk",
    ),
    ("vesna.coordinator", MARKER, Role.COORDINATOR, "national coordinator (no identities)"),
    ("aleks.auditor", MARKER, Role.AUDITOR, "auditor (audit log)"),
    ("tina.trainer", MARKER, Role.TRAINER, "trainer"),
]


def logins() -> list[tuple[str, str, str]]:
    return [(username, DEMO_PASSWORD, who) for username, _org, _role, who in MEMBERS]


def load_demo() -> list[tuple[str, str, str]]:
    """Create the network, members and cases once; return the demo logins."""
    if Organisation.objects.filter(name=MARKER).exists():
        return logins()
    with transaction.atomic():
        from stepstones.agencies.actions import add_member, create_organisation

        orgs = {spec["name"]: create_organisation(**spec) for spec in ORGANISATIONS}
        people: dict[str, Membership] = {}
        for username, org_name, role, _who in MEMBERS:
            people[username] = add_member(
                orgs[org_name],
                username=username,
                email=f"{username}@demo.invalid",
                role=role,
                password=DEMO_PASSWORD,
                by=None,
            )
        _load_cases(orgs, people)
    return logins()


def _load_cases(orgs: dict[str, Organisation], m: dict[str, Membership]) -> None:
    from stepstones.cases import actions as cases
    from stepstones.referrals import actions as referrals
    from stepstones.referrals.models import Referral

    today = timezone.localdate()
    outreach, csw, shelter = m["marko.outreach"], m["elena.csw"], m["sonja.shelter"]

    def consent(case: Any, to: str, purpose: str) -> None:
        cases.record_consent(
            case,
            purpose=purpose,
            recipient=orgs[to],
            given_on=today,
            language="ar",
            how_given="oral",
            by=m[case.case_owner.username],
        )

    def refer(case: Any, to: str, *, purpose: str = "assistance", **kw: Any) -> Referral:
        consent(case, to, purpose)
        defaults: dict[str, Any] = {
            "kind": "service",
            "service": "shelter",
            "urgency": "normal",
            "fields": ["gender", "age_group", "primary_language", "summary"],
            "note": "Demo referral.",
        }
        defaults.update(kw)
        return referrals.send_referral(
            case, to_org=orgs[to], purpose=purpose, by=m[case.case_owner.username], **defaults
        )

    # 1. Screening: met by outreach, nothing shared yet.
    cases.open_case(
        by=m["ana.outreach"],
        gender="Masculine",
        citizenship=["AF"],
        primary_language="ps",
        summary="Met at a bus station; says a 'travel agent' holds his passport until he pays.",
        methods_of_control=["WithholdsDocuments", "DebtBondage"],
        identity={"names": [{"script": "latin", "value": "Farid Demo"}], "notes": "Fictional."},
    )
    # 2. Screening, with an urgent medical referral left unanswered: overdue on the dashboard.
    injured = cases.open_case(
        by=outreach,
        gender="Feminine",
        citizenship=["SY"],
        primary_language="ar",
        summary="Injured hand; worked unpaid in a kitchen for three months.",
        type_of_exploitation=["ForcedLabour"],
        methods_of_control=["TakesEarnings", "ExcessiveWorkingHours"],
        identity={
            "names": [
                {"script": "latin", "value": "Lina Example"},
                {"script": "arabic", "value": "لينا"},
            ],
            "birthdate": "1999-02-03",
        },
    )
    late = refer(
        injured,
        "Red Cross Branch Lakeshore (fictional)",
        service="medical",
        urgency="urgent",
        fields=["gender", "primary_language", "summary", "names"],
    )
    # Demo only: move the sending time back so the referral shows as overdue.
    past = timezone.now() - dt.timedelta(hours=30)
    Referral.objects.filter(pk=late.pk).update(sent_at=past, due_at=past + dt.timedelta(hours=24))
    # 3. Possible victim, referred to the mobile identification team, accepted.
    possible = cases.open_case(
        by=outreach,
        gender="Feminine",
        citizenship=["NG"],
        primary_language="en",
        summary="Recruited online for hotel work abroad; now told she owes 4,000 EUR.",
        type_of_exploitation=["SexualExploitation"],
        methods_of_control=["DebtBondage", "FalsePromises"],
        method_of_recruitment=["ThroughAnOnlineAdvertisement"],
        identity={"names": ["Grace Sample"], "contacts": ["+389 70 000 001 (fictional)"]},
    )
    cases.advance_stage(possible, "possible_victim", by=outreach)
    ident = refer(
        possible,
        "Mobile Identification Team South (fictional)",
        purpose="identification",
        service="identification",
        urgency="urgent",
        fields=["gender", "citizenship", "summary", "type_of_exploitation", "names"],
    )
    referrals.accept_referral(ident, by=m["ivana.idteam"], note="Interview booked.")
    # 4. Identified, in assistance at the shelter after a transfer.
    identified = cases.open_case(
        by=outreach,
        gender="Feminine",
        citizenship=["UA"],
        primary_language="uk",
        summary="Promised care work; documents taken; locked in at night.",
        type_of_exploitation=["ForcedLabour", "Servitude"],
        methods_of_control=["WithholdsDocuments", "PhysicalThreats"],
        identity={
            "names": ["Olena Fictional"],
            "documents": [{"type": "passport", "number": "DEMO0001", "country": "UA"}],
        },
    )
    cases.advance_stage(identified, "possible_victim", by=outreach)
    ident = refer(
        identified,
        "Mobile Identification Team South (fictional)",
        purpose="identification",
        service="identification",
    )
    referrals.accept_referral(ident, by=m["ivana.idteam"])
    cases.decide_identification(
        identified,
        identified=True,
        decided_on=today,
        basis="Interview: deception in recruitment, confiscated documents, confinement.",
        by=m["ivana.idteam"],
    )
    move = refer(
        identified,
        "Safe Harbour Shelter (fictional)",
        purpose="case_transfer",
        kind="transfer",
        fields=["gender", "primary_language", "summary", "names", "documents"],
    )
    referrals.accept_referral(move, by=shelter, note="Bed ready.")
    identified.refresh_from_db()
    shelter_service = referrals.record_service(identified, kind="shelter", by=shelter)
    referrals.advance_service(shelter_service, "started", by=shelter)
    # 5. Not identified; smuggling case with protection needs, in assistance.
    smuggled = cases.open_case(
        by=m["bojan.border"],
        kind="smuggling_protection",
        gender="Masculine",
        is_child=True,
        citizenship=["PK"],
        primary_language="ur",
        summary="Unaccompanied 16-year-old; paid a smuggler; no sign of exploitation so far.",
        identity={"names": ["Bilal Placeholder"], "birthdate": "2010-06-01"},
    )
    cases.advance_stage(smuggled, "possible_victim", by=m["bojan.border"])
    cases.record_override(
        smuggled,
        recipient=orgs["Centre for Social Work Riverside (fictional)"],
        purpose="case_transfer",
        legal_ground="child_best_interests",
        justification="Unaccompanied child: the guardian authority must act tonight.",
        by=m["bojan.border"],
    )
    child_move = referrals.send_referral(
        smuggled,
        to_org=orgs["Centre for Social Work Riverside (fictional)"],
        kind="transfer",
        purpose="case_transfer",
        service="child_protection",
        urgency="urgent",
        fields=["gender", "age_group", "primary_language", "summary", "names", "birthdate"],
        by=m["bojan.border"],
    )
    referrals.accept_referral(child_move, by=csw, note="Guardian appointed.")
    smuggled.refresh_from_db()
    police_id = refer(
        smuggled,
        "Police Anti-Trafficking Unit Skopje (fictional)",
        purpose="identification",
        service="identification",
    )
    referrals.accept_referral(police_id, by=m["dragan.police"])
    cases.decide_identification(
        smuggled,
        identified=False,
        decided_on=today,
        basis="Smuggled with consent, no exploitation indicators; protection needs as a child.",
        by=m["maja.police"],
    )
    cases.advance_stage(smuggled, "assistance", by=csw)
    # 6. Assistance with a completed legal-aid service and a declined referral.
    helped = cases.open_case(
        by=m["omar.intl"],
        gender="Masculine",
        citizenship=["BD"],
        primary_language="bn",
        summary="Construction work with no pay; wants to go home.",
        type_of_exploitation=["ForcedLabour"],
        methods_of_control=["TakesEarnings"],
        identity={"names": ["Rahim Invented"]},
    )
    cases.advance_stage(helped, "assistance", by=m["omar.intl"])
    legal = refer(helped, "Legal Aid Now (fictional)", service="legal_aid")
    referrals.accept_referral(legal, by=m["lira.legal"])
    referrals.complete_referral(legal, note="Wage claim filed.", by=m["lira.legal"])
    no = refer(helped, "Municipality of Hillside Social Desk (fictional)", service="employment")
    referrals.decline_referral(
        no, reason="outside_area", note="Try Skopje.", by=m["nada.municipality"]
    )
    # 7. Closed.
    closed = cases.open_case(
        by=m["petra.redcross"],
        gender="Feminine",
        citizenship=["IQ"],
        primary_language="ar",
        summary="Screened at the transit centre; no indicators; continued her journey.",
        identity={"names": ["Zainab Sample"]},
    )
    cases.close_case(closed, reason="moved_on", by=m["petra.redcross"])
    # 8. A pending transfer waiting for the centre for social work (child, guardian consent).
    child = cases.open_case(
        by=outreach,
        gender="Masculine",
        is_child=True,
        citizenship=["MK"],
        primary_language="rom",
        summary="14-year-old begging at a crossroads for an adult who takes the money.",
        type_of_exploitation=["ForcedBegging"],
        methods_of_control=["TakesEarnings"],
        identity={"names": ["Demo Child"]},
    )
    cases.record_consent(
        child,
        purpose="case_transfer",
        recipient=orgs["Centre for Social Work Northfield (fictional)"],
        given_on=today,
        language="mk",
        how_given="guardian",
        by=outreach,
    )
    referrals.send_referral(
        child,
        to_org=orgs["Centre for Social Work Northfield (fictional)"],
        kind="transfer",
        purpose="case_transfer",
        service="child_protection",
        urgency="urgent",
        fields=["gender", "age_group", "summary", "type_of_exploitation", "names"],
        by=outreach,
    )
    _assess(
        child,
        outreach,
        {
            "age": 14,
            "sector": "begging",
            "route": {"origin": "MK", "destination": "MK", "crossed_border": "no"},
            "elements": {"acts": ["recruitment", "harbouring"], "purposes": ["forced_begging"]},
        },
    )
    _assess(
        possible,
        outreach,
        {
            "age": 26,
            "sector": "hospitality",
            "route": {"origin": "NG", "transit": ["TR", "GR"], "destination": "MK"},
            "elements": {"acts": ["recruitment", "transportation"], "means": ["deception"]},
        },
    )
    _assess(
        helped,
        m["omar.intl"],
        {
            "age": 31,
            "sector": "construction",
            "route": {"origin": "BD", "destination": "MK"},
            "elements": {
                "acts": ["recruitment"],
                "means": ["deception"],
                "purposes": ["forced_labour"],
            },
        },
    )
    _more_cases(orgs, m)
    _same_people(m)


# Extra cases so every stage has several: (stage, holder, gender, citizenship, language, summary)
# Made-up names, one per case below and as different from one another as people are: names that
# differ only by a number would all look like one person to the duplicate detection.
MORE_NAMES = (
    "Youssef El Idrissi",
    "Olesya Rusu",
    "Arjun Mehta",
    "Blerina Krasniqi",
    "Karim Ben Salah",
    "Shirin Tehrani",
    "Nikola Jovanović",
    "Rania Haddad",
)
MORE: list[tuple[str, str, str, str, str, str]] = [
    (
        "screening",
        "petra.redcross",
        "Masculine",
        "MA",
        "ar",
        "Travelling with a group whose leader keeps everyone's phones.",
    ),
    (
        "possible_victim",
        "dragan.police",
        "Feminine",
        "MD",
        "ru",
        "Found during a raid on a massage parlour; afraid to speak.",
    ),
    (
        "possible_victim",
        "omar.intl",
        "Masculine",
        "IN",
        "en",
        "Recruited for farm work; wages withheld for 'housing'.",
    ),
    (
        "identified",
        "elena.csw",
        "Feminine",
        "AL",
        "sq",
        "Married off at 17 and made to work in the husband's family business.",
    ),
    (
        "not_identified",
        "omar.intl",
        "Masculine",
        "TN",
        "fr",
        "Paid a smuggler; stranded without money; no exploitation found.",
    ),
    (
        "not_identified",
        "elena.csw",
        "Feminine",
        "IR",
        "fa",
        "Crossed with her family; protection needs after an assault on the way.",
    ),
    (
        "assistance",
        "goran.csw",
        "Masculine",
        "RS",
        "sr",
        "Forced to sell goods on the street; now in school again.",
    ),
    (
        "closed",
        "marko.outreach",
        "Feminine",
        "SY",
        "ar",
        "Reunited with family abroad; assistance completed.",
    ),
]


# The same people registered by two organisations in different scripts (docs/linkage.md): the
# police write a name in Macedonian Cyrillic, the NGO and the shelter in Latin letters, a
# birth date once swapped. Each pair becomes a "possible duplicate" notice to both holders.
SAME_PEOPLE: list[tuple[str, dict[str, Any], str, dict[str, Any], str, str]] = [
    (
        "dragan.police",
        {"names": [{"script": "cyrillic", "value": "Мухамед Ахмади"}], "birthdate": "1994-03-12"},
        "marko.outreach",
        {"names": [{"script": "latin", "value": "Mohammad Ahmadi"}], "birthdate": "1994-03-12"},
        "Masculine",
        "AF",
    ),
    (
        "bojan.border",
        {"names": [{"script": "cyrillic", "value": "Фатима Хасани"}], "birthdate": "2001-07-04"},
        "sonja.shelter",
        {"names": [{"script": "latin", "value": "Fatima Hassani"}], "birthdate": "2001-04-07"},
        "Feminine",
        "SY",
    ),
]


def _same_people(m: dict[str, Membership]) -> None:
    from stepstones.cases import actions as cases

    for first, first_identity, second, second_identity, gender, country in SAME_PEOPLE:
        for who, identity in ((first, first_identity), (second, second_identity)):
            cases.open_case(
                by=m[who],
                gender=gender,
                citizenship=[country],
                summary="Registered on the route; the same person was registered elsewhere.",
                identity={**identity, "notes": "Fictional."},
            )


def _assess(case: Any, by: Membership, facts: dict[str, Any]) -> None:
    """Store a real engine assessment of `facts` on the case."""
    from stepstones.cases import actions as cases
    from stepstones.screening.facts import assess_mapping

    _parsed, result = assess_mapping(facts)
    cases.record_assessment(
        case,
        facts=facts,
        result=result.to_dict(),
        catalogue_version=result.catalogue_version,
        outcome=str(result.outcome.value),
        by=by,
    )


def _more_cases(orgs: dict[str, Organisation], m: dict[str, Membership]) -> None:
    from stepstones.cases import actions as cases
    from stepstones.referrals import actions as referrals

    today = timezone.localdate()
    officer = m["ivana.idteam"]
    team = orgs["Mobile Identification Team South (fictional)"]
    for n, (stage, holder, gender, country, language, summary) in enumerate(MORE, start=1):
        by = m[holder]
        case = cases.open_case(
            by=by,
            gender=gender,
            citizenship=[country],
            primary_language=language,
            summary=summary,
            kind="smuggling_protection" if stage == "not_identified" else "trafficking",
            identity={"names": [MORE_NAMES[n - 1]], "notes": "Fictional."},
        )
        if stage == "screening":
            continue
        if stage == "closed":
            cases.close_case(case, reason="assistance_completed", by=by)
            continue
        if stage == "assistance":
            cases.advance_stage(case, "assistance", by=by)
            continue
        cases.advance_stage(case, "possible_victim", by=by)
        if stage == "possible_victim":
            continue
        cases.record_consent(
            case,
            purpose="identification",
            recipient=team,
            given_on=today,
            language=language,
            how_given="oral",
            by=by,
        )
        referral = referrals.send_referral(
            case,
            to_org=team,
            kind="service",
            purpose="identification",
            service="identification",
            urgency="normal",
            fields=["gender", "summary"],
            by=by,
        )
        referrals.accept_referral(referral, by=officer)
        cases.decide_identification(
            case,
            identified=stage == "identified",
            decided_on=today,
            basis="Demo decision after an interview with an interpreter.",
            by=officer,
        )
