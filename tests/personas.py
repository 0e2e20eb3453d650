"""The named people every access test uses, built once per test class or test.

- nina: NGO caseworker (case manager) at Open Door Outreach, holds the cases.
- olga: organisation admin of Open Door Outreach (reads its cases, changes nothing).
- petar: police officer (case manager) at the police unit, which may identify victims.
- ivan: identification officer at the police unit.
- sara: social worker (case manager) at another organisation, the Centre for Social Work.
- cora: national coordinator (network view, no identities).
- audrey: auditor (reads the audit log).
- otto: outsider, a case manager at an unrelated legal-aid NGO.
- nobody: logged in, member of no organisation.

Every login of a test passes the second factor as a person would (`pass_second_factor`): a
real authenticator per user, its code computed from the device's key, typed on the code page.
`tests/conftest.py` makes `Client.force_login` do it, so a test client is logged in verified.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, User
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from stepstones.agencies.models import Kind, Membership, Organisation, Role, Sector
from stepstones.cases import actions as case_actions
from stepstones.cases.models import Case, Purpose
from stepstones.referrals import actions as referral_actions
from stepstones.referrals.models import Referral

PASSWORD = "correct horse battery staple"


@dataclass
class Network:
    ngo: Organisation
    police: Organisation
    social: Organisation
    office: Organisation
    legal: Organisation
    nina: Membership
    olga: Membership
    petar: Membership
    ivan: Membership
    sara: Membership
    cora: Membership
    audrey: Membership
    otto: Membership
    nobody: User

    def client(self, name: str) -> Client:
        """A test client logged in as the named persona."""
        client = Client()
        client.force_login(self.user(name))
        return client

    def user(self, name: str) -> User:
        value = getattr(self, name)
        return value if isinstance(value, User) else value.user


def authenticator(user: AbstractBaseUser) -> TOTPDevice:
    """Return the user's authenticator app, set up (confirmed, with a new key) on first use."""
    device = TOTPDevice.objects.filter(user_id=user.pk, confirmed=True).order_by("id").first()
    if device is None:
        device = TOTPDevice.objects.create(user_id=user.pk, name="test phone", confirmed=True)
    return device


def code_of(device: TOTPDevice) -> str | None:
    """Return the code the device's app shows now, computed from its key (RFC 6238).

    A code of a time step the device accepted already would be refused as a replay: when the
    test logged this user in during the same 30 seconds, the next step's code is given, which
    the device accepts as a clock one step ahead (its tolerance). None when even that was used.
    """
    device.refresh_from_db()
    now_step = (int(time.time()) - device.t0) // device.step
    target = max(now_step + device.drift, device.last_t + 1)
    if target > now_step + device.drift + device.tolerance:
        return None
    code = totp(device.bin_key, device.step, device.t0, device.digits, target - now_step)
    return f"{code:0{device.digits}d}"


def next_code(user: AbstractBaseUser) -> str:
    """Return a code the user's authenticator would accept now (a new authenticator if none)."""
    code = code_of(authenticator(user))
    if code is None:
        # Every step around now was used (many logins of one user in a few seconds): a second
        # authenticator of the same user, as a person with two phones would have.
        device = TOTPDevice.objects.create(user_id=user.pk, name="second phone", confirmed=True)
        code = code_of(device)
        assert code is not None
    return code


def pass_second_factor(client: Client, user: AbstractBaseUser) -> None:
    """Type the user's code on the code page, when their role passes a second factor."""
    from stepstones.agencies.second_factor import requires_second_factor

    if not requires_second_factor(User.objects.get(pk=user.pk)):
        return
    data = {"code": next_code(user)}
    if client.handler.enforce_csrf_checks:
        # As a browser does: the page sets the CSRF cookie, the form sends its token back.
        client.get("/accounts/two-factor/")
        data["csrfmiddlewaretoken"] = client.cookies["csrftoken"].value
    response = client.post("/accounts/two-factor/", data)
    assert response.status_code == 302, response.content.decode()[:500]


def log_in(client: Client, username: str, password: str = PASSWORD, **extra: Any) -> Any:
    """Log in through the login page, then pass the second factor; return the login's answer."""
    response = client.post(
        "/accounts/login/", {"username": username, "password": password}, **extra
    )
    if response.status_code == 302:
        pass_second_factor(client, User.objects.get(username=username))
    return response


def _org(name: str, kind: str, sectors: list[str], **extra: Any) -> Organisation:
    return Organisation.objects.create(
        name=name,
        kind=kind,
        sectors=sectors,
        region="Skopje",
        municipality="Centar",
        services=extra.pop("services", ["psychosocial"]),
        languages=extra.pop("languages", ["mk", "en"]),
        **extra,
    )


