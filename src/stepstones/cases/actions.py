"""Every change to people, identity, consent, cases and assessments: atomic, audited.

Each action takes the acting `Membership` as `by`, checks that it may act, raises
`stepstones.errors.ActionError` (nothing stored) when it may not, and returns the changed object.
Audit details never hold identity values, only the names of the fields that changed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from stepstones.agencies.models import Membership, Organisation, Role, Sector
from stepstones.audit.chain import record
from stepstones.cases import vault
from stepstones.cases.models import (
    IDENTITY_KEYS,
    NEXT_STAGES,
    Assessment,
    Case,
    CaseKind,
    CaseNote,
    ClosureReason,
    Consent,
    Custody,
    DecisionMakingOrg,
    Gender,
    HowGiven,
    IdentityVault,
    LegalGround,
    MethodOfControl,
    MethodOfRecruitment,
    Person,
    Purpose,
    SharingOverride,
    Stage,
    TraffickingStatus,
    TypeOfExploitation,
)
from stepstones.duplicates.actions import encode_person, forget_person
from stepstones.errors import ActionError
from stepstones.errors import forbidden as _forbidden
from stepstones.errors import invalid as _invalid


def _require_holder(case: Case, by: Membership) -> None:
    if not by.works_cases:
        raise _forbidden(_("Your role does not allow changing cases."))
    if case.accountable_org_id != by.organisation_id:
        raise _forbidden(_("Only the organisation accountable for this case can change it."))


def _require_open(case: Case) -> None:
    if not case.is_open:
        raise ActionError("case_closed", _("This case is closed."), status=409)


def _choices(values: Sequence[str], allowed: Sequence[str], field: str) -> list[str]:
    bad = [v for v in values if v not in allowed]
    if bad:
        raise _invalid(
            field,
            _("%(field)s: unknown value(s) %(values)s.")
            % {"field": field, "values": ", ".join(bad)},
        )
    return list(dict.fromkeys(values))


def clean_identity(identity: Mapping[str, Any]) -> dict[str, Any]:
    """Return the identity record in its canonical shape, or raise ActionError naming the field."""
    unknown = sorted(set(identity) - set(IDENTITY_KEYS))
    if unknown:
        raise _invalid(unknown[0], _("%(field)s: not an identity field.") % {"field": unknown[0]})
    names: list[dict[str, str]] = []
    for item in identity.get("names", []) or []:
        if isinstance(item, str):
            item = {"script": "latin", "value": item}
        if not isinstance(item, Mapping) or not str(item.get("value", "")).strip():
            raise _invalid("names", _("names: each name needs a value."))
        names.append({"script": str(item.get("script", "latin")), "value": str(item["value"])})
    birthdate = str(identity.get("birthdate", "") or "")
    if birthdate:
        try:
            born = dt.date.fromisoformat(birthdate)
        except ValueError:
            raise _invalid("birthdate", _("birthdate: use the form YYYY-MM-DD.")) from None
        if born > timezone.localdate():
            raise _invalid("birthdate", _("birthdate: cannot be in the future."))
    documents: list[dict[str, str]] = []
    for item in identity.get("documents", []) or []:
        if not isinstance(item, Mapping):
            raise _invalid("documents", _("documents: each document needs a type and number."))
        documents.append(
            {
                "type": str(item.get("type", "")),
                "number": str(item.get("number", "")),
                "country": str(item.get("country", "")),
            }
        )

    def texts(key: str) -> list[str]:
        raw = identity.get(key, []) or []
        if isinstance(raw, str):
            raw = [line for line in raw.splitlines()]
        return [str(x).strip() for x in raw if str(x).strip()]

    return {
        "names": names,
        "birthdate": birthdate,
        "documents": documents,
        "contacts": texts("contacts"),
        "addresses": texts("addresses"),
        "notes": str(identity.get("notes", "") or ""),
    }


def _clean_person(person: Mapping[str, Any]) -> dict[str, Any]:
    """Return the person's pseudonymous fields checked, or raise ActionError naming the field."""
    unknown = sorted(set(person) - {"gender", "is_child", "citizenship", "primary_language"})
    if unknown:
        raise _invalid(unknown[0], _("%(field)s: not a person field.") % {"field": unknown[0]})
    cleaned: dict[str, Any] = {}
    if "gender" in person:
        if person["gender"] not in Gender.values:
            raise _invalid("gender", _("gender: unknown value."))
        cleaned["gender"] = person["gender"]
    if "is_child" in person:
        cleaned["is_child"] = bool(person["is_child"])
    if "citizenship" in person:
        codes = [str(c).strip().upper() for c in person["citizenship"] if str(c).strip()]
        for code in codes:
            if len(code) != 2 or not code.isalpha():
                raise _invalid(
                    "citizenship", _("citizenship: use two-letter ISO 3166 codes, e.g. SY, AF.")
                )
        cleaned["citizenship"] = codes
    if "primary_language" in person:
        cleaned["primary_language"] = str(person["primary_language"]).strip().lower()[:8]
    return cleaned


