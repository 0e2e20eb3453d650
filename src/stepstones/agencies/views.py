"""The service directory and the organisation admin's member pages."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from stepstones.agencies import actions
from stepstones.agencies.access import (
    access_membership,
    access_organisation,
    require_membership,
    require_role,
)
from stepstones.agencies.forms import (
    AddMemberForm,
    ChangeMemberForm,
    DirectorySearchForm,
    EntryForm,
)
from stepstones.agencies.models import Membership, Organisation, Role
from stepstones.cases.ui import form_errors, run_action


def search_directory(region: str, service: str, language: str) -> list[Organisation]:
    """Return organisations matching all given filters (an empty filter matches everything)."""
    organisations = Organisation.objects.order_by("region", "name")
    if region:
        organisations = organisations.filter(region__icontains=region) | organisations.filter(
            municipality__icontains=region
        )
    # The lists are small JSON arrays; filtering them in Python works on SQLite and PostgreSQL.
    return [
        org
        for org in organisations
        if (not service or service in org.services) and (not language or language in org.languages)
    ]


@login_required
def directory(request: HttpRequest) -> HttpResponse:
    """Who offers which service, where, in which languages: find the next stone."""
    require_membership(request.user)
    form = DirectorySearchForm(request.GET or None)
    filters = (
        form.cleaned_data if form.is_valid() else {"region": "", "service": "", "language": ""}
    )
    results = search_directory(filters["region"].strip(), filters["service"], filters["language"])
    template = (
        "agencies/_directory_results.html"
        if request.headers.get("HX-Request")
        else "agencies/directory.html"
    )
    return render(request, template, {"form": form, "results": results})


@login_required
def members(request: HttpRequest) -> HttpResponse:
    """The organisation admin's list of members, with the form to add one."""
    me = require_role(request.user, Role.ORG_ADMIN)
    form = AddMemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = run_action(
            request,
            form,
            lambda: actions.add_member(
                me.organisation,
                username=data["username"],
                email=data["email"],
                role=data["role"],
                by=me,
            ),
            _("Member added. They set a password through the password reset."),
            redisplay=True,
        )
        if done is not None:
            return redirect("agencies:members")
    people = list(
        Membership.objects.select_related("user")
        .filter(organisation_id=me.organisation_id)
        .order_by("user__username")
    )
    return render(
        request,
        "agencies/members.html",
        {"members": people, "form": form, "organisation": me.organisation, "roles": Role.choices},
    )


@login_required
@require_POST
def member_change(request: HttpRequest, membership_id: int) -> HttpResponse:
    target = access_membership(request.user, membership_id, write=True)
    me = require_membership(request.user)
    form = ChangeMemberForm(request.POST)
    if form.is_valid():
        run_action(
            request,
            form,
            lambda: actions.change_member(
                target, role=form.cleaned_data["role"], active=form.cleaned_data["active"], by=me
            ),
            _("Member changed."),
        )
    else:
        form_errors(request, form)
    return redirect("agencies:members")


@login_required
def entry(request: HttpRequest) -> HttpResponse:
    """The organisation admin edits the organisation's directory entry and referral deadlines."""
    me = require_role(request.user, Role.ORG_ADMIN)
    organisation = access_organisation(request.user, me.organisation_id, write=True)
    form = EntryForm(
        request.POST or None,
        initial={
            "services": organisation.services,
            "languages": organisation.languages,
            "contact_hours": organisation.contact_hours,
            "urgent_response_hours": organisation.urgent_response_hours,
            "normal_response_hours": organisation.normal_response_hours,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = run_action(
            request,
            form,
            lambda: actions.update_directory_entry(organisation, by=me, **data),
            _("Directory entry saved."),
            redisplay=True,
        )
        if done is not None:
            return redirect("agencies:entry")
    return render(request, "agencies/entry.html", {"form": form, "organisation": organisation})
