"""Forms for the case pages; each `clean_*` returns domain values, actions do the checking."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from stepstones.agencies.models import LANGUAGES, Organisation
from stepstones.cases.actions import NOTE_MAX
from stepstones.cases.identifying import Kind, identifying_details
from stepstones.cases.models import (
    CaseKind,
    ClosureReason,
    Gender,
    HowGiven,
    LegalGround,
    MethodOfControl,
    MethodOfRecruitment,
    Purpose,
    Stage,
    TypeOfExploitation,
)
from stepstones.screening.forms import CountriesField

_LANGUAGE_CHOICES = [("", "—"), *((code, name) for code, name in LANGUAGES.items())]


# One sentence per kind of identifying detail found in a summary.
_FOUND: dict[Kind, Any] = {
    Kind.NAME: _("“%(text)s” looks like a person's name."),
    Kind.PHONE: _("“%(text)s” looks like a phone number."),
    Kind.EMAIL: _("“%(text)s” looks like an e-mail address."),
    Kind.DOCUMENT: _("“%(text)s” looks like a document or passport number."),
}


class CaseForm(forms.Form):
    """A case's details, as the case page edits them (`NewCaseForm` opens a case).

    A summary that seems to hold a name, phone number, e-mail or document number is sent back
    with a warning beside it; the worker removes the detail or ticks "keep the summary as
    written".
    """

    kind = forms.ChoiceField(
        label=_("Kind of case"),
        choices=[("", "—"), *CaseKind.choices],
        error_messages={"required": _("Choose the kind of case.")},
    )
    gender = forms.ChoiceField(label=_("Gender"), choices=Gender.choices, initial=Gender.UNKNOWN)
    is_child = forms.BooleanField(label=_("Under 18"), required=False)
    citizenship = CountriesField(
        label=_("Citizenship"),
        required=False,
        many=True,
        help_text=_("Country names or codes, separated by commas (e.g. Syria, Afghanistan)."),
    )
    primary_language = forms.ChoiceField(
        label=_("Primary language"), choices=_LANGUAGE_CHOICES, required=False
    )
    summary = forms.CharField(
        label=_("Summary (no names)"),
        widget=forms.Textarea,
        required=False,
        help_text=_(
            "What happened, without names, phone numbers or document numbers: those belong "
            "in the identity record."
        ),
        error_messages={
            "required": _("Say in a few words what happened (without names)."),
        },
    )
    keep_summary = forms.BooleanField(
        label=_("Keep the summary as written: it does not identify the person"),
        required=False,
    )
    type_of_exploitation = forms.MultipleChoiceField(
        label=_("Type of exploitation"),
        choices=TypeOfExploitation.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    methods_of_control = forms.MultipleChoiceField(
        label=_("Methods of control"),
        choices=MethodOfControl.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    method_of_recruitment = forms.MultipleChoiceField(
        label=_("Method of recruitment"),
        choices=MethodOfRecruitment.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The "keep it" tick shows only beside a warning (or on an edit form, whose errors
        # come back on the case page after a redirect, where no warning can show it).
        if isinstance(self, NewCaseForm) or self.is_bound:
            self.fields["keep_summary"].widget = forms.HiddenInput()

    def clean_summary(self) -> str:
        summary: str = self.cleaned_data["summary"]
        found = identifying_details(summary)
        if not found:
            return summary
        # Show the tick beside the summary from now on, ticked or not.
        self.fields["keep_summary"].widget = forms.CheckboxInput()
        if self.data.get("keep_summary") in ("on", "true", "True", "1"):
            return summary
        messages = [gettext(_FOUND[f.kind]) % {"text": f.text} for f in found]
        messages.append(
            gettext(
                "A summary must not identify the person. Remove these details (add them to "
                "the identity record), or tick “Keep the summary as written” if they do not "
                "identify anyone."
            )
        )
        raise forms.ValidationError(messages, code="identifying")


class NewCaseForm(CaseForm):
    """Opening a case: the kind and a summary are required, and a tick confirms the details.

    So an empty or half-filled submit never opens a case; every missing answer shows beside
    its field.
    """

    confirmed = forms.BooleanField(
        label=_("I checked these details: open the case"),
        error_messages={
            "required": _("Tick this box to confirm the details before the case is opened."),
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["summary"].required = True


class IdentityForm(forms.Form):
    names = forms.CharField(
        label=_("Names"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("One per line; add the script after a bar, e.g. «أميرة | arabic»."),
    )
    birthdate = forms.DateField(label=_("Date of birth"), required=False)
    documents = forms.CharField(
        label=_("Documents"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("One per line: type | number | country."),
    )
    contacts = forms.CharField(
        label=_("Contacts"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    addresses = forms.CharField(
        label=_("Addresses"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    notes = forms.CharField(
        label=_("Notes"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def identity(self) -> dict[str, Any]:
        data = self.cleaned_data
        names = []
        for line in data["names"].splitlines():
            if not line.strip():
                continue
            value, _sep, script = line.partition("|")
            names.append({"value": value.strip(), "script": script.strip() or "latin"})
        documents = []
        for line in data["documents"].splitlines():
            if not line.strip():
                continue
            parts = [p.strip() for p in line.split("|")] + ["", "", ""]
            documents.append({"type": parts[0], "number": parts[1], "country": parts[2]})
        return {
            "names": names,
            "birthdate": data["birthdate"].isoformat() if data["birthdate"] else "",
            "documents": documents,
            "contacts": data["contacts"],
            "addresses": data["addresses"],
            "notes": data["notes"],
        }

    @classmethod
    def initial_from(cls, identity: dict[str, Any]) -> dict[str, Any]:
        return {
            "names": "\n".join(f"{n['value']} | {n['script']}" for n in identity.get("names", [])),
            "birthdate": identity.get("birthdate", ""),
            "documents": "\n".join(
                f"{d['type']} | {d['number']} | {d['country']}"
                for d in identity.get("documents", [])
            ),
            "contacts": "\n".join(identity.get("contacts", [])),
            "addresses": "\n".join(identity.get("addresses", [])),
            "notes": identity.get("notes", ""),
        }


class ConsentForm(forms.Form):
    purpose = forms.ChoiceField(label=_("Purpose"), choices=Purpose.choices)
    recipient = forms.ModelChoiceField(
        label=_("Recipient organisation"), queryset=Organisation.objects.all()
    )
    given_on = forms.DateField(
        label=_("Date given"), widget=forms.DateInput(attrs={"type": "date"})
    )
    language = forms.ChoiceField(
        label=_("Language of the explanation"), choices=_LANGUAGE_CHOICES[1:]
    )
    how_given = forms.ChoiceField(label=_("How given"), choices=HowGiven.choices)


class OverrideForm(forms.Form):
    recipient = forms.ModelChoiceField(
        label=_("Recipient organisation"), queryset=Organisation.objects.all()
    )
    purpose = forms.ChoiceField(label=_("Purpose"), choices=Purpose.choices)
    legal_ground = forms.ChoiceField(label=_("Legal ground"), choices=LegalGround.choices)
    justification = forms.CharField(
        label=_("Justification"), widget=forms.Textarea(attrs={"rows": 3})
    )


class StageForm(forms.Form):
    stage = forms.ChoiceField(
        label=_("Move to"),
        choices=[(s.value, s.label) for s in (Stage.POSSIBLE_VICTIM, Stage.ASSISTANCE)],
    )


class IdentificationForm(forms.Form):
    identified = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("yes", _("Identified as a victim")), ("no", _("Not identified"))],
        coerce=lambda v: v == "yes",
    )
    decided_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    basis = forms.CharField(
        label=_("Basis of the decision"), widget=forms.Textarea(attrs={"rows": 3})
    )


class CloseForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason"), choices=ClosureReason.choices)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Note"),
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Read by your organisation and the organisation accountable for the case. "
            "Keep names and documents in the identity record."
        ),
        error_messages={"required": _("Write the note.")},
    )
