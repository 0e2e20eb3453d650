"""The notes page and its review fragment. Notes live only in the request: no model, no log.

The fragment (`review`) is what other pages embed: the quick screen and the case page put it
inside their own `<form>`, and the checkboxes it renders (`confirm` = a fact path) post with that
form, so the embedding page applies what the worker confirmed (`notes.apply_confirmed`).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from stepstones.notes import Suggestions, suggest
from stepstones.suggest.forms import NotesForm
from stepstones.suggest.present import label, only_screen_facts, segments


def review_context(result: Suggestions, checked: frozenset[str] = frozenset()) -> dict[str, Any]:
    """Return what `suggest/_review.html` needs to show `result`."""
    return {
        "result": result,
        "segments": segments(result),
        "items": [
            {
                "number": number,
                "fact": s.fact,
                "label": label(s.target),
                "percent": round(s.confidence * 100),
                "sentence": s.span.sentence,
                "match": s.span.text,
                "checked": s.fact in checked,
            }
            for number, s in enumerate(result.suggestions, start=1)
        ],
        "suppressed": [
            {
                "label": label(item.target),
                "message": gettext(item.message) % item.params,
                "sentence": item.span.sentence,
            }
            for item in result.suppressed
        ],
    }


@require_POST
@never_cache
def review(request: HttpRequest) -> HttpResponse:
    """Return the review fragment for the posted notes (htmx target; nothing is stored)."""
    return render(request, "suggest/_review.html", review_request_context(request))


def review_request_context(request: HttpRequest) -> dict[str, Any]:
    """Read the posted notes and return the review fragment's context (errors included).

    `scope=questions` keeps only what the screening form asks (for the quick screen).
    """
    form = NotesForm(request.POST)
    context: dict[str, Any] = {"notes_form": form}
    if form.is_valid():
        result = suggest(form.cleaned_data["notes"], form.cleaned_data["language"])
        if request.POST.get("scope") == "questions":
            result = only_screen_facts(result)
        context.update(review_context(result))
    return context


@require_http_methods(["GET", "POST"])
@never_cache
def notes(request: HttpRequest) -> HttpResponse:
    """Paste notes and review the suggestions; what the worker ticks goes on to the quick screen.

    The page's "continue" button posts the notes and the ticks to the quick screen's notes step
    (`screening.notes_step`), which fills in the answers for the worker to check.
    """
    if request.method != "POST":
        return render(request, "suggest/notes.html", {"form": NotesForm()})
    form = NotesForm(request.POST)
    context: dict[str, Any] = {"form": form, "notes_form": form}
    if not form.is_valid():
        return render(request, "suggest/notes.html", context, status=422)
    result = suggest(form.cleaned_data["notes"], form.cleaned_data["language"])
    confirmed = request.POST.getlist("confirm")
    offered = set(result.facts)
    checked = frozenset(path for path in confirmed if path in offered)
    context.update(review_context(result, checked))
    context["included"] = True
    return render(request, "suggest/notes.html", context)
