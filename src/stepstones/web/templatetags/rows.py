"""Filters for drawing table rows quickly; built into every template (settings.TEMPLATES).

A list page draws fifty rows, each with a link, a time and a date. Through `{% url %}` and
`|date` that was about 0.2 ms a row, over half of the case list's CPU time (docs/benchmarks.md).
These filters give the same text:

- `{{ value|stamp }}` is `{{ value|date:"Y-m-d H:i" }}` (in the current time zone);
- `{{ value|day }}` is `{{ value|date:"Y-m-d" }}`;
- `{{ pk|link:"cases:case" }}` is `{% url "cases:case" pk %}` for a URL whose only argument is an
  integer id: the URL is reversed once per name and script prefix, then the id put in its place.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

from django import template
from django.urls import get_script_prefix, get_urlconf, reverse

register = template.Library()

_SENTINEL = 987654321987


@register.filter(expects_localtime=True)
def stamp(value: object) -> str:
    if not isinstance(value, dt.date):
        return ""
    text = f"{value.year:04d}-{value.month:02d}-{value.day:02d}"
    if isinstance(value, dt.datetime):
        return f"{text} {value.hour:02d}:{value.minute:02d}"
    return text  # a day has no time of day


@register.filter(expects_localtime=True)
def day(value: object) -> str:
    if not isinstance(value, dt.date):
        return ""
    return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"


@cache
def _around(name: str, prefix: str, urlconf: str | None) -> tuple[str, str]:
    url = reverse(name, args=[_SENTINEL], urlconf=urlconf)
    before, found, after = url.partition(str(_SENTINEL))
    if not found or str(_SENTINEL) in after:
        raise ValueError(f"{name} does not take one integer id")
    return before, after


@register.filter
def link(pk: object, name: str) -> str:
    if not isinstance(pk, int) or isinstance(pk, bool) or pk < 0:
        raise ValueError(f"link needs a non-negative integer id, got {pk!r}")
    before, after = _around(name, get_script_prefix(), get_urlconf())
    return f"{before}{pk}{after}"
