"""The case list's filters and saved filters, as a caseworker uses them."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from stepstones.cases import actions as case_actions
from stepstones.cases.models import Case, SavedFilter
from stepstones.referrals.models import Referral
from tests.personas import Network, build_network, refer

pytestmark = pytest.mark.django_db

TEN_DAYS_AGO = (dt.datetime.now(dt.UTC) - dt.timedelta(days=10)).date().isoformat()


@pytest.fixture
def net() -> Network:
    return build_network()


@pytest.fixture
def cases(net: Network) -> dict[str, Case]:
    """Five cases held by nina's NGO, each differing in what the filters look at."""

    def case(**extra: object) -> Case:
        return case_actions.open_case(by=net.nina, **extra)  # type: ignore[arg-type]

    made = {
        "girl": case(gender="Feminine", is_child=True, type_of_exploitation=["SexualExploitation"]),
        "man": case(gender="Masculine", type_of_exploitation=["ForcedLabour"]),
        "woman": case(gender="Feminine", type_of_exploitation=["ForcedLabour", "Servitude"]),
        "unscreened": case(),
        "closed": case(gender="Masculine"),
    }
    case_actions.record_assessment(
        made["girl"],
        facts={},
        result={},
        catalogue_version="t-1",
        outcome="possible_victim",
        by=net.nina,
    )
    case_actions.record_assessment(
        made["man"], facts={}, result={}, catalogue_version="t-1", outcome="smuggling", by=net.nina
    )
    case_actions.close_case(made["closed"], reason="no_indicators", by=net.nina)
    Case.objects.filter(pk=made["woman"].pk).update(
        opened_at=timezone.now() - dt.timedelta(days=40)
    )
    late = refer(net, made["woman"], net.social)
    Referral.objects.filter(pk=late.pk).update(due_at=timezone.now() - dt.timedelta(hours=1))
    return made


def _listed(client: Client, query: str, cases: dict[str, Case]) -> set[str]:
    html = client.get(reverse("cases:list") + "?" + query).content.decode()
    codes = {c.person.code: name for name, c in cases.items()}
    return {
        codes[code] for code in re.findall(r"SC-[A-Z0-9]{4}-[A-Z0-9]{4}", html) if code in codes
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"girl", "man", "woman", "unscreened"}),
        ("stage=all", {"girl", "man", "woman", "unscreened", "closed"}),
        ("stage=closed", {"closed"}),
        ("outcome=possible_victim", {"girl"}),
        ("outcome=smuggling", {"man"}),
        ("outcome=none", {"woman", "unscreened"}),
        ("age=child", {"girl"}),
        ("age=adult", {"man", "woman", "unscreened"}),
        ("gender=Feminine", {"girl", "woman"}),
        ("exploitation=ForcedLabour", {"man", "woman"}),
        ("exploitation=Servitude", {"woman"}),
        ("exploitation=ForcedLabour&gender=Masculine", {"man"}),
        ("overdue=on", {"woman"}),
        (f"opened_to={TEN_DAYS_AGO}", {"woman"}),
        (
            f"opened_from={TEN_DAYS_AGO}",
            {"girl", "man", "unscreened"},
        ),
    ],
)
def test_each_filter_narrows_the_list(
    net: Network, cases: dict[str, Case], query: str, expected: set[str]
) -> None:
    assert _listed(net.client("nina"), query, cases) == expected


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("outcome=lost", "Last screening"),
        ("gender=robot", "Gender"),
        ("opened_from=yesterday", "Opened from"),
        ("opened_from=2026-12-01&opened_to=2026-11-01", "Opened until"),
    ],
)
def test_a_bad_filter_is_named_beside_its_field_and_the_list_still_shows(
    net: Network, cases: dict[str, Case], query: str, field: str
) -> None:
    response = net.client("nina").get(reverse("cases:list") + "?" + query)
    html = response.content.decode()
    assert response.status_code == 200
    label = html.index(f">{field}")
    errors = html.index('class="errorlist"', label)
    assert errors - label < 1500
    # The bad filter is left out: the open cases are all listed.
    assert _listed(net.client("nina"), query, cases) >= {"girl", "man", "unscreened"}


def test_a_worker_saves_a_filter_uses_it_and_deletes_it(
    net: Network, cases: dict[str, Case]
) -> None:
    nina = net.client("nina")
    saved = nina.post(
        reverse("cases:filter_save"), {"name": "Late ones", "query": "overdue=on&stage="}
    )
    assert saved.status_code == 302
    mine = SavedFilter.objects.get(user=net.nina.user)
    assert mine.name == "Late ones"
    html = nina.get(reverse("cases:list")).content.decode()
    link = re.search(r'<a href="\?([^"]+)">Late ones</a>', html)
    assert link is not None
    assert _listed(nina, link.group(1).replace("&amp;", "&"), cases) == {"woman"}
    # Saving under the same name replaces it; nobody else sees or deletes it.
    nina.post(reverse("cases:filter_save"), {"name": "Late ones", "query": "age=child"})
    assert SavedFilter.objects.get(user=net.nina.user).query == "age=child"
    assert "Late ones" not in net.client("petar").get(reverse("cases:list")).content.decode()
    other = net.client("petar").post(reverse("cases:filter_delete", args=[mine.pk]))
    assert other.status_code == 404
    nina.post(reverse("cases:filter_delete", args=[mine.pk]))
    assert not SavedFilter.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": "", "query": "age=child"}, "Name the filter to save it."),
        ({"name": "Bad", "query": "gender=robot"}, "These filters cannot be saved"),
    ],
)
def test_a_filter_that_cannot_be_saved_says_why(
    net: Network, data: dict[str, str], message: str
) -> None:
    response = net.client("nina").post(reverse("cases:filter_save"), data, follow=True)
    shown = [str(m) for m in response.context["messages"]]
    assert len(shown) == 1 and shown[0].startswith(message)
    assert not SavedFilter.objects.exists()


def test_filtering_adds_no_queries_per_case(net: Network, cases: dict[str, Case]) -> None:
    nina = net.client("nina")
    query = "overdue=on&exploitation=ForcedLabour&gender=Feminine&outcome=none&age=adult"
    nina.get(reverse("cases:list") + "?" + query)
    with CaptureQueriesContext(connection) as few:
        nina.get(reverse("cases:list") + "?" + query)
    for _ in range(5):
        case_actions.open_case(
            by=net.nina, gender="Feminine", type_of_exploitation=["ForcedLabour"]
        )
    with CaptureQueriesContext(connection) as more:
        nina.get(reverse("cases:list") + "?" + query)
    assert len(more.captured_queries) == len(few.captured_queries)


def test_a_screening_sets_the_cases_last_outcome(net: Network) -> None:
    case = case_actions.open_case(by=net.nina)
    assert case.last_outcome == ""
    for outcome in ("smuggling", "smuggling_with_trafficking_risk"):
        case_actions.record_assessment(
            case, facts={}, result={}, catalogue_version="t-1", outcome=outcome, by=net.nina
        )
        assert Case.objects.get(pk=case.pk).last_outcome == outcome
