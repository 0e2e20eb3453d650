"""The development notes of `make eval-notes` (mk, sr, sq) load, use known facts, are enough."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

from stepstones.notes import available_languages

FOLDER = Path(__file__).resolve().parents[2] / "eval" / "data" / "notes"
KNOWN = {
    "child",
    *(
        f"elements.acts.{a}"
        for a in ("recruitment", "transportation", "transfer", "harbouring", "receipt")
    ),
    *(
        f"elements.means.{m}"
        for m in (
            "threat", "use_of_force", "other_coercion", "abduction", "fraud", "deception",
            "abuse_of_power", "abuse_of_vulnerability", "payments_to_controller",
        )
    ),
    *(
        f"elements.purposes.{p}"
        for p in (
            "sexual_exploitation", "forced_labour", "slavery", "servitude", "organ_removal",
            "forced_criminality", "forced_begging", "forced_marriage", "illegal_adoption",
            "other_exploitation",
        )
    ),
}  # fmt: skip


@pytest.mark.parametrize("language", ["mk", "sr", "sq"])
def test_each_language_has_at_least_60_labelled_notes_in_five_folds(language: str) -> None:
    raw = yaml.safe_load((FOLDER / f"{language}.yaml").read_text(encoding="utf-8"))
    assert raw["language"] == language in available_languages()
    notes = raw["notes"]
    assert len(notes) >= 60
    assert len({note["id"] for note in notes}) == len(notes)
    folds = Counter(note["fold"] for note in notes)
    assert set(folds) == {1, 2, 3, 4, 5}
    for note in notes:
        assert note["text"].strip(), note["id"]
        assert set(note["shows"]) <= KNOWN, note["id"]
    assert sum(1 for note in notes if not note["shows"]) >= 10  # denials, plans, questions
