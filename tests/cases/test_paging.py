"""Paging of the long lists: the case list, partner cases and the three referral sections."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from stepstones.agencies.models import Organisation
from stepstones.cases import views as case_views
from stepstones.cases.access import partner_cases_for
from stepstones.cases.models import Case
from stepstones.cases.ui import page_rows
from stepstones.referrals import actions as referral_actions
from stepstones.referrals import views as referral_views
from stepstones.referrals.models import Referral
from tests.personas import Network, build_network, open_case, refer

pytestmark = pytest.mark.django_db


@pytest.fixture
def net() -> Network:
    return build_network()


def _client(net: Network, who: str) -> Client:
    return net.client(who)


def _page(query: dict[str, str]) -> tuple[list[str], int, str, str]:
    request = RequestFactory().get("/list/", query)
    rows = page_rows(request, Organisation.objects.order_by("name"), per_page=2)
    return [o.name for o in rows.rows], rows.number, rows.previous_query, rows.next_query


# Five organisations by name: Centre, Hilltop, National, Open Door, Police.
@pytest.mark.parametrize(
    ("query", "names", "number", "has_previous", "has_next"),
    [
        ({}, ["Centre", "Hilltop"], 1, False, True),
        ({"page": "2"}, ["National", "Open Door"], 2, True, True),
        ({"page": "3"}, ["Police"], 3, True, False),
        ({"page": "4"}, ["Police"], 3, True, False),
        ({"page": "99999999999999999999"}, ["Police"], 3, True, False),
        ({"page": "0"}, ["Centre", "Hilltop"], 1, False, True),
        ({"page": "-2"}, ["Centre", "Hilltop"], 1, False, True),
        ({"page": "two"}, ["Centre", "Hilltop"], 1, False, True),
        ({"page": "²"}, ["Centre", "Hilltop"], 1, False, True),
        ({"page": "٣"}, ["Centre", "Hilltop"], 1, False, True),
    ],
    ids=[
        "first page",
        "next page",
        "last page",
        "past the end shows the last page",
        "a huge number shows the last page",
        "zero is the first page",
        "negative is the first page",
        "not a number is the first page",
        "a superscript digit is the first page",
        "an Arabic-Indic digit is the first page",
    ],
)
def test_it_pages_a_list_without_counting(
    net: Network,
    query: dict[str, str],
    names: list[str],
    number: int,
    has_previous: bool,
    has_next: bool,
) -> None:
    shown, page, previous_query, next_query = _page(query)
    assert [n.split()[0] for n in shown] == [n.split()[0] for n in names]
    assert page == number
    assert bool(previous_query) is has_previous
    assert bool(next_query) is has_next
    if has_next:
        assert f"page={number + 1}" in next_query


def test_it_keeps_the_other_parameters_in_its_links(net: Network) -> None:
    request = RequestFactory().get("/list/", {"status": "all", "q": "A&B", "page": "2"})
    rows = page_rows(request, Organisation.objects.order_by("name"), per_page=2)
    assert "status=all" in rows.next_query
    assert "q=A%26B" in rows.next_query
    assert "page=3" in rows.next_query
    assert "page=1" in rows.previous_query


def test_it_shows_page_one_of_an_empty_list(net: Network) -> None:
    request = RequestFactory().get("/list/", {"page": "5"})
    rows = page_rows(request, Case.objects.order_by("id"), per_page=2)
    assert (rows.rows, rows.number, rows.previous_query, rows.next_query) == ([], 1, "", "")


def _codes(html: str, section: str) -> list[str]:
    """The case codes listed in one section of a page, in order."""
    match = re.search(rf'<section[^>]*id="{section}".*?</section>', html, re.S)
    assert match is not None, section
    return re.findall(r">([A-Z]{2}-[A-Z0-9]{4}-[A-Z0-9]{4})</a>", match.group(0))


def _referrals(net: Network, n: int) -> list[Referral]:
    return [refer(net, open_case(net), net.social) for _ in range(n)]


@pytest.fixture
def small_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(referral_views, "INBOX_PAGE", 2)
    monkeypatch.setattr(case_views, "PARTNER_PAGE", 2)
    monkeypatch.setattr(case_views, "CASE_PAGE", 2)


def test_it_pages_the_incoming_referrals(net: Network, small_pages: None) -> None:
    sent = [r.case.person.code for r in _referrals(net, 5)]
    sara = _client(net, "sara")
    first = sara.get(reverse("referrals:inbox")).content.decode()
    assert _codes(first, "incoming") == sent[:2]
    assert "incoming_page=2" in first
    second = sara.get(reverse("referrals:inbox"), {"incoming_page": "2"}).content.decode()
    assert _codes(second, "incoming") == sent[2:4]
    beyond = sara.get(reverse("referrals:inbox"), {"incoming_page": "40"}).content.decode()
    assert _codes(beyond, "incoming") == sent[4:]
    assert "incoming_page=5" not in beyond


def test_it_pages_each_section_on_its_own(net: Network, small_pages: None) -> None:
    sent = [r.case.person.code for r in _referrals(net, 3)]
    nina = _client(net, "nina")
    html = nina.get(
        reverse("referrals:inbox"), {"status": "all", "sent_page": "2"}
    ).content.decode()
    assert _codes(html, "sent") == sent[2:]
    assert _codes(html, "incoming") == []
    # The link back keeps the status filter.
    assert re.search(r'href="\?status=all&amp;sent_page=1#sent"', html)


def test_it_pages_the_cases_worked_on_for_others(net: Network, small_pages: None) -> None:
    referrals = _referrals(net, 3)
    for referral in referrals:
        referral_actions.accept_referral(referral, by=net.sara)
    # Newest change first: the last accepted case leads.
    newest = [r.case.person.code for r in reversed(referrals)]
    sara = _client(net, "sara")
    first = sara.get(reverse("cases:list")).content.decode()
    assert _codes(first, "partner") == newest[:2]
    second = sara.get(reverse("cases:list"), {"partner_page": "2"}).content.decode()
    assert _codes(second, "partner") == newest[2:]


@pytest.mark.parametrize(
    ("page", "shown", "number"),
    [("", slice(0, 2), 1), ("2", slice(2, 4), 2), ("3", slice(4, 5), 3), ("9", slice(4, 5), 3)],
    ids=["first page", "next page", "last page", "past the end shows the last page"],
)
def test_it_pages_the_cases_held_newest_first(
    net: Network, small_pages: None, page: str, shown: slice, number: int
) -> None:
    newest = [open_case(net).person.code for _ in range(5)][::-1]
    html = _client(net, "nina").get(reverse("cases:list"), {"page": page}).content.decode()
    assert _codes(html, "held") == newest[shown]
    assert f"Page {number} of 3" in html
    assert (f"page={number + 1}" in html) is (number < 3)
    assert (f"page={number - 1}" in html) is (number > 1)


def _count(client: Client, url: str, query: dict[str, str] | None = None) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, query or {}).status_code == 200
    return len(queries)


def test_it_pages_in_the_same_number_of_queries_with_few_and_many_rows(
    net: Network, small_pages: None
) -> None:
    _referrals(net, 1)
    sara, nina = _client(net, "sara"), _client(net, "nina")
    few = {
        "inbox": _count(sara, reverse("referrals:inbox")),
        "sent": _count(nina, reverse("referrals:inbox"), {"status": "all"}),
        "cases": _count(nina, reverse("cases:list")),
    }
    for referral in _referrals(net, 6):
        referral_actions.accept_referral(referral, by=net.sara)
    _referrals(net, 5)
    many = {
        "inbox": _count(sara, reverse("referrals:inbox"), {"incoming_page": "2"}),
        "sent": _count(nina, reverse("referrals:inbox"), {"status": "all", "sent_page": "3"}),
        "cases": _count(nina, reverse("cases:list"), {"page": "2"}),
    }
    assert many == few
    # Sara's partner cases now fill several pages: the same count as her first visit.
    assert _count(sara, reverse("cases:list"), {"partner_page": "2"}) == _count(
        sara, reverse("cases:list")
    )


@pytest.mark.parametrize(
    ("who", "page"),
    [("sara", "inbox"), ("nina", "inbox"), ("nina", "case"), ("nina", "dashboard")],
    ids=["receiver's inbox", "sender's inbox", "case page", "dashboard"],
)
def test_it_never_reads_the_packet_column_for_a_list(net: Network, who: str, page: str) -> None:
    case = _referrals(net, 2)[0].case
    url = {
        "inbox": reverse("referrals:inbox") + "?status=all",
        "case": reverse("cases:case", args=[case.pk]),
        "dashboard": reverse("cases:dashboard"),
    }[page]
    with CaptureQueriesContext(connection) as queries:
        assert _client(net, who).get(url).status_code == 200
    listed = [q["sql"] for q in queries.captured_queries if "referrals_referral" in q["sql"]]
    assert listed
    assert not any("packet_token" in sql for sql in listed)


def test_it_finds_partner_cases_once_whatever_their_referrals(net: Network) -> None:
    case = open_case(net)
    for _ in range(3):
        referral_actions.accept_referral(refer(net, case, net.social), by=net.sara)
    assert list(partner_cases_for(net.sara.user)) == [case]
    assert list(partner_cases_for(net.nina.user)) == []
    assert list(partner_cases_for(net.petar.user)) == []


def _grow(net: Network, case: Case, n: int) -> None:
    """Give the case n more consents, referrals (to the social centre) and services."""
    for _ in range(n):
        refer(net, case, net.social)  # records a consent, then sends
        referral_actions.record_service(case, kind="shelter", by=net.nina)


def test_the_case_page_stays_the_same_size_and_query_count_as_a_case_grows(
    net: Network, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(case_views, "CASE_SECTION", 3)
    case = open_case(net)
    nina = _client(net, "nina")
    url = reverse("cases:case", args=[case.pk])
    _grow(net, case, 1)
    few = _count(nina, url)
    _grow(net, case, 7)
    assert _count(nina, url) == few
    page = nina.get(url).content.decode()
    for section in ("referrals", "services", "consents"):
        assert f"{section}_page=2#{section}" in page, section
    rows = page.split('id="referrals"')[1].split("</section>")[0].count("<tr class=")
    assert rows == 3
    last = nina.get(url, {"referrals_page": "3"}).content.decode()
    assert last.split('id="referrals"')[1].split("</section>")[0].count("<tr class=") == 2
    assert _count(nina, url, {"referrals_page": "2", "consents_page": "2"}) == few
