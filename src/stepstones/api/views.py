"""The page where a logged-in user creates, lists and revokes their personal API tokens."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from stepstones.api import actions
from stepstones.api.access import access_token, tokens_for
from stepstones.api.forms import TokenForm
from stepstones.errors import ActionError


@login_required
@require_http_methods(["GET", "POST"])
def tokens(request: HttpRequest) -> HttpResponse:
    """List the user's tokens; on POST create one and show its secret this once."""
    form = TokenForm(request.POST or None)
    secret = None
    if request.method == "POST" and form.is_valid():
        try:
            token, secret = actions.create_token(
                request.user,
                name=form.cleaned_data["name"],
                expires_at=form.cleaned_data["expires_in_days"],
            )
        except ActionError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            form = TokenForm()
            messages.success(
                request, _("Token “%(name)s” created. Copy it now.") % {"name": token.name}
            )
    response = render(
        request,
        "api/tokens.html",
        {"form": form, "tokens": list(tokens_for(request.user)), "secret": secret},
    )
    # The secret is on this page only once: never cache it anywhere.
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    """Revoke one of the user's tokens."""
    token = access_token(request.user, token_id)
    try:
        actions.revoke_token(token, by=request.user)
    except ActionError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Token “%(name)s” revoked.") % {"name": token.name})
    return redirect("apitokens:tokens")
