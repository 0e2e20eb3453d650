"""The project's form renderer: Django's form and widget markup, drawn by Python functions.

Django draws every form, field, label, error list, widget and choice through its own templates:
one template (and an include for the attributes) per widget and per option. On the case page
(five forms, 137 options) that was over half of the page's CPU time, and about a third of all
CPU under the daily load (docs/benchmarks.md). `FastRenderer` draws the markup of Django's
built-in templates listed in `DRAWN` in plain Python, character for character (a test renders
every kind of field with both renderers and compares), and hands any other template - a widget
of its own, a file input, a formset - to Django's templates as before.

The functions follow the templates of Django 5.2 (`django/forms/templates/django/forms/`); a
test fails when a new Django version changes them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from django.forms.renderers import DjangoTemplates
from django.http import HttpRequest
from django.template.base import render_value_in_context
from django.template.context import Context
from django.utils.functional import cached_property
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, mark_safe

# `{{ value }}` in a template: localised, then escaped unless marked safe (autoescape on).
_CONTEXT = Context()


def _out(value: object) -> str:
    return str(render_value_in_context(value, _CONTEXT))


def _fmt(value: object) -> str:
    """`{{ value|stringformat:'s' }}`: the plain `%s` text, escaped unless it was safe."""
    text = "%s" % (str(value) if isinstance(value, tuple) else value)  # noqa: UP031 - as the filter
    # Marked safe only when it was safe already; anything else is escaped.
    safe = mark_safe(text) if isinstance(value, SafeData) else text  # noqa: S308  # nosec B308
    return str(conditional_escape(safe))


def _attrs(attrs: Mapping[str, Any] | None) -> str:
    """`attrs.html`: ` name="value"` per attribute; True gives the bare name, False nothing."""
    parts = []
    for name, value in (attrs or {}).items():
        if value is False:
            continue
        parts.append(f" {_out(name)}" if value is True else f' {_out(name)}="{_fmt(value)}"')
    return "".join(parts)


# Widgets: each function returns what its template file renders (trailing newline included,
# as an `{% include %}` of the file gives it); the renderer strips the outermost result.


def _input(widget: Mapping[str, Any]) -> str:
    value = widget["value"]
    shown = f' value="{_fmt(value)}"' if value != None else ""  # noqa: E711 - the template's test
    kind, name = _out(widget["type"]), _out(widget["name"])
    return f'<input type="{kind}" name="{name}"{shown}{_attrs(widget["attrs"])}>\n'


def _input_template(widget: Mapping[str, Any]) -> str:
    """`text.html`, `checkbox.html`, ...: one line including `input.html`."""
    return _input(widget) + "\n"


def _input_option(widget: Mapping[str, Any]) -> str:
    if not widget.get("wrap_label"):
        return _input(widget) + "\n"
    ident = widget["attrs"].get("id")
    target = f' for="{_out(ident)}"' if ident else ""
    return f"<label{target}>{_input(widget)} {_out(widget['label'])}</label>\n"


def _option_markup(option: Mapping[str, Any]) -> str:
    """An option through its own template, as `{% include option.template_name %}` does."""
    draw = _OPTIONS.get(option["template_name"])
    if draw is None:
        return str(_TEMPLATES.render(option["template_name"], {"widget": option}))
    return draw(option)


def _multiple_input(widget: Mapping[str, Any]) -> str:
    attrs = widget["attrs"]
    ident, css = attrs.get("id"), attrs.get("class")
    shown_id = f' id="{_out(ident)}"' if ident else ""
    shown_class = f' class="{_out(css)}"' if css else ""
    parts = [f"<div{shown_id}{shown_class}>"]
    for group, options, _index in widget["optgroups"]:
        if group:
            parts.append(f"\n  <div><label>{_out(group)}</label>")
        for option in options:
            parts.append(f"<div>\n    {_option_markup(option)}</div>")
        if group:
            parts.append("\n  </div>")
    parts.append("\n</div>\n")
    return "".join(parts)


def _select_option(widget: Mapping[str, Any]) -> str:
    value, label = _fmt(widget["value"]), _out(widget["label"])
    return f'<option value="{value}"{_attrs(widget["attrs"])}>{label}</option>\n'


def _select(widget: Mapping[str, Any]) -> str:
    parts = [f'<select name="{_out(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group, options, _index in widget["optgroups"]:
        if group:
            parts.append(f'\n  <optgroup label="{_out(group)}">')
        for option in options:
            parts.append(f"\n  {_option_markup(option)}")
        if group:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>\n")
    return "".join(parts)


def _textarea(widget: Mapping[str, Any]) -> str:
    value = widget["value"]
    return (
        f'<textarea name="{_out(widget["name"])}"{_attrs(widget["attrs"])}>\n'
        f"{_out(value) if value else ''}</textarea>\n"
    )


_OPTIONS: dict[str, Callable[[Mapping[str, Any]], str]] = {
    "django/forms/widgets/input_option.html": _input_option,
    "django/forms/widgets/radio_option.html": lambda w: _input_option(w) + "\n",
    "django/forms/widgets/checkbox_option.html": lambda w: _input_option(w) + "\n",
    "django/forms/widgets/select_option.html": _select_option,
}
_INPUTS = (
    *("text", "number", "email", "url", "password", "hidden", "date", "datetime", "time"),
    *("search", "tel", "color", "checkbox"),
)
WIDGETS: dict[str, Callable[[Mapping[str, Any]], str]] = {
    "django/forms/widgets/input.html": _input,
    **{f"django/forms/widgets/{kind}.html": _input_template for kind in _INPUTS},
    "django/forms/widgets/multiple_input.html": _multiple_input,
    "django/forms/widgets/radio.html": lambda w: _multiple_input(w) + "\n",
    "django/forms/widgets/checkbox_select.html": lambda w: _multiple_input(w) + "\n",
    "django/forms/widgets/select.html": _select,
    "django/forms/widgets/textarea.html": _textarea,
    **_OPTIONS,
}


# Forms, fields, labels and error lists.


def _hidden(fields: Iterable[Any]) -> str:
    return "".join(_out(field) for field in fields)


def _form_div(context: Mapping[str, Any]) -> str:
    """`div.html`: the form's errors, then each visible field in a div, hidden fields last."""
    errors, fields, hidden = context["errors"], context["fields"], context["hidden_fields"]
    parts = [_out(errors), "\n"]
    if errors and not fields:
        parts.append(f"\n  <div>{_hidden(hidden)}</div>\n")
    parts.append("\n")
    for n, (field, _errors) in enumerate(fields):
        classes = field.css_classes()
        shown = f' class="{_out(classes)}"' if classes else ""
        parts.append(f"\n  <div{shown}>\n    ")
        parts.append(_out(field.as_field_group()))
        parts.append("\n    ")
        if n == len(fields) - 1:
            parts.append(f"\n      {_hidden(hidden)}\n    ")
        parts.append("\n</div>\n")
    parts.append("\n")
    if not fields and not errors:
        parts.append(f"\n  {_hidden(hidden)}\n")
    parts.append("\n")
    return "".join(parts)


