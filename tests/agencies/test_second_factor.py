"""The second factor: who must pass it, enrolment, codes (wrong, replayed, recovery), the pause
after wrong codes, re-authentication before an identity, the administrator's reset.

Codes are real: computed from the device's key with django-otp's RFC 6238 function, at the
time the test set (time_machine), never mocked.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from html import unescape
from typing import Any
from urllib.parse import quote

import pytest
import time_machine
from django.conf import LazySettings
from django.contrib.auth import SESSION_KEY
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from stepstones.agencies import second_factor as sf
from stepstones.agencies.models import Role
from stepstones.api.actions import create_token
from stepstones.audit.chain import verify
from stepstones.audit.models import AuditEvent
from stepstones.referrals.actions import accept_referral
from tests.access.test_persona_matrix import EXPECTATIONS
from tests.personas import (
    PASSWORD,
    Network,
    add_trainer,
    authenticator,
    build_network,
    code_of,
    open_case,
    refer,
)
from tests.web.test_no_english_left import LANGUAGES, english_left

pytestmark = pytest.mark.django_db

HERE = "10.1.1.1"
CODE_PAGE = "/accounts/two-factor/"
ENROL_PAGE = "/accounts/two-factor/enrol/"
# A moment inside one 30-second step, so that every code typed in a test is of one step.
START = dt.datetime(2026, 12, 7, 9, 0, 1, tzinfo=dt.UTC)


@pytest.fixture
def net() -> Network:
    return build_network()


def _password_only(username: str) -> Client:
    """A client that typed the right password and nothing more (an unverified session)."""
    client = Client(REMOTE_ADDR=HERE)
    response = client.post(reverse("login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def _type(client: Client, code: str, next_url: str = "") -> Any:
    return client.post(CODE_PAGE, {"code": code, "next": next_url})


def _now_code(device: TOTPDevice) -> str:
    """The code the app shows at this moment (no step skipped)."""
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def _text(response: Any) -> str:
    return unescape(re.sub(r"\s+", " ", response.content.decode()))


def _actions(prefix: str = "otp.") -> list[str]:
    return list(
        AuditEvent.objects.filter(action__startswith=prefix)
        .order_by("id")
        .values_list("action", flat=True)
    )


def _is_through(client: Client) -> bool:
    return bool(client.get(reverse("cases:dashboard")).status_code == 200)


def _enrolled(username: str, net: Network) -> list[str]:
    """Enrol the user's authenticator as the enrolment page does; return the recovery codes."""
    user = net.user(username)
    key = sf.new_key()
    code = f"{totp(bytes.fromhex(key)):06d}"
    codes = sf.enrol(user, key, code, address=None)
    assert codes is not None
    return codes


# --- Who must pass it -------------------------------------------------------------------------

ROLE_TABLE = [
    (Role.FRONTLINE_WORKER, True, "reads identities of the cases it holds"),
    (Role.CASE_MANAGER, True, "reads identities, exports statistics"),
    (Role.IDENTIFICATION_OFFICER, True, "reads identities, exports statistics"),
    (Role.COORDINATOR, True, "exports statistics"),
    (Role.ORG_ADMIN, True, "exports statistics, gives roles that read identities"),
    (Role.AUDITOR, False, "reads the audit log: pseudonymous codes, no identity, no export"),
    (Role.TRAINER, False, "fictional training data only"),
]


def test_the_table_names_every_role() -> None:
    assert {role for role, _needs, _why in ROLE_TABLE} == set(Role)


@pytest.mark.parametrize(
    ("role", "needs"),
    [(role, needs) for role, needs, _why in ROLE_TABLE],
    ids=[f"{role.value}: {why}" for role, _needs, why in ROLE_TABLE],
)
def test_it_asks_a_second_factor_of_exactly_the_roles_that_read_identities_or_export(
    net: Network, role: Role, needs: bool
) -> None:
    net.otto.role = role
    net.otto.save(update_fields=["role"])
    client = _password_only("otto")
    response = client.get(reverse("home"))
    if needs:
        assert response.status_code == 302
        assert response["Location"].startswith(CODE_PAGE)
    else:
        assert response.status_code == 200


