"""Access-checked getters for organisations and memberships.

Each getter raises Http404 for "missing" and "not yours" alike, and PermissionDenied (403) only
when the user may read the object but not change it.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404

from stepstones.agencies.models import Membership, Organisation, Role


def membership_for(user: Any) -> Membership | None:
    """Return the user's active membership (cached on the user object), or None."""
    if user is None or not user.is_authenticated:
        return None
    if hasattr(user, "_stepstones_membership"):
        cached: Membership | None = user._stepstones_membership
        return cached
    membership = (
        Membership.objects.select_related("organisation", "user")
        .filter(user_id=user.pk, active=True)
        .first()
    )
    remember_membership(user, membership)
    return membership


def remember_membership(user: Any, membership: Membership | None) -> None:
    """Cache the user's active membership (or None) on the user object for this request."""
    user._stepstones_membership = membership
    if membership is not None:
        # Templates read `user.membership` (the navigation): give them this one, not a second
        # query on every page.
        user.membership = membership


def require_membership(user: Any) -> Membership:
    """Return the user's active membership; a user without one sees nothing (404)."""
    membership = membership_for(user)
    if membership is None:
        raise Http404
    return membership


def require_role(user: Any, *roles: str) -> Membership:
    """Return the membership when its role is one of `roles`; otherwise 404."""
    membership = require_membership(user)
    # A page for other roles does not exist for this user.
    if membership.role not in roles:
        raise Http404
    return membership


def access_membership(user: Any, membership_id: int, *, write: bool = False) -> Membership:
    """Return a membership of the user's own organisation.

    Org admins read and change members of their own organisation; other members of the same
    organisation get 404 (the member list is the admin's page), and so does everyone else.
    """
    me = require_membership(user)
    try:
        target = Membership.objects.select_related("user", "organisation").get(id=membership_id)
    except Membership.DoesNotExist:
        raise Http404 from None
    # Another organisation's member: not found.
    if target.organisation_id != me.organisation_id:
        raise Http404
    # Only the organisation admin manages members.
    if me.role != Role.ORG_ADMIN:
        raise Http404
    # Writes are allowed for the admin; kept explicit for symmetry with the other getters.
    if write and not me.active:
        raise PermissionDenied
    return target


def access_organisation(user: Any, organisation_id: int, *, write: bool = False) -> Organisation:
    """Return an organisation: any member reads the directory; its own admin writes its entry."""
    me = require_membership(user)
    try:
        organisation = Organisation.objects.get(id=organisation_id)
    except Organisation.DoesNotExist:
        raise Http404 from None
    # Everyone in the network may read every directory entry.
    if not write:
        return organisation
    # Only the organisation's own admin may change its entry.
    if organisation.id != me.organisation_id or me.role != Role.ORG_ADMIN:
        raise PermissionDenied
    return organisation
