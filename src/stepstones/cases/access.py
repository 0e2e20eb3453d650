"""Access-checked getters for people, cases, identity, consents and assessments.

Who sees what ("need to know"):
- the accountable organisation's case workers read and change the case and read its identity;
- its organisation admin reads the case (pseudonymous) and changes nothing (403 on writes);
- an organisation that accepted a referral of the case, or held it before, reads the case page
  (pseudonymous) and changes nothing here; it sees identity only inside a referral packet that
  included identity fields, and only while the consent (or override) behind it stands;
- everyone else, coordinators and auditors included, gets 404, exactly as for a missing case.
Every identity read writes an `identity.viewed` audit event.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404

from stepstones.agencies.access import require_membership
from stepstones.agencies.models import Membership
from stepstones.audit.chain import record
from stepstones.cases import vault
from stepstones.cases.models import Assessment, Case, Consent, Custody, Person


def can_read_case(membership: Membership, case: Case) -> bool:
    """Whether the member's organisation holds, held, or works on the case (no identity)."""
    from stepstones.referrals.models import Referral, ReferralStatus

    # Roles outside case work (coordinator, auditor, trainer) never read cases.
    if not membership.reads_cases:
        return False
    # The accountable organisation reads its case.
    if case.accountable_org_id == membership.organisation_id:
        return True
    # An organisation that held it before still reads it (it is part of its own history).
    if Custody.objects.filter(case_id=case.pk, organisation_id=membership.organisation_id).exists():
        return True
    # An organisation that accepted a referral of the case reads it while working on it.
    return Referral.objects.filter(
        case_id=case.pk,
        to_org_id=membership.organisation_id,
        status__in=[ReferralStatus.ACCEPTED, ReferralStatus.COMPLETED],
    ).exists()


def access_case(user: Any, case_id: int, *, write: bool = False) -> Case:
    """Return the case if the user may read it (404 otherwise); 403 for a read-only write."""
    membership = require_membership(user)
    try:
        case = Case.objects.select_related(
            "person", "accountable_org", "case_owner", "identified_by_org"
        ).get(id=case_id)
    except Case.DoesNotExist:
        raise Http404 from None
    # Not related to the case: it does not exist for this user.
    if not can_read_case(membership, case):
        raise Http404
    if write and not may_change_case(membership, case):
        raise PermissionDenied
    return case


def may_change_case(membership: Membership, case: Case) -> bool:
    """Whether the member may change the case (a read-only member gets 403 on writes)."""
    # Only the accountable organisation changes the case, and only its case workers (not its
    # admin).
    return membership.works_cases and case.accountable_org_id == membership.organisation_id


def cases_for(user: Any) -> QuerySet[Case]:
    """Return the cases the user's organisation is accountable for (empty for other roles)."""
    membership = require_membership(user)
    if not membership.reads_cases:
        return Case.objects.none()
    return Case.objects.select_related("person", "accountable_org", "case_owner").filter(
        accountable_org_id=membership.organisation_id
    )


def partner_cases_for(user: Any) -> QuerySet[Case]:
    """Return cases held by others on which the user's organisation accepted a referral."""
    from stepstones.referrals.models import Referral, ReferralStatus

    membership = require_membership(user)
    if not membership.reads_cases:
        return Case.objects.none()
    org = membership.organisation_id
    # A semi-join, not a join + DISTINCT: PostgreSQL then walks the cases newest first and probes
    # the (case, to_org, status) index of referrals, instead of sorting every candidate row.
    works_on = Referral.objects.filter(
        case_id=OuterRef("pk"),
        to_org_id=org,
        status__in=[ReferralStatus.ACCEPTED, ReferralStatus.COMPLETED],
    )
    return (
        Case.objects.select_related("person", "accountable_org")
        .filter(Exists(works_on))
        .exclude(accountable_org_id=org)
    )


