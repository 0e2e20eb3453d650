"""Forms for referral pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from stepstones.agencies.models import Organisation, ServiceKind
from stepstones.cases.models import Purpose
from stepstones.referrals.models import DeclineReason, ReasonForReferral, ReferralKind, Urgency
from stepstones.referrals.packet import FIELD_LABELS


class ReferralForm(forms.Form):
    to_org = forms.ModelChoiceField(label=_("To"), queryset=Organisation.objects.all())
    kind = forms.ChoiceField(label=_("Kind"), choices=ReferralKind.choices)
    purpose = forms.ChoiceField(label=_("Purpose"), choices=Purpose.choices)
    service = forms.ChoiceField(label=_("Service requested"), choices=ServiceKind.choices)
    urgency = forms.ChoiceField(label=_("Urgency"), choices=Urgency.choices, initial=Urgency.NORMAL)
    reason = forms.ChoiceField(label=_("Reason"), choices=ReasonForReferral.choices)
    share = forms.MultipleChoiceField(
        label=_("Fields to share"),
        choices=list(FIELD_LABELS.items()),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Share only what the receiver needs. Identity fields are marked in the preview."
        ),
    )
    note = forms.CharField(
        label=_("Message to the receiver"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    digest = forms.CharField(required=False, widget=forms.HiddenInput)

    def choices(self) -> dict[str, object]:
        data = self.cleaned_data
        return {
            "to_org": data["to_org"],
            "kind": data["kind"],
            "purpose": data["purpose"],
            "service": data["service"],
            "urgency": data["urgency"],
            "reason": data["reason"],
            "fields": data["share"],
            "note": data["note"],
        }


class DeclineForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason"), choices=DeclineReason.choices)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
