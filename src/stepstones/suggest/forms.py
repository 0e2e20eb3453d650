"""The notes form: the text and its language, checked at the boundary."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from stepstones.notes import AUTO, available_languages, load_lexicon
from stepstones.suggest.present import MAX_NOTES_CHARS
from stepstones.web.words import language_name


def _language_choices() -> list[tuple[str, str]]:
    """The languages the assistant reads, by name; "auto": it tells, sentence by sentence."""
    return [
        (AUTO, str(_("Tell the language from the notes"))),
        *((code, language_name(code)) for code in available_languages()),
    ]


class NotesForm(forms.Form):
    """Notes pasted by a worker. They are read, never stored."""

    notes = forms.CharField(
        label=_("Notes"),
        max_length=MAX_NOTES_CHARS,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 8, "autocomplete": "off", "spellcheck": "false"}),
        help_text=_("Paste your notes. They are not stored."),
    )
    language = forms.ChoiceField(label=_("Language of the notes"), initial="en", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = _language_choices()  # type: ignore[attr-defined]

    def clean_notes(self) -> str:
        notes: str = self.cleaned_data["notes"]
        if not notes.strip():
            raise forms.ValidationError(_("Write or paste some notes first."))
        return notes

    def clean_language(self) -> str:
        language: str = self.cleaned_data.get("language") or "en"
        if language != AUTO:
            load_lexicon(language)  # the choices only list languages that load
        return language
