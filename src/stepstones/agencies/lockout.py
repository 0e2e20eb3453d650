"""Login throttling: django-axes as stepstones configures it (settings: AXES_*, STEPSTONES_LOGIN_*).

axes counts failed logins in the database (every app server sees the same counts) and refuses a
paused login before any password is checked. What this module adds:

- `client_address`: the client's address, read through STEPSTONES_TRUSTED_PROXIES proxies.
- `attempted_username`: the user name axes stores and counts by. A name that is no account
  becomes a keyed hash, so a password typed into the user name field is never stored.
- `TieredLockoutHandler`: axes' database handler, with the address and account tiers beside its
  own pair tier (one account from one address).
- `lockout_response`: the login page again, saying why and for how long (429).
- `on_login_failed`: audits each failure, each pause and each refusal while paused.
"""

from __future__ import annotations

import ipaddress
from typing import Any

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.crypto import salted_hmac
from django.utils.translation import ngettext

# Marks a hashed name: no account can be called "?..." (user names allow letters, digits, @.+-_).
UNKNOWN_PREFIX = "?"
_MAX_USERNAME = 150  # Django's User.username
_CACHE = "_stepstones_attempted"


def client_address(request: HttpRequest) -> str | None:
    """Return the client's IP address (axes' AXES_CLIENT_IP_CALLABLE).

    Behind STEPSTONES_TRUSTED_PROXIES proxies, each of which appends the address it was called
    from to X-Forwarded-For, the client's address is that many entries from the right; entries
    further left are whatever the client sent, so they are never read. Without proxies, or when
    the header is shorter than promised, the connection's own address; None when that is no IP
    address either.
    """
    proxies = settings.STEPSTONES_TRUSTED_PROXIES
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= proxies and (address := _ip(hops[-proxies])):
            return address
    return _ip(request.META.get("REMOTE_ADDR", ""))


def _ip(text: str) -> str | None:
    """Return `text` as an IP address, or None when it is none (a Unix socket gives "")."""
    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        return None


def hashed_username(raw: str) -> str:
    """Return a keyed hash standing for a user name that is no account ("?" and 20 hex digits).

    Keyed with SECRET_KEY: someone reading the database cannot test guesses against it, yet the
    same mistyped name gives the same hash, so repeated tries of one name still show.
    """
    return UNKNOWN_PREFIX + salted_hmac(__name__, raw, algorithm="sha256").hexdigest()[:20]


def attempted_username(request: HttpRequest, credentials: dict[str, Any] | None) -> str | None:
    """Return the user name a login attempt counts under (axes' AXES_USERNAME_CALLABLE).

    The name itself when an account has it, else `hashed_username` of it; None without a name.
    Remembered on the request: axes asks several times per attempt.
    """
    field = get_user_model().USERNAME_FIELD
    source = credentials if credentials is not None else request.POST
    raw = source.get(field)
    if not isinstance(raw, str) or not raw:
        return None
    known: dict[str, str] = request.__dict__.setdefault(_CACHE, {})
    if raw not in known:
        # A NUL byte cannot be in a user name and PostgreSQL refuses it in a query.
        exists = (
            len(raw) <= _MAX_USERNAME
            and "\x00" not in raw
            and get_user_model()._default_manager.filter(**{field: raw}).exists()
        )
        known[raw] = raw if exists else hashed_username(raw)
    return known[raw]


def account_for(name: str | None) -> AbstractBaseUser | None:
    """Return the account an attempted (or hashed) user name stands for, or None."""
    if not name or name.startswith(UNKNOWN_PREFIX):
        return None
    field = get_user_model().USERNAME_FIELD
    return get_user_model()._default_manager.filter(**{field: name}).first()


