"""What every router shares: who acts, pagination, and small output schemas."""

from __future__ import annotations

from typing import Any, TypeVar

from django.db.models import Model, QuerySet
from django.http import HttpRequest
from ninja import Schema
from pydantic import Field

from stepstones.agencies.access import require_membership
from stepstones.agencies.models import Membership, Organisation
from stepstones.api.auth import caller

# Lists return at most this many items per request, whatever the client asks for.
MAX_LIMIT = 200
DEFAULT_LIMIT = 50

M = TypeVar("M", bound=Model)


def acting_member(request: HttpRequest) -> Membership:
    """Return the caller's active membership; a caller without one sees nothing (404)."""
    return require_membership(caller(request))


class PageQuery(Schema):
    """`?limit=&offset=`: a window on a list in its fixed order."""

    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0, le=1_000_000)


class PageInfo(Schema):
    limit: int
    offset: int
    next_offset: int | None = Field(
        None, description="Pass as `offset` to get the next page; null on the last page."
    )


def paginate(queryset: QuerySet[M], page: PageQuery) -> tuple[list[M], PageInfo]:
    """Return one window of `queryset` (one query: it reads one row more to know if more exist)."""
    rows = list(queryset[page.offset : page.offset + page.limit + 1])
    more = len(rows) > page.limit
    info = PageInfo(
        limit=page.limit,
        offset=page.offset,
        next_offset=page.offset + page.limit if more else None,
    )
    return rows[: page.limit], info


class OrgRef(Schema):
    id: int
    name: str


def org_ref(organisation: Organisation) -> dict[str, Any]:
    return {"id": organisation.pk, "name": organisation.name}
