"""API v1: cases, identity, consents, overrides, assessments.

Each endpoint loads through the same `access_*` getter as the page and changes through the same
`cases.actions` function; refusals come back as the actions' own code, message and field.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from pydantic import Field

from stepstones.agencies.access import access_organisation
from stepstones.agencies.models import Membership
from stepstones.api.auth import AUTH, caller
from stepstones.api.common import OrgRef, PageInfo, PageQuery, acting_member, org_ref, paginate
from stepstones.api.errors import ApiError
from stepstones.cases import actions
from stepstones.cases.access import (
    access_assessment,
    access_case,
    access_consent,
    cases_for,
    holds_case,
    may_change_case,
    may_read_identity,
    partner_cases_for,
    read_identity,
    shown_case_fields,
    shows_case_details,
)
from stepstones.cases.models import (
    Assessment,
    Case,
    CaseKind,
    Consent,
    HowGiven,
    LegalGround,
    Purpose,
    SharingOverride,
    Stage,
)

router = Router(auth=AUTH, tags=["cases"])


# --- output -------------------------------------------------------------------------------


_DETAIL = "Left out unless your organisation holds the case (as on the case page)."


class CaseSummaryOut(Schema):
    id: int
    code: str = Field(description="The person's pseudonymous case code.")
    kind: CaseKind
    stage: Stage
    htcds_status: str
    accountable_org: OrgRef
    is_child: bool | None = Field(None, description=_DETAIL)
    opened_at: dt.datetime | None = Field(None, description=_DETAIL)
    updated_at: dt.datetime


class CaseOut(CaseSummaryOut):
    """A case as its page shows it to the caller: every reader gets its state; the details
    (person, summary, identification, closure) only the organisation holding it."""

    gender: str | None = Field(None, description=_DETAIL)
    citizenship: list[str] | None = Field(None, description=_DETAIL)
    primary_language: str | None = Field(None, description=_DETAIL)
    summary: str | None = Field(None, description=_DETAIL)
    type_of_exploitation: list[str] | None = Field(None, description=_DETAIL)
    methods_of_control: list[str] | None = Field(None, description=_DETAIL)
    method_of_recruitment: list[str] | None = Field(None, description=_DETAIL)
    trafficking_status: str | None = Field(None, description=_DETAIL)
    decision_making_org: str | None = Field(None, description=_DETAIL)
    identification_date: dt.date | None = Field(None, description=_DETAIL)
    identification_basis: str | None = Field(None, description=_DETAIL)
    closed_at: dt.datetime | None = Field(None, description=_DETAIL)
    closure_reason: str | None = Field(None, description=_DETAIL)
    closure_note: str | None = Field(None, description=_DETAIL)
    may_change: bool = Field(description="Whether the caller may change this case.")
    may_read_identity: bool = Field(
        description="Whether GET /cases/{id}/identity will answer (each read is audited)."
    )


class CaseListOut(Schema):
    items: list[CaseSummaryOut]
    page: PageInfo


def _shown(values: dict[str, Any], fields: tuple[str, ...]) -> dict[str, Any]:
    """Keep the case fields the caller is shown; the routes leave the others out of the JSON."""
    return {name: value for name, value in values.items() if name in fields}


def _summary(case: Case, membership: Membership) -> dict[str, Any]:
    values = {
        "id": case.pk,
        "code": case.person.code,
        "kind": case.kind,
        "stage": case.stage,
        "htcds_status": case.htcds_status,
        "accountable_org": org_ref(case.accountable_org),
        "is_child": case.person.is_child,
        "opened_at": case.opened_at,
        "updated_at": case.updated_at,
    }
    return _shown(values, shown_case_fields(membership, case))


def case_out(request: HttpRequest, case: Case) -> dict[str, Any]:
    """The case as its page shows it to the caller (`cases.access.shown_case_fields`)."""
    membership = acting_member(request)
    person = case.person
    shown = shown_case_fields(membership, case)
    values = {
        "gender": person.gender,
        "citizenship": list(person.citizenship),
        "primary_language": person.primary_language,
        "summary": case.summary,
        "type_of_exploitation": list(case.type_of_exploitation),
        "methods_of_control": list(case.methods_of_control),
        "method_of_recruitment": list(case.method_of_recruitment),
        "trafficking_status": case.trafficking_status,
        "decision_making_org": case.decision_making_org,
        "identification_date": case.identification_date,
        "identification_basis": case.identification_basis,
        "closed_at": case.closed_at,
        "closure_reason": case.closure_reason,
        "closure_note": case.closure_note,
    }
    return {
        **_summary(case, membership),
        **_shown(values, shown),
        "may_change": may_change_case(membership, case),
        "may_read_identity": may_read_identity(membership, case),
    }


class ConsentOut(Schema):
    id: int
    purpose: Purpose
    recipient: OrgRef
    given_on: dt.date
    language: str
    how_given: HowGiven
    recorded_by_org: OrgRef
    recorded_at: dt.datetime
    withdrawn_at: dt.datetime | None
    active: bool


def consent_out(consent: Consent) -> dict[str, Any]:
    return {
        "id": consent.pk,
        "purpose": consent.purpose,
        "recipient": org_ref(consent.recipient),
        "given_on": consent.given_on,
        "language": consent.language,
        "how_given": consent.how_given,
        "recorded_by_org": org_ref(consent.recorded_by_org),
        "recorded_at": consent.recorded_at,
        "withdrawn_at": consent.withdrawn_at,
        "active": consent.active,
    }


class OverrideOut(Schema):
    id: int
    recipient: OrgRef
    purpose: Purpose
    legal_ground: LegalGround
    justification: str
    recorded_by_org: OrgRef
    recorded_at: dt.datetime


def override_out(override: SharingOverride) -> dict[str, Any]:
    return {
        "id": override.pk,
        "recipient": org_ref(override.recipient),
        "purpose": override.purpose,
        "legal_ground": override.legal_ground,
        "justification": override.justification,
        "recorded_by_org": org_ref(override.recorded_by_org),
        "recorded_at": override.recorded_at,
    }


class AssessmentOut(Schema):
    id: int
    case_id: int
    outcome: str
    catalogue_version: str
    organisation: OrgRef
    assessed_at: dt.datetime
    facts: dict[str, Any]
    result: dict[str, Any]


def assessment_out(assessment: Assessment) -> dict[str, Any]:
    return {
        "id": assessment.pk,
        "case_id": assessment.case_id,
        "outcome": assessment.outcome,
        "catalogue_version": assessment.catalogue_version,
        "organisation": org_ref(assessment.organisation),
        "assessed_at": assessment.assessed_at,
        "facts": assessment.facts,
        "result": assessment.result,
    }


# --- input --------------------------------------------------------------------------------


class CaseListQuery(PageQuery):
    scope: Literal["held", "partner"] = Field(
        "held",
        description="`held`: cases your organisation is accountable for; `partner`: cases "
        "held by others on which your organisation accepted a referral.",
    )
    stage: Stage | None = Field(None, description="Only cases at this stage.")


class IdentityIn(Schema):
    names: list[dict[str, str] | str] = []
    birthdate: str = ""
    documents: list[dict[str, str]] = []
    contacts: list[str] = []
    addresses: list[str] = []
    notes: str = ""


class CaseIn(Schema):
    kind: str = "trafficking"
    gender: str = "NonSpecifiedUnknown"
    is_child: bool = False
    citizenship: list[str] = []
    primary_language: str = Field("", max_length=8)
    summary: str = Field("", max_length=10_000)
    type_of_exploitation: list[str] = []
    methods_of_control: list[str] = []
    method_of_recruitment: list[str] = []
    identity: IdentityIn | None = None


class CaseUpdateIn(Schema):
    """Fields left out keep their value."""

    kind: str | None = None
    summary: str | None = Field(None, max_length=10_000)
    type_of_exploitation: list[str] | None = None
    methods_of_control: list[str] | None = None
    method_of_recruitment: list[str] | None = None
    gender: str | None = None
    is_child: bool | None = None
    citizenship: list[str] | None = None
    primary_language: str | None = Field(None, max_length=8)


PERSON_FIELDS = ("gender", "is_child", "citizenship", "primary_language")


class StageIn(Schema):
    stage: str


class IdentificationIn(Schema):
    identified: bool
    decided_on: dt.date
    basis: str = Field(max_length=10_000)


class CloseIn(Schema):
    reason: str
    note: str = Field("", max_length=10_000)


class ConsentIn(Schema):
    purpose: str
    recipient_id: int
    given_on: dt.date
    language: str = Field(max_length=8)
    how_given: str


class OverrideIn(Schema):
    purpose: str
    recipient_id: int
    legal_ground: str
    justification: str = Field(max_length=10_000)


# --- endpoints ----------------------------------------------------------------------------


@router.get("/cases", response=CaseListOut, url_name="case_list", exclude_unset=True)
def list_cases(request: HttpRequest, query: Query[CaseListQuery]) -> dict[str, Any]:
    """List cases, most recently changed first (no identities)."""
    user = caller(request)
    # Roles outside case work have no case list (404, as the page).
    if not acting_member(request).reads_cases:
        raise Http404
    cases = cases_for(user) if query.scope == "held" else partner_cases_for(user)
    if query.stage is not None:
        cases = cases.filter(stage=query.stage)
    rows, page = paginate(cases.order_by("-updated_at", "-id"), query)
    membership = acting_member(request)
    return {"items": [_summary(c, membership) for c in rows], "page": page}


@router.post("/cases", response={201: CaseOut}, url_name="case_open", exclude_unset=True)
def open_case(request: HttpRequest, payload: CaseIn) -> Status[dict[str, Any]]:
    """Open a case for a new person; your organisation becomes accountable."""
    membership = acting_member(request)
    # Roles outside case work have no such page; an organisation admin gets the action's 403.
    if not membership.reads_cases:
        raise Http404
    data = payload.dict()
    identity = data.pop("identity")
    case = actions.open_case(by=membership, identity=identity, **data)
    return Status(201, case_out(request, access_case(caller(request), case.pk)))


@router.get("/cases/{case_id}", response=CaseOut, url_name="case_detail", exclude_unset=True)
def get_case(request: HttpRequest, case_id: int) -> dict[str, Any]:
    """Read one case (pseudonymous: identity has its own, audited, endpoint)."""
    return case_out(request, access_case(caller(request), case_id))


@router.patch("/cases/{case_id}", response=CaseOut, url_name="case_update", exclude_unset=True)
def update_case(request: HttpRequest, case_id: int, payload: CaseUpdateIn) -> dict[str, Any]:
    """Change the case's descriptive fields and the person's pseudonymous ones.

    Fields left out keep their value.
    """
    case = access_case(caller(request), case_id, write=True)
    actions.update_case(
        case,
        by=acting_member(request),
        summary=payload.summary if payload.summary is not None else case.summary,
        type_of_exploitation=payload.type_of_exploitation
        if payload.type_of_exploitation is not None
        else case.type_of_exploitation,
        methods_of_control=payload.methods_of_control
        if payload.methods_of_control is not None
        else case.methods_of_control,
        method_of_recruitment=payload.method_of_recruitment
        if payload.method_of_recruitment is not None
        else case.method_of_recruitment,
        kind=payload.kind,
        person={
            name: getattr(payload, name)
            for name in PERSON_FIELDS
            if getattr(payload, name) is not None
        }
        or None,
    )
    return case_out(request, case)


@router.get("/cases/{case_id}/identity", response=IdentityIn, url_name="case_identity")
def get_identity(request: HttpRequest, case_id: int) -> dict[str, Any]:
    """Read the person's identity record; only the holder's case workers may, and it is audited."""
    case = access_case(caller(request), case_id)
    return read_identity(caller(request), case, reason="api")


@router.put(
    "/cases/{case_id}/identity",
    response=CaseOut,
    url_name="case_identity_update",
    exclude_unset=True,
)
def put_identity(request: HttpRequest, case_id: int, payload: IdentityIn) -> dict[str, Any]:
    """Replace the person's identity record (stored encrypted)."""
    case = access_case(caller(request), case_id, write=True)
    actions.update_identity(case, payload.dict(), by=acting_member(request))
    return case_out(request, case)


