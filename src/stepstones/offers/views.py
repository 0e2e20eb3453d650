"""The public offer check (no login, stores nothing) and reporting an offer (login)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

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
        result["report_form"] = ReportForm(initial={"text": data["text"]})
    context = {"form": form, "result": result}
    if request.headers.get("HX-Request") and request.method == "POST":
        return render(request, "offers/_result.html", context)
    return render(request, "offers/check.html", context)


@login_required
@require_POST
def report(request: HttpRequest) -> HttpResponse:
    """Report an offer as deceptive, for the logged-in user's organisation kind."""
    form = ReportForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return redirect("offers:check")
    actions.report_offer(
        form.cleaned_data["text"], organisation_kind=form.cleaned_data["organisation_kind"]
    )
    messages.success(
        request, _("Thank you: the offer is reported, and offers like it will be flagged.")
    )
    return redirect("offers:check")