def test_a_member_without_an_organisation_and_an_inactive_member_log_in_with_the_password(
    net: Network,
) -> None:
    net.otto.active = False
    net.otto.save(update_fields=["active"])
    for username in ("nobody", "otto"):
        assert _password_only(username).get(reverse("home")).status_code == 200


# --- Enrolment --------------------------------------------------------------------------------


def test_it_leads_a_member_without_an_authenticator_to_enrolment_and_back(net: Network) -> None:
    client = _password_only("nina")
    first = client.get("/cases/?q=x")
    assert first.status_code == 302
    assert first["Location"] == CODE_PAGE + "?next=" + quote("/cases/?q=x", safe="")
    to_enrol = client.get(first["Location"])
    assert to_enrol["Location"].startswith(ENROL_PAGE + "?next=")
    page = client.get(to_enrol["Location"])
    text = _text(page)
    assert page.status_code == 200
    # The QR code is drawn here, as inline SVG: nothing is fetched from anywhere else.
    assert "<svg" in page.content.decode() and "<img" not in page.content.decode()
    key = client.session[sf.ENROLLING]
    assert " ".join(re.findall("....", sf.key_base32(key))) in text
    assert not _is_through(client)

    code = f"{totp(bytes.fromhex(key)):06d}"
    done = client.post(ENROL_PAGE, {"code": code, "next": "/cases/?q=x"})
    assert done.status_code == 200
    shown = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", done.content.decode())
    assert len(shown) == sf.RECOVERY_CODES
    assert sorted(shown) == sorted(
        StaticToken.objects.filter(device__user=net.nina.user).values_list("token", flat=True)
    )
    assert 'href="/cases/?q=x"' in done.content.decode()
    assert _is_through(client)
    device = TOTPDevice.objects.get(user=net.nina.user)
    assert device.confirmed and device.key == key
    event = AuditEvent.objects.get(action="otp.enrolled")
    assert event.actor_username == "nina" and event.chain == net.ngo.pk
    assert event.details == {"recovery_codes": 10, "address": HERE}
    # The code that confirmed the app cannot be used again to log in.
    again = _password_only("nina")
    assert _type(again, code).status_code == 200
    assert not _is_through(again)


def test_it_refuses_an_enrolment_code_of_another_key_and_records_it(net: Network) -> None:
    client = _password_only("nina")
    client.get(ENROL_PAGE)
    other = f"{totp(bytes.fromhex(sf.new_key())):06d}"
    response = client.post(ENROL_PAGE, {"code": other})
    assert response.status_code == 200
    assert "This code does not match" in _text(response)
    assert not TOTPDevice.objects.filter(user=net.nina.user).exists()
    assert _actions() == ["otp.failed"]
    assert AuditEvent.objects.get(action="otp.failed").details["purpose"] == "enrol"
    assert not _is_through(client)


def test_enrolment_does_not_exist_for_a_role_without_a_second_factor(net: Network) -> None:
    assert _password_only("audrey").get(ENROL_PAGE).status_code == 404


def test_a_member_with_an_authenticator_is_not_offered_a_second_one(net: Network) -> None:
    authenticator(net.nina.user)
    client = _password_only("nina")
    assert client.get(ENROL_PAGE)["Location"].startswith(CODE_PAGE)


# --- The code after the password --------------------------------------------------------------


def test_it_asks_for_the_code_after_the_password_then_goes_where_it_was_going(
    net: Network,
) -> None:
    device = authenticator(net.nina.user)
    client = _password_only("nina")
    assert client.get(CODE_PAGE).status_code == 200
    assert not _is_through(client)
    response = _type(client, _now_code(device), "/cases/")
    assert response.status_code == 302 and response["Location"] == "/cases/"
    assert _is_through(client)
    event = AuditEvent.objects.get(action="otp.verified")
    assert event.actor_username == "nina"
    assert event.details == {"purpose": "login", "address": HERE}
    assert verify() == []