def open_case(
    *,
    by: Membership,
    kind: str = CaseKind.TRAFFICKING,
    gender: str = Gender.UNKNOWN,
    is_child: bool = False,
    citizenship: Sequence[str] = (),
    primary_language: str = "",
    summary: str = "",
    type_of_exploitation: Sequence[str] = (),
    methods_of_control: Sequence[str] = (),
    method_of_recruitment: Sequence[str] = (),
    identity: Mapping[str, Any] | None = None,
) -> Case:
    """Open a case for a new person; the member's organisation becomes accountable."""
    if not by.works_cases:
        raise _forbidden(_("Your role does not allow opening cases."))
    if kind not in CaseKind.values:
        raise _invalid("kind", _("kind: unknown kind of case."))
    person_fields = _clean_person(
        {
            "gender": gender,
            "is_child": is_child,
            "citizenship": citizenship,
            "primary_language": primary_language,
        }
    )
    exploitation = _choices(type_of_exploitation, TypeOfExploitation.values, "type_of_exploitation")
    control = _choices(methods_of_control, MethodOfControl.values, "methods_of_control")
    recruitment = _choices(
        method_of_recruitment, MethodOfRecruitment.values, "method_of_recruitment"
    )
    record_data = clean_identity(identity or {})
    now = timezone.now()
    with transaction.atomic():
        person = Person.objects.create(**person_fields)
        IdentityVault.objects.create(person=person, token=vault.encrypt(record_data))
        case = Case.objects.create(
            person=person,
            kind=kind,
            accountable_org=by.organisation,
            case_owner=by.user,
            opened_at=now,
            updated_at=now,
            summary=summary,
            type_of_exploitation=exploitation,
            methods_of_control=control,
            method_of_recruitment=recruitment,
        )
        Custody.objects.create(case=case, organisation=by.organisation, since=now)
        record(
            "case.opened",
            object_type="case",
            object_id=case.pk,
            actor=by.user,
            organisation=by.organisation,
            details={"person": person.code, "kind": kind},
        )
        # Encoded for matching (no plaintext) and compared with the blocked candidates; a
        # possible duplicate found is audited after the opening.
        encode_person(person, record_data, by=by)
    return case


