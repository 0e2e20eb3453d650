"""Anonymous POSTs to the public endpoints are counted per address in fixed windows; over the
limit they get 429 with Retry-After. People who log in, and API tokens, are not counted."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from django.conf import LazySettings
from django.core.cache import cache
from django.test import Client
from django.urls import resolve, reverse

from stepstones.api.actions import create_token
from stepstones.web.ratelimit import LIMITED_VIEWS, count
from tests.personas import build_network

# 10:00:10 UTC: 50 seconds left in the minute's window.
NOW = dt.datetime(2026, 12, 7, 10, 0, 10, tzinfo=dt.UTC)
OFFER = {"text": "Work in Germany. Send your passport and a 500 EUR fee first."}


@pytest.fixture(autouse=True)
def _three_a_minute(settings: LazySettings) -> Iterator[None]:
    settings.STEPSTONES_PUBLIC_RATE_LIMIT = 3
    settings.STEPSTONES_PUBLIC_RATE_WINDOW_SECONDS = 60
    cache.clear()
    yield
    cache.clear()


def _check(client: Client, address: str = "198.51.100.7", **headers: str) -> Any:
    return client.post(
        "/api/v1/offers/check",
        json.dumps(OFFER),
        content_type="application/json",
        REMOTE_ADDR=address,
        headers=headers,
    )


@pytest.mark.django_db
def test_it_answers_429_with_retry_after_once_an_address_used_its_window(client: Client) -> None:
    with time_machine.travel(NOW, tick=False):
        assert [_check(client).status_code for _ in range(3)] == [200, 200, 200]
        refused = _check(client)
    assert refused.status_code == 429
    assert refused["Retry-After"] == "50"
    assert refused["Cache-Control"] == "no-store"
    error = refused.json()["error"]
    assert error["code"] == "rate_limited"
    assert "50 seconds" in error["message"]


@pytest.mark.django_db
def test_the_next_window_starts_a_new_count(client: Client) -> None:
    with time_machine.travel(NOW, tick=False) as clock:
        for _ in range(4):
            _check(client)
        clock.shift(dt.timedelta(seconds=50))  # 10:01:00, a new window
        assert _check(client).status_code == 200


@pytest.mark.django_db
def test_other_addresses_keep_their_own_count(client: Client) -> None:
    for _ in range(4):
        _check(client, "198.51.100.7")
    assert _check(client, "198.51.100.7").status_code == 429
    assert _check(client, "203.0.113.9").status_code == 200


@pytest.mark.django_db
def test_an_ipv6_client_counts_for_its_whole_slash_64(client: Client) -> None:
    for suffix in ("1", "2", "3"):
        assert _check(client, f"2001:db8:1:2::{suffix}").status_code == 200
    assert _check(client, "2001:db8:1:2:ffff::9").status_code == 429
    assert _check(client, "2001:db8:1:3::1").status_code == 200


@pytest.mark.django_db
def test_the_page_says_how_long_to_wait_in_the_visitors_language(client: Client) -> None:
    with time_machine.travel(NOW, tick=False):
        for _ in range(3):
            assert client.post("/offers/", OFFER).status_code == 200
        page = client.post("/offers/", OFFER, headers={"Accept-Language": "mk"})
    assert page.status_code == 429
    assert page["Retry-After"] == "50"
    html = page.content.decode()
    assert '<html lang="mk">' in html and "50 секунди" in html


@pytest.mark.django_db
def test_showing_the_empty_form_is_not_counted(client: Client) -> None:
    for _ in range(5):
        assert client.get("/offers/").status_code == 200
    assert _check(client).status_code == 200


@pytest.mark.django_db
def test_logged_in_users_and_api_tokens_are_not_limited() -> None:
    net = build_network()
    browser = net.client("nobody")  # logged in, even without an organisation
    assert [browser.post("/offers/", OFFER).status_code for _ in range(5)] == [200] * 5
    _token, secret = create_token(net.user("nina"), name="rate test")
    caller = Client()
    statuses = [_check(caller, Authorization=f"Bearer {secret}").status_code for _ in range(5)]
    assert statuses == [200] * 5
    # A token that does not count is no way around the limit.
    for _ in range(3):
        _check(caller, Authorization="Bearer sst_not-a-real-token")
    assert _check(caller, Authorization="Bearer sst_not-a-real-token").status_code == 429


@pytest.mark.django_db
def test_each_public_endpoint_is_counted(client: Client) -> None:
    posts = [
        ("/offers/", OFFER, None),
        ("/suggest/", {"notes": "She was not paid.", "language": "en"}, None),
        ("/suggest/review/", {"notes": "She was not paid.", "language": "en"}, None),
        ("/screen/", {"age": "30"}, None),
        ("/api/v1/notes/suggest", {"text": "She was not paid."}, "application/json"),
        ("/api/v1/assess", {"age": 30}, "application/json"),
    ]
    for address, (url, body, content_type) in enumerate(posts, start=1):
        statuses = []
        for _ in range(4):
            if content_type:
                sent = client.post(
                    url,
                    json.dumps(body),
                    content_type=content_type,
                    REMOTE_ADDR=f"10.0.0.{address}",
                )
            else:
                sent = client.post(url, body, REMOTE_ADDR=f"10.0.0.{address}")
            statuses.append(sent.status_code)
        assert statuses[3] == 429 and 429 not in statuses[:3], (url, statuses)


@pytest.mark.django_db
def test_a_limit_of_zero_switches_it_off(client: Client, settings: LazySettings) -> None:
    settings.STEPSTONES_PUBLIC_RATE_LIMIT = 0
    assert [_check(client).status_code for _ in range(5)] == [200] * 5


def test_every_limited_view_name_is_a_real_page_or_endpoint() -> None:
    # A renamed view would silently fall out of the limit.
    for name in LIMITED_VIEWS:
        assert resolve(reverse(name)).view_name == name


@pytest.mark.parametrize(
    ("seconds_into_window", "wait"), [(0.0, 60), (10.0, 50), (59.5, 1)], ids=["start", "10s", "end"]
)
def test_the_wait_is_what_is_left_of_the_window(seconds_into_window: float, wait: int) -> None:
    cache.clear()
    start = 1_800_000_000.0  # a multiple of 60
    moment = start + seconds_into_window
    assert [count("k", 2, 60, now=moment) for _ in range(2)] == [None, None]
    assert count("k", 2, 60, now=moment) == wait