def test_it_never_sends_on_to_another_site(net: Network) -> None:
    device = authenticator(net.nina.user)
    client = _password_only("nina")
    response = _type(client, _now_code(device), "https://evil.example/")
    assert response["Location"] == reverse("home")


def test_a_wrong_code_is_refused_counted_and_recorded(net: Network) -> None:
    device = authenticator(net.nina.user)
    client = _password_only("nina")
    right = _now_code(device)
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    response = _type(client, wrong)
    assert response.status_code == 200
    assert "This code is not right" in _text(response)
    assert not _is_through(client)
    event = AuditEvent.objects.get(action="otp.failed")
    assert event.details == {"purpose": "login", "address": HERE, "failures": 1}
    # A mistyped code does not hold up the right one (no per-device delay).
    assert _type(client, right).status_code == 302
    assert _is_through(client)


def test_a_code_already_used_is_refused_even_within_its_30_seconds(net: Network) -> None:
    device = authenticator(net.nina.user)
    with time_machine.travel(START, tick=False):
        code = _now_code(device)
        first = _password_only("nina")
        assert _type(first, code).status_code == 302
        second = _password_only("nina")
        assert _type(second, code).status_code == 200
        assert not _is_through(second)
    assert _actions() == ["otp.verified", "otp.failed"]


def test_a_recovery_code_works_once_and_says_how_many_are_left(net: Network) -> None:
    codes = _enrolled("nina", net)
    client = _password_only("nina")
    # Typed as people type them: upper case, with a space.
    typed = codes[0][:4].upper() + " " + codes[0][4:].upper()
    response = _type(client, typed, reverse("cases:dashboard"))
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "You used a recovery code; 9 are left." in _text(page)
    event = AuditEvent.objects.get(action="otp.recovery_used")
    assert event.details == {"purpose": "login", "left": 9, "address": HERE}

    again = _password_only("nina")
    assert _type(again, codes[0]).status_code == 200
    assert not _is_through(again)
    assert StaticToken.objects.filter(device__user=net.nina.user).count() == 9
    assert _type(again, codes[1]).status_code == 302


# --- Pausing after wrong codes ----------------------------------------------------------------


def _wrong(device: TOTPDevice) -> str:
    return f"{(int(_now_code(device)) + 500_000) % 1_000_000:06d}"


def test_five_wrong_codes_pause_the_account_like_five_wrong_passwords(net: Network) -> None:
    device = authenticator(net.nina.user)
    with time_machine.travel(START, tick=False):
        client = _password_only("nina")
        answers = [_type(client, _wrong(device)) for _ in range(5)]
        assert [a.status_code for a in answers] == [200, 200, 200, 200, 429]
        # The fifth ended the session: the login page again, saying why.
        assert SESSION_KEY not in client.session
        assert "Too many wrong codes" in _text(answers[-1])
        assert 'name="password"' in answers[-1].content.decode()
        # The right password, then the right code: not even checked while paused.
        again = _password_only("nina")
        response = _type(again, _now_code(device))
        assert response.status_code == 429
        assert not _is_through(again)
    assert _actions() == ["otp.failed"] * 5 + ["otp.locked", "otp.refused"]
    locked = AuditEvent.objects.get(action="otp.locked")
    assert locked.details == {"purpose": "login", "minutes": 15, "address": HERE}
    assert AuditEvent.objects.filter(action="session.logged_out", details__reason="codes").exists()
    # After the pause the right code works again.
    with time_machine.travel(START + dt.timedelta(minutes=16), tick=False):
        later = _password_only("nina")
        assert _type(later, _now_code(device)).status_code == 302
        assert _is_through(later)