@router.post("/cases/{case_id}/stage", response=CaseOut, url_name="case_stage", exclude_unset=True)
def change_stage(request: HttpRequest, case_id: int, payload: StageIn) -> dict[str, Any]:
    """Move the case along its lifecycle."""
    case = access_case(caller(request), case_id, write=True)
    actions.advance_stage(case, payload.stage, by=acting_member(request))
    return case_out(request, case)


@router.post(
    "/cases/{case_id}/identification",
    response=CaseOut,
    url_name="case_identification",
    exclude_unset=True,
)
def decide_identification(
    request: HttpRequest, case_id: int, payload: IdentificationIn
) -> dict[str, Any]:
    """Record the formal identification decision (identification officers of authorised orgs)."""
    # Read access, as on the page: the decider may work for a partner organisation.
    case = access_case(caller(request), case_id)
    actions.decide_identification(
        case,
        identified=payload.identified,
        decided_on=payload.decided_on,
        basis=payload.basis,
        by=acting_member(request),
    )
    return case_out(request, case)


@router.post("/cases/{case_id}/close", response=CaseOut, url_name="case_close", exclude_unset=True)
def close_case(request: HttpRequest, case_id: int, payload: CloseIn) -> dict[str, Any]:
    """Close the case with a reason; its pending referrals are withdrawn."""
    case = access_case(caller(request), case_id, write=True)
    actions.close_case(case, reason=payload.reason, note=payload.note, by=acting_member(request))
    case.refresh_from_db()
    return case_out(request, case)


