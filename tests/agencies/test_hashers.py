"""Passwords are hashed with Argon2id at OWASP's parameters; older PBKDF2 hashes are upgraded."""

from __future__ import annotations

import pytest
from django.conf import LazySettings
from django.contrib.auth import authenticate
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User
from django.http import HttpRequest
from django.test import RequestFactory

from stepstones import settings as project

pytestmark = pytest.mark.django_db


def _request() -> HttpRequest:
    """A login request: the login throttle (django-axes) counts attempts per request's address."""
    return RequestFactory().post("/accounts/login/")


@pytest.fixture(autouse=True)
def _real_hashers(settings: LazySettings) -> None:
    settings.PASSWORD_HASHERS = project.PASSWORD_HASHERS  # the suite otherwise uses a fast one


def test_a_new_password_is_hashed_with_argon2id_at_owasps_parameters() -> None:
    user = User.objects.create_user("amina", password="a long pass phrase")
    assert user.password.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
    assert authenticate(_request(), username="amina", password="a long pass phrase") == user
    assert authenticate(_request(), username="amina", password="a long pass phrase!") is None


def test_a_pbkdf2_hash_still_works_and_is_upgraded_at_login() -> None:
    user = User.objects.create(
        username="goran", password=make_password("old password", hasher="pbkdf2_sha256")
    )
    assert user.password.startswith("pbkdf2_sha256$")
    assert authenticate(_request(), username="goran", password="wrong") is None
    user.refresh_from_db()
    assert user.password.startswith("pbkdf2_sha256$")  # a failed try changes nothing
    assert authenticate(_request(), username="goran", password="old password") == user
    user.refresh_from_db()
    assert user.password.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
    assert authenticate(_request(), username="goran", password="old password") == user


def test_a_hash_with_djangos_heavier_argon2_parameters_is_brought_to_ours() -> None:
    heavier = make_password("pass phrase", hasher="argon2")  # our hasher's name is `argon2` too
    assert "m=19456,t=2,p=1" in heavier
    from django.contrib.auth.hashers import Argon2PasswordHasher

    django_default = Argon2PasswordHasher().encode("pass phrase", Argon2PasswordHasher().salt())
    user = User.objects.create(username="ilir", password=django_default)
    assert "m=102400" in user.password
    assert authenticate(_request(), username="ilir", password="pass phrase") == user
    user.refresh_from_db()
    assert "m=19456,t=2,p=1" in user.password