def test_logging_in_again_does_not_clear_the_wrong_codes(net: Network) -> None:
    device = authenticator(net.nina.user)
    with time_machine.travel(START, tick=False):
        for _ in range(4):
            client = _password_only("nina")
            assert _type(client, _wrong(device)).status_code == 200
        last = _password_only("nina")
        assert _type(last, _wrong(device)).status_code == 429


def test_an_administrator_unlocks_paused_codes_with_the_unlock_command(net: Network) -> None:
    device = authenticator(net.nina.user)
    with time_machine.travel(START, tick=False):
        client = _password_only("nina")
        for _ in range(5):
            _type(client, _wrong(device))
        out = io.StringIO()
        call_command("unlock", "nina", stdout=out)
        assert "1 record(s)" in out.getvalue()
        again = _password_only("nina")
        assert _type(again, _now_code(device)).status_code == 302


# --- Nothing behind the login before the code -------------------------------------------------


class _Anything:
    """Stands for any object a URL names (every attribute leads to another; its pk is given)."""

    def __init__(self, pk: int) -> None:
        self.pk = pk

    def __getattr__(self, name: str) -> _Anything:
        return self


class _World(dict[str, Any]):
    def __init__(self, pk: int) -> None:
        super().__init__()
        self.pk = pk

    def __getitem__(self, key: str) -> Any:
        return _Anything(self.pk)


def test_an_unverified_session_reaches_no_page_behind_the_login(net: Network) -> None:
    case = open_case(net)  # the case the URLs name exists: refused all the same
    authenticator(net.nina.user)
    client = _password_only("nina")
    reached = []
    for name, expect in EXPECTATIONS.items():
        if name in ("second_factor", "second_factor_enrol"):
            continue
        url = reverse(name, kwargs=expect.args(_World(case.pk)))
        response = getattr(client, expect.method)(url, expect.data)
        location = response.get("Location", "")
        if not (response.status_code == 302 and location.startswith(CODE_PAGE)):
            reached.append((name, response.status_code, location))
    assert reached == []
    assert len(EXPECTATIONS) > 50
    # Nothing was read on the way.
    assert not AuditEvent.objects.filter(action="identity.viewed").exists()


def test_an_htmx_request_of_an_unverified_session_is_sent_to_the_code_page(net: Network) -> None:
    client = _password_only("nina")
    response = client.get(reverse("cases:list"), headers={"HX-Request": "true"})
    assert response["HX-Redirect"].startswith(CODE_PAGE)


def test_logout_and_the_language_switch_work_before_the_code(net: Network) -> None:
    client = _password_only("nina")
    switched = client.post(reverse("set_language"), {"language": "mk", "next": "/"})
    assert switched.status_code == 302
    assert client.post(reverse("logout")).status_code == 302
    assert SESSION_KEY not in client.session


def test_the_api_refuses_an_unverified_session_and_still_takes_a_token(net: Network) -> None:
    client = _password_only("nina")
    response = client.get("/api/v1/cases")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "second_factor_required"
    # A token was issued by a verified session (the token page is behind the code too).
    assert client.get("/api/tokens/").status_code == 302
    _token, secret = create_token(net.nina.user, name="script")
    with_token = Client().get("/api/v1/cases", headers={"Authorization": f"Bearer {secret}"})
    assert with_token.status_code == 200
    # The public operations stay public.
    assert client.get("/api/v1/hotlines").status_code in (200, 404)


# --- Re-authentication before an identity -----------------------------------------------------


