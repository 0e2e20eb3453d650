"""The CLI: check-offer, check-offers and train-offer-model, invoked like a user would."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import get_commands

from stepstones.agencies.models import Membership
from stepstones.cli import main
from tests.recruitment.generated import write_csv

OFFER = "Registration fee 250 EUR before departure. Warehouse work in Germany. WhatsApp only."


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = 0
    try:
        main(list(args))
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.django_db
def test_check_offer_prints_level_flags_and_hotlines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "offer.txt"
    path.write_text(OFFER, encoding="utf-8")
    code, out, _ = _run(capsys, "check-offer", str(path))
    assert code == 0
    assert out.startswith("level: high  language: en  direction: ltr")
    assert "[high] fee" in out and "matched: 'Registration fee'" in out
    assert "[ALL, general]" in out and "(checked 2026-12-07: https://" in out


@pytest.mark.django_db
def test_check_offer_gives_the_language_and_direction_of_an_urdu_offer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "offer.txt"
    text = "سربیا میں فیکٹری، تنخواہ 1200 یورو، پاسپورٹ کی کاپی واٹس ایپ پر بھیجیں"
    path.write_text(text, encoding="utf-8")
    code, out, _ = _run(capsys, "check-offer", "--json", str(path))
    data = json.loads(out)
    assert code == 0
    assert (data["level"], data["language"], data["direction"]) == ("high", "ur", "rtl")
    assert "passport" in [f["id"] for f in data["flags"]]


@pytest.mark.django_db
def test_check_offer_json_has_level_language_and_flags_with_spans(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "offer.txt"
    path.write_text(OFFER, encoding="utf-8")
    code, out, _ = _run(capsys, "check-offer", "--json", str(path))
    data = json.loads(out)
    assert code == 0
    assert data["level"] == "high" and data["language"] == "en"
    fee = next(f for f in data["flags"] if f["id"] == "fee")
    assert fee["severity"] == "high"
    start, end = fee["span"]
    assert OFFER[start:end] == "Registration fee"


@pytest.mark.django_db
def test_check_offer_reads_standard_input(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(OFFER.encode())))
    code, out, _ = _run(capsys, "check-offer", "--json", "-")
    assert code == 0 and json.loads(out)["level"] == "high"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "The offer is empty"),
        (b"\x00\x01\x02\x03", "not text"),
        (b"x" * 20_001, "the limit is 20,000 characters"),
        (b"\xff\xfe caf\xe9", "not valid UTF-8"),
    ],
    ids=["empty", "binary", "too-long", "not-utf8"],
)
def test_check_offer_exits_2_with_a_message_on_bad_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, message: str
) -> None:
    path = tmp_path / "offer.txt"
    path.write_bytes(content)
    code, out, err = _run(capsys, "check-offer", str(path))
    assert code == 2
    assert out == ""
    assert message in err and str(path) in err


def test_check_offer_exits_2_for_a_missing_file(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "check-offer", "/no/such/offer.txt")
    assert code == 2 and "cannot read" in err


def _bulk_csv(path: Path) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "text"])
        for i in range(40):
            writer.writerow(
                [
                    f"a{i}",
                    OFFER if i % 2 else "Acme Ltd, 12 Baker Street, London, hires a developer.",
                ]
            )
        writer.writerow(["empty", ""])
        writer.writerow(["extra", "text", "one field too many"])
        writer.writerow(["big", "y" * 100_001])
    return path


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_check_offers_streams_a_csv_and_reports_bad_rows_by_number(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], jobs: str
) -> None:
    source = _bulk_csv(tmp_path / "in.csv")
    out = tmp_path / "out.csv"
    code, _, err = _run(
        capsys, "check-offers", str(source), "-o", str(out), "--jobs", jobs, "--no-reported"
    )
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert code == 1
    assert "checked 40 offers: 20 high" in err and "3 bad rows" in err
    assert [r["id"] for r in rows[:2]] == ["a0", "a1"]  # input order is kept
    assert rows[1]["level"] == "high" and "fee" in rows[1]["flags"].split(";")
    errors = {r["row"]: r["error"] for r in rows if r["error"]}
    assert errors["42"] == "row 42: The offer is empty: paste the text of the job offer."
    assert errors["43"] == "row 43: has 3 fields but the header has 2"
    assert "row 44:" in errors["44"] and "the limit is 20,000 characters" in errors["44"]


@pytest.mark.django_db
def test_check_offers_reads_jsonl_and_looks_up_reported_offers_in_process(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], member: Membership
) -> None:
    from stepstones.offers.actions import report_offer

    report_offer(OFFER, by=member)
    source = tmp_path / "in.jsonl"
    source.write_text(
        json.dumps({"id": "x", "text": OFFER.replace("250", "300")})
        + "\n"
        + "{not json\n"
        + json.dumps({"id": "y"})
        + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.csv"
    code, _, err = _run(capsys, "check-offers", str(source), "-o", str(out), "--jobs", "1")
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert code == 1
    assert rows[0]["flags"].startswith("reported_duplicate")
    assert rows[1]["error"].startswith("row 2: not valid JSON")
    assert rows[2]["error"] == "row 3: needs an object with a 'text' string"
    assert "2 bad rows" in err


def test_check_offers_reports_bad_bytes_and_huge_lines_and_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "in.csv"
    source.write_bytes(b"id,text\n1,ok offer about work\n2,caf\xe9 \xff\xfe\n3,another offer\n")
    out = tmp_path / "out.csv"
    code, _, _ = _run(
        capsys, "check-offers", str(source), "-o", str(out), "--jobs", "1", "--no-reported"
    )
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert code == 1
    assert rows[1]["error"] == "row 3: not valid UTF-8 text"
    assert rows[2]["level"]
    jsonl = tmp_path / "in.jsonl"
    jsonl.write_text(
        json.dumps({"text": "z" * 900_000}) + "\n" + json.dumps({"text": "fine offer"}) + "\n",
        encoding="utf-8",
    )
    code, _, _ = _run(
        capsys, "check-offers", str(jsonl), "-o", str(out), "--jobs", "1", "--no-reported"
    )
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert rows[0]["error"] == "row 1: the line is longer than 800 kB"
    assert rows[1]["row"] == "2" and rows[1]["level"]


def test_check_offers_reports_a_malformed_csv_row_and_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "in.csv"
    source.write_text('id,text\n1,"fine offer text"\n2,"broken"quote\n', encoding="utf-8")
    out = tmp_path / "out.csv"
    code, _, err = _run(
        capsys, "check-offers", str(source), "-o", str(out), "--jobs", "1", "--no-reported"
    )
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert code == 1
    assert rows[0]["level"] and not rows[0]["error"]
    assert rows[1]["error"].startswith("row 3: malformed CSV")


@pytest.mark.django_db  # the command looks whether the reported offers can be read
@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("in.txt", "x", "unknown format"),
        ("in.csv", "", "the CSV file is empty"),
        ("in.csv", "a,b\n1,2\n", "needs a 'text' column"),
    ],
    ids=["format", "empty", "no-text-column"],
)
def test_check_offers_exits_2_when_the_input_cannot_be_used(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, content: str, message: str
) -> None:
    source = tmp_path / name
    source.write_text(content, encoding="utf-8")
    code, _, err = _run(capsys, "check-offers", str(source), "-o", str(tmp_path / "o.csv"))
    assert code == 2 and message in err


def test_train_offer_model_reports_pr_auc_and_f1_and_writes_a_usable_model(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], settings: object
) -> None:
    data = write_csv(tmp_path / "ads.csv", 200)
    model = tmp_path / "model.npz"
    code, out, _ = _run(capsys, "train-offer-model", str(data), "-o", str(model), "--folds", "3")
    assert code == 0
    assert "cross-validation by near-duplicate group, 3 folds" in out
    assert "PR-AUC (fraudulent class):" in out and "F1 (fraudulent class" in out
    assert model.exists()
    from stepstones.offers.services import offer_model

    settings.OFFER_MODEL_PATH = str(model)  # type: ignore[attr-defined]
    assert offer_model() is not None


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("title,description\nx,y\n", "needs a 'fraudulent' column"),
        ("title,fraudulent\nx,maybe\n", "row 2: fraudulent must be 0 or 1"),
    ],
    ids=["no-label", "bad-label"],
)
def test_train_offer_model_exits_2_on_bad_data(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, message: str
) -> None:
    data = tmp_path / "ads.csv"
    data.write_text(content, encoding="utf-8")
    code, _, err = _run(capsys, "train-offer-model", str(data), "-o", str(tmp_path / "m.npz"))
    assert code == 2 and message in err


def test_the_commands_are_known_to_django() -> None:
    commands = get_commands()
    for name in ("check_offer", "check_offers", "train_offer_model"):
        assert commands[name] == "stepstones.offers"


def test_check_offer_works_without_a_migrated_database_and_says_so(tmp_path: Path) -> None:
    env = {**os.environ, "STEPSTONES_HOME": str(tmp_path)}  # an empty var/: nothing migrated
    env.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-m", "stepstones", "check-offer", "-", "--json"],
        input=b"The employer keeps your passport. Pay a 500 EUR visa fee first.",
        capture_output=True,
        env=env,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr.decode()
    assert "run `stepstones migrate`" in result.stderr.decode()
    assert b"Traceback" not in result.stderr
    assert "passport" in {flag["id"] for flag in json.loads(result.stdout)["flags"]}