def receive_case(
    organisation: Organisation,
    *,
    code: str | None = None,
    gender: str = Gender.UNKNOWN,
    citizenship: Sequence[str] = (),
    primary_language: str = "",
    trafficking_status: str = TraffickingStatus.POSSIBLE,
    decision_making_org: str = "",
    type_of_exploitation: Sequence[str] = (),
    methods_of_control: Sequence[str] = (),
    method_of_recruitment: Sequence[str] = (),
    closed: bool = False,
    source: str = "htcds",
) -> Case:
    """Open a case received from another system (an HTCDS exchange): `organisation` becomes
    accountable, and the case keeps the sender's coded fields and pseudonymous `code`.

    An exchange carries no identity, so the identity record starts empty; nobody of ours decided
    the trafficking status, so the decision-making organisation is kept as the sender gave it and
    no identifying member or date is invented. The stage follows from the status: identified or
    not identified, closed, or screening (the receiver screens again). Run by an operator on the
    server (a management command), so no user is recorded.
    """
    if trafficking_status not in TraffickingStatus.values:
        raise _invalid("trafficking_status", _("trafficking_status: unknown value."))
    if decision_making_org and decision_making_org not in DecisionMakingOrg.values:
        raise _invalid("decision_making_org", _("decision_making_org: unknown value."))
    if code is not None and Person.objects.filter(code=code).exists():
        raise _invalid("code", _("code: a person with this case code is already here."))
    person_fields = _clean_person(
        {"gender": gender, "citizenship": citizenship, "primary_language": primary_language}
    )
    exploitation = _choices(type_of_exploitation, TypeOfExploitation.values, "type_of_exploitation")
    control = _choices(methods_of_control, MethodOfControl.values, "methods_of_control")
    recruitment = _choices(
        method_of_recruitment, MethodOfRecruitment.values, "method_of_recruitment"
    )
    if closed:
        stage = Stage.CLOSED
    elif trafficking_status == TraffickingStatus.ACTUAL:
        stage = Stage.IDENTIFIED
    elif trafficking_status == TraffickingStatus.NOT_A_VICTIM:
        stage = Stage.NOT_IDENTIFIED
    else:
        stage = Stage.SCREENING
    now = timezone.now()
    with transaction.atomic():
        person = (
            Person.objects.create(code=code, **person_fields)
            if code is not None
            else Person.objects.create(**person_fields)
        )
        IdentityVault.objects.create(person=person, token=vault.encrypt(clean_identity({})))
        case = Case.objects.create(
            person=person,
            accountable_org=organisation,
            stage=stage,
            opened_at=now,
            updated_at=now,
            closed_at=now if closed else None,
            trafficking_status=trafficking_status,
            decision_making_org=decision_making_org,
            type_of_exploitation=exploitation,
            methods_of_control=control,
            method_of_recruitment=recruitment,
        )
        Custody.objects.create(case=case, organisation=organisation, since=now)
        record(
            "case.received",
            object_type="case",
            object_id=case.pk,
            organisation=organisation,
            details={"person": person.code, "source": source, "stage": stage},
        )
    return case


def update_case(
    case: Case,
    *,
    by: Membership,
    summary: str,
    type_of_exploitation: Sequence[str],
    methods_of_control: Sequence[str],
    method_of_recruitment: Sequence[str],
    kind: str | None = None,
    person: Mapping[str, Any] | None = None,
) -> Case:
    """Change the case's descriptive fields (HTCDS victim context, summary) and, with `person`,
    the person's pseudonymous fields (`gender`, `is_child`, `citizenship`, `primary_language`).
    """
    _require_holder(case, by)
    _require_open(case)
    if kind is not None and kind not in CaseKind.values:
        raise _invalid("kind", _("kind: unknown kind of case."))
    if person is not None:
        changes = _clean_person(person)
    with transaction.atomic():
        if person is not None:
            for name, value in changes.items():
                setattr(case.person, name, value)
            case.person.save(update_fields=list(changes))
            if {"gender", "citizenship"} & set(changes):
                # Sex and citizenship are in the encodings: encode the identity again.
                row = IdentityVault.objects.filter(person=case.person).first()
                if row is not None:
                    encode_person(case.person, vault.decrypt(row.token), by=by)
        case.summary = summary
        case.type_of_exploitation = _choices(
            type_of_exploitation, TypeOfExploitation.values, "type_of_exploitation"
        )
        case.methods_of_control = _choices(
            methods_of_control, MethodOfControl.values, "methods_of_control"
        )
        case.method_of_recruitment = _choices(
            method_of_recruitment, MethodOfRecruitment.values, "method_of_recruitment"
        )
        if kind is not None:
            case.kind = kind
        case.updated_at = timezone.now()
        case.save(
            update_fields=[
                "summary",
                "type_of_exploitation",
                "methods_of_control",
                "method_of_recruitment",
                "kind",
                "updated_at",
            ]
        )
        record(
            "case.updated",
            object_type="case",
            object_id=case.pk,
            actor=by.user,
            organisation=by.organisation,
            details={"kind": case.kind, "exploitation": case.type_of_exploitation},
        )
    return case


