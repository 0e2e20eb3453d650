"""HTCDS import: every row checked first, bad rows named, all or nothing, duplicates left alone,
sealed exchanges opened only with their passphrase, and export -> import -> export the same file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from stepstones.audit.models import AuditEvent
from stepstones.cases.models import Case, Custody, IdentityVault, Person, Stage
from stepstones.errors import ActionError
from stepstones.stats import htcds
from stepstones.stats.imports import check_htcds, read_htcds, store_htcds
from tests.personas import Network, build_network
from tests.stats.test_dashboard import make_cases

pytestmark = pytest.mark.django_db

PASSPHRASE = "a long exchange passphrase"
RECEIVER = "Centre for Social Work Lakeside"


def good_row(code: str = "SC-AAAA-0001", **change: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        htcds.CODE: code,
        "prs_Gender": "Feminine",
        "prs_Citizenship": ["AL"],
        "prs_PrimaryLanguage": "sq",
        "vic_TraffickingStatus": "PossibleVictimOfTrafficking",
        "vic_TraffickingStatusDecisionMakingOrg": "",
        "vic_TypeOfExploitation": ["SexualExploitation"],
        "vic_MethodsOfControl": ["DebtBondage"],
        "vic_MethodOfRecruitment": [],
        "cas_Status": "Active",
    }
    row.update(change)
    return row


def write_json(tmp_path: Path, rows: list[Any]) -> Path:
    path = tmp_path / "exchange.json"
    path.write_text(json.dumps(rows), encoding="utf-8")
    return path


def import_file(path: Path, *args: str) -> None:
    call_command("import_htcds", str(path), "--organisation", RECEIVER, "--no-progress", *args)


@pytest.fixture
def net() -> Network:
    return build_network()


BAD_ROWS = [
    ({"prs_Gender": "female"}, "prs_Gender", "'female' is not an HTCDS value"),
    (
        {"prs_Citizenship": ["Albania"]},
        "prs_Citizenship",
        "'Albania' does not have the expected form",
    ),
    ({"prs_Citizenship": "AL"}, "prs_Citizenship", "a list is expected"),
    ({"prs_PrimaryLanguage": "Albanian"}, "prs_PrimaryLanguage", "does not have the expected form"),
    ({"prs_PrimaryLanguage": 7}, "prs_PrimaryLanguage", "text is expected"),
    (
        {"vic_TypeOfExploitation": ["ForcedLabour", "ForcedLabour"]},
        "vic_TypeOfExploitation",
        "a value is repeated",
    ),
    ({"vic_TraffickingStatus": "Victim"}, "vic_TraffickingStatus", "is not an HTCDS value"),
    ({"cas_Status": "Open"}, "cas_Status", "'Open' is not an HTCDS value"),
    ({"prs_FirstName": "Amira"}, "prs_FirstName", "not an HTCDS field we exchange"),
    ({htcds.CODE: "12345"}, htcds.CODE, "does not have the expected form"),
    ({htcds.CODE: "SC-AAAA-0001"}, htcds.CODE, "repeats the case code of row 1"),
]


@pytest.mark.parametrize(
    ("change", "field", "reason"), BAD_ROWS, ids=[f"{f}:{r}" for _c, f, r in BAD_ROWS]
)
def test_it_names_each_bad_row_by_number_field_and_reason_and_stores_nothing(
    net: Network,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    change: dict[str, Any],
    field: str,
    reason: str,
) -> None:
    path = write_json(tmp_path, [good_row(), good_row("SC-AAAA-0002", **change)])
    with pytest.raises(CommandError, match="1 bad row"):
        import_file(path)
    err = capsys.readouterr().err
    assert f"row 2, {field}: " in err and reason in err
    assert not Case.objects.exists()
    assert not AuditEvent.objects.filter(action__in=["case.received", "htcds.imported"]).exists()


@pytest.mark.parametrize(
    ("change", "field", "reason"), BAD_ROWS, ids=[f"{f}:{r}" for _c, f, r in BAD_ROWS]
)
def test_each_reason_is_worded_as_the_table_says(
    change: dict[str, Any], field: str, reason: str
) -> None:
    reading = read_htcds(json.dumps([good_row(), good_row("SC-AAAA-0002", **change)]), "json")
    checked = check_htcds(reading)
    assert [(b.number, b.field) for b in checked.bad] == [(2, field)]
    assert reason in checked.bad[0].reason
    assert [n for n, _row in checked.good] == [1]


def test_a_missing_field_and_a_record_that_is_not_an_object_are_named() -> None:
    incomplete = good_row("SC-AAAA-0002")
    del incomplete["cas_Status"]
    checked = check_htcds(read_htcds(json.dumps([good_row(), incomplete, "text"]), "json"))
    assert [str(b) for b in checked.bad] == [
        "row 2, cas_Status: missing",
        "row 3, (row): a record is a JSON object",
    ]


def test_a_csv_row_with_too_few_values_is_named() -> None:
    lines = "".join(htcds.to_csv([good_row()], htcds.columns(with_code=True)))
    checked = check_htcds(read_htcds(lines + "SC-AAAA-0002,Feminine\n", "csv"))
    assert [str(b) for b in checked.bad] == [
        "row 2, (row): 2 values where the header has 10 columns"
    ]


def test_a_file_that_is_not_htcds_is_refused_whole(net: Network, tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text("[{", encoding="utf-8")
    with pytest.raises(CommandError, match="not JSON"):
        import_file(path, "--format", "json")


def test_it_stores_nothing_from_a_file_with_one_bad_row(net: Network, tmp_path: Path) -> None:
    rows = [good_row(f"SC-AAAA-000{i}") for i in range(1, 5)]
    rows[3]["prs_Gender"] = "F"
    with pytest.raises(CommandError, match="nothing imported"):
        import_file(write_json(tmp_path, rows))
    assert Person.objects.count() == 0


def test_skip_bad_rows_imports_the_others_and_says_what_it_skipped(
    net: Network, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [good_row(f"SC-AAAA-000{i}") for i in range(1, 5)]
    rows[1]["prs_Gender"] = "F"
    import_file(write_json(tmp_path, rows), "--skip-bad-rows")
    out = capsys.readouterr()
    assert "row 2, prs_Gender: 'F' is not an HTCDS value" in out.err
    assert "3 case(s) imported for Centre for Social Work Lakeside; 1 bad row(s) skipped" in out.out
    assert sorted(Person.objects.values_list("code", flat=True)) == [
        "SC-AAAA-0001",
        "SC-AAAA-0003",
        "SC-AAAA-0004",
    ]
    event = AuditEvent.objects.get(action="htcds.imported")
    assert event.details["created"] == 3 and event.details["skipped_bad_rows"] == 1
    assert event.organisation_id == net.social.pk


def test_a_case_already_here_is_reported_not_duplicated(
    net: Network, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import_file(write_json(tmp_path, [good_row("SC-AAAA-0001")]))
    capsys.readouterr()
    import_file(write_json(tmp_path, [good_row("SC-AAAA-0001"), good_row("SC-AAAA-0002")]))
    out = capsys.readouterr()
    assert "row 1: case SC-AAAA-0001 is already here; left as it is" in out.err
    assert "1 case(s) imported" in out.out and "1 already here" in out.out
    assert Person.objects.filter(code="SC-AAAA-0001").count() == 1
    assert Case.objects.count() == 2


def test_a_case_arriving_between_check_and_store_leaves_nothing_half_imported(
    net: Network,
) -> None:
    rows = [good_row(f"SC-AAAA-000{i}") for i in range(1, 4)]
    checked = check_htcds(read_htcds(json.dumps(rows), "json"))
    Person.objects.create(code="SC-AAAA-0003")  # another writer, after the check
    with pytest.raises(ActionError, match="already here"):
        store_htcds(checked, net.social, details={})
    assert not Case.objects.exists()
    assert not AuditEvent.objects.filter(action="htcds.imported").exists()


def test_the_receiver_becomes_accountable_and_the_stage_follows_the_status(
    net: Network, tmp_path: Path
) -> None:
    rows = [
        good_row("SC-AAAA-0001"),
        good_row(
            "SC-AAAA-0002",
            vic_TraffickingStatus="ActualVictimOfTrafficking",
            vic_TraffickingStatusDecisionMakingOrg="Police",
        ),
        good_row("SC-AAAA-0003", cas_Status="Closed"),
    ]
    import_file(write_json(tmp_path, rows))
    cases = {c.person.code: c for c in Case.objects.select_related("person")}
    assert {c.accountable_org_id for c in cases.values()} == {net.social.pk}
    assert cases["SC-AAAA-0001"].stage == Stage.SCREENING
    assert cases["SC-AAAA-0002"].stage == Stage.IDENTIFIED
    assert cases["SC-AAAA-0003"].stage == Stage.CLOSED
    assert Custody.objects.filter(until__isnull=True).count() == 3, "one open link per case"
    assert IdentityVault.objects.count() == 3, "an empty identity record, as open_case makes"
    assert AuditEvent.objects.filter(action="case.received").count() == 3


def test_a_file_without_case_codes_gets_new_ones(net: Network, tmp_path: Path) -> None:
    rows = [{k: v for k, v in good_row().items() if k != htcds.CODE} for _ in range(2)]
    import_file(write_json(tmp_path, rows))
    codes = list(Person.objects.values_list("code", flat=True))
    assert len(set(codes)) == 2 and all(code.startswith("SC-") for code in codes)


def test_an_unknown_organisation_is_refused(net: Network, tmp_path: Path) -> None:
    path = write_json(tmp_path, [good_row()])
    with pytest.raises(CommandError, match="No organisation has the id or name 'Nowhere'"):
        call_command("import_htcds", str(path), "--organisation", "Nowhere", "--no-progress")


def test_a_sealed_exchange_with_the_wrong_passphrase_stores_nothing(
    net: Network, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_cases(net.ngo, 3, gender="Feminine")
    monkeypatch.setenv("STEPSTONES_EXPORT_PASSPHRASE", PASSPHRASE)
    sealed = tmp_path / "exchange.sealed"
    call_command("export_htcds", "--exchange", "--out", str(sealed))
    Case.objects.all().delete()
    Person.objects.all().delete()
    monkeypatch.setenv("STEPSTONES_EXPORT_PASSPHRASE", PASSPHRASE + " but another")
    with pytest.raises(CommandError, match="wrong passphrase"):
        import_file(sealed)
    assert not Person.objects.exists()
    assert not AuditEvent.objects.filter(action="htcds.imported").exists()


def _empty_the_system() -> None:
    Case.objects.all().delete()
    Person.objects.all().delete()


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_export_import_export_gives_the_same_file(
    net: Network,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    fmt: str,
) -> None:
    make_cases(
        net.ngo,
        4,
        gender="Feminine",
        citizenship=["AL", "MK"],
        type_of_exploitation=["SexualExploitation", "ForcedLabour"],
        method_of_recruitment=["ThroughAnOnlineAdvertisement"],
    )
    make_cases(net.police, 3, gender="Masculine", citizenship=["MK"], primary_language="mk")
    make_cases(
        net.police,
        2,
        gender="NonConforming",
        trafficking_status="ActualVictimOfTrafficking",
        decision_making_org="Police",
        methods_of_control=["DebtBondage", "WithholdsDocuments"],
    )
    make_cases(net.ngo, 1, trafficking_status="NotAVictimOfTrafficking", stage=Stage.CLOSED)
    monkeypatch.setenv("STEPSTONES_EXPORT_PASSPHRASE", PASSPHRASE)
    first = tmp_path / "first.sealed"
    call_command("export_htcds", "--exchange", "--format", fmt, "--out", str(first))
    _empty_the_system()

    import_file(first)
    again = tmp_path / "again.sealed"
    call_command("export_htcds", "--exchange", "--format", fmt, "--out", str(again))

    capsys.readouterr()
    call_command("export_htcds", "--open", str(first))
    before = capsys.readouterr().out
    call_command("export_htcds", "--open", str(again))
    after = capsys.readouterr().out
    assert after == before
    assert len(htcds.from_json(after) if fmt == "json" else htcds.from_csv(after)) == 10
    assert set(Case.objects.values_list("accountable_org_id", flat=True)) == {net.social.pk}
    assert AuditEvent.objects.get(action="htcds.imported").details["sealed"] is True
