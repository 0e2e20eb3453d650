"""Response headers every page carries: what the browser may use, and what it may keep.

- `Permissions-Policy`: no page needs the camera, microphone, location, payment or USB, so none
  may ask for them (a script that got in cannot either).
- `Cache-Control: no-store` on every page a logged-in person sees: case lists, the dashboard,
  the inbox and the case pages show who is in danger and where; a shared computer's browser, a
  phone that changes hands, or a proxy must keep no copy. Pages for visitors (the public quick
  screen, offer check and notes assistant mark themselves `no-store` where they hold answers)
  and static files (served before this middleware) are left to their own headers.

The Content-Security-Policy itself comes from django-csp (settings.CONTENT_SECURITY_POLICY).
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers

PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
        "interest-cohort",
    )
)


class PrivacyHeadersMiddleware:
    """Add `Permissions-Policy` to every response and `no-store` to every logged-in page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        return response
