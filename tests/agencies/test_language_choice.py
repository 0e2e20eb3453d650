"""The interface language a user chose follows them to their next login, on any device."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from stepstones.agencies.models import LoginState
from tests.personas import PASSWORD, Network, build_network, log_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def net() -> Network:
    return build_network()


def _login(client: Client, username: str) -> None:
    response = log_in(client, username)
    assert response.status_code == 302


def test_a_users_language_follows_them_to_another_device(net: Network) -> None:
    phone = Client()
    _login(phone, "nina")
    phone.post(reverse("set_language"), {"language": "sq", "next": "/"})
    assert LoginState.objects.get(user=net.nina.user).language == "sq"

    laptop = Client()  # no language cookie, the browser asks for English
    response = log_in(laptop, "nina")
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "sq"
    page = laptop.get(reverse("cases:dashboard"), headers={"accept-language": "en"})
    assert '<html lang="sq"' in page.content.decode()


def test_a_visitor_keeps_the_choice_in_the_cookie_and_nothing_is_stored() -> None:
    visitor = Client()
    response = visitor.post(reverse("set_language"), {"language": "mk", "next": "/"})
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "mk"
    assert not LoginState.objects.filter(language="mk").exists()
    assert '<html lang="mk"' in visitor.get(reverse("home")).content.decode()


def test_a_language_we_do_not_offer_is_not_kept(net: Network) -> None:
    client = Client()
    _login(client, "petar")
    client.post(reverse("set_language"), {"language": "xx", "next": "/"})
    assert not LoginState.objects.filter(user=net.petar.user).exclude(language="").exists()
    again = Client().post(reverse("login"), {"username": "petar", "password": PASSWORD})
    assert settings.LANGUAGE_COOKIE_NAME not in again.cookies
