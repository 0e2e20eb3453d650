"""Personal API tokens: a user's named keys for the JSON API, stored only as hashes."""

from __future__ import annotations

import datetime as dt
import hashlib

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Every token starts with this, so a leaked one is easy to recognise (and to scan for).
TOKEN_PREFIX = "sst_"  # noqa: S105 (a public marker, not a secret)


def hash_token(token: str) -> str:
    """Return the SHA-256 (hex) under which a token is stored; the token itself never is."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class ApiToken(models.Model):
    """One personal API token of one user.

    `token_hash` is the SHA-256 of the secret shown once at creation; `hint` is its first
    characters, so the owner can tell tokens apart. A token acts as its user, with the user's
    organisation and role at the time of each request; revoking or expiring it ends that.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    token_hash = models.CharField(max_length=64, unique=True)
    hint = models.CharField(max_length=12)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("API token")

    def __str__(self) -> str:
        return f"{self.name} ({self.hint}…)"

    def is_usable(self, now: dt.datetime | None = None) -> bool:
        """Whether the token still authenticates: not revoked and not past its expiry."""
        moment = now or timezone.now()
        if self.revoked_at is not None:
            return False
        return self.expires_at is None or self.expires_at > moment
