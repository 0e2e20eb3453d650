"""Template filters of the screening pages: results in words, questions drawn quickly."""

from __future__ import annotations

from django import template
from django.forms import BoundField
from django.utils.html import escape
from django.utils.safestring import mark_safe
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


@register.filter
def radio_answers(field: BoundField) -> str:
    """Return a question's radio buttons, each in its label, as `RadioSelect` would draw them.

    The quick screen has about a hundred questions of three answers: drawing each button through
    the widget's own templates was nearly all of the page's CPU time (docs/benchmarks.md). The
    markup is the same: name, value, id, `checked`, `aria-invalid` when the field has an error.
    """
    value = field.value()
    chosen = "" if value is None else str(value)
    name = escape(field.html_name)
    invalid = ' aria-invalid="true"' if field.errors else ""
    auto_id = field.auto_id
    parts = []
    for index, (choice, label) in enumerate(getattr(field.field, "choices", ())):
        ident = f' id="{escape(auto_id)}_{index}"' if auto_id else ""
        checked = " checked" if str(choice) == chosen else ""
        parts.append(
            f'<label><input type="radio" name="{name}" value="{escape(choice)}"{ident}{invalid}'
            f"{checked}> {escape(label)}</label>"
        )
    # Every value above is escaped; the rest is constant markup.
    return mark_safe("".join(parts))  # noqa: S308
