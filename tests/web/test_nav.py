"""The case navigation shows case work to the roles that read cases, and to no one else."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.personas import Network, build_network

pytestmark = pytest.mark.django_db


@pytest.fixture
def net() -> Network:
    return build_network()


@pytest.mark.parametrize(
    ("who", "shown"),
    [
        ("nina", True),
        ("olga", True),
        ("ivan", True),
        ("cora", False),
        ("audrey", False),
    ],
    ids=["case-manager", "org-admin", "identification-officer", "coordinator", "auditor"],
)
def test_it_links_cases_and_referrals_only_for_roles_that_read_cases(
    net: Network, who: str, shown: bool
) -> None:
    client = Client()
    client.force_login(net.user(who))
    page = client.get(reverse("agencies:directory")).content.decode()
    assert (f'href="{reverse("cases:list")}"' in page) is shown
    assert (f'href="{reverse("referrals:inbox")}"' in page) is shown
