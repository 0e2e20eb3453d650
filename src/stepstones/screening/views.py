"""The quick screen: answer what you can, see what the situation may be. Nothing is stored."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from stepstones.assessment import FactsError
from stepstones.screening.facts import assess_mapping
from stepstones.screening.forms import ScreeningForm, field_name
from stepstones.screening.notes_step import is_notes_step, notes_step_context


@require_http_methods(["GET", "POST"])
def quick_screen(request: HttpRequest) -> HttpResponse:
    """Show the questions; on submit, show the suggested outcome and its reasons beside them.

    The answers live only in this request: no model, no session, no log line. Responses are
    marked `no-store` so a shared phone or a proxy keeps no copy either.
    """
    if is_notes_step(request):
        response = _from_notes(request)
        add_never_cache_headers(response)
        return response
    result = None
    error = ""
    if request.method == "POST":
        form = ScreeningForm(request.POST)
        if not form.is_valid():
            # Shown above the form too, so an htmx request (which swaps only the result) sees it.
            error = "; ".join(
                f"{form[name].label}: {' '.join(str(m) for m in messages)}"
                if name in form.fields
                else " ".join(str(m) for m in messages)
                for name, messages in form.errors.items()
            )
        else:
            try:
                _, assessment = assess_mapping(form.to_facts())
            except FactsError as exc:
                error = str(exc)
            else:
                result = assessment.to_dict(translate=gettext)
                for question in result["ask_next"]:
                    question["field"] = field_name(question["fact"])
    else:
        form = ScreeningForm()
    context = {"form": form, "result": result, "error": error}
    template = "screening/quick.html"
    if request.headers.get("HX-Request") and request.method == "POST":
        template = "screening/_result.html"
    response = render(request, template, context)
    add_never_cache_headers(response)
    return response


def _from_notes(request: HttpRequest) -> HttpResponse:
    """Show the form again after a notes step (a review, or the confirmed answers ticked)."""
    step, valid = notes_step_context(request)
    context: dict[str, Any] = {"result": None, "error": "", **step}
    return render(request, "screening/quick.html", context, status=200 if valid else 422)
