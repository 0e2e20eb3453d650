"""Case pages: dashboard, case list, case page, identity, consent, lifecycle, assessments."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import F, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.functional import Promise
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from stepstones.agencies.access import membership_for, require_membership
from stepstones.agencies.models import Role, ServiceKind
from stepstones.agencies.second_factor_views import ask_fresh_code, fresh_second_factor
from stepstones.assessment import FactsError
from stepstones.cases import actions
from stepstones.cases.access import (
    access_assessment,
    access_case,
    access_consent,
    cases_for,
    holds_case,
    may_change_case,
    may_read_identity,
    partner_cases_for,
    read_identity,
    shows_case_details,
)
from stepstones.cases.filters import CaseFilterForm
from stepstones.cases.forms import (
    CaseForm,
    CloseForm,
    ConsentForm,
    IdentificationForm,
    IdentityForm,
    NewCaseForm,
    NoteForm,
    OverrideForm,
    StageForm,
)
from stepstones.cases.models import OPEN_STAGES, Assessment, Case, CaseNote, SavedFilter, Stage
from stepstones.cases.timeline import timeline, visible_notes, with_text
from stepstones.cases.ui import (
    Rows,
    for_case_table,
    for_referral_table,
    form_errors,
    page_rows,
    query_with,
    run_action,
)
from stepstones.duplicates.access import linked_holders, open_notices
from stepstones.referrals.access import (
    case_referrals_for,
    case_services_for,
    inbox_for,
    overdue_for,
)
from stepstones.referrals.models import ReferralStatus
from stepstones.screening.facts import assess_mapping
from stepstones.screening.forms import answers_in_words
from stepstones.screening.notes_step import is_notes_step, notes_step_context


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """Show what needs the member now: their cases, incoming and overdue referrals, assessments."""
    membership = membership_for(request.user)
    context: dict[str, object] = {"membership": membership}
    if membership is not None and membership.reads_cases:
        context["my_cases"] = list(
            for_case_table(cases_for(request.user)).filter(stage__in=OPEN_STAGES)[:10]
        )
        context["incoming"] = list(
            inbox_for(request.user).filter(status=ReferralStatus.PENDING)[:10]
        )
        context["overdue"] = list(for_referral_table(overdue_for(request.user))[:10])
        context["assessments"] = list(
            Assessment.objects.select_related("case__person", "assessed_by")
            .filter(organisation_id=membership.organisation_id)
            .order_by("-assessed_at")[:10]
        )
        context["now"] = timezone.now()
    if membership is not None and membership.works_cases:
        context["duplicates"] = open_notices(membership, limit=5)
    return render(request, "cases/dashboard.html", context)


CASE_PAGE = 50
PARTNER_PAGE = 25


@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    """List the organisation's cases, filtered as the worker chooses; one query per page."""
    membership = require_membership(request.user)
    # Roles outside case work have no case list.
    if not membership.reads_cases:
        raise Http404
    filters = CaseFilterForm(request.GET)
    cases = filters.apply(cases_for(request.user))
    # Page through the ids alone (an index-only walk, however deep the page), then read the rows
    # of that page: one query, as `id IN (SELECT id ... LIMIT 50 OFFSET n)`.
    page = Paginator(
        cases.values_list("id", flat=True).order_by("-updated_at", "-id"), CASE_PAGE
    ).get_page(request.GET.get("page"))
    rows = for_case_table(cases).filter(id__in=page.object_list).order_by("-updated_at", "-id")
    # Cases held by others page on their own, without counting (a partner may work on many).
    partner = page_rows(
        request,
        for_case_table(filters.apply(partner_cases_for(request.user), partner=True)).order_by(
            "-updated_at", "-id"
        ),
        per_page=PARTNER_PAGE,
        param="partner_page",
    )
    return render(
        request,
        "cases/case_list.html",
        {
            "page": page,
            "cases": rows,
            "previous_query": (
                query_with(request, page=page.previous_page_number()) if page.has_previous() else ""
            ),
            "next_query": (
                query_with(request, page=page.next_page_number()) if page.has_next() else ""
            ),
            "filters": filters,
            "filtered": filters.is_filtered(),
            "query": _filter_query(request),
            "saved": SavedFilter.objects.filter(user=membership.user),
            "partner": partner,
        },
    )


def _filter_query(request: HttpRequest) -> str:
    """The list's filters as a query string, without paging (what a saved filter keeps)."""
    query = request.GET.copy()
    for param in ("page", "partner_page"):
        query.pop(param, None)
    return query.urlencode()


SAVED_FILTERS_PER_USER = 30


