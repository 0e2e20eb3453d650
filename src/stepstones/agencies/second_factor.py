"""The second factor: a code from an authenticator app (TOTP), or a one-time recovery code.

Who passes it: members whose role reads identities or exports (`models.SECOND_FACTOR_ROLES`).
After the password such a member is logged in but not yet verified, and
`SecondFactorMiddleware` sends every request of theirs to the code page (to enrolment when
they have no authenticator yet); only logging out, the language switch and those pages work
until a code is accepted. The devices are django-otp's: `TOTPDevice` (RFC 6238, a code of a
time step never accepted twice: `last_t`) and `StaticDevice` (recovery codes, each removed when
used).

The session remembers when it last passed a check (`VERIFIED`, seconds since the epoch like the
session stamps in `agencies.sessions`). Revealing an identity needs a check younger than
STEPSTONES_REAUTH_MINUTES (`needs_reauthentication`); an older one asks for a fresh code first.
Reading the state costs no query: the role comes with the user (`MembershipBackend`), the stamp
with the session. An administrator's reset (`reset_second_factor`) ends every session of the
account, so no session verified by a removed device lives on.

Wrong codes are counted per account on its `LoginState`, not per device: AXES_FAILURE_LIMIT of
them within AXES_COOLOFF_TIME pause the account's codes as wrong passwords pause its logins, and
`stepstones unlock` clears them. Every enrolment, accepted or wrong code, recovery code used,
re-authentication, pause and reset is audited (`otp.*` events).
"""

from __future__ import annotations

import base64
import enum
import secrets
from collections.abc import Callable
from typing import Any
from urllib.parse import quote, urlencode

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from stepstones.agencies.access import membership_for
from stepstones.agencies.models import SECOND_FACTOR_ROLES, LoginState
from stepstones.agencies.sessions import VERIFIED, now

ENROLLING = "stepstones_enrol_key"  # the key offered while enrolling, until a code confirms it
RECOVERY_CODES = 10
TOTP_DIGITS = 6
TOTP_TOLERANCE = 1  # one 30-second step either side: a phone's clock may be a little off


class Purpose(enum.StrEnum):
    """Why a code is asked for (the `purpose` of the `otp.*` audit events)."""

    LOGIN = "login"
    REAUTH = "reauth"
    ENROL = "enrol"


class Outcome(enum.Enum):
    """What checking a code gave."""

    TOTP = "totp"  # an authenticator's code, accepted
    RECOVERY = "recovery"  # a recovery code, accepted and now used up
    WRONG = "wrong"  # neither: counted
    PAUSED = "paused"  # too many wrong codes: not checked

    @property
    def accepted(self) -> bool:
        return self in (Outcome.TOTP, Outcome.RECOVERY)


def requires_second_factor(user: Any) -> bool:
    """Whether the user's role reads identities or exports (no query: membership is cached)."""
    membership = membership_for(user)
    return membership is not None and membership.role in SECOND_FACTOR_ROLES


def is_verified(session: Any) -> bool:
    """Whether the session passed a second-factor check since its login."""
    return isinstance(session.get(VERIFIED), int)


def needs_reauthentication(request: HttpRequest) -> bool:
    """Whether revealing an identity must first ask this session for a fresh code.

    True when the user's role passes a second factor and the session's last check is
    STEPSTONES_REAUTH_MINUTES old or more (or never happened).
    """
    if not requires_second_factor(request.user):
        return False
    checked = request.session.get(VERIFIED)
    if not isinstance(checked, int):
        return True
    return now() - checked >= settings.STEPSTONES_REAUTH_MINUTES * 60


def mark_verified(request: HttpRequest) -> None:
    """Record that the session passed a check now, under a new session key."""
    # A new key for the raised privilege, as Django's login does for the password.
    request.session.cycle_key()
    request.session[VERIFIED] = now()


def totp_device(user: AbstractBaseUser) -> TOTPDevice | None:
    """Return the user's confirmed authenticator, or None before enrolment."""
    device: TOTPDevice | None = (
        TOTPDevice.objects.filter(user_id=user.pk, confirmed=True).order_by("id").first()
    )
    return device


def has_device(user: AbstractBaseUser) -> bool:
    """Whether the user has enrolled an authenticator."""
    return bool(TOTPDevice.objects.filter(user_id=user.pk, confirmed=True).exists())


def recovery_codes_left(user: AbstractBaseUser) -> int:
    """Return how many unused recovery codes the user has."""
    left: int = StaticToken.objects.filter(device__user_id=user.pk, device__confirmed=True).count()
    return left