def update_identity(case: Case, identity: Mapping[str, Any], *, by: Membership) -> Case:
    """Replace the person's identity record (encrypted); audit which fields changed, not values."""
    _require_holder(case, by)
    _require_open(case)
    cleaned = clean_identity(identity)
    with transaction.atomic():
        row, _created = IdentityVault.objects.select_for_update(no_key=True).get_or_create(
            person=case.person, defaults={"token": vault.encrypt({})}
        )
        before = vault.decrypt(row.token)
        changed = sorted(k for k in IDENTITY_KEYS if before.get(k) != cleaned.get(k))
        row.token = vault.encrypt(cleaned)
        row.save(update_fields=["token", "updated_at"])
        case.updated_at = timezone.now()
        case.save(update_fields=["updated_at"])
        record(
            "identity.updated",
            object_type="case",
            object_id=case.pk,
            actor=by.user,
            organisation=by.organisation,
            details={"person": case.person.code, "fields": changed},
        )
        if changed:
            encode_person(case.person, cleaned, by=by)
    return case


def record_consent(
    case: Case,
    *,
    purpose: str,
    recipient: Organisation,
    given_on: dt.date,
    language: str,
    how_given: str,
    by: Membership,
) -> Consent:
    """Record the person's consent to share with `recipient` for `purpose`."""
    _require_holder(case, by)
    _require_open(case)
    if purpose not in Purpose.values:
        raise _invalid("purpose", _("purpose: unknown purpose."))
    if how_given not in HowGiven.values:
        raise _invalid("how_given", _("how_given: written, oral or guardian."))
    if how_given == HowGiven.GUARDIAN and not case.person.is_child:
        raise _invalid("how_given", _("how_given: a guardian consents only for a child."))
    if given_on > timezone.localdate():
        raise _invalid("given_on", _("given_on: cannot be in the future."))
    if not language.strip():
        raise _invalid("language", _("language: name the language the person was told in."))
    with transaction.atomic():
        consent = Consent.objects.create(
            case=case,
            purpose=purpose,
            recipient=recipient,
            given_on=given_on,
            language=language.strip().lower()[:8],
            how_given=how_given,
            recorded_by=by.user,
            recorded_by_org=by.organisation,
            recorded_at=timezone.now(),
        )
        record(
            "consent.recorded",
            object_type="case",
            object_id=case.pk,
            actor=by.user,
            organisation=by.organisation,
            details={
                "consent": consent.pk,
                "purpose": purpose,
                "recipient": recipient.pk,
                "how_given": how_given,
            },
        )
    return consent


def withdraw_consent(consent: Consent, *, by: Membership) -> Consent:
    """Withdraw a consent: nothing more is shared under it; pending referrals under it end."""
    from stepstones.referrals.models import Referral, ReferralStatus, WithdrawReason

    case = consent.case
    _require_holder(case, by)
    if consent.withdrawn_at is not None:
        raise ActionError("conflict", _("This consent is already withdrawn."), status=409)
    now = timezone.now()
    with transaction.atomic():
        Case.objects.select_for_update(no_key=True).filter(pk=case.pk).first()
        consent.withdrawn_at = now
        consent.withdrawn_by = by.user
        consent.save(update_fields=["withdrawn_at", "withdrawn_by"])
        pending = list(
            Referral.objects.select_for_update(no_key=True).filter(
                consent=consent, status=ReferralStatus.PENDING
            )
        )
        for referral in pending:
            referral.status = ReferralStatus.WITHDRAWN
            referral.withdraw_reason = WithdrawReason.CONSENT_WITHDRAWN
            referral.responded_at = now
            referral.save(update_fields=["status", "withdraw_reason", "responded_at"])
        record(
            "consent.withdrawn",
            object_type="case",
            object_id=case.pk,
            actor=by.user,
            organisation=by.organisation,
            details={"consent": consent.pk, "referrals_withdrawn": [r.pk for r in pending]},
        )
    return consent


