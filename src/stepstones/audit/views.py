"""The audit log page for auditors."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from stepstones.agencies.access import require_role
from stepstones.agencies.models import Role
from stepstones.audit.models import AuditEvent


@login_required
def log(request: HttpRequest) -> HttpResponse:
    """List audit events newest first, filterable by action and object."""
    require_role(request.user, Role.AUDITOR)
    events = AuditEvent.objects.order_by("-at", "-id")
    action = request.GET.get("action", "").strip()
    if action:
        events = events.filter(action__startswith=action)
    object_type = request.GET.get("object_type", "").strip()
    object_id = request.GET.get("object_id", "").strip()
    if object_type:
        events = events.filter(object_type=object_type)
    if object_id:
        events = events.filter(object_id=object_id)
    page = Paginator(events, 100).get_page(request.GET.get("page"))
    return render(
        request,
        "audit/log.html",
        {"page": page, "action": action, "object_type": object_type, "object_id": object_id},
    )
