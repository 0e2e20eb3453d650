"""Fixtures shared by the whole suite."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import pytest
from django.conf import LazySettings
from django.utils import translation


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: LazySettings) -> None:
    # Real hashing costs ~0.3 s per user; tests need correct behaviour, not slow hashes.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _logins_pass_the_second_factor(monkeypatch: pytest.MonkeyPatch) -> None:
    # A role that reads identities or exports passes a second factor after the password
    # (stepstones.agencies.second_factor). A test's `force_login` does too, for real: it types
    # the code of the user's authenticator (tests.personas.pass_second_factor). A test of an
    # unverified session logs in through the login page instead.
    from django.test import Client

    from tests.personas import pass_second_factor

    original = Client.force_login

    def force_login(self: Client, user: Any, backend: str | None = None) -> None:
        original(self, user, backend)
        pass_second_factor(self, user)

    monkeypatch.setattr(Client, "force_login", force_login)


@pytest.fixture(autouse=True)
def _nothing_counted() -> None:
    # The public endpoints count anonymous requests per address in the cache
    # (stepstones.web.ratelimit): each test starts with nothing counted, whatever ran before it.
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _no_language_leaks() -> Iterator[None]:
    # A test that switches the language (a page requested in Macedonian) leaves it active in the
    # thread; the next test must start in the default language, whatever ran before it.
    yield
    translation.deactivate()


# A fixed vault key, audit key and linkage key for the whole suite, so no test writes a
# development key file.
TEST_VAULT_KEY = "0s8lYy5o5dYbUo0pJq0m1hJmI2nE6c9J4oS4Q2f3xXk="
TEST_AUDIT_KEY = "c3RlcHN0b25lcy10ZXN0LWF1ZGl0LWtleS0zMi1ieXQ="
TEST_LINKAGE_KEY = "c3RlcHN0b25lcy10ZXN0LWxpbmthZ2Uta2V5LTMyYnk="


@pytest.fixture(autouse=True, scope="session")
def _vault_key() -> None:
    from django.conf import settings

    settings.STEPSTONES_VAULT_KEYS = [TEST_VAULT_KEY]
    settings.STEPSTONES_AUDIT_KEYS = [TEST_AUDIT_KEY]
    settings.STEPSTONES_LINKAGE_KEYS = [TEST_LINKAGE_KEY]


@pytest.fixture(autouse=True, scope="session")
def _flush_past_the_audit_triggers() -> Iterator[None]:
    # On PostgreSQL the audit log refuses TRUNCATE (audit migration 0004). Transactional tests
    # are torn down by `flush`, which truncates every table: only that flush runs in the
    # maintenance mode the triggers let an owner use. Every UPDATE or DELETE a test makes on
    # the audit log still meets the triggers.
    from django.db import transaction
    from django.db.backends.base.operations import BaseDatabaseOperations
    from django.db.backends.postgresql.operations import DatabaseOperations

    original = DatabaseOperations.execute_sql_flush

    def execute_sql_flush(self: BaseDatabaseOperations, sql_list: Iterable[str]) -> None:
        with transaction.atomic(using=self.connection.alias):
            with self.connection.cursor() as cursor:
                cursor.execute("SET LOCAL stepstones.audit_maintenance = 'on'")
            original(self, sql_list)

    DatabaseOperations.execute_sql_flush = execute_sql_flush  # type: ignore[method-assign]
    yield
    DatabaseOperations.execute_sql_flush = original  # type: ignore[method-assign]
