from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from stepstones.agencies.models import Membership
from tests.personas import Network, build_network


@pytest.fixture
def net(db: Any) -> Network:
    """The personas of tests/personas.py: nina is a case manager at an NGO, petar a police
    officer (governmental), nobody is logged in without an organisation."""
    return build_network()


@pytest.fixture
def member(net: Network) -> Membership:
    return net.nina


@pytest.fixture
def ngo_worker(member: Membership) -> User:
    return member.user


@pytest.fixture
def logged_in(client: Client, ngo_worker: User) -> Client:
    client.force_login(ngo_worker)
    return client


@pytest.fixture
def memberless(net: Network) -> Client:
    """A client logged in as a user with no active membership."""
    client = Client()
    client.force_login(net.nobody)
    return client
