"""Forms of the training pages; each clean method returns domain values."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stepstones.training.content import load_content
from stepstones.training.evaluation import room_languages
from stepstones.training.models import ParticipantKind, StepKind
from stepstones.training.steps import StepSpec

LANGUAGE_NAMES = {
    "en": "English",
    "mk": "Македонски",
    "sq": "Shqip",
    "sr-Cyrl": "Српски (ћирилица)",
    "sr-Latn": "Srpski (latinica)",
}


def _language_choices() -> list[tuple[str, str]]:
    """Offer the languages the whole training content is written in, each in its own name."""
    return [(code, LANGUAGE_NAMES.get(code, code)) for code in room_languages()]


class SessionForm(forms.Form):
    """A new training day: title, date, the room's language and the exercises in day order."""

    title = forms.CharField(label=_("Title"), max_length=200)
    day = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    language = forms.ChoiceField(label=_("Language of the room"))
    opening = forms.BooleanField(
        label=_("Start with the opening question"), required=False, initial=True
    )
    vulnerable = forms.BooleanField(
        label=_("Group work: who is vulnerable?"), required=False, initial=True
    )
    scenario = forms.ChoiceField(label=_("Journey role-play"), required=False)
    variants = forms.BooleanField(
        label=_("Give each group a different traveller, of the same difficulty"), required=False
    )
    offers = forms.MultipleChoiceField(
        label=_("Spot the deceptive offer"), required=False, widget=forms.CheckboxSelectMultiple
    )
    studies = forms.MultipleChoiceField(
        label=_("Case studies"), required=False, widget=forms.CheckboxSelectMultiple
    )
    myths = forms.MultipleChoiceField(
        label=_("Myths and facts"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, language: str = "en", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        content = load_content()
        choice = self._choice_field
        self.fields["day"].initial = timezone.localdate()
        choice("language").choices = _language_choices()
        self.fields["language"].initial = language if language in room_languages() else "en"
        choice("scenario").choices = [("", _("No journey"))] + [
            (s.id, s.title.get(language)) for s in content.scenarios.values()
        ]
        choice("offers").choices = [(o.id, o.title.get(language)) for o in content.offers.values()]
        choice("studies").choices = [
            (s.id, s.title.get(language)) for s in content.studies.values()
        ]
        choice("myths").choices = [(m.id, m.myth.get(language)) for m in content.myths.values()]

    def _choice_field(self, name: str) -> forms.ChoiceField:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)  # noqa: S101 - declared above
        return field

    def steps(self) -> list[StepSpec]:
        """Return the steps in the day's order: the opening, who is vulnerable, the journey, job
        offers, case studies, myths."""
        data = self.cleaned_data
        steps: list[StepSpec] = []
        if data["opening"]:
            steps.append(StepSpec(StepKind.POLL))
        if data["vulnerable"]:
            steps.append(StepSpec(StepKind.VULNERABLE))
        if data["scenario"]:
            scenario = load_content().scenarios[data["scenario"]]
            steps += [
                StepSpec(StepKind.JOURNEY, scenario.id, i) for i in range(len(scenario.stages))
            ]
        steps += [StepSpec(StepKind.OFFER, o) for o in data["offers"]]
        steps += [StepSpec(StepKind.STUDY, s) for s in data["studies"]]
        steps += [StepSpec(StepKind.MYTH, m) for m in data["myths"]]
        return steps

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors and not self.steps():
            raise forms.ValidationError(_("Choose at least one exercise."))
        return data


class JoinForm(forms.Form):
    """Joining from a phone: the code on the screen, a name to show, the kind of organisation."""

    code = forms.CharField(
        label=_("Code on the screen"),
        max_length=6,
        min_length=6,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    display_name = forms.CharField(
        label=_("Your name in the room (any name you like)"), max_length=40
    )
    kind = forms.ChoiceField(
        label=_("You work for"), choices=ParticipantKind.choices, widget=forms.RadioSelect
    )

    def clean_code(self) -> str:
        code = "".join(str(self.cleaned_data["code"]).split())
        if not code.isdigit():
            raise forms.ValidationError(_("The code is six digits."))
        return code


class RejoinForm(forms.Form):
    """Coming back on another phone, or after losing the connection."""

    rejoin_code = forms.CharField(label=_("Your personal rejoin code"), max_length=20)


class GroupsForm(forms.Form):
    """How many groups to split the room into."""

    count = forms.IntegerField(label=_("Number of groups"), min_value=1, max_value=20)


class PictureNoteForm(forms.Form):
    """A fact of the national picture the trainer adds, with where it comes from."""

    text = forms.CharField(label=_("A fact about the national picture"), max_length=300)
    source = forms.CharField(label=_("Its source"), max_length=200)


class MediaForm(forms.Form):
    """An image or a video for one step, and what it shows."""

    position = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    file = forms.FileField(label=_("Image or video"))
    description = forms.CharField(label=_("What it shows"), max_length=200)
