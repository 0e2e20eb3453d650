"""Sessions end when idle, when too old, and everywhere at once; logins and logouts are audited."""

from __future__ import annotations

import re
from html import unescape
from typing import Any

import pytest
from django.conf import LazySettings
from django.contrib.auth import SESSION_KEY
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from stepstones import settings as project
from stepstones.agencies.sessions import GENERATION, SEEN, STARTED, now
from stepstones.audit.chain import verify
from stepstones.audit.models import AuditEvent
from tests.personas import Network, build_network, log_in

pytestmark = pytest.mark.django_db

HERE = "10.1.1.1"
DASHBOARD = "cases:dashboard"


@pytest.fixture
def net() -> Network:
    return build_network()


def _logged_in(username: str, *, address: str = HERE) -> Client:
    """A client that logged in through the login page, as a person does."""
    client = Client(REMOTE_ADDR=address)
    response = log_in(client, username)
    assert response.status_code == 302
    return client


def _shift(client: Client, **seconds_ago: int) -> None:
    """Move the session's stamps into the past (started=..., seen=...), as time passing would."""
    session = client.session
    keys = {"started": STARTED, "seen": SEEN}
    for name, ago in seconds_ago.items():
        session[keys[name]] = now() - ago
    session.save()


def _is_logged_in(client: Client) -> bool:
    return bool(client.get(reverse(DASHBOARD)).status_code == 200)


def _text(response: Any) -> str:
    return unescape(re.sub(r"\s+", " ", response.content.decode()))


def _logged_out_reasons() -> list[str]:
    events = AuditEvent.objects.filter(action="session.logged_out").order_by("id")
    return [e.details["reason"] for e in events]


def test_sessions_last_hours_not_weeks() -> None:
    assert project.STEPSTONES_SESSION_IDLE_MINUTES == 30
    assert project.STEPSTONES_SESSION_HOURS == 12
    assert project.SESSION_COOKIE_AGE == 12 * 3600


def test_a_login_is_audited_in_the_users_organisation_chain(net: Network) -> None:
    _logged_in("nina")
    event = AuditEvent.objects.get(action="login.succeeded")
    assert (event.chain, event.actor_username, event.object_id) == (
        net.ngo.pk,
        "nina",
        str(net.nina.user.pk),
    )
    assert event.details == {"address": HERE}


def test_logging_out_is_audited(net: Network) -> None:
    client = _logged_in("nina")
    assert client.post(reverse("logout")).status_code == 302
    assert not _is_logged_in(client)
    assert _logged_out_reasons() == ["user"]
    assert AuditEvent.objects.get(action="session.logged_out").actor_username == "nina"


def test_an_idle_session_ends_and_the_login_page_says_why(net: Network) -> None:
    client = _logged_in("nina")
    _shift(client, seen=30 * 60)
    response = client.get(reverse(DASHBOARD), follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("login"))
    assert "logged out after 30 minutes without activity" in _text(response)
    assert SESSION_KEY not in client.session
    assert _logged_out_reasons() == ["idle"]
    assert verify() == []


def test_a_session_in_use_goes_on_and_its_last_seen_time_moves(net: Network) -> None:
    client = _logged_in("nina")
    _shift(client, seen=29 * 60)
    assert _is_logged_in(client)
    assert now() - client.session[SEEN] < 60
    _shift(client, seen=29 * 60)
    assert _is_logged_in(client)  # seen a minute ago: still in


def test_last_seen_is_written_at_most_once_a_minute(net: Network) -> None:
    client = _logged_in("nina")
    _shift(client, seen=30)
    seen = client.session[SEEN]
    with CaptureQueriesContext(connection) as queries:
        assert _is_logged_in(client)
    writes = [
        q["sql"] for q in queries if "django_session" in q["sql"] and "SELECT" not in q["sql"]
    ]
    assert writes == []
    assert client.session[SEEN] == seen
    _shift(client, seen=61)
    with CaptureQueriesContext(connection) as queries:
        assert _is_logged_in(client)
    writes = [
        q["sql"] for q in queries if "django_session" in q["sql"] and "SELECT" not in q["sql"]
    ]
    assert len(writes) == 1


def test_a_session_ends_twelve_hours_after_login_even_while_in_use(net: Network) -> None:
    client = _logged_in("nina")
    _shift(client, started=12 * 3600 - 60, seen=10)
    assert _is_logged_in(client)
    _shift(client, started=12 * 3600, seen=10)
    response = client.get(reverse(DASHBOARD), follow=True)
    assert "at most 12 hours after logging in" in _text(response)
    assert not _is_logged_in(client)
    assert _logged_out_reasons() == ["lifetime"]


def test_the_lifetimes_are_configurable(net: Network, settings: LazySettings) -> None:
    settings.STEPSTONES_SESSION_IDLE_MINUTES = 5
    settings.STEPSTONES_SESSION_HOURS = 1
    idle, old = _logged_in("nina"), _logged_in("petar")
    _shift(idle, seen=5 * 60)
    _shift(old, started=3600, seen=10)
    assert not _is_logged_in(idle)
    assert not _is_logged_in(old)
    assert _logged_out_reasons() == ["idle", "lifetime"]


def test_a_session_from_before_the_stamps_is_ended(net: Network) -> None:
    client = _logged_in("nina")
    session = client.session
    for key in (STARTED, SEEN, GENERATION):
        del session[key]
    session.save()
    assert not _is_logged_in(client)


def test_log_out_everywhere_ends_every_session_of_the_account_only(net: Network) -> None:
    phone, laptop, colleague = _logged_in("nina"), _logged_in("nina"), _logged_in("petar")
    page = laptop.get(reverse("sessions"))
    assert page.status_code == 200 and "Log out everywhere" in _text(page)
    response = laptop.post(reverse("sessions"), follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("login"))
    assert "You were logged out everywhere" in _text(response)
    assert not _is_logged_in(laptop)
    ended = phone.get(reverse(DASHBOARD), follow=True)
    assert "You were logged out everywhere" in _text(ended)
    assert not _is_logged_in(phone)
    assert _is_logged_in(colleague)
    assert AuditEvent.objects.get(action="session.ended_everywhere").actor_username == "nina"
    assert _logged_out_reasons() == ["everywhere"]  # the phone's session, at its next request
    assert verify() == []
    again = _logged_in("nina")  # a new login starts in the new generation
    assert _is_logged_in(again)


def test_the_sessions_page_says_how_long_a_session_lasts(net: Network) -> None:
    text = _text(_logged_in("nina").get(reverse("sessions")))
    assert "A session ends after 30 minutes without activity." in text
    assert "It ends at the latest 12 hours after logging in" in text
    assert "You logged in on this device at" in text


def test_the_header_links_to_the_sessions_page(net: Network) -> None:
    html = net.client("nina").get(reverse("home")).content.decode()
    assert f'href="{reverse("sessions")}"' in html
    assert f'href="{reverse("sessions")}"' not in Client().get(reverse("home")).content.decode()


def test_the_user_and_their_session_generation_come_in_one_query(net: Network) -> None:
    client = _logged_in("nina")
    client.post(reverse("sessions"))
    client = _logged_in("nina")
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("home")).status_code == 200
    users = [q["sql"] for q in queries if '"auth_user"' in q["sql"]]
    assert len(users) == 1 and "agencies_loginstate" in users[0]