def record_override(
    case: Case,
    *,
    recipient: Organisation,
    purpose: str,
    legal_ground: str,
    justification: str,
    by: Membership,
) -> SharingOverride:
    """Record sharing without consent on a legal ground; the case shows it from then on."""
    _require_holder(case, by)
    _require_open(case)
    if legal_ground not in LegalGround.values:
        raise _invalid("legal_ground", _("legal_ground: child_best_interests or danger_to_life."))
    if legal_ground == LegalGround.CHILD_BEST_INTERESTS and not case.person.is_child:
        raise _invalid(
            "legal_ground", _("legal_ground: the child's best interests apply to children only.")
        )
    if purpose not in Purpose.values:
        raise _invalid("purpose", _("purpose: unknown purpose."))
    if len(justification.strip()) < 10:
        raise _invalid("justification", _("justification: explain why consent cannot be asked."))
    with transaction.atomic():
        override = SharingOverride.objects.create(
            case=case,
            recipient=recipient,
            purpose=purpose,
            legal_ground=legal_ground,
            justification=justification.strip(),
            recorded_by=by.user,
            recorded_by_org=by.organisation,
            recorded_at=timezone.now(),
        )
        record(
            "override.recorded",
            object_type="case",
            object_id=case.pk,
            actor=by.user,
            organisation=by.organisation,
            details={
                "override": override.pk,
                "legal_ground": legal_ground,
                "recipient": recipient.pk,
                "purpose": purpose,
            },
        )
    return override


def sharing_basis(
    case: Case, recipient: Organisation, purpose: str
) -> Consent | SharingOverride | None:
    """Return the active consent (preferred) or the override that allows this sharing, or None."""
    consent = (
        Consent.objects.filter(
            case_id=case.pk, recipient_id=recipient.pk, purpose=purpose, withdrawn_at__isnull=True
        )
        .order_by("-recorded_at", "-id")
        .first()
    )
    if consent is not None:
        return consent
    return (
        SharingOverride.objects.filter(case_id=case.pk, recipient_id=recipient.pk, purpose=purpose)
        .order_by("-recorded_at", "-id")
        .first()
    )


def advance_stage(case: Case, stage: str, *, by: Membership) -> Case:
    """Move the case along its lifecycle (not to a decision, not to closed: see their actions)."""
    _require_holder(case, by)
    _require_open(case)
    if stage in (Stage.IDENTIFIED, Stage.NOT_IDENTIFIED):
        raise _invalid(
            "stage", _("stage: the identification decision is recorded with its date and basis.")
        )
    if stage == Stage.CLOSED:
        raise _invalid("stage", _("stage: close the case with a reason."))
    if stage not in NEXT_STAGES.get(case.stage, frozenset()):
        raise _invalid(
            "stage",
            _("stage: a case in %(from)s cannot move to %(to)s.")
            % {"from": case.get_stage_display(), "to": stage},
        )
    with transaction.atomic():
        before = case.stage
        case.stage = stage
        case.updated_at = timezone.now()
        case.save(update_fields=["stage", "updated_at"])
        record(
            "case.stage_changed",
            object_type="case",
            object_id=case.pk,
            actor=by.user,
            organisation=by.organisation,
            details={"from": before, "to": stage},
        )
    return case


def _decision_org(organisation: Organisation) -> str:
    sectors = set(organisation.sectors)
    if sectors & {Sector.POLICE, Sector.BORDER_POLICE}:
        return DecisionMakingOrg.POLICE
    if organisation.kind == "non_governmental":
        return DecisionMakingOrg.NGO
    if organisation.kind == "governmental":
        return DecisionMakingOrg.NON_POLICE_GOV
    return DecisionMakingOrg.OTHER