# axes is untyped, so its handler is `Any` to mypy; the methods below are typed.
class TieredLockoutHandler(AxesDatabaseHandler):  # type: ignore[misc]
    """axes' database handler, pausing by address and by account as well as by the pair.

    axes counts the pair (one account from one address, AXES_LOCKOUT_PARAMETERS) against
    AXES_FAILURE_LIMIT. Two wider tiers count in the same window: all failures from the
    address (STEPSTONES_LOGIN_ADDRESS_FAILURE_LIMIT) and all failures of the account
    (STEPSTONES_LOGIN_ACCOUNT_FAILURE_LIMIT); 0 switches a tier off. Only the pair is given to
    axes as a lockout parameter, so that a successful login clears its own pair's failures and
    never another account's failures from the same address.
    """

    def get_failures(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> int:
        """Return the pair's failures, or the failure limit when a wider tier is full."""
        pair: int = super().get_failures(request, credentials)
        limit: int = get_failure_limit(request, credentials)
        if pair >= limit:
            return pair
        by_address, by_account = self.wider_failures(request, credentials)
        address_limit = settings.STEPSTONES_LOGIN_ADDRESS_FAILURE_LIMIT
        account_limit = settings.STEPSTONES_LOGIN_ACCOUNT_FAILURE_LIMIT
        if (address_limit and by_address >= address_limit) or (
            account_limit and by_account >= account_limit
        ):
            return limit
        return pair

    def wider_failures(
        self, request: HttpRequest, credentials: dict[str, Any] | None = None
    ) -> tuple[int, int]:
        """Return the failures from this address (any account) and of this account (any address)."""
        address = getattr(request, "axes_ip_address", None)
        username = get_client_username(request, credentials)
        tiers: dict[str, Q] = {}
        if settings.STEPSTONES_LOGIN_ADDRESS_FAILURE_LIMIT and address:
            tiers["address"] = Q(ip_address=address)
        if settings.STEPSTONES_LOGIN_ACCOUNT_FAILURE_LIMIT and username:
            tiers["account"] = Q(username=username)
        if not tiers:
            return 0, 0
        either = Q()
        for condition in tiers.values():
            either |= condition
        # One query for both tiers.
        sums = (
            AccessAttempt.objects.filter(attempt_time__gte=get_cool_off_threshold(request))
            .filter(either)
            .aggregate(
                **{
                    name: Sum("failures_since_start", filter=condition)
                    for name, condition in tiers.items()
                }
            )
        )
        return sums.get("address") or 0, sums.get("account") or 0


def pause_minutes(request: HttpRequest | None = None) -> int:
    """Return how many minutes a paused login waits (AXES_COOLOFF_TIME)."""
    cool_off = get_cool_off(request)
    return int(cool_off.total_seconds() // 60) if cool_off else 0


def lockout_response(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict[str, Any] | None = None,
) -> HttpResponse:
    """Return the login page again with the reason the login is paused (AXES_LOCKOUT_CALLABLE).

    Status 429 (Too Many Requests). The form is empty but for the user name typed.
    """
    minutes = pause_minutes(request)
    messages.error(
        request,
        ngettext(
            "Too many failed attempts to log in: logging in is paused for %(minutes)d minute. "
            "Try again later, or ask an administrator to unlock your account.",
            "Too many failed attempts to log in: logging in is paused for %(minutes)d minutes. "
            "Try again later, or ask an administrator to unlock your account.",
            minutes,
        )
        % {"minutes": minutes},
    )
    form = AuthenticationForm(request, initial={"username": request.POST.get("username", "")})
    redirect_to = request.POST.get("next") or request.GET.get("next", "")
    return render(
        request, "registration/login.html", {"form": form, "next": redirect_to}, status=429
    )


def on_login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    """Audit a failed login (Django's `user_login_failed`; runs after axes' own receiver).

    axes has then marked the request: `axes_locked_out` when the login is paused, and
    `axes_failures_since_start` only when it counted this attempt. Paused but not counted means
    axes refused the attempt unchecked, because the login was paused already.
    """
    from stepstones.agencies import account_actions

    if request is None:
        return
    name = attempted_username(request, credentials)
    address = getattr(request, "axes_ip_address", None) or client_address(request)
    paused = bool(getattr(request, "axes_locked_out", False))
    counted = getattr(request, "axes_failures_since_start", None) is not None
    if paused and not counted:
        account_actions.record_login_refused(name, address=address)
        return
    account_actions.record_login_failed(name, address=address)
    if paused:
        account_actions.record_login_paused(name, address=address, minutes=pause_minutes(request))
