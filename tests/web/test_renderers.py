"""The project's form renderer draws exactly what Django's templates draw, only faster."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django import forms
from django.conf import LazySettings
from django.forms.renderers import DjangoTemplates
from django.test import Client
from django.urls import reverse
from django.utils.safestring import mark_safe
from hypothesis import given, settings
from hypothesis import strategies as st

from stepstones.web.renderers import DRAWN, FastRenderer
from tests.personas import build_network, open_case, refer

GROUPED = [
    ("Balkans", [("MK", "North Macedonia"), ("RS", "Serbia & Montenegro")]),
    ("Other", [("TR", "Türkiye"), ("AF", '"Afghanistan"')]),
    ("", "Unknown <none>"),
]


class EveryWidget(forms.Form):
    """One field of every widget the project's forms use, with awkward labels and attributes."""

    required_css_class = "required"
    error_css_class = "error"

    text = forms.CharField(
        label="Name & <b>alias</b>",
        help_text=mark_safe("Use <em>no</em> names"),  # noqa: S308 - a constant
        widget=forms.TextInput(attrs={"autocomplete": "off", "autofocus": True, "x": False}),
    )
    number = forms.IntegerField(label="Age", required=False, min_value=0, max_value=120)
    email = forms.EmailField(required=False)
    day = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    agree = forms.BooleanField(required=False, label="I agree")
    country = forms.ChoiceField(choices=GROUPED, required=False)
    countries = forms.MultipleChoiceField(choices=GROUPED, required=False)
    answer = forms.ChoiceField(
        choices=[("yes", "Yes"), ("no", "No"), ("unknown", "Don't know")],
        widget=forms.RadioSelect,
        help_text="One answer",
    )
    ways = forms.MultipleChoiceField(
        choices=GROUPED, widget=forms.CheckboxSelectMultiple(attrs={"class": "ways"})
    )
    kinds = forms.TypedChoiceField(choices=[(1, 1), (2, 2.5)], coerce=int, required=False)
    notes = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    secret = forms.CharField(widget=forms.HiddenInput, required=False)
    unlabelled = forms.CharField(label="", required=False, initial="<kept>")
    remembered = forms.CharField(required=False, show_hidden_initial=True, initial="a")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("notes") == "whole form":
            raise forms.ValidationError("The form as a whole is wrong <here>.")
        return data


def both(form_class: type[forms.Form], **kwargs: Any) -> tuple[forms.Form, forms.Form]:
    return (
        form_class(renderer=DjangoTemplates(), **kwargs),
        form_class(renderer=FastRenderer(), **kwargs),
    )


def drawings(form: forms.Form) -> list[str]:
    """Everything a template can ask a form for."""
    out = [str(form), form.as_div(), str(form.non_field_errors())]
    for field in form:
        out += [str(field), field.as_field_group(), str(field.errors)]
        out += [field.label_tag(), field.legend_tag(), field.label_tag("Other & more")]
    return out


BOUND = [
    None,
    {},
    {"text": "x", "answer": "yes", "ways": ["MK", "AF"]},
    {
        "text": 'Ahmad "A" <script>',
        "number": "-3",
        "email": "not an email",
        "day": "2026-02-30",
        "agree": "on",
        "country": "ZZ",
        "countries": ["MK", "TR"],
        "answer": "maybe",
        "ways": ["XX"],
        "kinds": "2",
        "notes": "line one\n<line two> & three",
        "secret": "<s>",
        "unlabelled": "",
        "remembered": "b",
        "initial-remembered": "a",
    },
    {"text": "ok", "answer": "no", "ways": ["TR"], "notes": "whole form", "secret": "1"},
]


@pytest.mark.parametrize("data", BOUND, ids=["unbound", "empty", "valid", "invalid", "form error"])
def test_it_draws_what_djangos_templates_draw(data: dict[str, Any] | None) -> None:
    kwargs: dict[str, Any] = {} if data is None else {"data": data}
    kwargs["initial"] = {"day": dt.date(2026, 12, 7), "number": 1234567}
    django_form, fast_form = both(EveryWidget, **kwargs)
    if data is not None:
        assert django_form.is_valid() == fast_form.is_valid()
    assert drawings(fast_form) == drawings(django_form)


@settings(max_examples=60, deadline=None)
@given(
    text=st.text(max_size=30),
    label=st.text(max_size=20),
    choice=st.text(max_size=10),
    attr=st.one_of(st.booleans(), st.text(max_size=10), st.integers()),
)
def test_any_value_label_or_attribute_is_drawn_the_same(
    text: str, label: str, choice: str, attr: object
) -> None:
    class Odd(forms.Form):
        words = forms.CharField(label=label or None, widget=forms.TextInput(attrs={"data-x": attr}))
        long = forms.CharField(widget=forms.Textarea)
        pick = forms.ChoiceField(choices=[(choice, label), ("b", text)], widget=forms.RadioSelect)
        menu = forms.ChoiceField(choices=[(choice, text)])

    data = {"words": text, "long": text, "pick": choice, "menu": text}
    django_form, fast_form = both(Odd, data=data)
    assert drawings(fast_form) == drawings(django_form)


def test_the_settings_use_it() -> None:
    from django.forms.renderers import get_default_renderer

    assert isinstance(get_default_renderer(), FastRenderer)


def test_it_draws_only_templates_that_django_still_ships() -> None:
    """A Django upgrade that renames or drops a template fails here, not on a page."""
    renderer = DjangoTemplates()
    for name in DRAWN:
        assert renderer.get_template(name) is not None, name


def test_a_template_it_does_not_know_goes_to_djangos_templates() -> None:
    class WithFile(forms.Form):
        upload = forms.FileField(required=False)
        when = forms.SplitDateTimeField(required=False)

    django_form, fast_form = both(WithFile)
    assert "django/forms/widgets/file.html" not in DRAWN
    assert drawings(fast_form) == drawings(django_form)


CSRF = re.compile(r"\b[A-Za-z0-9]{64}\b")  # a masked CSRF token differs on every page


@pytest.mark.django_db
def test_the_pages_with_forms_look_the_same_with_either_renderer(
    client: Client, settings: LazySettings
) -> None:
    """Real pages - the case page's five forms, the quick screen, the referral form - unchanged."""
    net = build_network()
    case = open_case(net)
    refer(net, case, net.social)
    client.force_login(net.nina.user)
    pages = [
        reverse("cases:case", args=[case.pk]),
        reverse("cases:new"),
        reverse("referrals:new", args=[case.pk]),
        reverse("screening:quick"),
        reverse("agencies:directory"),
    ]
    seen = {}
    for renderer in (
        "django.forms.renderers.DjangoTemplates",
        "stepstones.web.renderers.FastRenderer",
    ):
        settings.FORM_RENDERER = renderer
        seen[renderer] = [CSRF.sub("token", client.get(page).content.decode()) for page in pages]
        settings.FORM_RENDERER = renderer
    django_pages, fast_pages = seen.values()
    for page, django_page, fast_page in zip(pages, django_pages, fast_pages, strict=True):
        assert "<form" in django_page, page
        assert fast_page == django_page, page
    # And a form that failed: the errors are drawn the same too.
    for renderer in seen:
        settings.FORM_RENDERER = renderer
        seen[renderer] = [CSRF.sub("token", client.post(reverse("cases:new"), {}).content.decode())]
    assert (
        seen["django.forms.renderers.DjangoTemplates"]
        == seen["stepstones.web.renderers.FastRenderer"]
    )
