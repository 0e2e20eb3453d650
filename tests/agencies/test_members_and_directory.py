"""Organisation admins manage their own members; the directory finds the next stone."""

from __future__ import annotations

import pytest

from stepstones.agencies import actions
from stepstones.agencies.models import Membership, Role
from stepstones.agencies.views import search_directory
from stepstones.audit.models import AuditEvent
from stepstones.errors import ActionError
from tests.personas import Network, build_network

pytestmark = pytest.mark.django_db


@pytest.fixture
def net() -> Network:
    return build_network()


def test_it_lets_an_admin_change_a_members_role_and_audits_it(net: Network) -> None:
    actions.change_member(net.nina, role=Role.FRONTLINE_WORKER, active=True, by=net.olga)
    net.nina.refresh_from_db()
    assert net.nina.role == Role.FRONTLINE_WORKER
    event = AuditEvent.objects.filter(action="member.changed").get()
    assert event.details["before"]["role"] == Role.CASE_MANAGER


@pytest.mark.parametrize(
    ("actor", "target"),
    [("olga", "sara"), ("nina", "nina"), ("sara", "nina")],
    ids=["admin-of-another-org", "not-an-admin", "stranger"],
)
def test_it_refuses_to_manage_members_outside_the_admins_own_organisation(
    net: Network, actor: str, target: str
) -> None:
    with pytest.raises(ActionError) as raised:
        actions.change_member(
            getattr(net, target), role=Role.AUDITOR, active=True, by=getattr(net, actor)
        )
    assert raised.value.status == 403


def test_it_keeps_an_admin_from_locking_themself_out(net: Network) -> None:
    with pytest.raises(ActionError) as raised:
        actions.change_member(net.olga, role=Role.ORG_ADMIN, active=False, by=net.olga)
    assert raised.value.field == "role"


def test_it_refuses_a_taken_user_name(net: Network) -> None:
    with pytest.raises(ActionError) as raised:
        actions.add_member(
            net.ngo, username="nina", email="x@example.org", role="auditor", by=net.olga
        )
    assert (raised.value.status, raised.value.field) == (409, "username")
    assert Membership.objects.filter(user__username="nina").count() == 1


@pytest.mark.parametrize(
    ("region", "service", "language", "expected"),
    [
        ("", "shelter", "", {"Centre for Social Work Lakeside"}),
        ("", "", "sq", {"Centre for Social Work Lakeside"}),
        ("skop", "identification", "", {"Police Anti-Trafficking Unit"}),
        ("Nowhere", "", "", set()),
    ],
    ids=["by-service", "by-language", "by-region-and-service", "no-match"],
)
def test_it_searches_the_directory(
    net: Network, region: str, service: str, language: str, expected: set[str]
) -> None:
    found = {org.name for org in search_directory(region, service, language)}
    assert found == expected


def test_it_validates_the_directory_entry(net: Network) -> None:
    with pytest.raises(ActionError) as raised:
        actions.update_directory_entry(
            net.ngo,
            services=["shelter", "teleportation"],
            languages=["mk"],
            contact_hours="",
            urgent_response_hours=24,
            normal_response_hours=72,
            by=net.olga,
        )
    assert raised.value.field == "services"
    with pytest.raises(ActionError) as raised:
        actions.update_directory_entry(
            net.ngo,
            services=[],
            languages=[],
            contact_hours="",
            urgent_response_hours=80,
            normal_response_hours=72,
            by=net.olga,
        )
    assert raised.value.field == "urgent_response_hours"
