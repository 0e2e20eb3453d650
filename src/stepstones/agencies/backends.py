"""The authentication backend: Django's, with the user's membership read in the same query."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import User

from stepstones.agencies.access import remember_membership


class MembershipBackend(ModelBackend):
    """Django's `ModelBackend`; the user loaded for each request carries their membership.

    It carries their session generation too (`sessions.session_generation`), read in the same
    query, for the session middleware's "log out everywhere" check.

    Every page reads the user, then their membership and organisation (`membership_for`): one
    query for all three instead of two on every request (issue 13's profile counted the fixed
    queries at about a tenth of all CPU). Passwords, permissions and inactive users are
    Django's own rules.
    """

    def get_user(self, user_id: Any) -> User | None:
        try:
            user = User._default_manager.select_related(
                "membership__organisation", "login_state"
            ).get(pk=user_id)
        except User.DoesNotExist:
            return None
        if not self.user_can_authenticate(user):
            return None
        membership = getattr(user, "membership", None)
        remember_membership(user, membership if membership and membership.active else None)
        return user
