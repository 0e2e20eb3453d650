"""Template filters for showing stored assessment results in words."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext

from stepstones.assessment import OUTCOME_LABELS, Outcome

register = template.Library()


@register.filter
def outcome_label(value: str) -> str:
    """Return the translated label of an outcome value (`possible_victim` -> words)."""
    try:
        return gettext(OUTCOME_LABELS[Outcome(value)])
    except ValueError:
        return value
