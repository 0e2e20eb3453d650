"""Pages that belong to no single part: the home page, and the page for a request we cannot read."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from stepstones.agencies.access import membership_for
from stepstones.agencies.models import Role


def home(request: HttpRequest) -> HttpResponse:
    """Show what stepstones offers and where each tool is."""
    membership = membership_for(request.user)
    trainer = membership is not None and membership.role == Role.TRAINER
    return render(request, "web/home.html", {"trainer": trainer})


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """Django's 400, in words: what could not be read, and that nothing was saved.

    A form too large to read (a pasted document, a file in a text field) used to get Django's
    bare "Bad Request (400)" in English; it now gets 413 and the limit, in the person's language.
    """
    status = 400
    if isinstance(exception, RequestDataTooBig):
        status = 413
        megabytes = settings.DATA_UPLOAD_MAX_MEMORY_SIZE / 2**20
        message = _(
            "What you sent is larger than %(size)s MB, the most this server reads at once. "
            "Send a shorter text or a smaller file."
        ) % {"size": f"{megabytes:.1f}"}
    elif isinstance(exception, TooManyFieldsSent):
        message = _("What you sent has more fields than any form here has.")
    else:
        message = _("What you sent could not be read.")
    response = render(request, "web/bad_input.html", {"message": message}, status=status)
    add_never_cache_headers(response)
    return response