@login_required
@require_POST
def filter_save(request: HttpRequest) -> HttpResponse:
    """Save the case list's current filters under a name (per user; the same name replaces)."""
    membership = require_membership(request.user)
    if not membership.reads_cases:
        raise Http404
    name = request.POST.get("name", "").strip()[:80]
    query = request.POST.get("query", "")
    data = QueryDict(query)
    filters = CaseFilterForm(data)
    if not name:
        messages.error(request, _("Name the filter to save it."))
    elif len(query) > 1000 or not filters.is_valid():
        messages.error(request, _("These filters cannot be saved: correct them first."))
    elif (
        SavedFilter.objects.filter(user=membership.user).exclude(name=name).count()
        >= SAVED_FILTERS_PER_USER
    ):
        messages.error(
            request,
            _("You have %(count)s saved filters: delete one first.")
            % {"count": SAVED_FILTERS_PER_USER},
        )
    else:
        SavedFilter.objects.update_or_create(
            user=membership.user, name=name, defaults={"query": data.urlencode()}
        )
        messages.success(request, _("Filter saved."))
    return redirect(reverse("cases:list") + (f"?{query}" if query else ""))


@login_required
@require_POST
def filter_delete(request: HttpRequest, filter_id: int) -> HttpResponse:
    """Delete one of the user's own saved filters (another user's is not found)."""
    membership = require_membership(request.user)
    deleted, _kinds = SavedFilter.objects.filter(pk=filter_id, user=membership.user).delete()
    if not deleted:
        raise Http404
    messages.success(request, _("Saved filter deleted."))
    return redirect("cases:list")


@login_required
def case_new(request: HttpRequest) -> HttpResponse:
    """Open a case for a new person (pseudonymous; identity is added on the case page)."""
    membership = require_membership(request.user)
    # Roles outside case work have no such page; a case reader may not open cases.
    if not membership.reads_cases:
        raise Http404
    if not membership.works_cases:
        raise PermissionDenied
    from stepstones.screening import to_case

    # From the quick screen: its answers ride along in hidden fields until the case is opened.
    screen = to_case.screen_answers(request)
    if screen is not None and request.POST.get("from_screen") == "carry":
        form = NewCaseForm(initial=to_case.case_initial(screen))
        return render(request, "cases/case_new.html", to_case.case_new_context(form, screen))
    form = NewCaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and (screen is None or screen.is_valid()):
        data = form.cleaned_data
        keep = screen if screen is not None and request.POST.get("keep_screen") else None
        case = run_action(
            request,
            form,
            lambda: to_case.open_case(membership, data, keep),
            _("Case opened."),
            redisplay=True,
        )
        if case is not None:
            return redirect("cases:case", case_id=case.pk)
    return render(request, "cases/case_new.html", to_case.case_new_context(form, screen))


CASE_SECTION = 10  # rows of each list on the case page
_NO_ROWS: Rows[Any] = Rows(rows=[], number=1, previous_query="", next_query="")


def _section(request: HttpRequest, queryset: QuerySet[Any], param: str) -> Rows[Any]:
    return page_rows(request, queryset, per_page=CASE_SECTION, param=param)


