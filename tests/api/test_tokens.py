"""Personal API tokens: created and revoked on the token page, hashed, audited, authenticating."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from stepstones.api.actions import create_token, revoke_token
from stepstones.api.models import ApiToken
from stepstones.audit.models import AuditEvent
from stepstones.errors import ActionError
from tests.personas import Network


def _bearer(secret: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {secret}"}


def test_it_stores_only_the_hash_of_a_token(net: Network) -> None:
    token, secret = create_token(net.nina.user, name="import script")
    assert secret.startswith("sst_") and len(secret) > 40
    token.refresh_from_db()
    assert token.token_hash == hashlib.sha256(secret.encode()).hexdigest()
    stored = json.dumps(list(ApiToken.objects.values()), default=str)
    assert secret not in stored
    assert token.hint == secret[:8]


def test_it_audits_creating_and_revoking_a_token(net: Network) -> None:
    token, secret = create_token(net.nina.user, name="import script")
    revoke_token(token, by=net.nina.user)
    events = list(AuditEvent.objects.filter(object_type="api_token").order_by("seq"))
    assert [e.action for e in events] == ["api_token.created", "api_token.revoked"]
    assert all(e.actor_username == "nina" and e.organisation_id == net.ngo.pk for e in events)
    assert all(secret not in json.dumps(e.details) for e in events)


@pytest.mark.parametrize(
    ("name", "expires_in", "field"),
    [
        ("", None, "name"),
        ("x" * 101, None, "name"),
        ("ok", dt.timedelta(minutes=-1), "expires_at"),
        ("ok", dt.timedelta(days=400), "expires_at"),
    ],
    ids=["empty-name", "long-name", "expired-already", "more-than-a-year"],
)
def test_it_refuses_a_bad_token_request_naming_the_field(
    net: Network, name: str, expires_in: dt.timedelta | None, field: str
) -> None:
    expires = timezone.now() + expires_in if expires_in is not None else None
    with pytest.raises(ActionError) as raised:
        create_token(net.nina.user, name=name, expires_at=expires)
    assert raised.value.field == field
    assert not ApiToken.objects.exists()


def test_it_lets_only_the_owner_revoke_a_token(net: Network) -> None:
    token, _secret = create_token(net.nina.user, name="mine")
    with pytest.raises(ActionError) as raised:
        revoke_token(token, by=net.sara.user)
    assert raised.value.status == 403
    token.refresh_from_db()
    assert token.revoked_at is None


def test_it_authenticates_with_a_token_and_records_its_last_use(
    net: Network, client: Client
) -> None:
    token, secret = create_token(net.nina.user, name="script")
    response = client.get("/api/v1/me", headers=_bearer(secret))
    assert response.status_code == 200
    assert response.json() == {
        "username": "nina",
        "organisation": {"id": net.ngo.pk, "name": net.ngo.name},
        "role": "case_manager",
    }
    token.refresh_from_db()
    assert token.last_used_at is not None


@pytest.mark.parametrize("method", ["get", "post"], ids=["read", "write"])
def test_it_answers_401_without_credentials(db: None, method: str) -> None:
    client = Client(enforce_csrf_checks=True)
    response = getattr(client, method)("/api/v1/cases")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthenticated"


@pytest.mark.parametrize(
    "spoil",
    ["unknown", "revoked", "expired", "inactive-user", "basic-scheme"],
    ids=["unknown", "revoked", "expired", "inactive-user", "basic-scheme"],
)
def test_it_refuses_a_token_that_does_not_count(net: Network, client: Client, spoil: str) -> None:
    expires = timezone.now() + dt.timedelta(days=1)
    token, secret = create_token(net.nina.user, name="script", expires_at=expires)
    headers = _bearer(secret)
    moment = timezone.now()
    if spoil == "unknown":
        headers = _bearer("sst_" + "A" * 43)
    elif spoil == "revoked":
        revoke_token(token, by=net.nina.user)
    elif spoil == "expired":
        moment = expires + dt.timedelta(seconds=1)
    elif spoil == "inactive-user":
        net.nina.user.is_active = False
        net.nina.user.save()
    else:
        headers = {"Authorization": f"Basic {secret}"}
    with time_machine.travel(moment, tick=False):
        response = client.get("/api/v1/cases", headers=headers)
    assert response.status_code == 401
    assert response.json()["error"]["code"] in {"invalid_token", "unauthenticated"}


def test_it_refuses_a_bad_token_even_with_a_valid_session(net: Network, client: Client) -> None:
    client.force_login(net.nina.user)
    response = client.get("/api/v1/cases", headers=_bearer("sst_not-a-real-token"))
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "invalid_token"


def test_it_accepts_the_session_for_reads(net: Network, client: Client) -> None:
    client.force_login(net.nina.user)
    assert client.get("/api/v1/cases").status_code == 200


def test_it_requires_the_csrf_token_for_session_writes(net: Network) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(net.nina.user)
    body = json.dumps({"summary": "Met at the bus station."})
    refused = client.post("/api/v1/cases", body, content_type="application/json")
    assert refused.status_code == 403
    assert set(refused.json()) == {"error"}
    client.get("/api/tokens/")  # the page sets the CSRF cookie
    csrf = client.cookies["csrftoken"].value
    accepted = client.post(
        "/api/v1/cases", body, content_type="application/json", headers={"X-CSRFToken": csrf}
    )
    assert accepted.status_code == 201, accepted.content


def test_it_needs_no_csrf_token_for_token_writes(net: Network) -> None:
    _token, secret = create_token(net.nina.user, name="script")
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        "/api/v1/cases", json.dumps({}), content_type="application/json", headers=_bearer(secret)
    )
    assert response.status_code == 201


# --- the token page -------------------------------------------------------------------------


def test_it_shows_a_new_token_once_on_the_page(net: Network, client: Client) -> None:
    client.force_login(net.nina.user)
    response = client.post("/api/tokens/", {"name": "import script", "expires_in_days": "30"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    token = ApiToken.objects.get(user=net.nina.user)
    html = response.content.decode()
    secret = html.split('id="new-token">', 1)[1].split("<", 1)[0]
    assert token.token_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert token.expires_at is not None
    again = client.get("/api/tokens/").content.decode()
    assert "import script" in again
    assert secret not in again
    assert client.get("/api/v1/me", headers=_bearer(secret)).status_code == 200


def test_it_shows_the_form_error_for_a_bad_name(net: Network, client: Client) -> None:
    client.force_login(net.nina.user)
    response = client.post("/api/tokens/", {"name": "   "})
    assert response.status_code == 200
    assert b"errorlist" in response.content
    assert not ApiToken.objects.exists()


def test_it_revokes_a_token_from_the_page(net: Network, client: Client) -> None:
    token, secret = create_token(net.nina.user, name="script")
    client.force_login(net.nina.user)
    response = client.post(f"/api/tokens/{token.pk}/revoke/")
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert client.get("/api/v1/me", headers=_bearer(secret)).status_code == 401


def test_it_hides_other_users_tokens(net: Network, client: Client) -> None:
    token, _secret = create_token(net.nina.user, name="nina's")
    client.force_login(net.sara.user)
    assert b"nina&#x27;s" not in client.get("/api/tokens/").content
    assert client.post(f"/api/tokens/{token.pk}/revoke/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_it_sends_anonymous_visitors_to_the_login_page(client: Client, db: None) -> None:
    response = client.get("/api/tokens/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
