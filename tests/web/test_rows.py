"""The row filters give exactly what `|date` and `{% url %}` give."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from django.template import engines
from django.urls import reverse
from django.utils import timezone, translation
from hypothesis import given, settings
from hypothesis import strategies as st

from stepstones.web.templatetags.rows import link

ENGINE = engines["django"]
OURS = ENGINE.from_string("{{ value|stamp }}|{{ value|day }}")
DJANGOS = ENGINE.from_string('{{ value|date:"Y-m-d H:i" }}|{{ value|date:"Y-m-d" }}')
ZONES = ["Europe/Skopje", "UTC", "America/St_Johns", "Asia/Kabul"]


@settings(deadline=None)
@given(
    moment=st.datetimes(
        min_value=dt.datetime(1, 1, 2),  # noqa: DTZ001 - hypothesis wants naive bounds
        max_value=dt.datetime(9999, 12, 30),  # noqa: DTZ001
        timezones=st.just(dt.UTC),
    ),
    zone=st.sampled_from(ZONES),
)
def test_a_moment_is_written_as_the_date_filter_writes_it(moment: dt.datetime, zone: str) -> None:
    with timezone.override(zoneinfo.ZoneInfo(zone)):
        assert OURS.render({"value": moment}) == DJANGOS.render({"value": moment})


@pytest.mark.parametrize("value", [None, "", "soon", 0])
def test_no_date_gives_nothing(value: object) -> None:
    assert OURS.render({"value": value}) == DJANGOS.render({"value": value}) == "|"


def test_a_day_is_written_as_it_is() -> None:
    assert ENGINE.from_string("{{ value|day }}").render({"value": dt.date(2026, 12, 7)}) == (
        "2026-12-07"
    )


NAMES = ["cases:case", "referrals:referral", "cases:assessment", "cases:consent_withdraw"]


@settings(deadline=None)  # the first reverse loads the URLs
@given(pk=st.integers(min_value=0, max_value=10**12), name=st.sampled_from(NAMES))
def test_a_link_is_the_url_django_reverses(pk: int, name: str) -> None:
    assert link(pk, name) == reverse(name, args=[pk])


def test_a_link_follows_the_script_prefix() -> None:
    from django.urls import set_script_prefix

    try:
        set_script_prefix("/stepstones/")
        assert link(7, "cases:case") == reverse("cases:case", args=[7]) == "/stepstones/cases/7/"
    finally:
        set_script_prefix("/")
    with translation.override("mk"):
        assert link(7, "cases:case") == reverse("cases:case", args=[7])


@pytest.mark.parametrize("pk", [None, "7", -1, True, 2.0])
def test_a_link_needs_an_integer_id(pk: object) -> None:
    with pytest.raises(ValueError, match="integer id"):
        link(pk, "cases:case")


def test_a_link_refuses_a_url_without_one_id() -> None:
    with pytest.raises(Exception):  # noqa: B017, PT011 - Django's NoReverseMatch or ours
        link(1, "cases:list")