def test_it_asks_for_a_fresh_code_before_an_identity_after_fifteen_minutes(net: Network) -> None:
    case = open_case(net)
    device = authenticator(net.nina.user)
    identity_url = reverse("cases:identity", args=[case.pk])
    with time_machine.travel(START, tick=False):
        client = _password_only("nina")
        assert _type(client, _now_code(device)).status_code == 302
    with time_machine.travel(START + dt.timedelta(minutes=14), tick=False):
        assert client.get(identity_url, headers={"HX-Request": "true"}).status_code == 200
    with time_machine.travel(START + dt.timedelta(minutes=15), tick=False):
        # htmx: the whole page goes to the code page, and comes back to the identity.
        fragment = client.get(identity_url, headers={"HX-Request": "true"})
        assert fragment["HX-Redirect"] == CODE_PAGE + "?next=" + quote(identity_url, safe="")
        asked = client.get(identity_url)
        assert asked.status_code == 302
        page = client.get(asked["Location"])
        assert "Confirm it is you" in _text(page)
        back = _type(client, _now_code(device), identity_url)
        assert back.status_code == 302 and back["Location"] == identity_url
        shown = client.get(identity_url)
        assert shown.status_code == 200
        assert "Amira Testova" in _text(shown)
    assert _actions() == ["otp.verified", "otp.reauthenticated"]
    assert AuditEvent.objects.filter(action="identity.viewed").count() == 2


def test_the_identity_form_asks_for_a_fresh_code_too_but_saving_does_not(net: Network) -> None:
    case = open_case(net)
    device = authenticator(net.nina.user)
    edit_url = reverse("cases:identity_edit", args=[case.pk])
    with time_machine.travel(START, tick=False):
        client = _password_only("nina")
        _type(client, _now_code(device))
    with time_machine.travel(START + dt.timedelta(minutes=20), tick=False):
        assert client.get(edit_url)["Location"].startswith(CODE_PAGE)
        saved = client.post(edit_url, {"names": "latin: Amira Testova", "notes": ""})
        assert saved.status_code in (200, 302)
        assert not saved.get("Location", "").startswith(CODE_PAGE)


def test_the_period_is_configurable(net: Network, settings: LazySettings) -> None:
    settings.STEPSTONES_REAUTH_MINUTES = 2
    case = open_case(net)
    device = authenticator(net.nina.user)
    identity_url = reverse("cases:identity", args=[case.pk])
    with time_machine.travel(START, tick=False):
        client = _password_only("nina")
        _type(client, _now_code(device))
    with time_machine.travel(START + dt.timedelta(minutes=2), tick=False):
        assert client.get(identity_url).status_code == 302


def test_a_recovery_code_also_re_authenticates(net: Network) -> None:
    case = open_case(net)
    codes = _enrolled("nina", net)
    identity_url = reverse("cases:identity", args=[case.pk])
    with time_machine.travel(START, tick=False):
        client = _password_only("nina")
        _type(client, codes[0])
    with time_machine.travel(START + dt.timedelta(minutes=16), tick=False):
        assert client.get(identity_url).status_code == 302
        assert _type(client, codes[1], identity_url)["Location"] == identity_url
        assert client.get(identity_url).status_code == 200
    purposes = [e.details["purpose"] for e in AuditEvent.objects.filter(action="otp.recovery_used")]
    assert purposes == ["login", "reauth"]


# --- The administrator's reset ----------------------------------------------------------------


def test_an_administrator_resets_a_lost_phone_and_every_session_ends(net: Network) -> None:
    _enrolled("nina", net)
    device = TOTPDevice.objects.get(user=net.nina.user)
    client = _password_only("nina")
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=1), tick=False):
        assert _type(client, code_of(device) or "").status_code == 302
        assert _is_through(client)
        out = io.StringIO()
        call_command("reset_second_factor", "nina", stdout=out)
        assert "2 device(s) removed" in out.getvalue()
        assert not TOTPDevice.objects.filter(user=net.nina.user).exists()
        assert not StaticToken.objects.filter(device__user=net.nina.user).exists()
        assert not _is_through(client)  # logged out everywhere
        again = _password_only("nina")
        assert again.get(CODE_PAGE)["Location"].startswith(ENROL_PAGE)
    event = AuditEvent.objects.get(action="otp.reset")
    assert event.actor_username == ""
    assert event.details == {"username": "nina", "devices": 2}
    assert event.chain == net.ngo.pk


