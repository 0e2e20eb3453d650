"""Turn a Check into what the page and the API show: translated texts and highlighted segments."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from stepstones.recruitment import Check, Hotline, Message, in_language
from stepstones.recruitment.messages import MODEL_NOTE

# Names of the countries a hotline can be for.
COUNTRY_NAMES = {
    "MK": _("North Macedonia"),
    "AL": _("Albania"),
    "RS": _("Serbia"),
    "XK": _("Kosovo"),
    "BA": _("Bosnia and Herzegovina"),
    "ME": _("Montenegro"),
    "GR": _("Greece"),
    "BG": _("Bulgaria"),
    "HR": _("Croatia"),
    "SI": _("Slovenia"),
    "DE": _("Germany"),
    "AT": _("Austria"),
    "IT": _("Italy"),
    "TR": _("Türkiye"),
    "FR": _("France"),
    "UA": _("Ukraine"),
    "ALL": _("every EU country"),
}
ROLE_LABELS = {
    "job_country": _("for the country of the job"),
    "seeker_country": _("for your country"),
    "language": _("speaks the offer's language"),
    "region": _("in the region"),
    "general": _("emergencies"),
}


def hotline_context(hotline: Hotline) -> dict[str, Any]:
    """Return what the page shows of one hotline: the number, which country it is for and why
    it is offered, and where and when the number was checked."""
    return {
        "name": gettext(hotline.name),
        "number": hotline.number,
        "note": gettext(hotline.note) if hotline.note else "",
        "name_local": hotline.name_local,
        "note_local": hotline.note_local,
        "countries": ", ".join(str(COUNTRY_NAMES.get(c, c)) for c in hotline.countries),
        "role": hotline.role,
        "role_label": str(ROLE_LABELS.get(hotline.role, "")),
        "source_url": hotline.source_url,
        "checked": hotline.checked,
        "verified": hotline.verified,
    }


def tr(message: Message) -> str:
    """Return `message` in the page's language (gettext, then the parameters)."""
    text = gettext(message.msgid)
    return text % dict(message.params) if message.params else text


@dataclass(frozen=True)
class Segment:
    """A piece of the offer's text; `flags` names the flags it belongs to (empty: no mark)."""

    text: str
    flags: tuple[str, ...]
    severity: str


_RANK = {"low": 0, "medium": 1, "high": 2}


def segments(text: str, check: Check) -> list[Segment]:
    """Cut `text` at every span boundary so each piece can be marked with its flags."""
    cuts = {0, len(text)}
    for flag in check.flags:
        for span in flag.spans:
            cuts.update((span.start, span.end))
    points = sorted(c for c in cuts if 0 <= c <= len(text))
    out: list[Segment] = []
    for start, end in zip(points, points[1:], strict=False):
        covering = [f for f in check.flags for s in f.spans if s.start <= start and end <= s.end]
        ids = tuple(dict.fromkeys(f.id for f in covering))
        severity = max((f.severity.value for f in covering), key=_RANK.__getitem__, default="")
        out.append(Segment(text[start:end], ids, severity))
    return out


def present(text: str, check: Check) -> dict[str, Any]:
    """Return the template context of a check result."""
    language = check.language
    return {
        "level": check.level.value,
        "summary": tr(check.summary),
        "summary_local": in_language(check.summary, language),
        "language": language,
        "direction": check.direction,
        "segments": segments(text, check),
        "flags": [
            {
                "id": f.id,
                "severity": f.severity.value,
                "explanation": tr(f.explanation),
                "explanation_local": in_language(f.explanation, language),
                "advice": tr(f.advice),
                "principle": tr(f.principle.title),
                "source": f.principle.source,
                "verified": f.principle.verified,
                "matched": [s.text for s in f.spans],
            }
            for f in check.flags
        ],
        "seeker_advice": [
            {"text": tr(m), "local": in_language(m, language)} for m in check.seeker_advice
        ],
        "worker_advice": [tr(m) for m in check.worker_advice],
        "hotlines": [hotline_context(h) for h in check.hotlines],
        "model_note": None
        if check.model_probability is None
        else tr(
            Message(
                "model.note",
                MODEL_NOTE,
                {"percent": f"{100 * check.model_probability:.0f}"},
            )
        ),
    }
