"""Every change to organisations and members: atomic, audited, returning the changed object."""

from __future__ import annotations

from collections.abc import Sequence

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser
from django.db import transaction
from django.utils.translation import gettext as _

from stepstones.agencies.models import (
    LANGUAGES,
    Kind,
    Membership,
    Organisation,
    Role,
    Sector,
    ServiceKind,
)
from stepstones.audit.chain import record
from stepstones.errors import ActionError


def _check_choices(values: Sequence[str], allowed: Sequence[str], field: str) -> list[str]:
    bad = [v for v in values if v not in allowed]
    if bad:
        raise ActionError(
            "invalid",
            _("%(field)s: unknown value(s) %(values)s.")
            % {"field": field, "values": ", ".join(bad)},
            field=field,
        )
    return list(dict.fromkeys(values))


def create_organisation(
    *,
    name: str,
    kind: str,
    sectors: Sequence[str],
    region: str,
    municipality: str,
    services: Sequence[str] = (),
    languages: Sequence[str] = (),
    contact_hours: str = "",
    authorised_to_identify: bool = False,
    htcds_type: str = "",
    by: Membership | None = None,
) -> Organisation:
    """Register an organisation in the network (a platform operator's or the demo's job)."""
    if not name.strip():
        raise ActionError("invalid", _("name: give the organisation's name."), field="name")
    if kind not in Kind.values:
        raise ActionError("invalid", _("kind: unknown kind of organisation."), field="kind")
    with transaction.atomic():
        organisation = Organisation.objects.create(
            name=name.strip(),
            kind=kind,
            htcds_type=htcds_type,
            sectors=_check_choices(sectors, Sector.values, "sectors"),
            region=region,
            municipality=municipality,
            services=_check_choices(services, ServiceKind.values, "services"),
            languages=_check_choices(languages, list(LANGUAGES), "languages"),
            contact_hours=contact_hours,
            authorised_to_identify=authorised_to_identify,
        )
        record(
            "organisation.created",
            object_type="organisation",
            object_id=organisation.pk,
            actor=by.user if by else None,
            organisation=by.organisation if by else None,
            details={"name": organisation.name, "authorised": authorised_to_identify},
        )
    return organisation


def update_directory_entry(
    organisation: Organisation,
    *,
    services: Sequence[str],
    languages: Sequence[str],
    contact_hours: str,
    urgent_response_hours: int,
    normal_response_hours: int,
    by: Membership,
) -> Organisation:
    """Change what the organisation offers and how fast it answers referrals."""
    if by.organisation_id != organisation.pk or by.role != Role.ORG_ADMIN:
        raise ActionError(
            "forbidden", _("Only the organisation's admin may change its entry."), status=403
        )
    if not 1 <= urgent_response_hours <= normal_response_hours <= 24 * 14:
        raise ActionError(
            "invalid",
            _("urgent_response_hours: must be at least 1 and no more than the normal deadline."),
            field="urgent_response_hours",
        )
    with transaction.atomic():
        organisation.services = _check_choices(services, ServiceKind.values, "services")
        organisation.languages = _check_choices(languages, list(LANGUAGES), "languages")
        organisation.contact_hours = contact_hours
        organisation.urgent_response_hours = urgent_response_hours
        organisation.normal_response_hours = normal_response_hours
        organisation.save(
            update_fields=[
                "services",
                "languages",
                "contact_hours",
                "urgent_response_hours",
                "normal_response_hours",
            ]
        )
        record(
            "organisation.directory_updated",
            object_type="organisation",
            object_id=organisation.pk,
            actor=by.user,
            organisation=by.organisation,
            details={"services": organisation.services, "languages": organisation.languages},
        )
    return organisation


def add_member(
    organisation: Organisation,
    *,
    username: str,
    email: str,
    role: str,
    password: str | None = None,
    by: Membership | None,
) -> Membership:
    """Create a user account in the organisation with a role (the org admin's job).

    Without a password the account cannot log in until a password reset sets one.
    """
    if by is not None and (by.organisation_id != organisation.pk or by.role != Role.ORG_ADMIN):
        raise ActionError(
            "forbidden", _("Only the organisation's admin may add members."), status=403
        )
    username = username.strip()
    if not username:
        raise ActionError("invalid", _("username: give a user name."), field="username")
    if role not in Role.values:
        raise ActionError("invalid", _("role: unknown role."), field="role")
    user_model = get_user_model()
    if user_model.objects.filter(username=username).exists():
        raise ActionError(
            "conflict", _("username: this user name is taken."), field="username", status=409
        )
    with transaction.atomic():
        user = user_model.objects.create_user(username=username, email=email, password=password)
        assert isinstance(user, AbstractUser)
        membership = Membership.objects.create(user=user, organisation=organisation, role=role)
        record(
            "member.added",
            object_type="membership",
            object_id=membership.pk,
            actor=by.user if by else None,
            organisation=organisation,
            details={"username": username, "role": role},
        )
    return membership


def change_member(membership: Membership, *, role: str, active: bool, by: Membership) -> Membership:
    """Change a member's role or (de)activate them; an admin cannot lock themself out."""
    if by.organisation_id != membership.organisation_id or by.role != Role.ORG_ADMIN:
        raise ActionError(
            "forbidden", _("Only the organisation's admin may change members."), status=403
        )
    if role not in Role.values:
        raise ActionError("invalid", _("role: unknown role."), field="role")
    if membership.pk == by.pk and (role != Role.ORG_ADMIN or not active):
        raise ActionError(
            "invalid",
            _("role: you cannot remove your own admin role; ask another admin."),
            field="role",
        )
    with transaction.atomic():
        before = {"role": membership.role, "active": membership.active}
        membership.role = role
        membership.active = active
        membership.save(update_fields=["role", "active"])
        record(
            "member.changed",
            object_type="membership",
            object_id=membership.pk,
            actor=by.user,
            organisation=by.organisation,
            details={"before": before, "after": {"role": role, "active": active}},
        )
    return membership
