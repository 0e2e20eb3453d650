"""The quick screen: answer what you can, see what the situation may be. Nothing is stored.

It goes step by step: the questions that decide the most first, then the next ones the engine
ranks from the answers so far, with the running result above them; every question is one click
away. Without JavaScript it is plain forms: the page carries the answers in hidden fields.
"""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from stepstones.agencies.access import membership_for
from stepstones.assessment import Assessment, FactsError, load_catalogue
from stepstones.screening import steps
from stepstones.screening.facts import assess_mapping
from stepstones.screening.forms import PERSON_FIELDS, ScreeningForm, field_name
from stepstones.screening.notes_step import is_notes_step, notes_step_context

ALL = "all"  # the `mode` of the page that shows every question


@require_http_methods(["GET", "POST"])
def quick_screen(request: HttpRequest) -> HttpResponse:
    """Show the questions step by step (or all at once) with the result of the answers so far.

    The answers live only in this request: no model, no session, no log line. Responses are
    marked `no-store` so a shared phone or a proxy keeps no copy either.
    """
    if is_notes_step(request):
        response = _from_notes(request)
    elif request.method == "POST":
        response = _answered(request)
    else:
        form = ScreeningForm(initial={"person_language": request.GET.get("person_language", "")})
        if request.GET.get("mode") == ALL:
            context = _all_context(request, form, None)
        else:
            context = _step_context(request, form, list(steps.first_step()), [], None)
        response = render(request, "screening/quick.html", context)
    add_never_cache_headers(response)
    return response


def _answered(request: HttpRequest) -> HttpResponse:
    """Read the answers so far; show the result and the next step (or the same step's errors)."""
    form = ScreeningForm(request.POST)
    asked = steps.read_names(form, request.POST.get("asked", ""))
    shown = steps.read_names(form, request.POST.get("shown", ""))
    everything = request.POST.get("mode") == ALL or request.POST.get("action") == ALL
    assessment = _assess(form)
    if assessment is None:
        # Show the step again, with every field that has an error among its questions.
        wrong = [name for name in form.errors if name in form.fields and name not in shown]
        if everything:
            context = _all_context(request, form, None)
        else:
            context = _step_context(request, form, shown + wrong, asked, None)
        return render(request, "screening/quick.html", context, status=200)
    if everything:
        return render(request, "screening/quick.html", _all_context(request, form, assessment))
    if request.POST.get("action") == "language":
        # The person's language changed: the same questions again, now in it too.
        return render(
            request, "screening/quick.html", _step_context(request, form, shown, asked, assessment)
        )
    asked = asked + [n for n in shown if n not in asked]
    upcoming = steps.next_step(assessment, set(asked))
    context = _step_context(request, form, upcoming, asked, assessment)
    return render(request, "screening/quick.html", context)


def _assess(form: ScreeningForm) -> Assessment | None:
    """Return the assessment of a valid form; None, with the errors on the form, otherwise."""
    if not form.is_valid():
        return None
    try:
        _facts, assessment = assess_mapping(form.to_facts())
    except FactsError as exc:
        # The form checks what the engine checks; should they ever differ, the message still
        # goes beside the field it concerns, in words.
        name = field_for_path(exc.field)
        form.add_error(name if name in form.fields else None, exc.msg.render(gettext))
        return None
    return assessment


def field_for_path(path: str) -> str:
    """Return the form field of a fact path (`route.transit[0]` -> `transit`)."""
    path = re.sub(r"\[\d+\]", "", path)
    head, _, rest = path.partition(".")
    if head == "route" and rest in PERSON_FIELDS:
        return rest
    questions = {q.fact for q in load_catalogue().questions()}
    while "." in path and path not in questions:
        path = path.rpartition(".")[0]
    return field_name(path)


def _result(assessment: Assessment | None) -> dict[str, Any] | None:
    if assessment is None:
        return None
    result = assessment.to_dict(translate=gettext)
    for question in result["ask_next"]:
        question["field"] = field_name(question["fact"])
    return result


def _common(request: HttpRequest, form: ScreeningForm) -> dict[str, Any]:
    membership = membership_for(request.user)
    return {
        "form": form,
        "error_list": error_list(form),
        "can_open_case": membership is not None and membership.works_cases,
    }


def _step_context(
    request: HttpRequest,
    form: ScreeningForm,
    names: list[str],
    asked: list[str],
    assessment: Assessment | None,
) -> dict[str, Any]:
    """Return the page of one step: its questions, the others' answers hidden, the result."""
    visible = set(names)
    return {
        **_common(request, form),
        "mode": "steps",
        "items": steps.items(form, names),
        # The person's language has its own control at the top of every step.
        "hidden_fields": [
            form[n] for n in form.fields if n not in visible and n != "person_language"
        ],
        "asked": " ".join(asked),
        "shown": " ".join(names),
        "step": _step_number(asked),
        "question_count": steps.question_count(names),
        "result": _result(assessment),
        "countries_shown": bool(visible & {"origin", "transit", "destination"}),
    }


def _step_number(asked: list[str]) -> int:
    """Return the number of the step after the questions in `asked` (1 when none)."""
    first = set(steps.first_step())
    if not asked:
        return 1
    later = [n for n in asked if n not in first]
    return 2 + len(later) // steps.NEXT_STEP_QUESTIONS


def _all_context(
    request: HttpRequest, form: ScreeningForm, assessment: Assessment | None
) -> dict[str, Any]:
    return {
        **_common(request, form),
        "mode": ALL,
        "result": _result(assessment),
        "countries_shown": True,
    }


def error_list(form: forms.Form) -> list[dict[str, str]]:
    """Return every error of a bound form, each with its field's label and id for a link."""
    if not form.is_bound:
        return []
    out = []
    for name, messages in form.errors.items():
        field = form[name] if name in form.fields else None
        for message in messages:
            out.append(
                {
                    "label": str(field.label) if field is not None else "",
                    "anchor": f"q-{name}" if field is not None else "screening-form",
                    "message": str(message),
                }
            )
    return out


def _from_notes(request: HttpRequest) -> HttpResponse:
    """Show every question after a notes step (a review, or the confirmed answers ticked)."""
    step, valid = notes_step_context(request)
    form = step["form"]
    context: dict[str, Any] = {**_all_context(request, form, None), **step}
    return render(request, "screening/quick.html", context, status=200 if valid else 422)