@login_required
@never_cache
def case_page(request: HttpRequest, case_id: int) -> HttpResponse:
    """Show one case: stage, accountable organisation, overrides, consent, referrals, services."""
    case = access_case(request.user, case_id)
    membership = require_membership(request.user)
    # The accountable organisation sees the whole case; partners and former holders see its
    # state, who holds it and their own referrals and services (details travel in packets).
    # The API shows the same (`shown_case_fields`).
    full = shows_case_details(membership, case)
    holder = may_change_case(membership, case)
    assessments = (
        _section(
            request,
            case.assessments.select_related("assessed_by", "organisation"),
            "assessments_page",
        )
        if full
        else _NO_ROWS
    )
    context = {
        "case": case,
        "membership": membership,
        "full": full,
        "holder": holder,
        "identity_allowed": may_read_identity(membership, case),
        # Every list pages on its own (newest first, one query each, no COUNT), so the page
        # stays the same size and speed however many consents, referrals and services a case
        # gathers over the years.
        "overrides": _section(
            request, case.overrides.select_related("recipient", "recorded_by"), "overrides_page"
        ),
        "consents": (
            _section(
                request,
                case.consents.select_related("recipient", "recorded_by").order_by(
                    F("withdrawn_at").asc(nulls_first=True), "-recorded_at", "-id"
                ),
                "consents_page",
            )
            if full
            else _NO_ROWS
        ),
        "assessments": assessments,
        "referrals": _section(
            request, for_referral_table(case_referrals_for(membership, case)), "referrals_page"
        ),
        "services": _section(
            request,
            case_services_for(membership, case).order_by("-requested_at", "-id"),
            "services_page",
        ),
        "notes": _noted(_section(request, visible_notes(membership, case), "notes_page")),
        "may_note": membership.works_cases and case.is_open,
        # Cases of other organisations both holders confirmed to be the same person: who holds
        # them, nothing else (docs/linkage.md).
        "same_person": linked_holders(case) if full else [],
        "now": timezone.now(),
        "service_kinds": ServiceKind.choices,
        "can_decide": (
            membership.role == Role.IDENTIFICATION_OFFICER
            and membership.organisation.authorised_to_identify
            and case.stage == Stage.POSSIBLE_VICTIM
        ),
    }
    # The newest screening says what the case looks like until someone decides (the trafficking
    # status is only a decision once an identification is recorded). The first page of the
    # assessments, newest first, already holds it; only a later page needs a query.
    if not full:
        context["last_assessment"] = None
    elif assessments.number == 1:
        context["last_assessment"] = assessments.rows[0] if assessments.rows else None
    else:
        context["last_assessment"] = case.assessments.only("outcome", "assessed_at").first()
    if holder and case.is_open:
        # The larger forms (edit, consent, override) are drawn when the worker opens them:
        # `case_form` below. Drawing all of them on every visit was a third of the page's CPU.
        context.update(writable=True, stage_form=StageForm(), close_form=CloseForm())
    if context["can_decide"]:
        context["identification_form"] = IdentificationForm(
            initial={"decided_on": timezone.localdate()}
        )
    return render(request, "cases/case_page.html", context)


def _noted(section: Rows[CaseNote]) -> Rows[CaseNote]:
    """The page of notes with their text decrypted (only the rows shown)."""
    return dataclasses.replace(section, rows=with_text(section.rows))


@login_required
@require_POST
def note_add(request: HttpRequest, case_id: int) -> HttpResponse:
    """Add a note to the case (the holder and the organisations working on it)."""
    case = access_case(request.user, case_id)
    membership = require_membership(request.user)
    form = NoteForm(request.POST)
    if form.is_valid():
        run_action(
            request,
            form,
            lambda: actions.add_note(case, form.cleaned_data["text"], by=membership),
            _("Note added."),
        )
    else:
        form_errors(request, form)
    return redirect(reverse("cases:case", args=[case.pk]) + "#notes")


@login_required
@never_cache
def case_timeline(request: HttpRequest, case_id: int) -> HttpResponse:
    """The case's actions and notes as one timeline, newest first, as far as the member sees."""
    case = access_case(request.user, case_id)
    membership = require_membership(request.user)
    entries = timeline(membership, case)
    return render(
        request,
        "cases/timeline.html",
        {"case": case, "entries": entries, "full": holds_case(membership, case)},
    )


def _edit_form(case: Case) -> CaseForm:
    return CaseForm(
        initial={
            "kind": case.kind,
            "gender": case.person.gender,
            "is_child": case.person.is_child,
            "citizenship": ", ".join(case.person.citizenship),
            "primary_language": case.person.primary_language,
            "summary": case.summary,
            "type_of_exploitation": case.type_of_exploitation,
            "methods_of_control": case.methods_of_control,
            "method_of_recruitment": case.method_of_recruitment,
        }
    )


# name -> (title, the URL name the form posts to, its button, the form for a case)
CASE_FORMS: dict[str, tuple[str | Promise, str, str | Promise, Callable[[Case], forms.Form]]] = {
    "edit": (gettext_lazy("Edit case details"), "cases:edit", gettext_lazy("Save"), _edit_form),
    "consent": (
        gettext_lazy("Record consent"),
        "cases:consent_add",
        gettext_lazy("Record"),
        lambda case: ConsentForm(initial={"given_on": timezone.localdate()}),
    ),
    "override": (
        gettext_lazy("Share without consent (override)"),
        "cases:override_add",
        gettext_lazy("Record the override"),
        lambda case: OverrideForm(),
    ),
}


@login_required
@never_cache
def case_form(request: HttpRequest, case_id: int, name: str) -> HttpResponse:
    """One of the case page's forms, drawn when opened: a fragment for htmx, else a page.

    The form posts to its action as before; only the holder of an open case gets it.
    """
    case = access_case(request.user, case_id, write=True)
    if name not in CASE_FORMS or not case.is_open:
        raise Http404
    title, action, button, make = CASE_FORMS[name]
    context = {
        "case": case,
        "title": title,
        "action": reverse(action, args=[case.pk]),
        "button": button,
        "form": make(case),
    }
    fragment = request.headers.get("HX-Request") == "true"
    return render(request, "cases/_case_form.html" if fragment else "cases/case_form.html", context)


