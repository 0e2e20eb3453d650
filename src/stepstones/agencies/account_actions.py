"""Every audited event of accounts and sessions: logins, failures, pauses, logouts, unlocks,
and the second factor (enrolment, codes accepted and wrong, recovery codes, resets).

Each event goes to the chain of the account's organisation (the system chain for an account
without one, and for a user name that is no account). No password is ever recorded. A user name
is recorded only when it is an account's; a name that is none is recorded as its keyed hash
(`lockout.hashed_username`), so a password typed into the user name field never lands in the log.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from axes.handlers.proxy import AxesProxyHandler
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction

from stepstones.agencies.lockout import UNKNOWN_PREFIX, account_for
from stepstones.agencies.models import LoginState, LogoutReason
from stepstones.audit.chain import record
from stepstones.audit.models import AuditEvent

if TYPE_CHECKING:
    from stepstones.agencies.models import Organisation


def _organisation_of(user: AbstractBaseUser) -> Organisation | None:
    """Return the organisation of the user's membership (active or not), or None."""
    try:
        membership = user.membership  # type: ignore[attr-defined]
    except ObjectDoesNotExist:
        return None
    organisation: Organisation = membership.organisation
    return organisation


def _about(name: str | None) -> dict[str, Any]:
    """Return the `record` arguments that say which account an attempted name is about."""
    user = account_for(name)
    if user is not None:
        return {
            "object_id": user.pk,
            "organisation": _organisation_of(user),
            "details": {"username": user.get_username()},
        }
    details = {"unknown_username": name} if name and name.startswith(UNKNOWN_PREFIX) else {}
    return {"object_id": "", "organisation": None, "details": details}


def _record_attempt(action: str, name: str | None, address: str | None, **extra: Any) -> None:
    about = _about(name)
    record(
        action,
        object_type="user",
        object_id=about["object_id"],
        organisation=about["organisation"],
        details={**about["details"], "address": address or "", **extra},
    )


def record_login(user: AbstractBaseUser, *, address: str | None) -> AuditEvent:
    """Record that the user logged in (called where a login completes, not for test logins)."""
    return record(
        "login.succeeded",
        object_type="user",
        object_id=user.pk,
        actor=user,
        organisation=_organisation_of(user),
        details={"address": address or ""},
    )


def record_login_failed(name: str | None, *, address: str | None) -> None:
    """Record a login refused for a wrong user name or password (or an inactive account)."""
    _record_attempt("login.failed", name, address)


def record_login_paused(name: str | None, *, address: str | None, minutes: int) -> None:
    """Record that this failure paused logging in (the pair, the address or the account)."""
    _record_attempt("login.locked", name, address, minutes=minutes)


def record_login_refused(name: str | None, *, address: str | None) -> None:
    """Record an attempt refused unchecked because logging in was paused already."""
    _record_attempt("login.refused", name, address)


def record_logout(
    user: AbstractBaseUser, *, reason: LogoutReason, address: str | None
) -> AuditEvent:
    """Record that one of the user's sessions ended, and why."""
    return record(
        "session.logged_out",
        object_type="user",
        object_id=user.pk,
        actor=user,
        organisation=_organisation_of(user),
        details={"reason": reason.value, "address": address or ""},
    )


def end_sessions_everywhere(user: AbstractBaseUser, *, address: str | None) -> LoginState:
    """End every session of the user, on every device: move their session generation on.

    Each session keeps the generation it started in; `sessions.SessionLifetimeMiddleware` ends
    a session that is behind at its next request. Returns the user's new login state.
    """
    with transaction.atomic():
        state, _ = LoginState.objects.select_for_update().get_or_create(user_id=user.pk)
        state.session_generation += 1
        state.save(update_fields=["session_generation"])
        record(
            "session.ended_everywhere",
            object_type="user",
            object_id=user.pk,
            actor=user,
            organisation=_organisation_of(user),
            details={"address": address or ""},
        )
    return state


def unlock(user: AbstractBaseUser | None, *, address: str | None = None) -> int:
    """Clear the counted failures of an account (all addresses), or of an address, or both.

    An administrator's way out of a pause (`stepstones unlock`); an account's paused
    second-factor codes are cleared too (counted as one record). Returns how many records of
    failed attempts were removed; recorded as `login.unlocked` even when there were none.
    """
    if user is None and not address:
        raise ValueError("unlock needs an account or an address")
    with transaction.atomic():
        removed = 0
        if user is not None:
            removed += AxesProxyHandler.reset_attempts(username=user.get_username())
            # Wrong second-factor codes pause the account too: unlocking clears them as well.
            removed += LoginState.objects.filter(user_id=user.pk, code_failures__gt=0).update(
                code_failures=0, code_failed_at=None
            )
        if address:
            removed += AxesProxyHandler.reset_attempts(ip_address=address)
        details: dict[str, Any] = {"records": removed}
        if user is not None:
            details = {"username": user.get_username(), **details}
        if address:
            details["address"] = address
        record(
            "login.unlocked",
            object_type="user",
            object_id=user.pk if user is not None else "",
            organisation=_organisation_of(user) if user is not None else None,
            details=details,
        )
    return removed


# --- The second factor (agencies.second_factor) ----------------------------------------------


def _record_user(action: str, user: AbstractBaseUser, *, actor: bool, **details: Any) -> None:
    record(
        action,
        object_type="user",
        object_id=user.pk,
        actor=user if actor else None,
        organisation=_organisation_of(user),
        details=details,
    )


def record_enrolled(user: AbstractBaseUser, *, recovery_codes: int, address: str | None) -> None:
    """Record that the user enrolled an authenticator (and got new recovery codes)."""
    _record_user(
        "otp.enrolled", user, actor=True, recovery_codes=recovery_codes, address=address or ""
    )


def record_code_accepted(
    user: AbstractBaseUser, *, purpose: str, recovery: bool, left: int, address: str | None
) -> None:
    """Record an accepted code: `otp.verified` after the password, `otp.reauthenticated` before
    revealing an identity, `otp.recovery_used` for a recovery code (with how many are left).
    """
    if recovery:
        _record_user(
            "otp.recovery_used",
            user,
            actor=True,
            purpose=str(purpose),
            left=left,
            address=address or "",
        )
        return
    action = "otp.reauthenticated" if str(purpose) == "reauth" else "otp.verified"
    _record_user(action, user, actor=True, purpose=str(purpose), address=address or "")


def record_code_failed(
    user: AbstractBaseUser, *, purpose: str, address: str | None, failures: int | None = None
) -> None:
    """Record a wrong code (with the account's count of wrong codes, when it is counted)."""
    details: dict[str, Any] = {"purpose": str(purpose), "address": address or ""}
    if failures is not None:
        details["failures"] = failures
    _record_user("otp.failed", user, actor=True, **details)


def record_code_paused(
    user: AbstractBaseUser, *, purpose: str, minutes: int, address: str | None
) -> None:
    """Record that this wrong code paused the account's codes."""
    _record_user(
        "otp.locked", user, actor=True, purpose=str(purpose), minutes=minutes, address=address or ""
    )


def record_code_refused(user: AbstractBaseUser, *, purpose: str, address: str | None) -> None:
    """Record a code refused unchecked because the account's codes were paused already."""
    _record_user("otp.refused", user, actor=True, purpose=str(purpose), address=address or "")


def record_second_factor_reset(user: AbstractBaseUser, *, devices: int) -> None:
    """Record that an administrator removed the user's second factor (by the command line)."""
    _record_user("otp.reset", user, actor=False, username=user.get_username(), devices=devices)
