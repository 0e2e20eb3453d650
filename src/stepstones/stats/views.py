"""The statistics pages: the dashboard, its exports, the printable quarterly report.

Every figure shown or exported comes from `compute.publish`, so it has passed disclosure control.
Coordinators see the network; members of an organisation see the network or their own
organisation's figures. Frontline workers, auditors and trainers see no statistics (404).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from stepstones.agencies.access import require_role
from stepstones.agencies.models import Kind, Membership, Organisation, Role
from stepstones.cases.models import TypeOfExploitation
from stepstones.stats import exports
from stepstones.stats.compute import Published, publish, rows
from stepstones.stats.models import ReferenceDataset
from stepstones.stats.panels import (
    BESIDE,
    CASE_PANELS,
    PANELS,
    REFERRAL_PANELS,
    Filters,
    Panel,
)
from stepstones.training.evaluation_charts import Series, bar_chart

STATS_ROLES = (
    Role.COORDINATOR,
    Role.ORG_ADMIN,
    Role.CASE_MANAGER,
    Role.IDENTIFICATION_OFFICER,
)
HIDDEN = gettext_lazy("hidden")


def _scope(request: HttpRequest, membership: Membership) -> Organisation | None:
    """None for the network's figures; the organisation for its own."""
    if membership.role == Role.COORDINATOR:
        return None
    return membership.organisation if request.GET.get("scope") == "own" else None


FILTER_NAMES = {
    "year": gettext_lazy("Year"),
    "quarter": gettext_lazy("Quarter"),
    "region": gettext_lazy("Region"),
    "org_kind": gettext_lazy("Kind of organisation"),
    "form": gettext_lazy("Form of exploitation"),
}


def _filters(request: HttpRequest, defaults: dict[str, str] | None = None) -> Filters:
    """Read the filters. A value outside the known ones (an edited or old address) is left out,
    and the page says which filter it was, so the figures are never taken for filtered ones."""
    get = {**(defaults or {}), **request.GET.dict()}
    refused: list[str] = []

    def number(name: str, low: int, high: int) -> int | None:
        raw = get.get(name, "")
        if raw.isdigit() and low <= int(raw) <= high:
            return int(raw)
        if raw:
            refused.append(name)
        return None

    def one_of(name: str, allowed: Iterable[str]) -> str:
        raw = get.get(name, "")
        if raw and raw not in allowed:
            refused.append(name)
            return ""
        return raw

    filters = Filters(
        year=number("year", 2000, 2100),
        quarter=number("quarter", 1, 4),
        region=one_of("region", set(Organisation.objects.values_list("region", flat=True))),
        org_kind=one_of("org_kind", Kind.values),
        form=one_of("form", TypeOfExploitation.values),
    )
    for name in refused:
        messages.warning(
            request,
            _("The filter “%(name)s” in the address is not one we know, so it was left out.")
            % {"name": FILTER_NAMES[name]},
        )
    return filters


def _view(published: Published, chart_id: str) -> dict[str, Any]:
    columns, table_rows = rows(published)
    categories = [str(r.label) for r in table_rows if not r.total]
    series = [
        Series(str(column), tuple(r.cells[i] for r in table_rows if not r.total))
        for i, column in enumerate(columns)
        if len(columns) == 1
        or i < len(columns) - (1 if published.panel.dimensions[1].additive else 0)
    ]
    values = [v for s in series for v in s.values if v is not None]
    svg = bar_chart(
        chart_id=chart_id,
        title=str(published.panel.title),
        categories=categories,
        series=series,
        maximum=float(max(values, default=0)) or 1.0,
        missing=str(HIDDEN),
    )
    return {
        "panel": published.panel,
        "columns": columns,
        "rows": table_rows,
        "svg": svg,
        "hidden": any(c is None for r in table_rows for c in r.cells),
    }


def _context(
    request: HttpRequest, panels: tuple[Panel, ...], defaults: dict[str, str] | None = None
) -> dict[str, Any]:
    membership = require_role(request.user, *STATS_ROLES)
    org = _scope(request, membership)
    filters = _filters(request, defaults)
    views = [_view(publish(panel, filters, org), f"chart-{panel.slug}") for panel in panels]
    reference = ReferenceDataset.objects.first()
    if reference is not None:
        # The reference picture beside the network's, where the two count the same thing.
        for view in views:
            slug = BESIDE.get(view["panel"].slug)
            if slug:
                view["beside"] = _view(publish(PANELS[slug], Filters()), f"chart-{slug}")
    return {
        "reference": reference,
        "membership": membership,
        "org": org,
        "filters": filters,
        "panels": views,
        "query": request.GET.urlencode(),
        "years": range(timezone.now().year, timezone.now().year - 6, -1),
        "regions": sorted(set(Organisation.objects.values_list("region", flat=True))),
        "kinds": Kind.choices,
        "forms": TypeOfExploitation.choices,
        "coordinator": membership.role == Role.COORDINATOR,
    }


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """Every panel with its chart and its table, filtered, through disclosure control."""
    context = _context(request, CASE_PANELS + REFERRAL_PANELS)
    return render(request, "stats/dashboard.html", context)


def last_complete_quarter(today: dt.date) -> tuple[int, int]:
    current = (today.month - 1) // 3 + 1
    return (today.year - 1, 4) if current == 1 else (today.year, current - 1)


@login_required
def report(request: HttpRequest) -> HttpResponse:
    """The quarterly coordination report: the last complete quarter unless one is chosen."""
    year, quarter = last_complete_quarter(timezone.localdate())
    defaults = {"year": str(year), "quarter": str(quarter)}
    context = _context(request, CASE_PANELS + REFERRAL_PANELS, defaults)
    return render(request, "stats/report.html", context)


@login_required
def export(request: HttpRequest, panel: str, fmt: str) -> HttpResponse:
    """One panel as CSV or XLSX: the same published cells as the page, hidden ones marked."""
    if panel not in PANELS or fmt not in ("csv", "xlsx"):
        raise Http404
    membership = require_role(request.user, *STATS_ROLES)
    published = publish(PANELS[panel], _filters(request), _scope(request, membership))
    columns, table_rows = rows(published)
    heading = [str(published.panel.dimensions[0].title), *(str(c) for c in columns)]
    body = [[str(r.label), *(str(HIDDEN) if c is None else c for c in r.cells)] for r in table_rows]
    name = f"stepstones-{panel}"
    if fmt == "csv":
        return exports.csv_response(name, heading, body)
    return exports.xlsx_response(name, str(published.panel.title), heading, body)