def test_resetting_an_unknown_account_says_so(net: Network) -> None:
    with pytest.raises(CommandError, match="No account is called 'nemo'"):
        call_command("reset_second_factor", "nemo", stdout=io.StringIO())


# --- The test logins themselves ---------------------------------------------------------------


def test_a_test_login_passes_the_second_factor_with_a_real_code(net: Network) -> None:
    tina = add_trainer(net)
    client = Client()
    client.force_login(net.nina.user)
    assert _is_through(client)
    assert _actions() == ["otp.verified"]
    # Many logins of one user within seconds each type a code the device accepts.
    for _ in range(4):
        another = Client()
        another.force_login(net.nina.user)
        assert _is_through(another)
    # A trainer has nothing to type.
    trainer = Client()
    trainer.force_login(tina.user)
    assert not TOTPDevice.objects.filter(user=tina.user).exists()


# --- In every language --------------------------------------------------------------------


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_the_second_factor_pages_show_no_english_a_translation_replaces(
    net: Network, language: str
) -> None:
    folder = LANGUAGES[language]
    case = open_case(net)
    client = _password_only("nina")
    client.cookies["django_language"] = language
    pages = [client.get(ENROL_PAGE)]
    key = client.session[sf.ENROLLING]
    pages.append(client.post(ENROL_PAGE, {"code": "000000"}))  # the error beside the field
    pages.append(client.post(ENROL_PAGE, {"code": f"{totp(bytes.fromhex(key)):06d}"}))
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", pages[-1].content.decode())
    again = _password_only("nina")
    again.cookies["django_language"] = language
    pages.append(again.get(CODE_PAGE))
    pages.append(_type(again, "000000"))
    recovered = _type(again, codes[0], reverse("cases:dashboard"))
    pages.append(again.get(recovered["Location"]))  # the recovery code's message
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=20), tick=False):
        identity = reverse("cases:identity", args=[case.pk])
        pages.append(again.get(again.get(identity)["Location"]))  # "Confirm it is you"
        _type(again, codes[1], identity)
        pages.append(again.get(identity))
    leftovers = []
    for page in pages:
        assert page.status_code == 200
        html = page.content.decode()
        assert f'lang="{language}"' in html
        leftovers += english_left(html, folder)
    assert leftovers == []
    refused = _password_only("nina").get("/api/v1/cases", headers={"accept-language": language})
    assert refused.json()["error"]["message"] != (
        "Type the code from your authenticator app on the login page first."
    )


def test_a_referral_packet_with_identity_asks_for_a_fresh_code_too(net: Network) -> None:
    case = open_case(net)
    referral = refer(net, case, net.social, fields=("gender", "names"))
    accept_referral(referral, by=net.sara)
    device = authenticator(net.sara.user)
    page = reverse("referrals:referral", args=[referral.pk])
    with time_machine.travel(START, tick=False):
        client = _password_only("sara")
        _type(client, _now_code(device))
        assert "Amira Testova" in _text(client.get(page))
    with time_machine.travel(START + dt.timedelta(minutes=16), tick=False):
        asked = client.get(page)
        assert asked["Location"] == CODE_PAGE + "?next=" + quote(page, safe="")
        assert _type(client, _now_code(device), page)["Location"] == page
        assert "Amira Testova" in _text(client.get(page))
    # Without identity fields the packet shows as before.
    plain = refer(net, case, net.police, fields=("gender",))
    with time_machine.travel(START + dt.timedelta(minutes=40), tick=False):
        police = _password_only("petar")
        _type(police, _now_code(authenticator(net.petar.user)))
    with time_machine.travel(START + dt.timedelta(minutes=60), tick=False):
        police.get(reverse("cases:dashboard"))  # still within the idle timeout
    with time_machine.travel(START + dt.timedelta(minutes=80), tick=False):
        seen = police.get(reverse("referrals:referral", args=[plain.pk]))
        assert seen.status_code == 200
