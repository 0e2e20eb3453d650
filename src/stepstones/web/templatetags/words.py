"""Template filters that show stored codes as words (see `stepstones.web.words`).

After `{% load words %}`: `language_name` ("ps" -> "Pashto"), `country_names` (["AF", "PK"] ->
"Afghanistan, Pakistan"), `action_label` ("case.opened" -> "Case opened"), `object_label`
and `audit_details`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import template

from stepstones.web import words

register = template.Library()


@register.filter
def language_name(code: str) -> str:
    """Return a language code's name in the interface language, or "" for none."""
    return words.language_name(code)


@register.filter
def country_names(codes: Iterable[str] | str) -> str:
    """Return country codes as names in the interface language, separated by commas."""
    return ", ".join(words.country_names(codes or []))


@register.filter
def outcome_words(value: str) -> str:
    """Return an engine outcome in words."""
    return words.outcome_label(value)


@register.filter
def role_label(value: str) -> str:
    return words.role_label(value)


@register.filter
def action_label(action: str) -> str:
    """Return an audit action name in words."""
    return words.action_label(action)


@register.filter
def object_label(object_type: str) -> str:
    """Return an audit object type in words."""
    return words.object_label(object_type)


@register.filter
def audit_details(event: Any) -> list[tuple[str, str]]:
    """Return an audit event's details as (label, words) pairs."""
    return words.audit_details(event.action, event.details)


@register.simple_tag
def action_choices() -> list[tuple[str, str]]:
    """Return every audit action as (name, words), sorted by the words (the log's filter)."""
    return sorted(((k, str(v)) for k, v in words.ACTION_LABELS.items()), key=lambda c: c[1])


@register.simple_tag
def object_choices() -> list[tuple[str, str]]:
    """Return every audit object type as (name, words), sorted by the words."""
    return sorted(((k, str(v)) for k, v in words.OBJECT_LABELS.items()), key=lambda c: c[1])