def _member(username: str, org: Organisation, role: str) -> Membership:
    user = User.objects.create_user(username, f"{username}@example.org", PASSWORD)
    return Membership.objects.create(user=user, organisation=org, role=role)


def build_network() -> Network:
    """Create the organisations and the personas."""
    ngo = _org("Open Door Outreach", Kind.NON_GOVERNMENTAL, [Sector.OUTREACH])
    police = _org(
        "Police Anti-Trafficking Unit",
        Kind.GOVERNMENTAL,
        [Sector.POLICE],
        authorised_to_identify=True,
        services=["identification"],
    )
    social = _org(
        "Centre for Social Work Lakeside",
        Kind.GOVERNMENTAL,
        [Sector.SOCIAL_WORK],
        services=["shelter", "child_protection"],
        languages=["mk", "sq"],
    )
    office = _org("National Referral Office", Kind.GOVERNMENTAL, [Sector.NATIONAL_COORDINATION])
    legal = _org("Hilltop Legal Aid", Kind.NON_GOVERNMENTAL, [Sector.LEGAL_AID])
    return Network(
        ngo=ngo,
        police=police,
        social=social,
        office=office,
        legal=legal,
        nina=_member("nina", ngo, Role.CASE_MANAGER),
        olga=_member("olga", ngo, Role.ORG_ADMIN),
        petar=_member("petar", police, Role.CASE_MANAGER),
        ivan=_member("ivan", police, Role.IDENTIFICATION_OFFICER),
        sara=_member("sara", social, Role.CASE_MANAGER),
        cora=_member("cora", office, Role.COORDINATOR),
        audrey=_member("audrey", office, Role.AUDITOR),
        otto=_member("otto", legal, Role.CASE_MANAGER),
        nobody=User.objects.create_user("nobody", "nobody@example.org", PASSWORD),
    )


IDENTITY = {
    "names": [
        {"script": "latin", "value": "Amira Testova"},
        {"script": "arabic", "value": "أميرة"},
    ],
    "birthdate": "2001-04-05",
    "documents": [{"type": "passport", "number": "X1234567", "country": "SY"}],
    "contacts": ["+38970000000"],
    "addresses": ["Reception centre, room 4"],
    "notes": "Afraid of the driver.",
}


def open_case(net: Network, **extra: Any) -> Case:
    """Open a case held by nina's NGO, with an identity record."""
    return case_actions.open_case(
        by=net.nina,
        gender="Feminine",
        citizenship=["SY"],
        primary_language="ar",
        summary="Met at the border; job promised in a restaurant.",
        identity=IDENTITY,
        **extra,
    )


def consent(net: Network, case: Case, to: Organisation, purpose: str = Purpose.ASSISTANCE) -> Any:
    return case_actions.record_consent(
        case,
        purpose=purpose,
        recipient=to,
        given_on=dt.date(2026, 1, 1),
        language="ar",
        how_given="oral",
        by=net.nina,
    )


def refer(
    net: Network,
    case: Case,
    to: Organisation,
    *,
    kind: str = "service",
    purpose: str = Purpose.ASSISTANCE,
    fields: tuple[str, ...] = ("gender", "names"),
    with_consent: bool = True,
) -> Referral:
    """Send a referral from the case's holder (nina's NGO) to `to`, recording consent first."""
    if with_consent:
        consent(net, case, to, purpose)
    return referral_actions.send_referral(
        case,
        to_org=to,
        kind=kind,
        purpose=purpose,
        service="shelter",
        urgency="normal",
        fields=list(fields),
        note="Please call before arrival.",
        by=net.nina,
    )


def assess_case(net: Network, case: Case, facts: dict[str, Any]) -> Any:
    """Record the engine's assessment of `facts` on the case, as its holder (nina) would."""
    from stepstones.screening.facts import assess_mapping

    _facts, result = assess_mapping(facts)
    return case_actions.record_assessment(
        case,
        facts=facts,
        result=result.to_dict(),
        catalogue_version=result.catalogue_version,
        outcome=str(result.outcome.value),
        by=net.nina,
    )


def add_trainer(net: Network, username: str = "tina") -> Membership:
    """Add a trainer to nina's NGO (the training pages' persona)."""
    user = User.objects.create_user(username, f"{username}@example.org", PASSWORD)
    return Membership.objects.create(user=user, organisation=net.ngo, role=Role.TRAINER)