@login_required
@never_cache
@fresh_second_factor
def identity(request: HttpRequest, case_id: int) -> HttpResponse:
    """Show the identity record; every call is an audited identity read.

    An htmx fragment on the case page; a page of its own otherwise (without script, or back
    from the fresh code asked for first: `fresh_second_factor`).
    """
    case = access_case(request.user, case_id)
    record = read_identity(request.user, case)
    fragment = request.headers.get("HX-Request") == "true"
    template = "cases/_identity.html" if fragment else "cases/identity_page.html"
    return render(request, template, {"case": case, "identity": record})


@login_required
@never_cache
def identity_edit(request: HttpRequest, case_id: int) -> HttpResponse:
    """Edit the identity record (encrypted at rest); opening the form is an identity read.

    Opening it asks for a fresh code first when the last one is too old; saving does not (the
    form shows only what was typed, and asking then would lose it).
    """
    case = access_case(request.user, case_id, write=True)
    membership = require_membership(request.user)
    if request.method != "POST" and (asked := ask_fresh_code(request)):
        return asked
    if request.method == "POST":
        form = IdentityForm(request.POST)
        if form.is_valid():
            done = run_action(
                request,
                form,
                lambda: actions.update_identity(case, form.identity(), by=membership),
                _("Identity saved."),
                redisplay=True,
            )
            if done is not None:
                return redirect("cases:case", case_id=case.pk)
    else:
        form = IdentityForm(initial=IdentityForm.initial_from(read_identity(request.user, case)))
    return render(request, "cases/identity_edit.html", {"case": case, "form": form})


@login_required
@require_POST
def case_edit(request: HttpRequest, case_id: int) -> HttpResponse:
    case = access_case(request.user, case_id, write=True)
    membership = require_membership(request.user)
    form = CaseForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        run_action(
            request,
            form,
            lambda: actions.update_case(
                case,
                by=membership,
                kind=data["kind"],
                summary=data["summary"],
                type_of_exploitation=data["type_of_exploitation"],
                methods_of_control=data["methods_of_control"],
                method_of_recruitment=data["method_of_recruitment"],
                person={
                    "gender": data["gender"],
                    "is_child": data["is_child"],
                    "citizenship": data["citizenship"],
                    "primary_language": data["primary_language"],
                },
            ),
            _("Case saved."),
        )
    else:
        form_errors(request, form)
    return redirect("cases:case", case_id=case.pk)


@login_required
@require_POST
def consent_add(request: HttpRequest, case_id: int) -> HttpResponse:
    case = access_case(request.user, case_id, write=True)
    membership = require_membership(request.user)
    form = ConsentForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        run_action(
            request,
            form,
            lambda: actions.record_consent(
                case,
                purpose=data["purpose"],
                recipient=data["recipient"],
                given_on=data["given_on"],
                language=data["language"],
                how_given=data["how_given"],
                by=membership,
            ),
            _("Consent recorded."),
        )
    else:
        form_errors(request, form)
    return redirect(_back_to(request, case))