@router.get("/cases/{case_id}/consents", response=list[ConsentOut], url_name="consent_list")
def list_consents(request: HttpRequest, case_id: int) -> list[dict[str, Any]]:
    """List the case's consents (the accountable organisation only, as on the case page)."""
    case = access_case(caller(request), case_id)
    # The case page shows consents to the organisation holding the case only.
    if not holds_case(acting_member(request), case):
        raise ApiError(
            403, "forbidden", _("Only the organisation accountable for the case sees consents.")
        )
    consents = case.consents.select_related("recipient", "recorded_by_org")
    return [consent_out(c) for c in consents]


@router.post("/cases/{case_id}/consents", response={201: ConsentOut}, url_name="consent_record")
def record_consent(
    request: HttpRequest, case_id: int, payload: ConsentIn
) -> Status[dict[str, Any]]:
    """Record the person's consent to share with one organisation for one purpose."""
    case = access_case(caller(request), case_id, write=True)
    recipient = access_organisation(caller(request), payload.recipient_id)
    consent = actions.record_consent(
        case,
        purpose=payload.purpose,
        recipient=recipient,
        given_on=payload.given_on,
        language=payload.language,
        how_given=payload.how_given,
        by=acting_member(request),
    )
    return Status(201, consent_out(consent))


@router.post("/consents/{consent_id}/withdraw", response=ConsentOut, url_name="consent_withdraw")
def withdraw_consent(request: HttpRequest, consent_id: int) -> dict[str, Any]:
    """Withdraw a consent: nothing more is shared under it; pending referrals under it end."""
    consent = access_consent(caller(request), consent_id, write=True)
    consent = actions.withdraw_consent(consent, by=acting_member(request))
    return consent_out(consent)