def decide_identification(
    case: Case, *, identified: bool, decided_on: dt.date, basis: str, by: Membership
) -> Case:
    """Record the formal identification decision (people decide; the engine only suggests).

    Only an identification officer of an organisation authorised to identify may decide, and only
    on a case their organisation holds or accepted a referral for; the case must be a possible
    victim (referred for formal identification).
    """
    from stepstones.cases.access import can_read_case

    # Role first, then organisation, then relation to the case.
    if by.role != Role.IDENTIFICATION_OFFICER or not by.active:
        raise _forbidden(_("Only an identification officer records this decision."))
    if not by.organisation.authorised_to_identify:
        raise _forbidden(_("Your organisation is not authorised to make identification decisions."))
    if not can_read_case(by, case):
        raise _forbidden(_("Your organisation does not work on this case."))
    _require_open(case)
    if case.stage != Stage.POSSIBLE_VICTIM:
        raise ActionError(
            "wrong_stage",
            _("Refer the case for formal identification (possible victim) first."),
            status=409,
        )
    if decided_on > timezone.localdate():
        raise _invalid("decided_on", _("decided_on: cannot be in the future."))
    if len(basis.strip()) < 10:
        raise _invalid("basis", _("basis: state the basis of the decision."))
    with transaction.atomic():
        case.stage = Stage.IDENTIFIED if identified else Stage.NOT_IDENTIFIED
        case.trafficking_status = (
            TraffickingStatus.ACTUAL if identified else TraffickingStatus.NOT_A_VICTIM
        )
        case.decision_making_org = _decision_org(by.organisation)
        case.identification_date = decided_on
        case.identification_basis = basis.strip()
        case.identified_by = by.user
        case.identified_by_org = by.organisation
        case.updated_at = timezone.now()
        case.save(
            update_fields=[
                "stage",
                "trafficking_status",
                "decision_making_org",
                "identification_date",
                "identification_basis",
                "identified_by",
                "identified_by_org",
                "updated_at",
            ]
        )
        record(
            "case.identification_decided",
            object_type="case",
            object_id=case.pk,
            actor=by.user,
            organisation=by.organisation,
            details={"identified": identified, "date": decided_on.isoformat()},
        )
    return case


def close_case(case: Case, *, reason: str, note: str = "", by: Membership) -> Case:
    """Close the case with a reason; pending referrals of it are withdrawn.

    The accountable organisation stays recorded: a closed case still has one owner.
    """
    from stepstones.referrals.models import Referral, ReferralStatus, WithdrawReason

    _require_holder(case, by)
    _require_open(case)
    if reason not in ClosureReason.values:
        raise _invalid("reason", _("reason: choose why the case closes."))
    if reason == ClosureReason.OTHER and not note.strip():
        raise _invalid("note", _("note: explain the reason."))
    now = timezone.now()
    with transaction.atomic():
        locked = Case.objects.select_for_update(no_key=True).get(pk=case.pk)
        if not locked.is_open:
            raise ActionError("case_closed", _("This case is closed."), status=409)
        pending = list(
            Referral.objects.select_for_update(no_key=True).filter(
                case_id=case.pk, status=ReferralStatus.PENDING
            )
        )
        for referral in pending:
            referral.status = ReferralStatus.WITHDRAWN
            referral.withdraw_reason = WithdrawReason.CASE_CLOSED
            referral.responded_at = now
            referral.save(update_fields=["status", "withdraw_reason", "responded_at"])
        case.stage = Stage.CLOSED
        case.closed_at = now
        case.closure_reason = reason
        case.closure_note = note.strip()
        case.updated_at = now
        case.save(
            update_fields=["stage", "closed_at", "closure_reason", "closure_note", "updated_at"]
        )
        record(
            "case.closed",
            object_type="case",
            object_id=case.pk,
            actor=by.user,
            organisation=by.organisation,
            details={"reason": reason, "referrals_withdrawn": [r.pk for r in pending]},
        )
    return case


