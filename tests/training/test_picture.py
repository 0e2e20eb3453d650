"""The national picture: GLOTIP counts read from the data set's file, never from the repository."""

from __future__ import annotations

import csv
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from stepstones.agencies.models import Membership
from stepstones.training.glotip import COLUMNS, GlotipError, read_figures
from stepstones.training.models import NationalFigure, PictureNote
from stepstones.training.picture import national_picture

pytestmark = pytest.mark.django_db

HEADER = [
    "Iso3_code", "Country", "Region", "Subregion", "Indicator", "Dimension", "Category", "Sex",
    "Age", "Year", "Unit of measurement", "txtVALUE", "Source",
]  # fmt: skip


def _row(iso: str, dim: str, cat: str, sex: str, age: str, year: int, value: str) -> list[str]:
    return [
        iso, "X", "Europe", "Southern Europe", "Detected trafficking victims", dim, cat, sex, age,
        str(year), "Counts", value, "GLOTIP",
    ]  # fmt: skip


ROWS = [
    _row("MKD", "Total", "Total", "Total", "Total", 2021, "48"),
    _row("MKD", "Total", "Total", "Total", "Total", 2022, "9"),
    _row("MKD", "Total", "Total", "Total", "Total", 2022, "9"),  # an exact duplicate
    _row("MKD", "Total", "Total", "Female", "0 to 17 years", 2022, "6"),
    _row("MKD", "Total", "Total", "Male", "0 to 17 years", 2022, "<5"),
    _row("MKD", "by form of exploitation", "Sexual exploitation", "Total", "Total", 2021, "30"),
    _row("MKD", "by form of exploitation", "Sexual exploitation", "Total", "Total", 2022, "<5"),
    _row("MKD", "by form of exploitation", "Forced labour", "Total", "Total", 2022, "4"),
    _row("MKD", "by citizenship", "Nationals", "Total", "Total", 2022, "7"),  # not kept
    _row("SRB", "Total", "Total", "Total", "Total", 2019, "40"),
    _row("SRB", "Total", "Total", "Total", "Total", 2021, "<5"),
    _row("FRA", "Total", "Total", "Total", "Total", 2021, "300"),  # not a neighbour
]


def _csv(path: Path, rows: list[list[str]], header: list[str] = HEADER) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def test_it_reads_the_neighbourhood_once_each_with_small_counts_kept_suppressed(
    tmp_path: Path,
) -> None:
    reading = read_figures(_csv(tmp_path / "g.csv", ROWS))
    figures = reading.figures
    assert (len(figures), reading.conflicting) == (9, 0)
    assert {f.country for f in figures} == {"MKD", "SRB"}
    suppressed = [f for f in figures if f.value is None]
    assert len(suppressed) == 3


def test_it_names_a_missing_column_and_a_bad_count(tmp_path: Path) -> None:
    short = _csv(tmp_path / "short.csv", [], header=[c for c in HEADER if c != "txtVALUE"])
    with pytest.raises(GlotipError, match="txtVALUE"):
        read_figures(short)
    bad = _csv(
        tmp_path / "bad.csv", [_row("MKD", "Total", "Total", "Total", "Total", 2022, "many")]
    )
    with pytest.raises(GlotipError, match="line 2"):
        read_figures(bad)
    assert set(COLUMNS) <= set(HEADER)


def test_a_count_given_twice_with_different_values_is_left_out(tmp_path: Path) -> None:
    twice = [
        _row("BGR", "Total", "Total", "Female", "Total", 2017, "407"),
        _row("BGR", "Total", "Total", "Female", "Total", 2017, "36"),
        _row("BGR", "Total", "Total", "Male", "Total", 2017, "59"),
    ]
    reading = read_figures(_csv(tmp_path / "g.csv", twice))
    assert [(f.sex, f.value) for f in reading.figures] == [("male", 59)]
    assert reading.conflicting == 1


def test_the_import_replaces_the_picture_and_the_page_shows_it(
    tmp_path: Path, trainer: Membership
) -> None:
    path = _csv(tmp_path / "g.csv", ROWS)
    out = StringIO()
    call_command("import_glotip", path=path, stdout=out)
    call_command("import_glotip", path=path, stdout=out)  # again: replaced, not doubled
    assert NationalFigure.objects.count() == 9
    picture = national_picture()
    assert picture.by_year == ((2021, 48), (2022, 9))
    assert picture.latest_year == 2022
    assert ("female", "child", 6) in picture.by_sex_age
    assert dict((f, (n, s)) for f, n, s in picture.by_form) == {"sexual": (30, 1), "labour": (4, 0)}
    assert picture.neighbours == (("RS", 2021, None),)
    tina = trainer
    org = trainer.organisation
    client = Client()
    client.force_login(tina.user)
    page = client.get(reverse("training:picture")).content.decode()
    assert "UNODC, Global Report on Trafficking in Persons" in page
    assert "fewer than 5" in page and "48" in page
    added = client.post(
        reverse("training:picture"), {"text": "Victims are often 13-17.", "source": "NRM 2023"}
    )
    assert added.status_code == 302
    assert PictureNote.objects.get().organisation == org
    blank = client.post(reverse("training:picture"), {"text": "", "source": ""})
    assert blank.status_code == 200 and PictureNote.objects.count() == 1


def test_the_import_says_when_the_file_is_absent(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="no such file"):
        call_command("import_glotip", path=tmp_path / "absent.csv")
    out = StringIO()
    call_command("import_glotip", path=tmp_path / "absent.csv", if_present=True, stdout=out)
    assert "not found" in out.getvalue()
    assert not national_picture().by_year


def test_the_who_is_vulnerable_debrief_shows_who_is_detected(
    tmp_path: Path, trainer: Membership
) -> None:
    import datetime as dt

    import time_machine

    from stepstones.training import actions
    from stepstones.training.models import StepKind
    from stepstones.training.steps import StepSpec

    call_command("import_glotip", path=_csv(tmp_path / "g.csv", ROWS), stdout=StringIO())
    tina = trainer
    with time_machine.travel(dt.datetime(2026, 12, 7, 9, 0, tzinfo=dt.UTC)):
        session = actions.create_session(
            by=tina,
            title="Vulnerable",
            day=dt.date(2026, 12, 7),
            language="en",
            steps=[StepSpec(StepKind.VULNERABLE)],
        )
        actions.reveal(session)
        client = Client()
        client.force_login(tina.user)
        live = client.get(reverse("training:projector_live", args=[session.pk])).content
    html = live.decode()
    assert "Who was detected in North Macedonia, 2022" in html
    assert "Women and girls" in html and "UNODC" in html
