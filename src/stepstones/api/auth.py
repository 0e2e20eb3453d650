"""How the API knows who is calling: a personal token (Bearer) or the browser session.

A presented token that does not count (unknown, revoked, expired) is refused at once with 401,
even when a session cookie is there too: a client that sends a token means that token. Writes
over the session need the CSRF token, exactly as the pages do. A session whose role passes a
second factor counts only once it has (401 `second_factor_required` before). A token counts
without one: only a verified session can create a token (docs/security.md).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.security import HttpBearer, SessionAuth

from stepstones.agencies.second_factor import is_verified, requires_second_factor
from stepstones.api.access import user_for_token
from stepstones.api.errors import ApiError


class TokenAuth(HttpBearer):
    """`Authorization: Bearer sst_...`: a personal API token."""

    def authenticate(self, request: HttpRequest, token: str) -> Any | None:
        user = user_for_token(token.strip())
        if user is None:
            raise ApiError(
                401, "invalid_token", _("This API token is unknown, revoked or expired.")
            )
        return user


class BrowserSession(SessionAuth):
    """The logged-in browser session, with CSRF checks on writes (ninja's SessionAuth)."""

    def __call__(self, request: HttpRequest) -> Any | None:
        # A request carrying a bearer header was already answered by TokenAuth.
        if request.headers.get("Authorization"):
            return None
        # No session: answer 401 "log in", not a CSRF failure about a session that is not there.
        if not request.user.is_authenticated:
            return None
        # A session still owing its second factor reaches nothing (agencies.second_factor).
        if requires_second_factor(request.user) and not is_verified(request.session):
            raise ApiError(
                401,
                "second_factor_required",
                _("Type the code from your authenticator app on the login page first."),
            )
        return super().__call__(request)


AUTH = [TokenAuth(), BrowserSession()]


def caller(request: HttpRequest) -> Any:
    """Return the user the request authenticated as."""
    return request.auth  # type: ignore[attr-defined]
