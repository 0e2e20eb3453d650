"""The request's user arrives with their membership: one query for all three."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import authenticate
from django.http import HttpRequest
from django.test import RequestFactory

from stepstones.agencies.access import membership_for
from stepstones.agencies.backends import MembershipBackend
from tests.personas import PASSWORD, build_network

pytestmark = pytest.mark.django_db


def _request() -> HttpRequest:
    """A login request: the login throttle (django-axes) counts attempts per request's address."""
    return RequestFactory().post("/accounts/login/")


def test_one_query_gives_the_user_their_membership_and_organisation(
    django_assert_num_queries: Any,
) -> None:
    net = build_network()
    with django_assert_num_queries(1):
        user = MembershipBackend().get_user(net.nina.user.pk)
        assert user is not None
        membership = membership_for(user)
        assert membership is not None
        assert membership.organisation.name == net.ngo.name
        assert user.membership == membership  # what the navigation reads


def test_an_inactive_membership_counts_as_none(django_assert_num_queries: Any) -> None:
    net = build_network()
    net.nina.active = False
    net.nina.save()
    with django_assert_num_queries(1):
        user = MembershipBackend().get_user(net.nina.user.pk)
        assert user is not None
        assert membership_for(user) is None


def test_a_user_without_membership_inactive_or_gone_is_handled() -> None:
    net = build_network()
    nobody = MembershipBackend().get_user(net.user("nobody").pk)
    assert nobody is not None and membership_for(nobody) is None
    net.nina.user.is_active = False
    net.nina.user.save()
    assert MembershipBackend().get_user(net.nina.user.pk) is None
    assert MembershipBackend().get_user(10**9) is None


def test_passwords_are_checked_as_django_checks_them() -> None:
    net = build_network()
    username = net.petar.user.username
    assert authenticate(_request(), username=username, password=PASSWORD) == net.petar.user
    assert authenticate(_request(), username=username, password=PASSWORD + "x") is None
