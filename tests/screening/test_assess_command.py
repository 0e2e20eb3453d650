"""`stepstones assess` reads a facts file, explains the result, and refuses bad input cleanly."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

TRAFFICKED = """\
age: 29
route: {origin: NP, destination: MK, irregular_crossing: "no"}
elements:
  acts: [recruitment, harbouring]
  means: [deception]
  purposes: [forced_labour]
"""


def run(*args: str, stdin: str | bytes = b"") -> subprocess.CompletedProcess[bytes]:
    data = stdin.encode() if isinstance(stdin, str) else stdin
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "stepstones.settings"}
    return subprocess.run(
        [sys.executable, "-m", "stepstones", "assess", *args],
        input=data,
        capture_output=True,
        env=env,
        check=False,
        timeout=120,
    )


def test_it_explains_a_possible_victim_in_words(tmp_path: Path) -> None:
    facts = tmp_path / "facts.yaml"
    facts.write_text(TRAFFICKED)
    result = run(str(facts))
    assert result.returncode == 0, result.stderr.decode()
    out = result.stdout.decode()
    assert "possible_victim" in out or "possible victim" in out.lower()
    assert "Traceback" not in out


def test_it_prints_json_with_outcome_and_flags_from_stdin() -> None:
    result = run("-", "--json", stdin=TRAFFICKED)
    assert result.returncode == 0, result.stderr.decode()
    payload = json.loads(result.stdout)
    assert payload["outcome"] == "possible_victim"
    assert isinstance(payload["flags"], list)
    assert payload["catalogue_version"]


def test_it_flags_a_child_without_any_means() -> None:
    child = "age: 15\nelements: {acts: [recruitment], purposes: [sexual_exploitation]}\n"
    payload = json.loads(run("-", "--json", stdin=child).stdout)
    assert payload["outcome"] == "possible_victim"
    assert "child" in payload["flags"]


@pytest.mark.parametrize(
    ("stdin", "expected"),
    [
        ("age: [1, 2\n", "not valid YAML"),
        ("- a\n- b\n", "expected a mapping"),
        ("age: 250\n", "age"),
        ("age: old\n", "age"),
        ("indicators: {debt_bondagge: yes}\n", "indicators.debt_bondagge"),
        ("elements: {means: [decepton]}\n", "deception"),
        ("colour: blue\n", "colour"),
        (b"\xff\xfe\x00garbage", "UTF-8"),
    ],
    ids=[
        "malformed",
        "not-a-mapping",
        "age-out-of-range",
        "age-wrong-type",
        "unknown-indicator",
        "closest-id-suggested",
        "unknown-key",
        "binary",
    ],
)
def test_it_rejects_bad_input_with_one_line_and_status_2(stdin: str | bytes, expected: str) -> None:
    result = run("-", stdin=stdin)
    err = result.stderr.decode()
    assert result.returncode == 2
    assert expected in err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    assert result.stdout == b""


def test_it_names_a_missing_file() -> None:
    result = run("/nonexistent/facts.yaml")
    assert result.returncode == 2
    assert b"no such file" in result.stderr


def test_empty_facts_are_valid_and_say_what_to_ask() -> None:
    payload = json.loads(run("-", "--json", stdin="").stdout)
    assert payload["outcome"] == "no_indicators"
    assert payload["ask_next"]


def test_it_assesses_one_file_without_starting_django(tmp_path: Path) -> None:
    facts = tmp_path / "facts.yaml"
    facts.write_text(TRAFFICKED)
    probe = (
        "import sys\n"
        "from stepstones.cli import main\n"
        "try:\n"
        f"    main(['assess', {str(facts)!r}, '--json'])\n"
        "except SystemExit as exit:\n"
        "    status = exit.code\n"
        "print('STATUS', status, 'DJANGO', any(m.split('.')[0] == 'django' for m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, check=False, timeout=120
    )
    out = result.stdout.decode()
    assert out.rstrip().endswith("STATUS 0 DJANGO False"), result.stderr.decode()
    assert json.loads(out[: out.rindex("STATUS")])["outcome"] == "possible_victim"


def test_django_options_still_reach_the_management_command() -> None:
    result = run("--help")
    assert result.returncode == 0
    assert b"--settings" in result.stdout and b"FILE" in result.stdout.upper()


def test_the_management_command_gives_the_same_result(tmp_path: Path) -> None:
    from io import StringIO

    from django.core.management import call_command

    facts = tmp_path / "facts.yaml"
    facts.write_text(TRAFFICKED)
    out = StringIO()
    call_command("assess", str(facts), "--json", stdout=out)
    assert json.loads(out.getvalue()) == json.loads(run(str(facts), "--json").stdout)
