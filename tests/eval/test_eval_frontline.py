"""The frontline notes sets load, use only known fact ids and have unique ids."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "eval"))

import eval_frontline  # type: ignore[import-not-found]  # noqa: E402 - a script beside its helper

FILES = sorted(eval_frontline.FOLDER.glob("frontline_*.yaml"))


def test_both_sets_are_in_the_repository() -> None:
    assert [path.name for path in FILES] == sorted(eval_frontline.SETS.values())


@pytest.mark.parametrize("path", FILES, ids=[path.name for path in FILES])
def test_a_set_loads_with_known_facts_and_unique_ids(path: Path) -> None:
    cases = eval_frontline.load(path)
    notes = yaml.safe_load(path.read_text(encoding="utf-8"))["notes"]
    ids = [note["id"] for note in notes]
    assert len(cases) == len(notes) >= 40
    assert len(set(ids)) == len(ids)


def test_an_unknown_fact_is_refused_by_name(tmp_path: Path) -> None:
    bad = tmp_path / "frontline_x.yaml"
    bad.write_text(
        "notes:\n  - id: a\n    text: He hit her.\n    shows: [elements.means.slapping]\n",
        encoding="utf-8",
    )
    with pytest.raises(SystemExit, match="unknown fact 'elements.means.slapping'"):
        eval_frontline.load(bad)
