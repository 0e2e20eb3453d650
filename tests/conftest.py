"""Fixtures shared by the whole suite."""

from __future__ import annotations

import pytest
from django.conf import LazySettings


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: LazySettings) -> None:
    # Real hashing costs ~0.3 s per user; tests need correct behaviour, not slow hashes.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
