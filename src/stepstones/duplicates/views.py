"""The "Possible duplicates" page and the holders' answers (confirm, reject)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from stepstones.agencies.access import require_membership
from stepstones.cases.ui import page_rows, run_action
from stepstones.duplicates import actions
from stepstones.duplicates.access import access_pair, notice, pairs_for

PAGE = 25


@login_required
def duplicate_list(request: HttpRequest) -> HttpResponse:
    """List the possible duplicates of the organisation's cases: open ones first ("open" sorts
    after "linked"), then linked."""
    membership = require_membership(request.user)
    # Only those who work cases answer possible duplicates.
    if not membership.works_cases:
        raise Http404
    rows = page_rows(
        request, pairs_for(membership).order_by("-status", "-found_at", "-id"), per_page=PAGE
    )
    notices = [notice(pair, membership) for pair in rows.rows]
    return render(
        request,
        "duplicates/list.html",
        {"rows": rows, "notices": notices, "membership": membership},
    )


@login_required
@require_POST
def confirm(request: HttpRequest, pair_id: int) -> HttpResponse:
    pair = access_pair(request.user, pair_id)
    membership = require_membership(request.user)
    run_action(
        request,
        None,
        lambda: actions.confirm_pair(pair, by=membership),
        _("Confirmed. The cases are linked once the other organisation confirms too."),
    )
    return redirect("duplicates:list")


@login_required
@require_POST
def reject(request: HttpRequest, pair_id: int) -> HttpResponse:
    pair = access_pair(request.user, pair_id)
    membership = require_membership(request.user)
    run_action(
        request,
        None,
        lambda: actions.reject_pair(pair, by=membership),
        _("Rejected: this pair will not be shown again."),
    )
    return redirect("duplicates:list")
