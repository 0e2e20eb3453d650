"""Stored codes as the words a person reads: languages, countries, outcomes, roles, audit events.

The database keeps stable machine values (`ps`, `AF`, `possible_victim`, `case.opened`); pages
show these words in the interface language instead. Unknown values come back unchanged, so a new
code shows as itself rather than disappearing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import models
from django.utils.translation import get_language, get_language_info, gettext
from django.utils.translation import gettext_lazy as _

from stepstones.agencies.models import LANGUAGES, Kind, LogoutReason, Role, ServiceKind
from stepstones.assessment import OUTCOME_LABELS, Outcome
from stepstones.cases.models import (
    CaseKind,
    ClosureReason,
    Gender,
    HowGiven,
    LegalGround,
    MethodOfControl,
    Purpose,
    Stage,
    TypeOfExploitation,
)
from stepstones.countries import country_name
from stepstones.referrals.models import (
    DeclineReason,
    ReasonForReferral,
    ReferralKind,
    ReferralStatus,
    Urgency,
    WithdrawReason,
)

# Every action name passed to `audit.record` (grep `record(` in src/stepstones), in words.
ACTION_LABELS: dict[str, Any] = {
    "api_token.created": _("API token created"),
    "api_token.revoked": _("API token revoked"),
    "assessment.recorded": _("Screening recorded"),
    "audit.anchored": _("Audit chains anchored"),
    "case.closed": _("Case closed"),
    "case.identification_decided": _("Identification decision recorded"),
    "case.note_added": _("Note added"),
    "case.opened": _("Case opened"),
    "case.received": _("Case received from another system (HTCDS)"),
    "case.stage_changed": _("Case stage changed"),
    "case.updated": _("Case details changed"),
    "consent.recorded": _("Consent recorded"),
    "ctdc.imported": _("Reference data imported (CTDC)"),
    "consent.withdrawn": _("Consent withdrawn"),
    "database.backed_up": _("Database backed up"),
    "database.restored": _("Database restored from a backup"),
    "duplicate.confirmed": _("Possible duplicate confirmed"),
    "duplicate.found": _("Possible duplicate found"),
    "duplicate.rejected": _("Possible duplicate rejected"),
    "htcds.exported": _("Cases exported (HTCDS)"),
    "htcds.imported": _("Cases imported (HTCDS)"),
    "identity.updated": _("Identity record changed"),
    "identity.viewed": _("Identity record read"),
    "linkage.reencoded": _("Identities encoded again for matching"),
    "login.failed": _("Login failed"),
    "login.locked": _("Logging in paused after repeated failures"),
    "login.refused": _("Login refused while paused"),
    "login.succeeded": _("Logged in"),
    "login.unlocked": _("Logging in unlocked by an administrator"),
    "member.added": _("Member added"),
    "member.changed": _("Member changed"),
    "offer.reported": _("Job offer reported"),
    "offer.reported_again": _("Job offer reported again"),
    "organisation.created": _("Organisation created"),
    "organisation.directory_updated": _("Directory entry changed"),
    "otp.enrolled": _("Authenticator app set up"),
    "otp.failed": _("Wrong second-factor code"),
    "otp.locked": _("Second-factor codes paused after repeated wrong codes"),
    "otp.reauthenticated": _("Second-factor code confirmed before showing an identity"),
    "otp.recovery_used": _("Recovery code used"),
    "otp.refused": _("Second-factor code refused while paused"),
    "otp.reset": _("Second factor reset by an administrator"),
    "otp.verified": _("Second-factor code accepted"),
    "override.recorded": _("Sharing without consent recorded"),
    "person.erased": _("What identified a person erased"),
    "person.exported": _("Everything held about a person exported (subject access)"),
    "referral.accepted": _("Referral accepted"),
    "referral.completed": _("Referral completed"),
    "referral.declined": _("Referral declined"),
    "referral.expired": _("Referral expired"),
    "referral.reminded": _("Reminder sent for a referral"),
    "referral.sent": _("Referral sent"),
    "referral.withdrawn": _("Referral withdrawn"),
    "service.cancelled": _("Service cancelled"),
    "service.completed": _("Service completed"),
    "service.recorded": _("Service recorded"),
    "service.requested": _("Service requested"),
    "service.started": _("Service started"),
    "session.ended_everywhere": _("Logged out everywhere"),
    "session.logged_out": _("Logged out"),
    "vault.rotated": _("Vault keys rotated"),
}

# What an audit event happened to (`object_type`), in words.
OBJECT_LABELS: dict[str, Any] = {
    "api_token": _("API token"),
    "audit_chain": _("audit chain"),
    "case": _("case"),
    "database": _("database"),
    "duplicate": _("possible duplicate"),
    "linkage": _("matching encodings"),
    "export": _("export"),
    "import": _("import"),
    "membership": _("membership"),
    "organisation": _("organisation"),
    "person": _("person"),
    "referral": _("referral"),
    "reference_dataset": _("reference data set"),
    "reported_offer": _("reported offer"),
    "service": _("service"),
    "user": _("user account"),
    "vault": _("vault"),
}

# The keys found in audit details, in words.
DETAIL_LABELS: dict[str, Any] = {
    "address": _("Network address"),
    "after": _("After"),
    "assessment": _("Assessment"),
    "authorised": _("Authorised to identify"),
    "basis": _("Basis"),
    "before": _("Before"),
    "case": _("Case"),
    "cases": _("Cases"),
    "catalogue_version": _("Catalogue version"),
    "consent": _("Consent"),
    "date": _("Date"),
    "encodings": _("Encodings"),
    "exploitation": _("Type of exploitation"),
    "devices": _("Devices removed"),
    "failures": _("Wrong codes in a row"),
    "fields": _("Fields"),
    "free_text": _("Free-text values"),
    "heads": _("Chain heads"),
    "from": _("From"),
    "how_given": _("How given"),
    "identified": _("Identified"),
    "identity": _("Identity records"),
    "kind": _("Kind"),
    "linked": _("Linked"),
    "language": _("Language"),
    "languages": _("Languages"),
    "left": _("Recovery codes left"),
    "legal_ground": _("Legal ground"),
    "minutes": _("Minutes"),
    "name": _("Name"),
    "note": _("Note"),
    "open_pairs": _("Open possible duplicates"),
    "organisations": _("Organisations"),
    "notes": _("Case notes"),
    "organisation_kind": _("Kind of organisation"),
    "outcome": _("Outcome"),
    "packets": _("Packets"),
    "pairs": _("New possible duplicates"),
    "person": _("Person"),
    "persons": _("People"),
    "purpose": _("Purpose"),
    "reason": _("Reason"),
    "records": _("Records of failed attempts cleared"),
    "recipient": _("Recipient"),
    "recovery_codes": _("Recovery codes issued"),
    "recipients": _("Recipients"),
    "referrals_withdrawn": _("Referrals withdrawn"),
    "role": _("Role"),
    "secret": _("Linkage secret (its public id)"),
    "score": _("Score"),
    "active": _("Active"),
    "services": _("Services"),
    "superseded": _("Superseded"),
    "to": _("To"),
    "unknown_username": _("User name that is no account (keyed hash)"),
    "username": _("User name"),
}

# Why an identity record was read (`identity.viewed` details).
READ_REASONS: dict[str, Any] = {
    "case_page": _("case page"),
    "referral_packet": _("referral packet"),
    "referral_preview": _("referral preview"),
    "subject_access": _("the person's request to see what is held about them"),
    "request": _("the person's request"),
    "retention": _("the retention period ended"),
}

# Why a second-factor code was asked for (`otp.*` details).
CODE_PURPOSES: dict[str, Any] = {
    "login": _("logging in"),
    "reauth": _("before showing an identity"),
    "enrol": _("setting up the authenticator app"),
}

_BASES: dict[str, Any] = {"consent": _("consent"), "override": _("override")}


def language_name(code: str) -> str:
    """Return the name of a language code in the interface language ("ps" -> "Pashto")."""
    code = (code or "").strip()
    if not code:
        return ""
    if code.lower() in LANGUAGES:
        return str(LANGUAGES[code.lower()])
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return code


def country_names(codes: Iterable[str] | str) -> list[str]:
    """Return country names in the interface language for codes ("AF" -> "Afghanistan")."""
    if isinstance(codes, str):
        codes = [c for c in codes.replace(";", ",").split(",") if c.strip()]
    language = get_language() or "en"
    return [country_name(code.strip(), language) for code in codes]


def outcome_label(value: str) -> str:
    """Return the words of an engine outcome ("possible_victim" -> words)."""
    try:
        return gettext(OUTCOME_LABELS[Outcome(value)])
    except ValueError:
        return value


def choice_label(choices: type[models.TextChoices], value: Any) -> str:
    """Return the label of `value` in `choices`, or the value itself when it is not one."""
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value)


def role_label(value: str) -> str:
    return choice_label(Role, value)


def action_label(action: str) -> str:
    """Return an audit action in words ("case.opened" -> "Case opened")."""
    label = ACTION_LABELS.get(action)
    return str(label) if label is not None else action


def object_label(object_type: str) -> str:
    """Return what an audit event happened to in words ("reported_offer" -> "reported offer")."""
    label = OBJECT_LABELS.get(object_type)
    return str(label) if label is not None else object_type


# Which enumeration reads the values of one details key (the action's first part decides
# between kinds: a case's kind, a referral's kind, a service's kind).
_KEY_CHOICES: dict[str, type[models.TextChoices]] = {
    "role": Role,
    "purpose": Purpose,
    "how_given": HowGiven,
    "legal_ground": LegalGround,
    "organisation_kind": Kind,
    "gender": Gender,
    "urgency": Urgency,
    "status": ReferralStatus,
}
_KIND_CHOICES: dict[str, type[models.TextChoices]] = {
    "case": CaseKind,
    "referral": ReferralKind,
    "service": ServiceKind,
}
_REASON_CHOICES: dict[str, type[models.TextChoices]] = {
    "case.closed": ClosureReason,
    "referral.declined": DeclineReason,
    "referral.withdrawn": WithdrawReason,
    "referral.sent": ReasonForReferral,
    "session.logged_out": LogoutReason,
}


def _value_words(action: str, key: str, value: Any) -> str:
    """Return one details value in words, knowing its key and the action it belongs to."""
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, Mapping):
        return "; ".join(
            f"{_key_words(k)}: {_value_words(action, str(k), v)}" for k, v in value.items()
        )
    if isinstance(value, list | tuple):
        return ", ".join(_value_words(action, key, v) for v in value)
    text = str(value)
    if key == "outcome":
        return outcome_label(text)
    if key in ("from", "to") and action == "case.stage_changed":
        return choice_label(Stage, text)
    if key == "kind":
        kinds = _KIND_CHOICES.get(action.split(".")[0])
        return choice_label(kinds, text) if kinds else text
    if key == "reason":
        if action in ("identity.viewed", "person.exported", "person.erased"):
            return str(READ_REASONS.get(text, text))
        reasons = _REASON_CHOICES.get(action)
        return choice_label(reasons, text) if reasons else text
    if key == "basis":
        return str(_BASES.get(text, text))
    if key in ("language", "languages"):
        return language_name(text)
    if key == "services":
        return choice_label(ServiceKind, text)
    if key == "exploitation":
        return choice_label(TypeOfExploitation, text)
    if key == "control":
        return choice_label(MethodOfControl, text)
    if key == "fields":
        return str(_field_label(text))
    if key == "purpose" and action.startswith("otp."):
        return str(CODE_PURPOSES.get(text, text))
    if key in _KEY_CHOICES:
        return choice_label(_KEY_CHOICES[key], text)
    return text


def _key_words(key: Any) -> str:
    label = DETAIL_LABELS.get(str(key))
    return str(label) if label is not None else str(key).replace("_", " ").capitalize()


def audit_details(action: str, details: Any) -> list[tuple[str, str]]:
    """Return an audit event's details as (label, words) pairs, in their stored order."""
    if not isinstance(details, Mapping):
        return [] if details in (None, "", {}) else [("", str(details))]
    return [(_key_words(k), _value_words(action, str(k), v)) for k, v in details.items()]


def _field_label(key: str) -> Any:
    """The words of a field a referral packet or an identity change lists."""
    # The packet renders its values with this module's words, so its labels are read here.
    from stepstones.referrals.packet import FIELD_LABELS

    return _("Names") if key == "names" else FIELD_LABELS.get(key, key)
