"""HTCDS 2.0 export: valid against our schema, values from the standard's picklists, a round
trip that gives the same file, and the statistical export k-anonymous."""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from pathlib import Path

import pytest
from django.core.management import call_command

from stepstones.cases.models import Case
from stepstones.stats import htcds
from tests.personas import Network, build_network
from tests.stats.test_dashboard import make_cases

ROOT = Path(__file__).resolve().parents[2]
STANDARD = ROOT.parent / "shared" / "data" / "htcds" / "htcds_field_standards_2.0.csv"


def test_the_schema_file_is_the_one_the_code_writes() -> None:
    on_disk = json.loads((ROOT / "docs" / "htcds.schema.json").read_text(encoding="utf-8"))
    assert on_disk == htcds.schema()


def test_every_value_is_in_the_standards_picklist() -> None:
    if not STANDARD.exists():
        pytest.skip(f"the HTCDS field standards are not at {STANDARD}")
    picklists: dict[str, set[str]] = {}
    with STANDARD.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            values = row["Value Names (if picklist)"]
            picklists[row["Field Name including Prefix"]] = {v.strip() for v in values.split("\n")}
    for name, rule in htcds.schema()["properties"].items():
        if name == htcds.CODE:
            continue
        assert name in picklists, name
        allowed = rule.get("enum") or rule.get("items", {}).get("enum")
        if allowed:
            assert set(allowed) - {""} <= picklists[name], name


@pytest.fixture
def net() -> Network:
    net = build_network()
    make_cases(
        net.ngo,
        14,
        gender="Feminine",
        citizenship=["AL", "MK"],
        type_of_exploitation=["SexualExploitation", "ForcedLabour"],
    )
    make_cases(
        net.police,
        12,
        gender="Masculine",
        citizenship=["MK"],
        methods_of_control=["DebtBondage"],
        primary_language="mk",
    )
    make_cases(
        net.police,
        2,
        gender="NonConforming",
        citizenship=["NG"],
        trafficking_status="ActualVictimOfTrafficking",
        decision_making_org="Police",
    )
    return net


def exported() -> list[htcds.Record]:
    cases = Case.objects.select_related("person").order_by("id")
    return list(htcds.records(cases, with_code=True))


@pytest.mark.django_db
def test_json_round_trip_gives_the_same_file(net: Network) -> None:
    first = htcds.to_json(exported())
    rows = htcds.from_json(first)
    assert all(htcds.problems(row) == [] for row in rows)
    assert htcds.to_json(rows) == first
    assert {row["prs_Gender"] for row in rows} == {"Feminine", "Masculine", "NonConforming"}


@pytest.mark.django_db
def test_csv_round_trip_gives_the_same_file(net: Network) -> None:
    cols = htcds.columns(with_code=True)
    first = "".join(htcds.to_csv(exported(), cols))
    rows = htcds.from_csv(first)
    assert all(htcds.problems(row) == [] for row in rows)
    assert "".join(htcds.to_csv(rows, cols)) == first
    assert "AL;MK" in first


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"prs_Gender": "female"}, "prs_Gender: 'female' is not an HTCDS value"),
        (
            {"prs_Citizenship": ["Albania"]},
            "prs_Citizenship: 'Albania' does not have the expected form",
        ),
        ({"vic_TypeOfExploitation": "ForcedLabour"}, "vic_TypeOfExploitation: a list is expected"),
        ({"prs_FirstName": "Amira"}, "prs_FirstName: not an HTCDS field we exchange"),
    ],
)
@pytest.mark.django_db
def test_bad_records_are_reported(net: Network, change: dict[str, object], problem: str) -> None:
    row = {**exported()[0], **change}
    assert problem in htcds.problems(row)


@pytest.mark.django_db
def test_the_statistical_export_is_k_anonymous_and_says_so(net: Network, tmp_path: Path) -> None:
    out = tmp_path / "cases.json"
    call_command("export_htcds", "--out", str(out))
    rows = htcds.from_json(out.read_text(encoding="utf-8"))
    assert all(htcds.CODE not in row for row in rows)
    assert all(htcds.problems(row, with_code=False) == [] for row in rows)
    groups = Counter(
        (r["prs_Gender"], tuple(r["prs_Citizenship"]), r["prs_PrimaryLanguage"]) for r in rows
    )
    assert min(groups.values()) >= 11
    assert "NonConforming" not in {r["prs_Gender"] for r in rows}, "two people would stand out"


PASSPHRASE = "a long exchange passphrase"


@pytest.mark.parametrize("fmt", ["json", "csv"])
@pytest.mark.django_db
def test_the_exchange_is_sealed_audited_and_opens_to_every_case(
    net: Network,
    tmp_path: Path,
    fmt: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from stepstones.audit.models import AuditEvent

    monkeypatch.setenv("STEPSTONES_EXPORT_PASSPHRASE", PASSPHRASE)
    out = tmp_path / f"exchange.{fmt}.sealed"
    call_command("export_htcds", "--exchange", "--format", fmt, "--out", str(out))
    blob = out.read_bytes()
    codes = list(Case.objects.values_list("person__code", flat=True))
    assert blob.startswith(b"stepstones-sealed-export-1\n")
    assert not any(code.encode() in blob for code in codes), "a case code in the clear"
    assert out.stat().st_mode & 0o077 == 0
    event = AuditEvent.objects.get(action="htcds.exported")
    assert event.details["exchange"] is True and event.details["records"] == len(codes)
    capsys.readouterr()
    call_command("export_htcds", "--open", str(out))
    text = capsys.readouterr().out
    rows = htcds.from_json(text) if fmt == "json" else htcds.from_csv(text)
    assert sorted(str(row[htcds.CODE]) for row in rows) == sorted(codes)


@pytest.mark.parametrize(
    ("args", "passphrase", "message"),
    [
        (["--exchange"], PASSPHRASE, "name the file to seal it into with --out FILE"),
        (["--exchange", "--out", "{out}"], "", "Give a passphrase: --passphrase-file FILE"),
        (["--exchange", "--out", "{out}"], "too short", "at least 12 characters long"),
        (
            ["--exchange", "--out", "{out}", "--passphrase-file", "{missing}"],
            "",
            "The passphrase file cannot be read",
        ),
    ],
)
@pytest.mark.django_db
def test_an_exchange_without_a_file_or_a_good_passphrase_writes_nothing(
    net: Network,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    passphrase: str,
    message: str,
) -> None:
    from django.core.management.base import CommandError

    from stepstones.audit.models import AuditEvent

    monkeypatch.setenv("STEPSTONES_EXPORT_PASSPHRASE", passphrase)
    out = tmp_path / "exchange.sealed"
    filled = [a.format(out=out, missing=tmp_path / "nowhere") for a in args]
    with pytest.raises(CommandError, match=re.escape(message)):
        call_command("export_htcds", *filled)
    assert not out.exists()
    assert capsys.readouterr().out == "", "nothing printed in the clear either"
    assert not AuditEvent.objects.filter(action="htcds.exported").exists()


@pytest.mark.django_db
def test_a_sealed_exchange_does_not_open_with_another_passphrase(
    net: Network, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from django.core.management.base import CommandError

    monkeypatch.setenv("STEPSTONES_EXPORT_PASSPHRASE", PASSPHRASE)
    out = tmp_path / "exchange.sealed"
    call_command("export_htcds", "--exchange", "--out", str(out))
    monkeypatch.setenv("STEPSTONES_EXPORT_PASSPHRASE", PASSPHRASE + " but another")
    with pytest.raises(CommandError, match="wrong passphrase"):
        call_command("export_htcds", "--open", str(out))
