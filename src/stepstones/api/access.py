"""Access-checked getters for API tokens, and the lookup that authenticates a request."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from stepstones.api.models import TOKEN_PREFIX, ApiToken, hash_token

# Record `last_used_at` at most this often, so reading the API does not write on every request.
LAST_USED_RESOLUTION = dt.timedelta(minutes=1)


def tokens_for(user: Any) -> QuerySet[ApiToken]:
    """Return the user's own tokens, newest first (empty for anonymous users)."""
    if user is None or not user.is_authenticated:
        return ApiToken.objects.none()
    return ApiToken.objects.filter(user_id=user.pk)


def access_token(user: Any, token_id: int) -> ApiToken:
    """Return one of the user's own tokens; someone else's token is as missing as no token."""
    # Anonymous users own nothing.
    if user is None or not user.is_authenticated:
        raise Http404
    try:
        token = ApiToken.objects.get(id=token_id)
    except ApiToken.DoesNotExist:
        raise Http404 from None
    # Another user's token: not found.
    if token.user_id != user.pk:
        raise Http404
    return token


def user_for_token(secret: str, now: dt.datetime | None = None) -> Any | None:
    """Return the active user a presented token belongs to, or None when it does not count.

    A token counts when it exists, is neither revoked nor expired, and its user is active.
    """
    if not secret.startswith(TOKEN_PREFIX) or len(secret) > 200:
        return None
    moment = now or timezone.now()
    token = ApiToken.objects.select_related("user").filter(token_hash=hash_token(secret)).first()
    if token is None or not token.is_usable(moment) or not token.user.is_active:
        return None
    if token.last_used_at is None or moment - token.last_used_at >= LAST_USED_RESOLUTION:
        # A bookkeeping column, not a state change worth an audit row.
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=moment)
    return token.user
