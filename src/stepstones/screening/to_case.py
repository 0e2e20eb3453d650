"""The quick screen carried into a case: a new one (the case form pre-filled) or an existing one.

The quick screen stores nothing, and neither do these pages until the worker says so: the
answers travel in hidden fields from the screen to the case form (or to a case's screening),
and are kept only when the worker opens the case with them or stores the case's screening.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from stepstones.agencies.access import require_membership
from stepstones.agencies.models import Membership
from stepstones.assessment import Outcome
from stepstones.cases import actions
from stepstones.cases.access import access_case, cases_for, may_change_case
from stepstones.cases.forms import CaseForm
from stepstones.cases.models import OPEN_STAGES, Case, CaseKind, TypeOfExploitation
from stepstones.screening.facts import assess_mapping
from stepstones.screening.forms import ScreeningForm, initial_from_facts
from stepstones.screening.views import error_list

_SMUGGLING = frozenset({Outcome.SMUGGLING, Outcome.SMUGGLING_WITH_TRAFFICKING_RISK})


def screen_answers(request: HttpRequest) -> ScreeningForm | None:
    """Return the quick screen's answers posted along with a case form, or None."""
    if request.method != "POST" or not request.POST.get("from_screen"):
        return None
    return ScreeningForm(request.POST)


def case_new_context(form: CaseForm, screen: ScreeningForm | None) -> dict[str, Any]:
    """Return the case form's page context, with the quick screen's answers and result."""
    context: dict[str, Any] = {"form": form, "error_list": error_list(form)}
    if screen is not None and screen.is_valid():
        _facts, result = assess_mapping(screen.to_facts())
        context.update(screen=screen, screen_result=result.to_dict(translate=gettext))
    return context


def case_initial(screen: ScreeningForm) -> dict[str, Any]:
    """Return the case form's initial values that follow from the quick screen's answers."""
    if not screen.is_valid():
        return {}
    facts = screen.to_facts()
    _parsed, result = assess_mapping(facts)
    age = facts.get("age")
    child = (
        (age is not None and age < 18)
        or facts.get("age_band") == "child"
        or facts.get("may_be_child") == "yes"
    )
    kinds = {t.value for t in TypeOfExploitation}
    found = [
        "".join(part.capitalize() for part in form["id"].split("_"))
        for form in result.to_dict()["forms_of_exploitation"]
    ]
    origin = (facts.get("route") or {}).get("origin")
    smuggling = result.outcome in _SMUGGLING
    return {
        "kind": CaseKind.SMUGGLING_PROTECTION if smuggling else CaseKind.TRAFFICKING,
        "is_child": child,
        "citizenship": [origin] if origin else [],
        "type_of_exploitation": [f for f in found if f in kinds],
    }


def open_case(membership: Membership, data: dict[str, Any], screen: ScreeningForm | None) -> Case:
    """Open a case from the case form; with `screen`, keep its answers as the first assessment."""
    with transaction.atomic():
        case = actions.open_case(
            by=membership,
            kind=data["kind"],
            gender=data["gender"],
            is_child=data["is_child"],
            citizenship=data["citizenship"],
            primary_language=data["primary_language"],
            summary=data["summary"],
            type_of_exploitation=data["type_of_exploitation"],
            methods_of_control=data["methods_of_control"],
            method_of_recruitment=data["method_of_recruitment"],
        )
        if screen is not None:
            facts = screen.to_facts()
            _parsed, result = assess_mapping(facts)
            actions.record_assessment(
                case,
                facts=facts,
                result=result.to_dict(),
                catalogue_version=result.catalogue_version,
                outcome=str(result.outcome.value),
                by=membership,
            )
    return case


@login_required
@never_cache
@require_POST
def case_from_screen(request: HttpRequest) -> HttpResponse:
    """Offer a new case or one the worker may change; with `case`, fill in that case's screening.

    The case's screening page posts to the case's own screening, which stores it; this page
    stores nothing.
    """
    membership = require_membership(request.user)
    # Roles outside case work have no such page; a case reader may not open cases.
    if not membership.reads_cases:
        raise Http404
    if not membership.works_cases:
        raise PermissionDenied
    screen = ScreeningForm(request.POST)
    if not screen.is_valid():
        # The quick screen checks the answers before it offers this; send the worker back.
        context = {"screen": screen, "error_list": error_list(screen), "cases": []}
        return render(request, "screening/to_case.html", context, status=422)
    facts = screen.to_facts()
    case_id = request.POST.get("case", "")
    if case_id.isascii() and case_id.isdigit():
        case = access_case(request.user, int(case_id), write=True)
        form = ScreeningForm(initial=initial_from_facts(facts))
        return render(request, "screening/case_screen.html", {"case": case, "form": form})
    _parsed, result = assess_mapping(facts)
    held = cases_for(request.user).filter(stage__in=OPEN_STAGES).order_by("-id")[:50]
    context = {
        "screen": screen,
        "result": result.to_dict(translate=gettext),
        "cases": [case for case in held if may_change_case(membership, case)],
    }
    return render(request, "screening/to_case.html", context)