def may_read_identity(membership: Membership, case: Case) -> bool:
    """Whether the member may open the case's identity record (the holder's case workers)."""
    # Only people who work cases, and only in the organisation holding this case.
    return membership.works_cases and case.accountable_org_id == membership.organisation_id


def read_identity(user: Any, case: Case, *, reason: str = "case_page") -> dict[str, Any]:
    """Decrypt and return the case's identity record, writing an `identity.viewed` event."""
    membership = require_membership(user)
    # Not entitled to identity: the record does not exist for this user.
    if not may_read_identity(membership, case):
        raise Http404
    vault_row = getattr(case.person, "vault", None)
    data = vault.decrypt(vault_row.token) if vault_row is not None else {}
    record(
        "identity.viewed",
        object_type="case",
        object_id=case.pk,
        actor=membership.user,
        organisation=membership.organisation,
        details={"person": case.person.code, "reason": reason},
    )
    return data


def access_person(user: Any, person_id: int) -> Person:
    """Return a person if the user's organisation may read one of their cases; else 404."""
    membership = require_membership(user)
    try:
        person = Person.objects.get(id=person_id)
    except Person.DoesNotExist:
        raise Http404 from None
    # A person is visible through a readable case only.
    cases = Case.objects.filter(person_id=person.pk).select_related("person")
    if not any(can_read_case(membership, case) for case in cases):
        raise Http404
    return person


def access_consent(user: Any, consent_id: int, *, write: bool = False) -> Consent:
    """Return a consent through its case (same rules as the case)."""
    try:
        consent = Consent.objects.select_related("case", "recipient").get(id=consent_id)
    except Consent.DoesNotExist:
        raise Http404 from None
    access_case(user, consent.case_id, write=write)
    return consent


def holds_case(membership: Membership, case: Case) -> bool:
    """Whether the member's organisation is accountable for the case now (any reading role)."""
    return membership.reads_cases and case.accountable_org_id == membership.organisation_id


# What a reader of a case is shown, on the case page and in the API alike (issue 17 §4). Every
# reader sees the case's state: its code, kind and stage, who holds it, when it last changed.
# Its details, the person's pseudonymous fields and the case's free text, are for the
# organisation holding the case: a partner or a former holder gets them only in its referral
# packets. The page draws its details section when `shows_case_details` says so; the API sends a
# case field only when `shown_case_fields` lists it. tests/access/test_api_matches_page.py
# compares the two, field by field, for every persona.
CASE_STATE_FIELDS = ("id", "code", "kind", "stage", "htcds_status", "accountable_org", "updated_at")
CASE_DETAIL_FIELDS = (
    "is_child",
    "opened_at",
    "gender",
    "citizenship",
    "primary_language",
    "summary",
    "type_of_exploitation",
    "methods_of_control",
    "method_of_recruitment",
    "trafficking_status",
    "decision_making_org",
    "identification_date",
    "identification_basis",
    "closed_at",
    "closure_reason",
    "closure_note",
)


def shows_case_details(membership: Membership, case: Case) -> bool:
    """Whether the member sees the case's details (the holding organisation's readers)."""
    return holds_case(membership, case)


def shown_case_fields(membership: Membership, case: Case) -> tuple[str, ...]:
    """The case fields the member is shown, for a case they may read (`access_case`)."""
    if shows_case_details(membership, case):
        return CASE_STATE_FIELDS + CASE_DETAIL_FIELDS
    return CASE_STATE_FIELDS


def access_assessment(user: Any, assessment_id: int) -> Assessment:
    """Return an assessment to the accountable organisation (read-only: it never changes).

    Partners and former holders do not see assessments: they hold facts about the person beyond
    what a referral packet shared.
    """
    try:
        assessment = Assessment.objects.select_related("case", "organisation", "assessed_by").get(
            id=assessment_id
        )
    except Assessment.DoesNotExist:
        raise Http404 from None
    case = access_case(user, assessment.case_id)
    # Only the organisation holding the case reads its assessments.
    if not holds_case(require_membership(user), case):
        raise Http404
    return assessment