def record_assessment(
    case: Case,
    *,
    facts: Mapping[str, Any],
    result: Mapping[str, Any],
    catalogue_version: str,
    outcome: str,
    by: Membership,
) -> Assessment:
    """Keep one assessment exactly as it was: facts, the engine's result, the catalogue version."""
    _require_holder(case, by)
    _require_open(case)
    if not catalogue_version.strip():
        raise _invalid("catalogue_version", _("catalogue_version: required."))
    if not outcome.strip():
        raise _invalid("outcome", _("outcome: required."))
    now = timezone.now()
    with transaction.atomic():
        assessment = Assessment.objects.create(
            case=case,
            facts=dict(facts),
            result=dict(result),
            catalogue_version=catalogue_version,
            outcome=outcome,
            assessed_by=by.user,
            organisation=by.organisation,
            assessed_at=now,
        )
        case.updated_at = now
        case.last_outcome = outcome
        case.save(update_fields=["updated_at", "last_outcome"])
        record(
            "assessment.recorded",
            object_type="case",
            object_id=case.pk,
            actor=by.user,
            organisation=by.organisation,
            details={
                "assessment": assessment.pk,
                "outcome": outcome,
                "catalogue_version": catalogue_version,
            },
        )
    return assessment


NOTE_MAX = 4000  # characters: a note is a few paragraphs; a report belongs in a document


def add_note(case: Case, text: str, *, by: Membership) -> CaseNote:
    """Add a worker's note to an open case (encrypted at rest; the audit records only that it was).

    The accountable organisation and the organisations working on the case (the ones that may
    read it) write notes; the writer's organisation and the accountable one read them.
    """
    from stepstones.cases.access import can_read_case

    if not by.works_cases or not can_read_case(by, case):
        raise _forbidden(_("Your role does not allow writing notes on this case."))
    _require_open(case)
    text = text.strip()
    if not text:
        raise _invalid("text", _("text: write the note."))
    if len(text) > NOTE_MAX:
        raise _invalid(
            "text",
            _("text: a note holds at most %(max)s characters; this one has %(count)s.")
            % {"max": NOTE_MAX, "count": len(text)},
        )
    with transaction.atomic():
        note = CaseNote.objects.create(
            case=case,
            organisation=by.organisation,
            author=by.user,
            author_username=by.user.get_username(),
            written_at=timezone.now(),
            token=vault.encrypt({"text": text}),
        )
        record(
            "case.note_added",
            object_type="case",
            object_id=case.pk,
            actor=by.user,
            organisation=by.organisation,
            details={"note": note.pk},
        )
    return note


ERASURE_REASONS = ("request", "retention")


def erase_person(person: Person, *, reason: str, by: Membership | None = None) -> Person:
    """Erase what identifies a person whose cases are all closed; keep the coded record.

    Gone: the identity record, every free text of their cases (summary, identification basis,
    closure note, overrides' justifications, referral notes and the values inside referral
    packets, service notes) and the case notes. Kept: the case code, the coded fields (stage,
    kind, dates, organisations, HTCDS choices) that statistics count, and the audit trail, which
    never held the text. An open case cannot be erased: someone is still accountable for the
    person. `reason` is "request" (the person asked) or "retention" (the policy's period ended).
    """
    from stepstones.referrals.models import Referral, Service

    if reason not in ERASURE_REASONS:
        raise _invalid("reason", _("reason: the person's request, or the retention period."))
    cases = list(person.cases.all())
    if any(case.is_open for case in cases):
        raise ActionError(
            "case_open",
            _("This person has an open case: close it before erasing what identifies them."),
            status=409,
        )
    with transaction.atomic():
        IdentityVault.objects.filter(person=person).delete()
        forgotten = forget_person(person)
        Case.objects.filter(person=person).update(
            summary="", identification_basis="", closure_note=""
        )
        CaseNote.objects.filter(case__person=person).delete()
        SharingOverride.objects.filter(case__person=person).update(justification="")
        Service.objects.filter(case__person=person).update(note="")
        for referral in Referral.objects.select_for_update(no_key=True).filter(case__person=person):
            packet = vault.decrypt(referral.packet_token)
            packet.update(fields=[], values={}, note="", erased=True)
            referral.packet_token = vault.encrypt(packet)
            referral.response_note = ""
            referral.save(update_fields=["packet_token", "response_note"])
        record(
            "person.erased",
            object_type="person",
            object_id=person.code,
            actor=by.user if by is not None else None,
            organisation=by.organisation if by is not None else None,
            details={"reason": reason, "cases": len(cases), **forgotten},
        )
    return person
