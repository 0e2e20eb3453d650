"""Limit how often one address may use the public endpoints that do real work, without a login.

The offer check, the notes assistant and the quick screen answer anyone (they store nothing), and
each answer reads up to 20,000 characters. One address may send at most
STEPSTONES_PUBLIC_RATE_LIMIT such requests (POSTs) per fixed window of
STEPSTONES_PUBLIC_RATE_WINDOW_SECONDS; the next ones get 429 with Retry-After until the window
ends. A logged-in user, or a caller with a valid API token, is not counted. IPv6 addresses count
per /64, the block one client usually holds.

The counts live in Django's cache. With the default local-memory cache each server process counts
on its own: behind N worker processes an address gets up to N times the limit (docs/security.md).
"""

from __future__ import annotations

import ipaddress
import math
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import ngettext

from stepstones.agencies.lockout import client_address
from stepstones.api.access import user_for_token
from stepstones.api.errors import error_body
from stepstones.web.nul import is_api

#: The public views whose POSTs are counted: the pages and their API twins.
LIMITED_VIEWS = frozenset(
    {
        "offers:check",
        "api:check",
        "suggest:notes",
        "suggest:review",
        "api:suggest_from_notes",
        "screening:quick",
        "api:assess_facts",
    }
)
_READS = ("GET", "HEAD", "OPTIONS")


class PublicRateLimitMiddleware:
    """Answer 429 once an anonymous address has used up its window on the public endpoints."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., HttpResponse],
        view_args: tuple[Any, ...],
        view_kwargs: dict[str, Any],
    ) -> HttpResponse | None:
        limit: int = settings.STEPSTONES_PUBLIC_RATE_LIMIT
        match = request.resolver_match
        # Off, a read (showing an empty form costs nothing), or not a counted endpoint.
        if not limit or request.method in _READS or match is None:
            return None
        if match.view_name not in LIMITED_VIEWS:
            return None
        # People who logged in, and API clients with a valid token, are known: not limited.
        if _signed_in(request):
            return None
        wait = count(who(request), limit, settings.STEPSTONES_PUBLIC_RATE_WINDOW_SECONDS)
        if wait is None:
            return None
        return _refusal(request, wait)


def _signed_in(request: HttpRequest) -> bool:
    if request.user.is_authenticated:
        return True
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    return scheme.lower() == "bearer" and user_for_token(token.strip()) is not None


def who(request: HttpRequest) -> str:
    """Return what the limit counts for this request: the client's address (IPv6: its /64)."""
    address = client_address(request)
    if address is None:
        return "unknown"
    if ipaddress.ip_address(address).version == 6:
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return address


def count(key: str, limit: int, window: int, now: float | None = None) -> int | None:
    """Count one request for `key` in the current window of `window` seconds.

    Return None while the window's count is within `limit`, else the seconds until the window
    ends (at least 1).
    """
    moment = time.time() if now is None else now
    slot = int(moment // window)
    cache_key = f"stepstones:public-rate:{slot}:{key}"
    # add() only sets a missing key, so the first request of a window starts the count at once.
    if cache.add(cache_key, 1, timeout=window):
        seen = 1
    else:
        try:
            seen = cache.incr(cache_key)
        except ValueError:  # expired between the two calls: this request starts the window
            cache.set(cache_key, 1, timeout=window)
            seen = 1
    if seen <= limit:
        return None
    return max(1, math.ceil((slot + 1) * window - moment))


def _refusal(request: HttpRequest, wait: int) -> HttpResponse:
    message = ngettext(
        "Too many requests came from your network in a short time. Wait %(seconds)d second "
        "and try again.",
        "Too many requests came from your network in a short time. Wait %(seconds)d seconds "
        "and try again.",
        wait,
    ) % {"seconds": wait}
    response: HttpResponse
    if is_api(request):
        response = JsonResponse(error_body("rate_limited", message), status=429)
        response["Cache-Control"] = "no-store"
    else:
        response = render(request, "web/rate_limited.html", {"message": message}, status=429)
        add_never_cache_headers(response)
    response["Retry-After"] = str(wait)
    return response
