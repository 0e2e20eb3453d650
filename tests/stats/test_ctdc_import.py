"""CTDC import: a reference data set apart from the cases, every row checked, all or nothing, and
its picture on the dashboard beside the network's, through the same disclosure control."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from stepstones.audit.models import AuditEvent
from stepstones.cases.models import Case
from stepstones.stats.compute import publish
from stepstones.stats.models import ReferenceDataset, ReferenceRecord
from stepstones.stats.panels import PANELS, Filters
from tests.personas import Network, build_network
from tests.stats.test_dashboard import login, make_cases

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
REAL = ROOT.parent / "shared" / "data" / "ctdc-vp-synthetic-2022" / "CTDC_VPsynthetic_condensed.csv"
HEADER = (
    "yearRegister,gender,majorityStatus,isForcedLabour,isSexualExploit,UN_COO_Region,"
    "UN_COE_Region,IP_Exploiter,IP_Gender,IP_ageBroad,IP_citizen_UNRegion,IP_Relation,"
    "IP_PayMoney,IP_RecruiterBroker,IP_TransactionProcess,IP_ControlAbuseKidnap"
)
WOMAN = "2019,Female,Adult,,1,Europe,Europe,1,Male,30--38,Europe,FriendAcquaintance,No,1,,"
MAN = "2014-2018,Male,Adult,1,,Asia,Asia,,Female;Male,,Africa;Asia,StrangerUnknownOther,No;Yes,1,1,"
GIRL = "2020,Female,Minor,,1,Europe,Europe,1,Male,48+,Europe,FamilyIntimatePartner,Yes,,,1"
UNKNOWN = ",,,,,,,,,,,,,,,"


def fixture_text(*rows: str) -> str:
    return "\n".join([HEADER, *rows]) + "\n"


def write(tmp_path: Path, text: str, name: str = "ctdc.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def run(path: Path, *args: str) -> None:
    call_command("import_ctdc", str(path), "--no-progress", *args)


def test_it_imports_a_small_file_apart_from_the_cases(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(write(tmp_path, fixture_text(WOMAN, MAN, GIRL, UNKNOWN)))
    assert "4 row(s) imported as the reference data set 'ctdc.csv'" in capsys.readouterr().out
    dataset = ReferenceDataset.objects.get()
    assert dataset.rows == 4 and dataset.source == "ctdc.csv" and len(dataset.sha256) == 64
    man = ReferenceRecord.objects.get(gender="Male")
    assert man.forced_labour is True and man.sexual_exploit is None
    assert man.perpetrator_gender == "Female;Male" and man.paid_perpetrator == "No;Yes"
    assert ReferenceRecord.objects.filter(gender="", majority_status="").count() == 1
    assert not Case.objects.exists(), "reference records are never cases"
    event = AuditEvent.objects.get(action="ctdc.imported")
    assert event.details["rows"] == 4 and event.organisation_id is None


def test_importing_the_same_name_again_replaces_the_data_set(tmp_path: Path) -> None:
    run(write(tmp_path, fixture_text(WOMAN, MAN)))
    run(write(tmp_path, fixture_text(GIRL)))
    assert ReferenceDataset.objects.get().rows == 1
    assert list(ReferenceRecord.objects.values_list("majority_status", flat=True)) == ["Minor"]


def test_column_names_match_without_regard_to_case(tmp_path: Path) -> None:
    run(write(tmp_path, fixture_text(WOMAN).replace("yearRegister", "YEARREGISTER")))
    assert ReferenceRecord.objects.count() == 1


BAD_ROWS = [
    (WOMAN.replace(",Female,", ",Femme,"), "gender", "'Femme' is not a CTDC value"),
    (WOMAN.replace(",Adult,", ",Elder,"), "majorityStatus", "'Elder' is not a CTDC value"),
    (WOMAN.replace(",,1,Europe", ",2,1,Europe"), "isForcedLabour", "'2' is not 1, 0, -99 or blank"),
    (WOMAN.replace("Europe,Europe", "Mars,Europe"), "UN_COO_Region", "'Mars' is not a CTDC value"),
    (WOMAN.replace(",Male,30", ",Male;Male,30"), "IP_Gender", "a value is repeated"),
    (WOMAN.replace("30--38", "thirty"), "IP_ageBroad", "'thirty' does not have the expected form"),
    (WOMAN.replace("2019,", "19,"), "yearRegister", "'19' does not have the expected form"),
    (WOMAN.replace("FriendAcquaintance", "Boss"), "IP_Relation", "'Boss' is not a CTDC value"),
    (WOMAN + ",1", "(row)", "17 values where the header has 16 columns"),
]


@pytest.mark.parametrize(
    ("row", "column", "reason"), BAD_ROWS, ids=[f"{c}:{r}" for _row, c, r in BAD_ROWS]
)
def test_it_names_each_bad_row_and_stores_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], row: str, column: str, reason: str
) -> None:
    with pytest.raises(CommandError, match="1 bad row"):
        run(write(tmp_path, fixture_text(WOMAN, row, MAN)))
    assert f"row 2, {column}: {reason}" in capsys.readouterr().err
    assert not ReferenceDataset.objects.exists() and not ReferenceRecord.objects.exists()
    assert not AuditEvent.objects.filter(action="ctdc.imported").exists()


def test_a_failed_import_leaves_the_previous_data_set_whole(tmp_path: Path) -> None:
    run(write(tmp_path, fixture_text(WOMAN, MAN)))
    with pytest.raises(CommandError):
        run(write(tmp_path, fixture_text(GIRL, GIRL.replace("Minor", "Child"))))
    assert ReferenceRecord.objects.count() == 2


def test_skip_bad_rows_imports_the_others(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(write(tmp_path, fixture_text(WOMAN, WOMAN.replace("Female", "F"), MAN)), "--skip-bad-rows")
    out = capsys.readouterr()
    assert "row 2, gender: 'F' is not a CTDC value" in out.err
    assert "2 row(s) imported" in out.out and "1 bad row(s) skipped" in out.out
    assert AuditEvent.objects.get(action="ctdc.imported").details["skipped_bad_rows"] == 1


@pytest.mark.parametrize(
    ("header", "message"),
    [
        (HEADER.replace("gender,", "sex,"), "the column 'sex' is not a CTDC column we read"),
        (HEADER.replace(",IP_ControlAbuseKidnap", ""), "IP_ControlAbuseKidnap are missing"),
        ("", "the file has no header"),
    ],
)
def test_a_file_not_in_ctdc_form_is_refused_whole(
    tmp_path: Path, header: str, message: str
) -> None:
    with pytest.raises(CommandError, match=message):
        run(write(tmp_path, header + "\n" if header else ""))


def test_the_real_synthetic_file_imports_whole(tmp_path: Path) -> None:
    if not REAL.exists():
        pytest.skip(f"the CTDC synthetic data set is not at {REAL}")
    run(REAL)
    assert ReferenceDataset.objects.get().rows == 21195
    assert ReferenceRecord.objects.filter(majority_status="Minor").count() == 1212
    assert ReferenceRecord.objects.filter(forced_labour=True).count() == 12248


@pytest.fixture
def net_with_reference(tmp_path: Path) -> Network:
    net = build_network()
    make_cases(net.ngo, 12, gender="Feminine", type_of_exploitation=["SexualExploitation"])
    run(write(tmp_path, fixture_text(*[WOMAN] * 30, *[MAN] * 20, *[GIRL] * 3), "CTDC 2022"))
    return net


def test_the_reference_panel_hides_small_counts_too(net_with_reference: Network) -> None:
    cells = {
        k: c.count
        for k, c in publish(PANELS["reference-gender-age"], Filters()).table.cells.items()
    }
    assert cells[("Female", "Minor")] is None, "3 girls in the reference data stay hidden"
    assert cells[("Female", "Adult")] is None, "the row total minus it would give 3"
    assert cells[("Male", "Adult")] == 20
    forms = publish(PANELS["reference-exploitation"], Filters(year=2019)).table.cells
    assert forms[("ForcedLabour",)].count == 20, "the network's filters do not narrow it"
    assert forms[("SexualExploitation",)].count == 33


def test_the_dashboard_shows_the_reference_picture_beside_the_networks(
    net_with_reference: Network,
) -> None:
    text = login("cora").get(reverse("stats:dashboard")).content.decode()
    assert 'class="side-by-side"' in text
    assert 'id="panel-reference-exploitation"' in text
    assert 'id="panel-reference-gender-age"' in text
    assert "Reference data: CTDC 2022" in text
    pair = text[text.index('class="side-by-side"') :]
    assert pair.index('id="panel-gender-age"') < pair.index('id="panel-reference-gender-age"')
    csv = login("cora").get(reverse("stats:export", args=["reference-exploitation", "csv"]))
    assert csv.status_code == 200 and "33" in csv.content.decode()


def test_the_dashboard_shows_no_reference_panel_before_an_import() -> None:
    build_network()
    text = login("cora").get(reverse("stats:dashboard")).content.decode()
    assert "panel-reference" not in text and "side-by-side" not in text


def test_the_reference_panel_is_translated(net_with_reference: Network) -> None:
    client = login("cora")
    text = client.get(reverse("stats:dashboard"), HTTP_ACCEPT_LANGUAGE="mk").content.decode()
    for english in ("in the reference data", "Reference data:", "Female", "The filters do not"):
        assert english not in text, english


def test_if_present_exits_quietly_without_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(tmp_path / "absent.csv", "--if-present")
    assert "no reference data imported" in capsys.readouterr().out
    assert not ReferenceDataset.objects.exists()
