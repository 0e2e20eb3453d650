"""Failed logins pause logging in per account and address, are audited, and can be unlocked."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from html import unescape
from typing import Any

import pytest
import time_machine
from axes.models import AccessAttempt
from django.conf import LazySettings
from django.contrib.auth import SESSION_KEY
from django.core.management import CommandError, call_command
from django.test import Client, RequestFactory
from django.urls import reverse

from stepstones.agencies.lockout import client_address
from stepstones.api.actions import create_token
from stepstones.audit.chain import SYSTEM_CHAIN, verify
from stepstones.audit.models import AuditEvent
from tests.personas import PASSWORD, Network, build_network

pytestmark = pytest.mark.django_db

HERE = "10.1.1.1"
ELSEWHERE = "10.2.2.2"
PAUSED = "Too many failed attempts to log in"


@pytest.fixture
def net() -> Network:
    return build_network()


def _login(
    username: str, password: str = PASSWORD, *, address: str = HERE, client: Client | None = None
) -> Any:
    return (client or Client()).post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address
    )


def _fail(username: str, times: int, *, address: str = HERE) -> list[int]:
    return [_login(username, "wrong password", address=address).status_code for _ in range(times)]


def _text(response: Any) -> str:
    return unescape(re.sub(r"\s+", " ", response.content.decode()))


def _actions() -> list[str]:
    return list(AuditEvent.objects.order_by("id").values_list("action", flat=True))


def test_five_wrong_passwords_pause_the_account_at_that_address(net: Network) -> None:
    assert _fail("nina", 4) == [200, 200, 200, 200]  # the login page again, with its error
    fifth = _login("nina", "wrong password")
    assert fifth.status_code == 429
    assert PAUSED in _text(fifth) and "paused for 15 minutes" in _text(fifth)
    assert 'name="username"' in _text(fifth)  # the login page in the site's own layout


def test_the_right_password_is_refused_while_paused_with_the_reason_shown(net: Network) -> None:
    _fail("nina", 5)
    client = Client()
    response = _login("nina", client=client)
    assert response.status_code == 429
    assert PAUSED in _text(response)
    assert SESSION_KEY not in client.session
    assert client.get(reverse("cases:dashboard")).status_code == 302  # still not logged in


def test_another_user_at_the_same_address_still_logs_in(net: Network) -> None:
    _fail("nina", 5)
    assert _login("petar").status_code == 302


def test_the_same_account_still_logs_in_from_another_address(net: Network) -> None:
    _fail("nina", 5)
    assert _login("nina", address=ELSEWHERE).status_code == 302


def test_the_pause_ends_by_itself_after_the_cool_off_time(net: Network) -> None:
    start = dt.datetime(2026, 12, 7, 9, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False):
        _fail("nina", 5)
    with time_machine.travel(start + dt.timedelta(minutes=14), tick=False):
        assert _login("nina").status_code == 429
    with time_machine.travel(start + dt.timedelta(minutes=30), tick=False):
        assert _login("nina").status_code == 302


def test_attempts_while_paused_do_not_lengthen_the_pause(net: Network) -> None:
    start = dt.datetime(2026, 12, 7, 9, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False):
        _fail("nina", 5)
    with time_machine.travel(start + dt.timedelta(minutes=10), tick=False):
        assert _fail("nina", 3) == [429, 429, 429]
    with time_machine.travel(start + dt.timedelta(minutes=16), tick=False):
        assert _login("nina").status_code == 302


def test_a_successful_login_clears_only_its_own_accounts_failures(net: Network) -> None:
    _fail("nina", 4)
    assert _login("petar").status_code == 302  # same address, another account: nina's stay
    assert _login("nina", "wrong password").status_code == 429
    _fail("sara", 4)
    assert _login("sara").status_code == 302  # her own success forgives her typos
    assert _fail("sara", 4) == [200, 200, 200, 200]


def test_an_address_trying_many_accounts_is_paused(net: Network, settings: LazySettings) -> None:
    settings.STEPSTONES_LOGIN_ADDRESS_FAILURE_LIMIT = 6
    tries = [_fail(name, 2) for name in ("nina", "petar", "sara")]
    assert tries == [[200, 200], [200, 200], [200, 429]]  # the sixth failure pauses the address
    assert _login("ivan").status_code == 429  # right password, but from that address
    assert _login("ivan", address=ELSEWHERE).status_code == 302


def test_an_account_tried_from_many_addresses_is_paused(
    net: Network, settings: LazySettings
) -> None:
    settings.STEPSTONES_LOGIN_ACCOUNT_FAILURE_LIMIT = 6
    tries = [_fail("nina", 2, address=a) for a in ("10.9.0.1", "10.9.0.2", "10.9.0.3")]
    assert tries == [[200, 200], [200, 200], [200, 429]]  # the sixth failure pauses the account
    assert _login("nina", address="10.9.0.4").status_code == 429
    assert _login("petar", address="10.9.0.4").status_code == 302


def test_the_unlock_command_lets_a_paused_account_log_in_again(net: Network) -> None:
    _fail("nina", 5)
    _fail("nina", 5, address=ELSEWHERE)
    out = io.StringIO()
    call_command("unlock", "nina", stdout=out)
    assert out.getvalue().strip() == (
        "Unlocked account nina: 2 record(s) of failed attempts cleared."
    )
    assert _login("nina").status_code == 302
    assert _login("nina", address=ELSEWHERE).status_code == 302
    event = AuditEvent.objects.get(action="login.unlocked")
    assert event.chain == net.ngo.pk
    assert event.details == {"username": "nina", "records": 2}


def test_the_unlock_command_unlocks_an_address(net: Network, settings: LazySettings) -> None:
    settings.STEPSTONES_LOGIN_ADDRESS_FAILURE_LIMIT = 4
    _fail("nina", 2)
    _fail("petar", 2)
    assert _login("ivan").status_code == 429
    call_command("unlock", address=HERE, stdout=io.StringIO())
    assert _login("ivan").status_code == 302


@pytest.mark.parametrize(
    ("args", "options", "message"),
    [
        (["nobody-here"], {}, "No account is called 'nobody-here'."),
        ([], {"address": "not-an-ip"}, "Not an IP address: 'not-an-ip'."),
        ([], {}, "Name an account, an --address, or both."),
    ],
    ids=["unknown-account", "bad-address", "nothing-named"],
)
def test_the_unlock_command_refuses_what_it_cannot_unlock(
    net: Network, args: list[str], options: dict[str, str], message: str
) -> None:
    with pytest.raises(CommandError, match=re.escape(message)):
        call_command("unlock", *args, stdout=io.StringIO(), **options)
    assert not AuditEvent.objects.filter(action="login.unlocked").exists()


def test_failures_a_pause_and_a_refusal_are_audited_in_the_accounts_chain(net: Network) -> None:
    _fail("nina", 5)
    _login("nina")  # refused unchecked: paused already
    events = list(AuditEvent.objects.filter(chain=net.ngo.pk).order_by("seq"))
    actions = [e.action for e in events]
    assert actions == ["login.failed"] * 5 + ["login.locked", "login.refused"]
    assert all(e.object_type == "user" and e.object_id == str(net.nina.user.pk) for e in events)
    assert all(e.details["username"] == "nina" and e.details["address"] == HERE for e in events)
    assert events[5].details["minutes"] == 15
    assert all(e.actor_id is None for e in events)  # whoever tried is not known to be nina
    assert verify() == []


def test_no_password_and_no_unknown_user_name_is_stored(net: Network) -> None:
    typed = "My-Secret-Passw0rd"  # typed into the user name field by mistake
    _login(typed, "another secret")
    _login(typed, "another secret")
    _login("nina", "third secret")
    failed = list(AuditEvent.objects.filter(action="login.failed", chain=SYSTEM_CHAIN))
    assert len(failed) == 2
    hashed = failed[0].details["unknown_username"]
    assert hashed.startswith("?") and failed[1].details["unknown_username"] == hashed
    stored = json.dumps(
        [
            list(AuditEvent.objects.values()),
            list(AccessAttempt.objects.values()),
        ],
        default=str,
    )
    for secret in (typed, typed.lower(), "another secret", "third secret"):
        assert secret not in stored
    assert verify() == []


def test_the_audit_log_shows_login_events_in_words(net: Network) -> None:
    _fail("nina", 5)
    _login("nina")
    _login("petar")
    page = _text(net.client("audrey").get(reverse("audit:log")))
    html = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0]  # the events, not the filter
    for words in (
        "Login failed",
        "Logging in paused after repeated failures",
        "Login refused while paused",
        "Logged in",
        "user account",
        "Network address: " + HERE,
    ):
        assert words in html
    assert "login.failed" not in html and "login.locked" not in html


def test_the_paused_message_is_in_the_readers_language(net: Network) -> None:
    _fail("nina", 4)
    response = Client(headers={"accept-language": "mk"}).post(
        reverse("login"),
        {"username": "nina", "password": "wrong password"},
        REMOTE_ADDR=HERE,
    )
    assert response.status_code == 429
    text = _text(response)
    assert PAUSED not in text
    assert "15" in text and 'lang="mk"' in text


def test_the_api_authenticates_as_before_with_the_throttle_in_place(net: Network) -> None:
    _fail("nina", 5)
    _, secret = create_token(net.nina.user, name="script")
    by_token = Client().get("/api/v1/cases", headers={"Authorization": f"Bearer {secret}"})
    assert by_token.status_code == 200
    assert net.client("petar").get("/api/v1/cases").status_code == 200  # the browser session
    refused = Client().get("/api/v1/cases", headers={"Authorization": "Bearer sst_wrong"})
    assert refused.status_code == 401
    assert AccessAttempt.objects.filter(username="nina").count() == 1  # the API counted nothing


@pytest.mark.parametrize(
    ("proxies", "forwarded", "remote", "expected"),
    [
        (0, "203.0.113.9", "10.0.0.1", "10.0.0.1"),
        (1, "6.6.6.6, 203.0.113.9", "10.0.0.1", "203.0.113.9"),
        (2, "203.0.113.9, 10.0.0.9", "10.0.0.1", "203.0.113.9"),
        (1, "", "10.0.0.1", "10.0.0.1"),
        (2, "203.0.113.9", "10.0.0.1", "10.0.0.1"),
        (1, "not-an-address", "10.0.0.1", "10.0.0.1"),
        (0, "", "", None),
    ],
    ids=[
        "no-proxy-ignores-the-header",
        "one-proxy-ignores-what-the-client-wrote",
        "two-proxies",
        "no-header",
        "header-shorter-than-promised",
        "garbage-in-the-header",
        "unix-socket",
    ],
)
def test_it_reads_the_clients_address_through_the_trusted_proxies_only(
    settings: LazySettings, proxies: int, forwarded: str, remote: str, expected: str | None
) -> None:
    settings.STEPSTONES_TRUSTED_PROXIES = proxies
    request = RequestFactory().post("/", HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR=remote)
    assert client_address(request) == expected


def test_behind_a_proxy_each_client_address_counts_on_its_own(
    net: Network, settings: LazySettings
) -> None:
    settings.STEPSTONES_TRUSTED_PROXIES = 1
    proxy = "10.0.0.1"

    def through_proxy(client_ip: str, password: str) -> int:
        response = Client().post(
            reverse("login"),
            {"username": "nina", "password": password},
            REMOTE_ADDR=proxy,
            HTTP_X_FORWARDED_FOR=client_ip,
        )
        return int(response.status_code)

    assert [through_proxy("203.0.113.5", "wrong") for _ in range(5)][-1] == 429
    assert through_proxy("203.0.113.6", PASSWORD) == 302
    addresses = AuditEvent.objects.filter(action="login.failed").values_list("details", flat=True)
    assert {details["address"] for details in addresses} == {"203.0.113.5"}


def test_a_login_without_a_network_address_is_still_counted(net: Network) -> None:
    assert _fail("nina", 5, address="")[-1] == 429  # e.g. a server on a Unix socket, no proxy
