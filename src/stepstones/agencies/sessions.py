"""Session lifetimes: an idle timeout, a longest lifetime, and "log out everywhere".

A login stamps its session with when it started, when it was last seen and the user's session
generation (`start_session`). `SessionLifetimeMiddleware` ends a session at its next request when
it was idle for STEPSTONES_SESSION_IDLE_MINUTES, when STEPSTONES_SESSION_HOURS passed since its
login, or when its generation is behind the user's ("log out everywhere" moved it on). A session
without the stamps (made before they existed) is ended too.

"Last seen" is written only when it moved by `SEEN_RESOLUTION` seconds or more: a busy session
costs one session write a minute, not one per request (SESSION_SAVE_EVERY_REQUEST would write
every time; issue 13). So the idle timeout holds to within that minute. The user's generation is
read with the user in one query (`MembershipBackend.get_user`); checking costs no query.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY, logout
from django.core.exceptions import ObjectDoesNotExist
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext, ngettext

from stepstones.agencies import account_actions
from stepstones.agencies.lockout import client_address
from stepstones.agencies.models import LogoutReason

STARTED = "stepstones_started"
SEEN = "stepstones_seen"
GENERATION = "stepstones_generation"
# When the session last passed a second-factor check (`agencies.second_factor`); a login starts
# without it.
VERIFIED = "stepstones_verified"
SEEN_RESOLUTION = 60  # seconds


def now() -> int:
    """Return the time in whole seconds since the epoch (what the stamps hold)."""
    return int(time.time())


def session_generation(user: Any) -> int:
    """Return the user's session generation (0 until they first log out everywhere)."""
    try:
        generation: int = user.login_state.session_generation
    except ObjectDoesNotExist:
        return 0
    return generation


def start_session(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    """Stamp a new login's session (Django's `user_logged_in`)."""
    moment = now()
    request.session[STARTED] = moment
    request.session[SEEN] = moment
    request.session[GENERATION] = session_generation(user)
    # Logging in again owes the second factor again, even in a session that had passed it.
    request.session.pop(VERIFIED, None)


def why_over(session: Any, user: Any, moment: int) -> LogoutReason | None:
    """Return why the user's session is over at `moment`, or None while it may go on."""
    started, seen = session.get(STARTED), session.get(SEEN)
    # Made before sessions were stamped: its age is unknown, so it is over.
    if not isinstance(started, int) or not isinstance(seen, int):
        return LogoutReason.LIFETIME
    if moment - started >= settings.STEPSTONES_SESSION_HOURS * 3600:
        return LogoutReason.LIFETIME
    if moment - seen >= settings.STEPSTONES_SESSION_IDLE_MINUTES * 60:
        return LogoutReason.IDLE
    if session.get(GENERATION) != session_generation(user):
        return LogoutReason.EVERYWHERE
    return None


def _farewell(reason: LogoutReason) -> str:
    """Return what the login page tells a person whose session just ended."""
    if reason == LogoutReason.IDLE:
        minutes = settings.STEPSTONES_SESSION_IDLE_MINUTES
        return ngettext(
            "You were logged out after %(minutes)d minute without activity. Log in again to go on.",
            "You were logged out after %(minutes)d minutes without activity. Log in again to "
            "go on.",
            minutes,
        ) % {"minutes": minutes}
    if reason == LogoutReason.EVERYWHERE:
        return gettext("You were logged out everywhere. Log in again to go on.")
    hours = settings.STEPSTONES_SESSION_HOURS
    return ngettext(
        "A session lasts at most %(hours)d hour after logging in. Log in again to go on.",
        "A session lasts at most %(hours)d hours after logging in. Log in again to go on.",
        hours,
    ) % {"hours": hours}


def end_session(request: HttpRequest, reason: LogoutReason, *, address: str | None) -> None:
    """Record and end the request's session; the request goes on as a visitor."""
    user = request.user
    if user.is_authenticated:
        account_actions.record_logout(user, reason=reason, address=address)
    logout(request)
    if reason != LogoutReason.USER:
        messages.info(request, _farewell(reason))


class SessionLifetimeMiddleware:
    """End sessions that are idle, too old, or ended everywhere; keep "last seen" fresh.

    Placed after the authentication and message middleware. A request without a logged-in
    session costs nothing here: no session is loaded for a visitor without a session cookie.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = request.session
        if SESSION_KEY in session and request.user.is_authenticated:
            moment = now()
            reason = why_over(session, request.user, moment)
            if reason is not None:
                end_session(request, reason, address=client_address(request))
            elif moment - session[SEEN] >= SEEN_RESOLUTION:
                session[SEEN] = moment
        return self.get_response(request)
