"""Forms for the directory and member management."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from stepstones.agencies.models import LANGUAGES, Role, ServiceKind


class DirectorySearchForm(forms.Form):
    region = forms.CharField(label=_("Region"), required=False)
    service = forms.ChoiceField(
        label=_("Service"), choices=[("", _("Any")), *ServiceKind.choices], required=False
    )
    language = forms.ChoiceField(
        label=_("Language"), choices=[("", _("Any")), *LANGUAGES.items()], required=False
    )


class AddMemberForm(forms.Form):
    username = forms.CharField(label=_("User name"), max_length=150)
    email = forms.EmailField(label=_("E-mail"))
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)


class ChangeMemberForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    active = forms.BooleanField(label=_("Active"), required=False)


class EntryForm(forms.Form):
    services = forms.MultipleChoiceField(
        label=_("Services offered"),
        choices=ServiceKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        choices=list(LANGUAGES.items()),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    contact_hours = forms.CharField(label=_("Contact hours"), required=False, max_length=200)
    urgent_response_hours = forms.IntegerField(
        label=_("Hours to answer an urgent referral"), min_value=1
    )
    normal_response_hours = forms.IntegerField(
        label=_("Hours to answer a normal referral"), min_value=1
    )
