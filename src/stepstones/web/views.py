"""Pages that belong to no single part: the home page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from stepstones.agencies.access import membership_for
from stepstones.agencies.models import Role


def home(request: HttpRequest) -> HttpResponse:
    """Show what stepstones offers and where each tool is."""
    membership = membership_for(request.user)
    trainer = membership is not None and membership.role == Role.TRAINER
    return render(request, "web/home.html", {"trainer": trainer})