def _field(context: Mapping[str, Any]) -> str:
    """`field.html`: label (or legend in a fieldset), help text, errors, the widget."""
    field = context["field"]
    parts = []
    if field.use_fieldset:
        described = field.aria_describedby
        described = f' aria-describedby="{_out(described)}"' if described else ""
        parts.append(f"\n  <fieldset{described}>\n  ")
        if field.label:
            parts.append(_out(field.legend_tag()))
        parts.append("\n")
    else:
        parts.append("\n  ")
        if field.label:
            parts.append(_out(field.label_tag()))
        parts.append("\n")
    parts.append("\n")
    help_text = field.help_text
    if help_text:
        ident = f' id="{_out(field.auto_id)}_helptext"' if field.auto_id else ""
        # Help text is ours (gettext), shown as Django's own template does: `|safe`.
        text = _out(mark_safe(help_text))  # noqa: S308  # nosec B308
        parts.append(f'<div class="helptext"{ident}>{text}</div>')
    parts.append(f"\n{_out(field.errors)}\n{_out(field)}")
    if field.use_fieldset:
        parts.append("</fieldset>")
    parts.append("\n")
    return "".join(parts)


def _label(context: Mapping[str, Any]) -> str:
    label = _out(context["label"])
    if not context["use_tag"]:
        return label + "\n"
    tag = _out(context["tag"])
    return f"<{tag}{_attrs(context['attrs'])}>{label}</{tag}>\n"


def _error_list(context: Mapping[str, Any]) -> str:
    errors = context["errors"]
    if not errors:
        return ""
    field_id = getattr(errors, "field_id", None)
    ident = f' id="{_out(field_id)}_error"' if field_id else ""
    items = "".join(f"<li>{_out(error)}</li>" for error in errors)
    return f'<ul class="{_out(context["error_class"])}"{ident}>{items}</ul>'


FORMS: dict[str, Callable[[Mapping[str, Any]], str]] = {
    "django/forms/div.html": _form_div,
    "django/forms/field.html": _field,
    "django/forms/label.html": _label,
    "django/forms/errors/list/default.html": _error_list,
    "django/forms/errors/list/ul.html": _error_list,
}


def _of_widget(draw: Callable[[Mapping[str, Any]], str]) -> Callable[[Mapping[str, Any]], str]:
    return lambda context: draw(context["widget"])


# Template name -> function of the template's context.
DRAWN: dict[str, Callable[[Mapping[str, Any]], str]] = {
    **{name: _of_widget(draw) for name, draw in WIDGETS.items()},
    **FORMS,
}


_TEMPLATES = DjangoTemplates()  # an option template of a widget of our own, drawn as Django does


class FastRenderer(DjangoTemplates):
    """Django's form renderer, with Django's own markup drawn in Python where `DRAWN` knows it.

    A template of the project's apps with the same name would override Django's file, so such a
    name is drawn by its template, never by the function (checked once, on first use).
    """

    def render(
        self, template_name: str, context: dict[str, Any], request: HttpRequest | None = None
    ) -> str:
        draw = DRAWN.get(template_name)
        if draw is None or template_name in self._overridden:
            return super().render(template_name, context, request)
        # Every value is escaped by the drawing function, as Django's template would.
        return mark_safe(draw(context).strip())  # noqa: S308  # nosec B308

    @cached_property
    def _overridden(self) -> frozenset[str]:
        return frozenset(name for name in DRAWN if _is_overridden(self, name))


def _is_overridden(renderer: DjangoTemplates, name: str) -> bool:
    origin = renderer.get_template(name).template.origin.name
    return "/django/forms/templates/" not in str(origin).replace("\\", "/")
