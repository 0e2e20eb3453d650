"""The trainer every training test starts from: a member of a training centre, role trainer."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from stepstones.agencies.models import Kind, Membership, Organisation, Role


@pytest.fixture
def trainer() -> Membership:
    """Return Tina, the trainer of an NGO training centre."""
    org = Organisation.objects.create(
        name="Training Centre", kind=Kind.NON_GOVERNMENTAL, region="Skopje", municipality="Centar"
    )
    user = User.objects.create_user("tina", password="x")
    return Membership.objects.create(user=user, organisation=org, role=Role.TRAINER)
