"""API v1: the service directory (who offers what, where, in which languages) and `me`."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from stepstones.agencies.access import access_organisation, membership_for
from stepstones.agencies.models import Role, ServiceKind
from stepstones.agencies.views import search_directory
from stepstones.api.auth import AUTH, caller
from stepstones.api.common import OrgRef, acting_member, org_ref

router = Router(auth=AUTH, tags=["directory"])


class OrganisationOut(Schema):
    id: int
    name: str
    kind: str
    htcds_type: str
    sectors: list[str]
    region: str
    municipality: str
    services: list[str]
    languages: list[str]
    contact_hours: str
    phone: str
    email: str
    authorised_to_identify: bool
    urgent_response_hours: int
    normal_response_hours: int


def organisation_out(org: Any) -> dict[str, Any]:
    return {name: getattr(org, name) for name in OrganisationOut.model_fields}


class DirectoryQuery(Schema):
    region: str = Field("", max_length=100, description="Part of a region or municipality name.")
    service: ServiceKind | None = None
    language: str = Field("", max_length=8, description="ISO 639-1 code, e.g. `ar`.")


class MeOut(Schema):
    username: str
    organisation: OrgRef | None
    role: Role | None


@router.get("/me", response=MeOut, url_name="me")
def me(request: HttpRequest) -> dict[str, Any]:
    """Who the token (or session) acts as: the user, their organisation and role."""
    user = caller(request)
    membership = membership_for(user)
    return {
        "username": user.get_username(),
        "organisation": org_ref(membership.organisation) if membership else None,
        "role": membership.role if membership else None,
    }


@router.get("/directory", response=list[OrganisationOut], url_name="directory")
def directory(request: HttpRequest, query: Query[DirectoryQuery]) -> list[dict[str, Any]]:
    """Search the service directory; every filter left out matches everything."""
    acting_member(request)
    results = search_directory(
        query.region.strip(), query.service or "", query.language.strip().lower()
    )
    return [organisation_out(org) for org in results]


@router.get("/directory/{organisation_id}", response=OrganisationOut, url_name="directory_entry")
def directory_entry(request: HttpRequest, organisation_id: int) -> dict[str, Any]:
    """Read one organisation's directory entry."""
    return organisation_out(access_organisation(caller(request), organisation_id))