@router.get("/cases/{case_id}/overrides", response=list[OverrideOut], url_name="override_list")
def list_overrides(request: HttpRequest, case_id: int) -> list[dict[str, Any]]:
    """List sharing overrides (the accountable organisation only, as on the case page)."""
    case = access_case(caller(request), case_id)
    # The case page shows overrides, with their justification, in its details only.
    if not shows_case_details(acting_member(request), case):
        raise ApiError(
            403, "forbidden", _("Only the organisation accountable for the case sees overrides.")
        )
    overrides = case.overrides.select_related("recipient", "recorded_by_org")
    return [override_out(o) for o in overrides]


@router.post("/cases/{case_id}/overrides", response={201: OverrideOut}, url_name="override_record")
def record_override(
    request: HttpRequest, case_id: int, payload: OverrideIn
) -> Status[dict[str, Any]]:
    """Record sharing without consent, naming its legal ground."""
    case = access_case(caller(request), case_id, write=True)
    recipient = access_organisation(caller(request), payload.recipient_id)
    override = actions.record_override(
        case,
        recipient=recipient,
        purpose=payload.purpose,
        legal_ground=payload.legal_ground,
        justification=payload.justification,
        by=acting_member(request),
    )
    return Status(201, override_out(override))


@router.get(
    "/cases/{case_id}/assessments", response=list[AssessmentOut], url_name="assessment_list"
)
def list_assessments(request: HttpRequest, case_id: int) -> list[dict[str, Any]]:
    """List the case's last 20 assessments, newest first (the accountable organisation only)."""
    case = access_case(caller(request), case_id)
    # As `access_assessment`: assessments stay with the organisation holding the case.
    if not holds_case(acting_member(request), case):
        raise Http404
    assessments = case.assessments.select_related("organisation")[:20]
    return [assessment_out(a) for a in assessments]


@router.get("/assessments/{assessment_id}", response=AssessmentOut, url_name="assessment_detail")
def get_assessment(request: HttpRequest, assessment_id: int) -> dict[str, Any]:
    """Read one assessment exactly as it was recorded."""
    return assessment_out(access_assessment(caller(request), assessment_id))
