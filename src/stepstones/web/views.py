"""Pages that belong to no single part: the home page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def home(request: HttpRequest) -> HttpResponse:
    """Show what stepstones offers and where each tool is."""
    return render(request, "web/home.html")
