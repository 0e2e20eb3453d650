"""The main menu is the same on every page for a role, and holds only what the role can use."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from stepstones.agencies.models import Membership, Role
from tests.personas import Network, build_network

pytestmark = pytest.mark.django_db

PAGES = (
    "cases:dashboard",
    "screening:quick",
    "offers:check",
    "suggest:notes",
    "agencies:directory",
)


@pytest.fixture
def net() -> Network:
    return build_network()


def _menu(client: Client, url: str) -> list[str]:
    html = client.get(url).content.decode()
    nav = re.search(r'<nav aria-label="Main">(.*?)</nav>', html, re.S)
    assert nav is not None, url
    return re.findall(r'<a href="([^"]+)"', nav.group(1))


def _trainer(net: Network) -> Client:
    tina = Membership.objects.create(
        user=User.objects.create_user("tina"), organisation=net.ngo, role=Role.TRAINER
    )
    client = Client()
    client.force_login(tina.user)
    return client


@pytest.mark.parametrize(
    ("persona", "has", "lacks"),
    [
        ("nina", {"cases:list", "referrals:inbox", "screening:quick"}, {"audit:log"}),
        ("olga", {"cases:list", "agencies:members"}, {"audit:log", "referrals:network"}),
        ("cora", {"referrals:network"}, {"cases:list", "referrals:inbox", "audit:log"}),
        ("audrey", {"audit:log"}, {"cases:list", "screening:quick", "apitokens:tokens"}),
        ("tina", {"training:sessions", "screening:quick"}, {"cases:list", "apitokens:tokens"}),
    ],
)
def test_each_role_has_one_menu_on_every_page_and_every_entry_opens(
    net: Network, persona: str, has: set[str], lacks: set[str]
) -> None:
    client = _trainer(net) if persona == "tina" else net.client(persona)
    menus = {name: _menu(client, reverse(name)) for name in PAGES}
    first = menus[PAGES[0]]
    assert all(menu == first for menu in menus.values()), menus
    urls = set(first)
    assert {reverse(name) for name in has} <= urls
    assert not {reverse(name) for name in lacks} & urls
    for url in first:
        assert client.get(url).status_code == 200, url


def test_a_visitor_sees_the_public_tools_only() -> None:
    menu = _menu(Client(), reverse("home"))
    tools = [reverse(name) for name in ("screening:quick", "offers:check", "suggest:notes")]
    assert menu == [*tools, reverse("login")]
