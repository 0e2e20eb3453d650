"""The public offer check (no login, stores nothing) and reporting an offer (login)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from stepstones.agencies.access import membership_for
from stepstones.errors import ActionError
from stepstones.offers import actions
from stepstones.offers.forms import CheckForm, ReportForm
from stepstones.offers.presenting import present
from stepstones.offers.services import run_check
from stepstones.recruitment import Offer


@never_cache
@require_http_methods(["GET", "POST"])
def check(request: HttpRequest) -> HttpResponse:
    """Show the check form; on POST, show the flags, level and advice. Nothing is stored."""
    result = None
    form = CheckForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        offer = Offer(
            text=data["text"],
            seen_at=data["seen_at"],
            contact=data["contact"],
            job_country=data["job_country"],
            seeker_country=data["seeker_country"],
        )
        result = present(data["text"], run_check(offer))
        membership = membership_for(request.user)
        if membership is not None:
            # Only members report; the button says for which organisation.
            result["report_form"] = ReportForm(initial={"text": data["text"]})
            result["report_organisation"] = membership.organisation.name
    context = {"form": form, "result": result}
    if request.headers.get("HX-Request") and request.method == "POST":
        return render(request, "offers/_result.html", context)
    return render(request, "offers/check.html", context)


def _forbidden(request: HttpRequest, message: str) -> HttpResponse:
    return render(request, "offers/forbidden.html", {"message": message}, status=403)


@login_required
@require_POST
def report(request: HttpRequest) -> HttpResponse:
    """Report an offer as deceptive, for the logged-in member's organisation (403 without one)."""
    membership = membership_for(request.user)
    if membership is None:
        return _forbidden(
            request,
            _(
                "Only members of an organisation in the network can report offers. Ask your "
                "organisation's admin to add you."
            ),
        )
    form = ReportForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return redirect("offers:check")
    try:
        actions.report_offer(form.cleaned_data["text"], by=membership)
    except ActionError as error:
        return _forbidden(request, error.message)
    messages.success(
        request, _("Thank you: the offer is reported, and offers like it will be flagged.")
    )
    return redirect("offers:check")
