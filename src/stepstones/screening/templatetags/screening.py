"""Template filters of the screening pages: results in words, questions drawn quickly."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from django import template
from django.forms import BoundField, Form
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from stepstones.countries import all_countries, country_name
from stepstones.screening.forms import COUNTRY_LIST_ID
from stepstones.web import words

register = template.Library()


@register.filter
def outcome_label(value: str) -> str:
    """Return the translated label of an outcome value (`possible_victim` -> words)."""
    return words.outcome_label(value)


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
    return mark_safe("".join(parts))  # noqa: S308  # nosec B308


@register.filter
def hidden_answers(fields: Iterable[BoundField]) -> SafeString:
    """Return hidden inputs carrying the answers of questions not shown on this step.

    Only real answers travel ("don't know" and empty fields are the defaults), so a step's page
    stays small however many questions were answered before it.
    """
    parts = []
    for field in fields:
        value = field.field.prepare_value(field.value())
        if value in (None, "", "unknown", [], ()):
            continue
        parts.append(
            f'<input type="hidden" name="{escape(field.html_name)}" value="{escape(value)}">'
        )
    # Every value above is escaped; the rest is constant markup.
    return mark_safe("".join(parts))  # noqa: S308  # nosec B308


@register.filter
def country_names(codes: Iterable[str]) -> str:
    """Return country codes as names in the interface language (`["AF", "IR"]` -> words)."""
    language = get_language() or "en"
    return ", ".join(country_name(str(code), language) for code in codes)


@register.simple_tag
def country_list() -> SafeString:
    """Return the <datalist> of country names in the interface language, for completion.

    It is part of the page, so completion works without JavaScript and without another request.
    """
    return _country_list(get_language() or "en")


@cache
def _country_list(language: str) -> SafeString:
    names = sorted({c.name(language) for c in all_countries().values()}, key=str.casefold)
    options = "".join(f'<option value="{escape(name)}">' for name in names)
    # The names are escaped; the rest is constant markup.
    return mark_safe(  # noqa: S308  # nosec B308
        f'<datalist id="{COUNTRY_LIST_ID}">{options}</datalist>'
    )


@register.filter
def hidden_fields_of(form: Form) -> list[BoundField]:
    """Return every field of a form, for `hidden_answers` (a whole form carried along)."""
    return [form[name] for name in form.fields]