def new_key() -> str:
    """Return a new TOTP key: 20 random bytes as hex (RFC 4226's recommended length)."""
    return secrets.token_hex(20)


def key_base32(key_hex: str) -> str:
    """Return the key as authenticator apps want it typed: base32, no padding."""
    return base64.b32encode(bytes.fromhex(key_hex)).decode("ascii").rstrip("=")


def provisioning_uri(user: AbstractBaseUser, key_hex: str) -> str:
    """Return the otpauth:// address an authenticator app reads from the QR code."""
    issuer = settings.OTP_TOTP_ISSUER
    label = quote(f"{issuer}:{user.get_username()}")
    query = urlencode(
        {
            "secret": key_base32(key_hex),
            "issuer": issuer,
            "algorithm": "SHA1",
            "digits": TOTP_DIGITS,
            "period": 30,
        }
    )
    return f"otpauth://totp/{label}?{query}"


def _normalised(code: str) -> str:
    """Return a typed code without spaces or dashes, in lower case (recovery codes are)."""
    return "".join(code.split()).replace("-", "").lower()


def _matches_new_key(key_hex: str, code: str) -> int | None:
    """Return the time step `code` belongs to for a key being enrolled, or None."""
    if not (code.isdigit() and len(code) == TOTP_DIGITS):
        return None
    totp = TOTP(bytes.fromhex(key_hex), 30, 0, TOTP_DIGITS, 0)
    if totp.verify(int(code), TOTP_TOLERANCE):
        step: int = totp.t()
        return step
    return None


def _paused(state: LoginState, moment: Any) -> bool:
    """Whether the account's codes are paused at `moment` (too many wrong ones lately)."""
    if state.code_failed_at is None or state.code_failures < settings.AXES_FAILURE_LIMIT:
        return False
    return bool(moment - state.code_failed_at < settings.AXES_COOLOFF_TIME)


def codes_paused(user: AbstractBaseUser) -> bool:
    """Whether the user's second-factor codes are paused now."""
    state = LoginState.objects.filter(user_id=user.pk).first()
    return state is not None and _paused(state, timezone.now())


def _check(user: AbstractBaseUser, code: str) -> tuple[Outcome, int]:
    """Check a code against the user's devices (locked); return the outcome and codes left."""
    if code.isdigit() and len(code) == TOTP_DIGITS:
        for device in TOTPDevice.objects.select_for_update().filter(
            user_id=user.pk, confirmed=True
        ):
            # Refuses a code of a time step already used (a replay), and moves `last_t` on.
            if device.verify_token(code):
                return Outcome.TOTP, 0
        return Outcome.WRONG, 0
    for static in StaticDevice.objects.select_for_update().filter(user_id=user.pk, confirmed=True):
        # Removes the recovery code it matches: each works once.
        if static.verify_token(code):
            return Outcome.RECOVERY, recovery_codes_left(user)
    return Outcome.WRONG, 0


def check_code(
    user: AbstractBaseUser, typed: str, *, purpose: Purpose, address: str | None
) -> Outcome:
    """Check a code the user typed (an authenticator's or a recovery code), and audit it.

    Six digits are an authenticator's code; anything else is tried as a recovery code. The
    account's row is locked first, so two requests cannot both use one code or both miss the
    count. A wrong code is counted; the AXES_FAILURE_LIMIT-th within AXES_COOLOFF_TIME pauses the
    account's codes (`otp.locked`), and while paused no code is checked at all.
    """
    from stepstones.agencies import account_actions

    code = _normalised(typed)
    moment = timezone.now()
    with transaction.atomic():
        state, _ = LoginState.objects.select_for_update().get_or_create(user_id=user.pk)
        if _paused(state, moment):
            account_actions.record_code_refused(user, purpose=purpose, address=address)
            return Outcome.PAUSED
        outcome, left = _check(user, code) if code else (Outcome.WRONG, 0)
        if outcome.accepted:
            if state.code_failures:
                state.code_failures = 0
                state.save(update_fields=["code_failures"])
            account_actions.record_code_accepted(
                user,
                purpose=purpose,
                recovery=outcome is Outcome.RECOVERY,
                left=left,
                address=address,
            )
            return outcome
        # A failure long after the last one starts a new count, as axes counts passwords.
        if state.code_failed_at is None or moment - state.code_failed_at >= (
            settings.AXES_COOLOFF_TIME
        ):
            state.code_failures = 0
        state.code_failures += 1
        state.code_failed_at = moment
        state.save(update_fields=["code_failures", "code_failed_at"])
        account_actions.record_code_failed(
            user, purpose=purpose, failures=state.code_failures, address=address
        )
        if state.code_failures >= settings.AXES_FAILURE_LIMIT:
            account_actions.record_code_paused(
                user, purpose=purpose, minutes=_cooloff_minutes(), address=address
            )
        return Outcome.WRONG


