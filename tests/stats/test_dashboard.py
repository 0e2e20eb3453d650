"""The statistics dashboard: who sees it, what it counts, that nothing small leaks, exports."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import Counter
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from stepstones.agencies.models import Kind, Membership, Organisation, Role
from stepstones.cases.models import Case, Person
from stepstones.stats.compute import publish
from stepstones.stats.panels import PANELS, Filters
from stepstones.stats.views import last_complete_quarter
from tests.personas import PASSWORD, Network, build_network

pytestmark = pytest.mark.django_db

OPENED = dt.datetime(2026, 2, 10, 12, tzinfo=dt.UTC)


def make_cases(org: Organisation, n: int, **fields: Any) -> None:
    """n cases with the given person and case fields (straight into the tables: the figures,
    not the actions, are under test here)."""
    person_fields = {
        k: fields.pop(k)
        for k in ("gender", "is_child", "citizenship", "primary_language")
        if k in fields
    }
    for _ in range(n):
        person = Person.objects.create(**person_fields)
        Case.objects.create(
            person=person, accountable_org=org, opened_at=OPENED, updated_at=OPENED, **fields
        )


@pytest.fixture
def net() -> Network:
    net = build_network()
    make_cases(
        net.ngo,
        25,
        gender="Feminine",
        citizenship=["AL"],
        type_of_exploitation=["SexualExploitation"],
    )
    make_cases(
        net.ngo, 15, gender="Masculine", citizenship=["MK"], type_of_exploitation=["ForcedLabour"]
    )
    make_cases(
        net.police,
        20,
        gender="Masculine",
        citizenship=["MK"],
        type_of_exploitation=["ForcedLabour"],
    )
    make_cases(
        net.ngo,
        3,
        gender="Feminine",
        is_child=True,
        citizenship=["AL"],
        type_of_exploitation=["ForcedBegging"],
    )
    far = Organisation.objects.create(
        name="Bitola Shelter",
        kind=Kind.NON_GOVERNMENTAL,
        sectors=[],
        region="Bitola",
        municipality="Bitola",
        services=[],
        languages=[],
    )
    make_cases(
        far, 4, gender="Masculine", citizenship=["MK"], type_of_exploitation=["ForcedLabour"]
    )
    return net


def login(username: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def published_values(
    panel: str, filters: Filters, org: Organisation | None = None
) -> dict[Any, int | None]:
    return {k: c.count for k, c in publish(PANELS[panel], filters, org).table.cells.items()}


def test_every_panel_publishes_no_small_count(net: Network) -> None:
    for slug in PANELS:
        for org in (None, net.ngo):
            for value in published_values(slug, Filters(), org).values():
                assert value is None or value == 0 or value >= 10, slug


def test_the_three_girls_are_hidden_with_what_would_give_them_away(net: Network) -> None:
    cells = published_values("gender-age", Filters())
    assert cells[("Feminine", "yes")] is None
    assert cells[("Feminine", "no")] is None, "the row total minus this cell would give 3"
    assert cells[("\x00total", "\x00total")] == 67


@pytest.mark.parametrize(
    ("filters", "org"),
    [
        (Filters(region="Skopje"), False),
        (Filters(org_kind=Kind.NON_GOVERNMENTAL), False),
        (Filters(form="ForcedLabour"), False),
        (Filters(), True),
        (Filters(region="Skopje"), True),
    ],
)
def test_no_filter_gives_a_small_group_by_subtraction(
    net: Network, filters: Filters, org: bool
) -> None:
    """Each pair of releases a reader holds: no published difference is between 1 and 9."""
    for slug in ("gender-age", "stage", "region", "citizenship", "exploitation", "quarter"):
        broad = published_values(slug, Filters())
        narrow = published_values(slug, filters, net.ngo if org else None)
        for key, value in narrow.items():
            before = broad[key]
            if value is not None and before is not None:
                assert not 0 < before - value < 10, (slug, key, before, value)


def test_an_empty_network_publishes_empty_tables() -> None:
    for slug in PANELS:
        publish(PANELS[slug], Filters())


@pytest.mark.parametrize("username", ["cora", "nina", "olga", "ivan"])
def test_the_dashboard_and_report_render(net: Network, username: str) -> None:
    client = login(username)
    page = client.get(reverse("stats:dashboard"), {"year": "2026", "form": "ForcedLabour"})
    assert page.status_code == 200
    text = page.content.decode()
    assert 'role="img"' in text and "<table>" in text
    assert client.get(reverse("stats:report")).status_code == 200


def test_an_organisation_sees_its_own_figures_on_asking(net: Network) -> None:
    page = login("nina").get(reverse("stats:dashboard"), {"scope": "own"})
    assert "Open Door Outreach" in page.content.decode()


@pytest.mark.parametrize("role", [Role.FRONTLINE_WORKER, Role.AUDITOR, Role.TRAINER])
def test_other_roles_see_no_statistics(net: Network, role: str) -> None:
    user = User.objects.create_user("fiona", "fiona@example.org", PASSWORD)
    Membership.objects.create(user=user, organisation=net.ngo, role=role)
    client = login("fiona")
    assert client.get(reverse("stats:dashboard")).status_code == 404
    assert client.get(reverse("stats:export", args=["stage", "csv"])).status_code == 404


def test_csv_export_escapes_formulas_and_matches_the_page(net: Network) -> None:
    shady = Organisation.objects.create(
        name="Shady",
        kind=Kind.INTERNATIONAL,
        sectors=[],
        region="=HYPERLINK(1)",
        municipality="x",
        services=[],
        languages=[],
    )
    make_cases(shady, 12, gender="Masculine")
    response = login("cora").get(reverse("stats:export", args=["region", "csv"]))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["Region", "People"]
    assert "'=HYPERLINK(1)" in [row[0] for row in rows]
    assert ["Bitola", "hidden"] in rows
    assert ["Total", "79"] in rows


def test_xlsx_export_opens(net: Network) -> None:
    response = login("cora").get(reverse("stats:export", args=["gender-age", "xlsx"]))
    book = load_workbook(io.BytesIO(response.content))
    sheet = book.worksheets[0]
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0] == ["Gender", "Under 18", "18 or over", "Total"]
    assert ["Masculine", 0, 39, 39] in values
    assert ["Total", "hidden", "hidden", 67] in values


def test_an_unknown_panel_or_format_is_not_found(net: Network) -> None:
    client = login("cora")
    assert client.get(reverse("stats:export", args=["names", "csv"])).status_code == 404
    assert client.get(reverse("stats:export", args=["stage", "pdf"])).status_code == 404


def test_the_form_filter_narrows_on_both_databases(net: Network) -> None:
    cells = published_values("exploitation", Filters(form="ForcedLabour"))
    assert cells[("ForcedLabour",)] == 39
    assert cells[("SexualExploitation",)] == 0


@pytest.mark.parametrize(
    ("today", "quarter"),
    [
        (dt.date(2026, 12, 7), (2026, 3)),
        (dt.date(2026, 1, 1), (2025, 4)),
        (dt.date(2026, 4, 1), (2026, 1)),
        (dt.date(2026, 3, 31), (2025, 4)),
    ],
)
def test_the_report_shows_the_last_complete_quarter(
    today: dt.date, quarter: tuple[int, int]
) -> None:
    assert last_complete_quarter(today) == quarter


def test_the_demo_statistics_add_cases_once() -> None:
    from django.core.management import call_command

    from stepstones.stats.demo import load_demo

    assert load_demo(30) == 0, "without the demo network there is nothing to add to"
    call_command("demo", stdout=io.StringIO())
    before = Case.objects.count()
    from stepstones.duplicates.models import PossibleDuplicate

    pairs = PossibleDuplicate.objects.count()
    assert load_demo(30) == 30
    assert Case.objects.count() == before + 30
    # The demo's own cross-script duplicates stay the only ones: the statistics' fictional
    # people carry no name that would pair them with one another.
    assert PossibleDuplicate.objects.count() == pairs == 2
    assert load_demo(30) == 0
    out = io.StringIO()
    call_command("demo_statistics", stdout=out)
    assert "No demo cases added" in out.getvalue()
    quarters = published_values("quarter", Filters())
    assert quarters[("\x00total",)] == before + 30


def test_a_case_opened_between_two_queries_does_not_break_the_page() -> None:
    from stepstones.disclosure import CrossTable
    from stepstones.stats.compute import within

    broad = CrossTable((("a", "b"),), {("a",): 12, ("b",): 30})
    narrow = within(Counter({("a",): 13, ("b",): 5, ("c",): 1}), broad)
    assert narrow == Counter({("a",): 12, ("b",): 5})


@pytest.mark.parametrize(
    ("query", "named"),
    [
        ("region=Atlantis", "Region"),
        ("year=1850", "Year"),
        ("quarter=5", "Quarter"),
        ("org_kind=secret_service", "Kind of organisation"),
        ("form=unknown", "Form of exploitation"),
    ],
)
def test_a_filter_not_understood_is_left_out_and_the_page_says_which(
    net: Network, query: str, named: str
) -> None:
    client = net.client("cora")
    page = client.get(f"{reverse('stats:dashboard')}?{query}").content.decode()
    assert f"The filter “{named}” in the address is not one we know" in page
    unfiltered = client.get(reverse("stats:dashboard")).content.decode()
    assert "is not one we know" not in unfiltered
