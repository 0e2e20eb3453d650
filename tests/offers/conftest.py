from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client


@pytest.fixture
def ngo_worker(db: Any) -> User:
    return User.objects.create_user("ana", password="demo-password-1")


@pytest.fixture
def logged_in(client: Client, ngo_worker: User) -> Client:
    client.force_login(ngo_worker)
    return client