def _cooloff_minutes() -> int:
    return int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)


def enrol(
    user: AbstractBaseUser, key_hex: str, typed: str, *, address: str | None
) -> list[str] | None:
    """Confirm an authenticator with a code it shows; return the new recovery codes, or None.

    The code must belong to `key_hex` (the key the enrolment page showed). On success the user
    gets that authenticator and RECOVERY_CODES new recovery codes in place of any before, and
    `otp.enrolled` is recorded; the codes are returned to be shown once. A wrong code is
    recorded as `otp.failed` (purpose "enrol") but not counted: it guesses no secret.
    """
    from stepstones.agencies import account_actions

    step = _matches_new_key(key_hex, _normalised(typed))
    if step is None:
        account_actions.record_code_failed(user, purpose=Purpose.ENROL, address=address)
        return None
    with transaction.atomic():
        LoginState.objects.select_for_update().get_or_create(user_id=user.pk)
        TOTPDevice.objects.filter(user_id=user.pk).delete()
        StaticDevice.objects.filter(user_id=user.pk).delete()
        TOTPDevice.objects.create(
            user_id=user.pk,
            name="authenticator",
            key=key_hex,
            digits=TOTP_DIGITS,
            tolerance=TOTP_TOLERANCE,
            confirmed=True,
            last_t=step,  # the code that confirmed it cannot log in again
        )
        codes = _new_recovery_codes(user)
        account_actions.record_enrolled(user, recovery_codes=len(codes), address=address)
    return codes


def _new_recovery_codes(user: AbstractBaseUser) -> list[str]:
    static = StaticDevice.objects.create(user_id=user.pk, name="recovery codes", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=static, token=code) for code in codes])
    return codes


def reset(user: AbstractBaseUser) -> int:
    """Remove the user's authenticator and recovery codes, and end every session of theirs.

    An administrator's way out when a phone is lost (`stepstones reset-second-factor`). The
    user enrols again at their next login. Returns how many devices were removed; recorded as
    `otp.reset` even when there were none.
    """
    from stepstones.agencies import account_actions

    with transaction.atomic():
        state, _ = LoginState.objects.select_for_update().get_or_create(user_id=user.pk)
        removed: int = TOTPDevice.objects.filter(user_id=user.pk).count()
        removed += StaticDevice.objects.filter(user_id=user.pk).count()
        TOTPDevice.objects.filter(user_id=user.pk).delete()
        StaticDevice.objects.filter(user_id=user.pk).delete()
        state.code_failures = 0
        state.code_failed_at = None
        # Every session of the account ends ("log out everywhere"): none stays verified by a
        # device that is gone.
        state.session_generation += 1
        state.save(update_fields=["code_failures", "code_failed_at", "session_generation"])
        account_actions.record_second_factor_reset(user, devices=removed)
    return removed


# --- Where an unverified session may go ------------------------------------------------------


def _open_paths() -> tuple[str, ...]:
    """Return the paths an unverified session may reach (prefixes)."""
    return (
        reverse("second_factor"),
        reverse("second_factor_enrol"),
        reverse("logout"),
        reverse("login"),
        reverse("set_language"),
        "/" + settings.STATIC_URL.lstrip("/"),
        # The API answers for itself (`api.auth.BrowserSession`): 401 for an unverified
        # session, and its public operations need no login at all.
        "/api/v1/",
    )


def with_next(url: str, next_url: str | None) -> str:
    """Return `url` with `?next=` when there is somewhere to go back to."""
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


def redirect_for(request: HttpRequest, url: str) -> HttpResponse:
    """Send the browser to `url`: a redirect, or for htmx a full-page redirect it follows."""
    if request.headers.get("HX-Request") == "true":
        response = HttpResponse()
        response["HX-Redirect"] = url
        return response
    return HttpResponseRedirect(url)


class SecondFactorMiddleware:
    """Keep a session that still owes its second factor on the code or enrolment page.

    Placed after the authentication and session-lifetime middleware. Costs no query: the role
    comes with the user, the stamp with the session. A GET is sent back to where it was going
    once the code is accepted; any other request is sent to the code page alone.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            SESSION_KEY in request.session
            and request.user.is_authenticated
            and not is_verified(request.session)
            and requires_second_factor(request.user)
            and not request.path.startswith(_open_paths())
        ):
            next_url = request.get_full_path() if request.method == "GET" else None
            return redirect_for(request, with_next(reverse("second_factor"), next_url))
        return self.get_response(request)