def _back_to(request: HttpRequest, case: Case) -> str:
    """Where a form posted from another page returns: its `next` (a local path), else the case."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("cases:case", args=[case.pk])


@login_required
@require_POST
def consent_withdraw(request: HttpRequest, consent_id: int) -> HttpResponse:
    consent = access_consent(request.user, consent_id, write=True)
    membership = require_membership(request.user)
    run_action(
        request,
        None,
        lambda: actions.withdraw_consent(consent, by=membership),
        _("Consent withdrawn: nothing more is shared under it."),
    )
    return redirect("cases:case", case_id=consent.case_id)


@login_required
@require_POST
def override_add(request: HttpRequest, case_id: int) -> HttpResponse:
    case = access_case(request.user, case_id, write=True)
    membership = require_membership(request.user)
    form = OverrideForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        run_action(
            request,
            form,
            lambda: actions.record_override(
                case,
                recipient=data["recipient"],
                purpose=data["purpose"],
                legal_ground=data["legal_ground"],
                justification=data["justification"],
                by=membership,
            ),
            _("Override recorded; it is shown on the case."),
        )
    else:
        form_errors(request, form)
    return redirect("cases:case", case_id=case.pk)


@login_required
@require_POST
def stage_change(request: HttpRequest, case_id: int) -> HttpResponse:
    case = access_case(request.user, case_id, write=True)
    membership = require_membership(request.user)
    form = StageForm(request.POST)
    if form.is_valid():
        run_action(
            request,
            form,
            lambda: actions.advance_stage(case, form.cleaned_data["stage"], by=membership),
            _("Stage changed."),
        )
    else:
        form_errors(request, form)
    return redirect("cases:case", case_id=case.pk)


@login_required
@require_POST
def identification(request: HttpRequest, case_id: int) -> HttpResponse:
    """Record the formal identification decision (identification officers of authorised orgs)."""
    case = access_case(request.user, case_id)
    membership = require_membership(request.user)
    form = IdentificationForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        run_action(
            request,
            form,
            lambda: actions.decide_identification(
                case,
                identified=data["identified"],
                decided_on=data["decided_on"],
                basis=data["basis"],
                by=membership,
            ),
            _("Identification decision recorded."),
        )
    else:
        form_errors(request, form)
    return redirect("cases:case", case_id=case.pk)


@login_required
@require_POST
def close(request: HttpRequest, case_id: int) -> HttpResponse:
    case = access_case(request.user, case_id, write=True)
    membership = require_membership(request.user)
    form = CloseForm(request.POST)
    if form.is_valid():
        run_action(
            request,
            form,
            lambda: actions.close_case(
                case,
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
                by=membership,
            ),
            _("Case closed."),
        )
    else:
        form_errors(request, form)
    return redirect("cases:case", case_id=case.pk)


@login_required
@never_cache
def assessment_new(request: HttpRequest, case_id: int) -> HttpResponse:
    """Run the screening inside the case, pre-filled from the last assessment, and keep it.

    The stored assessment holds the facts as answered, the engine's result as English text (as
    the engine gave it, whatever the catalogue becomes later) and the catalogue version.
    """
    from stepstones.screening.forms import ScreeningForm, initial_from_facts

    case = access_case(request.user, case_id, write=True)
    membership = require_membership(request.user)
    last = case.assessments.order_by("-assessed_at", "-id").first()
    if is_notes_step(request):
        return _screen_from_notes(request, case, last)
    if request.method == "POST":
        form = ScreeningForm(request.POST)
    else:
        form = ScreeningForm(initial=initial_from_facts(last.facts) if last else {})
    if request.method == "POST" and form.is_valid():
        facts = form.to_facts()
        try:
            _parsed, result = assess_mapping(facts)
        except FactsError as exc:
            messages.error(request, str(exc))
        else:
            assessment = run_action(
                request,
                None,
                lambda: actions.record_assessment(
                    case,
                    facts=facts,
                    result=result.to_dict(),
                    catalogue_version=result.catalogue_version,
                    outcome=str(result.outcome.value),
                    by=membership,
                ),
                _("Assessment stored. The engine suggests; people decide."),
            )
            if assessment is not None:
                return redirect("cases:assessment", assessment_id=assessment.pk)
    return render(request, "cases/assessment_new.html", {"case": case, "form": form, "last": last})


def _screen_from_notes(request: HttpRequest, case: Case, last: Assessment | None) -> HttpResponse:
    """The notes assistant inside the case's screening: suggest, then fill in what was ticked.

    The notes stay in this request: only the answers the worker then submits are kept, as the
    assessment's facts.
    """
    context, valid = notes_step_context(request)
    context.update(case=case, last=last)
    if not valid:
        return render(request, "cases/assessment_new.html", context, status=422)
    response = render(request, "cases/assessment_new.html", context)
    add_never_cache_headers(response)
    return response


def shown_result(assessment: Assessment) -> tuple[dict[str, Any], bool]:
    """The stored result in the reader's language, when that can be done exactly.

    The stored result is English text. The engine is deterministic, so when it gives the very
    same result for the stored facts today (same catalogue, same rules), its words are shown in
    the reader's language. Otherwise (the catalogue changed since) the stored English is shown
    as it was, and the page says so: a past assessment is never re-written.
    """
    try:
        _facts, again = assess_mapping(assessment.facts)
    except FactsError:
        return assessment.result, False
    if again.to_dict() != assessment.result:
        return assessment.result, False
    return again.to_dict(translate=_), True


@login_required
@never_cache
def assessment_page(request: HttpRequest, assessment_id: int) -> HttpResponse:
    """Re-read a past assessment exactly as it was stored."""
    assessment = access_assessment(request.user, assessment_id)
    result, in_language = shown_result(assessment)
    context = {
        "assessment": assessment,
        "result": result,
        "in_language": in_language,
        "answers": answers_in_words(assessment.facts),
    }
    return render(request, "cases/assessment.html", context)
