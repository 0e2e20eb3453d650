"""The referral packet: the fields a sender chooses to share, frozen at sending time.

One builder serves the sender's preview and the stored packet, and one renderer serves the
receiver's page, the preview and the printed letter, so all three show the same lines.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from stepstones.agencies.models import ServiceKind
from stepstones.cases.models import (
    IDENTITY_KEYS,
    Case,
    CaseKind,
    Gender,
    MethodOfControl,
    Purpose,
    Stage,
    TypeOfExploitation,
)
from stepstones.web.words import choice_label, country_names, language_name, outcome_label

# Fields a referral may share that do not identify the person on their own.
CASE_FIELDS: dict[str, Any] = {
    "gender": _("Gender"),
    "age_group": _("Age group"),
    "citizenship": _("Citizenship"),
    "primary_language": _("Primary language"),
    "kind": _("Kind of case"),
    "stage": _("Stage"),
    "type_of_exploitation": _("Type of exploitation"),
    "methods_of_control": _("Methods of control"),
    "summary": _("Summary (no names)"),
    "last_assessment": _("Last assessment"),
}
FIELD_LABELS: dict[str, Any] = {**CASE_FIELDS, **IDENTITY_KEYS}
IDENTITY_FIELDS = frozenset(IDENTITY_KEYS)
ALL_FIELDS = tuple(FIELD_LABELS)


@dataclass(frozen=True)
class PacketLine:
    key: str
    label: str
    value: str
    identity: bool


def collect(case: Case, fields: list[str], identity: dict[str, Any] | None) -> dict[str, Any]:
    """Return the raw values of the chosen fields (identity values only from `identity`)."""
    values: dict[str, Any] = {}
    person = case.person
    for key in fields:
        if key == "gender":
            values[key] = person.gender
        elif key == "age_group":
            values[key] = "child" if person.is_child else "adult"
        elif key == "citizenship":
            values[key] = list(person.citizenship)
        elif key == "primary_language":
            values[key] = person.primary_language
        elif key == "kind":
            values[key] = case.kind
        elif key == "stage":
            values[key] = case.stage
        elif key == "type_of_exploitation":
            values[key] = list(case.type_of_exploitation)
        elif key == "methods_of_control":
            values[key] = list(case.methods_of_control)
        elif key == "summary":
            values[key] = case.summary
        elif key == "last_assessment":
            last = case.assessments.order_by("-assessed_at", "-id").first()
            values[key] = (
                {
                    "outcome": last.outcome,
                    "at": last.assessed_at.date().isoformat(),
                    "catalogue_version": last.catalogue_version,
                }
                if last is not None
                else None
            )
        elif key in IDENTITY_FIELDS:
            values[key] = (identity or {}).get(key)
    return values


def render_value(key: str, value: Any) -> str:
    """Return one packet value as the words the receiver reads, in their language."""
    if value in (None, "", []):
        return "—"
    if key == "gender":
        return choice_label(Gender, value)
    if key == "age_group":
        # The case records "under 18" or nothing: no tick is not a known adult.
        return str(_("Child (under 18)")) if value == "child" else gettext("Not marked as under 18")
    if key == "primary_language":
        return language_name(value)
    if key == "citizenship":
        return ", ".join(country_names(value))
    if key == "kind":
        return choice_label(CaseKind, value)
    if key == "stage":
        return choice_label(Stage, value)
    if key == "type_of_exploitation":
        return ", ".join(choice_label(TypeOfExploitation, v) for v in value)
    if key == "methods_of_control":
        return ", ".join(choice_label(MethodOfControl, v) for v in value)
    if key == "last_assessment":
        return gettext("%(outcome)s (%(day)s, catalogue %(version)s)") % {
            "outcome": outcome_label(value["outcome"]),
            "day": value["at"],
            "version": value["catalogue_version"],
        }
    if key == "names":
        return "; ".join(f"{n['value']} ({n['script']})" for n in value)
    if key == "documents":
        return "; ".join(
            " ".join(p for p in (d.get("type", ""), d.get("number", ""), d.get("country", "")) if p)
            for d in value
        )
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return str(value)


def lines(packet: dict[str, Any]) -> list[PacketLine]:
    """Return the packet's chosen fields as labelled lines, in the order they were chosen."""
    values: dict[str, Any] = packet.get("values", {})
    return [
        PacketLine(
            key=key,
            label=str(FIELD_LABELS.get(key, key)),
            value=render_value(key, values.get(key)),
            identity=key in IDENTITY_FIELDS,
        )
        for key in packet.get("fields", [])
    ]


def header(packet: dict[str, Any]) -> list[tuple[str, str]]:
    """Return the packet's fixed part (purpose, service, urgency...) as (label, value) pairs."""
    from stepstones.referrals.models import ReasonForReferral, ReferralKind, Urgency

    return [
        (str(_("Case code")), packet.get("code", "")),
        (str(_("Kind")), choice_label(ReferralKind, packet.get("kind", ""))),
        (str(_("Purpose")), choice_label(Purpose, packet.get("purpose", ""))),
        (str(_("Service requested")), choice_label(ServiceKind, packet.get("service", ""))),
        (str(_("Urgency")), choice_label(Urgency, packet.get("urgency", ""))),
        (str(_("Reason")), choice_label(ReasonForReferral, packet.get("reason", ""))),
        (str(_("From")), packet.get("from_org", "")),
        (str(_("To")), packet.get("to_org", "")),
        (str(_("Message")), packet.get("note", "") or "—"),
    ]
