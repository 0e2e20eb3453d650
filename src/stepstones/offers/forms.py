"""Forms of the offer pages; the text is validated by the checker's own rules."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from stepstones.recruitment import MAX_OFFER_CHARS, OfferError, validate_text

COUNTRIES = [
    ("", _("not known")),
    ("MK", _("North Macedonia")),
    ("AL", _("Albania")),
    ("RS", _("Serbia")),
    ("XK", _("Kosovo")),
    ("BA", _("Bosnia and Herzegovina")),
    ("ME", _("Montenegro")),
    ("GR", _("Greece")),
    ("BG", _("Bulgaria")),
    ("HR", _("Croatia")),
    ("SI", _("Slovenia")),
    ("DE", _("Germany")),
    ("AT", _("Austria")),
    ("IT", _("Italy")),
    ("FR", _("France")),
    ("TR", _("Türkiye")),
    ("UA", _("Ukraine")),
    # Countries the people on the route come from (the seeker's country).
    ("AF", _("Afghanistan")),
    ("PK", _("Pakistan")),
    ("SY", _("Syria")),
    ("IQ", _("Iraq")),
    ("IR", _("Iran")),
    ("BD", _("Bangladesh")),
    ("EG", _("Egypt")),
    ("MA", _("Morocco")),
    ("DZ", _("Algeria")),
    ("TN", _("Tunisia")),
    ("OTHER", _("another country")),
]


def clean_offer_text(value: str) -> str:
    """Return the offer text or raise a ValidationError with the checker's message."""
    try:
        return validate_text(value)
    except OfferError as exc:
        params = dict(exc.message.params)
        message = gettext(exc.message.msgid) % params if params else gettext(exc.message.msgid)
        raise forms.ValidationError(message, code=exc.code) from None


class CheckForm(forms.Form):
    text = forms.CharField(
        label=_("The job offer"),
        widget=forms.Textarea(attrs={"rows": 8, "maxlength": MAX_OFFER_CHARS}),
        strip=False,
        # The checker's own limit (MAX_OFFER_CHARS) is enforced in clean_text with a clear
        # message; this one only stops absurd posts before that.
        max_length=10 * MAX_OFFER_CHARS,
    )
    seen_at = forms.CharField(label=_("Where you saw it"), required=False, max_length=200)
    contact = forms.CharField(label=_("Contact given"), required=False, max_length=200)
    job_country = forms.ChoiceField(
        label=_("Country of the job"), choices=COUNTRIES, required=False
    )
    seeker_country = forms.ChoiceField(label=_("Your country"), choices=COUNTRIES, required=False)

    def clean_text(self) -> str:
        return clean_offer_text(self.cleaned_data["text"])


class ReportForm(forms.Form):
    """The report button: the text only. The organisation kind comes from the reporter's
    membership; an `organisation_kind` field in the POST is not part of the form and is ignored."""

    text = forms.CharField(widget=forms.HiddenInput, strip=False, max_length=10 * MAX_OFFER_CHARS)

    def clean_text(self) -> str:
        return clean_offer_text(self.cleaned_data["text"])
