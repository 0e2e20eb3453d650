"""`get_FOO_display()` from a per-field table: the label in the active language, or the value."""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext

from stepstones.agencies.models import Membership, Role


def test_a_label_is_given_in_the_active_language() -> None:
    membership = Membership(role=Role.CASE_MANAGER)
    assert membership.get_role_display() == str(Role.CASE_MANAGER.label)
    with translation.override("mk"):
        shown = membership.get_role_display()
        assert shown == gettext(str(Role.CASE_MANAGER.label))
    assert shown != str(Role.CASE_MANAGER.label)


def test_a_value_without_label_is_shown_as_it_is() -> None:
    assert Membership(role="retired").get_role_display() == "retired"
    assert Membership(role="").get_role_display() == ""
