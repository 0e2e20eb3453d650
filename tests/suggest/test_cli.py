"""`stepstones suggest-indicators`: readable and JSON output, one-line errors with status 2."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

NOTES = "The employer recruited her in Kumanovo. He took her passport. She was not beaten.\n"


def run(
    *args: str, stdin: bytes | None = None, monkeypatch: pytest.MonkeyPatch | None = None
) -> str:
    out = io.StringIO()
    if stdin is not None:
        assert monkeypatch is not None
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
    call_command("suggest-indicators", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def notes_file(tmp_path: Path) -> Path:
    path = tmp_path / "notes.txt"
    path.write_text(NOTES, encoding="utf-8")
    return path


def test_it_prints_readable_suggestions_and_what_it_did_not_count(notes_file: Path) -> None:
    out = run(str(notes_file))
    assert "elements.acts.recruitment" in out
    assert "elements.means.other_coercion" in out
    assert "“recruited” in: The employer recruited her in Kumanovo." in out
    assert 'elements.means.use_of_force: "not" negates "beaten".' in out


def test_it_prints_json_with_ids_fact_paths_spans_and_confidence(notes_file: Path) -> None:
    data = json.loads(run(str(notes_file), "--json"))
    by_fact = {s["fact"]: s for s in data["suggestions"]}
    recruitment = by_fact["elements.acts.recruitment"]
    assert recruitment["kind"] == "act" and recruitment["id"] == "recruitment"
    assert NOTES[recruitment["span"]["start"] : recruitment["span"]["end"]] == "recruited"
    assert 0 < recruitment["confidence"] <= 1
    assert {s["reason"] for s in data["suppressed"]} == {"negated"}
    assert "text" not in data  # the notes are not echoed back


def test_it_reads_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    out = run("-", "--json", stdin=NOTES.encode(), monkeypatch=monkeypatch)
    assert "elements.acts.recruitment" in out


def test_it_honours_min_confidence(notes_file: Path) -> None:
    data = json.loads(run(str(notes_file), "--json", "--min-confidence", "0.99"))
    assert data["suggestions"] == []


BAD = [
    ("missing file", ["{missing}"], "cannot read"),
    ("empty notes", ["{empty}"], "the notes are empty"),
    ("not utf-8", ["{latin}"], "not UTF-8 text"),
    ("unknown language", ["{notes}", "--language", "xx"], "no lexicon for 'xx'"),
    (
        "threshold",
        ["{notes}", "--min-confidence", "2"],
        "--min-confidence: must be between 0 and 1",
    ),
]


@pytest.mark.parametrize(("args", "message"), [(a, m) for _, a, m in BAD], ids=[i for i, *_ in BAD])
def test_it_refuses_bad_input_with_one_line_and_status_2(
    args: list[str],
    message: str,
    tmp_path: Path,
    notes_file: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    (tmp_path / "latin.txt").write_bytes("Vitória foi ameaçada".encode("latin-1"))
    paths = {
        "missing": str(tmp_path / "nope.txt"),
        "empty": str(tmp_path / "empty.txt"),
        "latin": str(tmp_path / "latin.txt"),
        "notes": str(notes_file),
    }
    with pytest.raises(SystemExit) as exit_info:
        run(*[a.format(**paths) for a in args])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert message in err
    assert "Traceback" not in err
