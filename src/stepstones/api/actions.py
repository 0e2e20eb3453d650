"""Every change to API tokens: atomic, audited, returning the changed object."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from stepstones.agencies.access import membership_for
from stepstones.api.models import TOKEN_PREFIX, ApiToken, hash_token
from stepstones.audit.chain import record
from stepstones.errors import ActionError

MAX_TOKENS_PER_USER = 20
MAX_LIFETIME = dt.timedelta(days=366)


def _organisation(user: Any) -> Any:
    membership = membership_for(user)
    return membership.organisation if membership is not None else None


def create_token(
    user: Any, *, name: str, expires_at: dt.datetime | None = None
) -> tuple[ApiToken, str]:
    """Create a named token for `user`; return it with its secret, which is never stored.

    The secret is shown once: only its SHA-256 is kept, so a lost token is revoked and replaced.
    """
    if user is None or not user.is_authenticated:
        raise ActionError("forbidden", _("Log in to create an API token."), status=403)
    name = name.strip()
    if not name:
        raise ActionError("invalid", _("name: give the token a name."), field="name")
    if len(name) > 100:
        raise ActionError("invalid", _("name: at most 100 characters."), field="name")
    now = timezone.now()
    if expires_at is not None:
        if timezone.is_naive(expires_at):
            raise ActionError("invalid", _("expires_at: give a time zone."), field="expires_at")
        if expires_at <= now:
            raise ActionError(
                "invalid", _("expires_at: must be in the future."), field="expires_at"
            )
        if expires_at > now + MAX_LIFETIME:
            raise ActionError(
                "invalid", _("expires_at: at most one year from now."), field="expires_at"
            )
    live = ApiToken.objects.filter(user_id=user.pk, revoked_at__isnull=True).count()
    if live >= MAX_TOKENS_PER_USER:
        raise ActionError(
            "conflict",
            _("You have %(n)d active tokens: revoke one first.") % {"n": live},
            status=409,
        )
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user,
            name=name,
            token_hash=hash_token(secret),
            hint=secret[: len(TOKEN_PREFIX) + 4],
            created_at=now,
            expires_at=expires_at,
        )
        record(
            "api_token.created",
            object_type="api_token",
            object_id=token.pk,
            actor=user,
            organisation=_organisation(user),
            details={
                "name": name,
                "expires_at": expires_at.isoformat() if expires_at else None,
            },
        )
    return token, secret


def revoke_token(token: ApiToken, *, by: Any) -> ApiToken:
    """Revoke a token: it stops authenticating at once. Only its owner revokes it."""
    if by is None or not by.is_authenticated or token.user_id != by.pk:
        raise ActionError("forbidden", _("Only the token's owner revokes it."), status=403)
    with transaction.atomic():
        fresh = ApiToken.objects.select_for_update().get(pk=token.pk)
        if fresh.revoked_at is not None:
            raise ActionError("conflict", _("This token is already revoked."), status=409)
        fresh.revoked_at = timezone.now()
        fresh.save(update_fields=["revoked_at"])
        record(
            "api_token.revoked",
            object_type="api_token",
            object_id=fresh.pk,
            actor=by,
            organisation=_organisation(by),
            details={"name": fresh.name},
        )
    return fresh
