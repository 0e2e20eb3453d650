"""Fixtures shared by the whole suite."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.conf import LazySettings
from django.utils import translation


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: LazySettings) -> None:
    # Real hashing costs ~0.3 s per user; tests need correct behaviour, not slow hashes.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _no_language_leaks() -> Iterator[None]:
    # A test that switches the language (a page requested in Macedonian) leaves it active in the
    # thread; the next test must start in the default language, whatever ran before it.
    yield
    translation.deactivate()


# A fixed vault key for the whole suite, so no test writes a development key file.
TEST_VAULT_KEY = "0s8lYy5o5dYbUo0pJq0m1hJmI2nE6c9J4oS4Q2f3xXk="


@pytest.fixture(autouse=True, scope="session")
def _vault_key() -> None:
    from django.conf import settings

    settings.STEPSTONES_VAULT_KEYS = [TEST_VAULT_KEY]
