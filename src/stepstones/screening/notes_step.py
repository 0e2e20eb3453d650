"""The notes assistant inside a screening form, shared by the quick screen and the case page.

Two steps, each a POST of the whole screening form plus the notes: "notes-suggest" reviews the
notes (without JavaScript; htmx asks `suggest:review` instead), "notes-apply" ticks the answers
the worker confirmed. The notes stay in the request: they go back into the textarea, never into
storage.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from stepstones.notes import apply_confirmed
from stepstones.screening.forms import ScreeningForm, initial_from_facts
from stepstones.suggest.present import screen_facts
from stepstones.suggest.views import review_request_context

NOTES_ACTIONS = ("notes-suggest", "notes-apply")


def is_notes_step(request: HttpRequest) -> bool:
    """Return whether this POST is one of the notes assistant's steps."""
    return request.method == "POST" and request.POST.get("action") in NOTES_ACTIONS


def notes_step_context(request: HttpRequest) -> tuple[dict[str, Any], bool]:
    """Run the notes step in `request`; return the page context and whether the answers were valid.

    When the answers already given are not valid, nothing is applied and the form shows why.
    """
    form = ScreeningForm(request.POST)
    context: dict[str, Any] = {"form": form, "notes": request.POST.get("notes", "")}
    if not form.is_valid():
        return context, False
    if request.POST.get("action") == "notes-suggest":
        context.update(review_request_context(request))
        context["notes_review"] = True
    else:
        confirmed = [p for p in request.POST.getlist("confirm") if p in screen_facts()]
        facts = apply_confirmed(form.to_facts(), confirmed)
        context["form"] = ScreeningForm(initial=initial_from_facts(facts))
        context["notes_applied"] = len(confirmed)
        context["notes_filled"] = True
    return context, True
