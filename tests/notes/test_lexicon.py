"""Lexicons are data: a new language is one file, and a bad file is refused with a clear line."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

import stepstones.notes.lexicon as lexicon_module
from stepstones.notes import (
    MEANS,
    PURPOSES,
    LexiconError,
    available_languages,
    load_lexicon,
    parse_lexicon,
    suggest,
)

EN = lexicon_module.DATA / "en.yaml"


def english() -> dict[str, Any]:
    raw = yaml.safe_load(EN.read_text(encoding="utf-8"))
    assert isinstance(raw, dict)
    return raw


ALBANIAN: dict[str, Any] = {
    "language": "sq",
    "version": "test-1",
    "abbreviations": ["z", "zj"],
    "context": {
        "negation": {"before": ["nuk", "s", "asnjëherë", "pa"], "after": ["u mohua"], "window": 4},
        "hypothetical": {"cues": ["nëse", "në qoftë se"], "ends": ["do të"], "window": 8},
        "clause_breaks": ["[;:]", "\\bpor\\b", "\\bdhe\\b"],
    },
    "rules": [
        {
            "id": "means.threat",
            "targets": ["means.threat"],
            "weight": 0.85,
            "patterns": ["kërcënu(?:a|ar|an)", "kërcëno(?:i|n|në)", "kërcënim(?:e|i)?"],
            "source": "Palermo Protocol Art. 3(a)",
            "verified": False,
        },
        {
            "id": "child.age",
            "targets": ["child"],
            "weight": 0.95,
            "max_age": 17,
            "patterns": ["(?P<age>\\d{1,2}) vjeç(?:e|are)?"],
            "source": "Palermo Protocol Art. 3(d)",
            "verified": True,
        },
    ],
}


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    (tmp_path / "en.yaml").write_text(EN.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(lexicon_module, "DATA", tmp_path)
    load_lexicon.cache_clear()
    yield tmp_path
    load_lexicon.cache_clear()


def test_it_adds_a_language_with_one_data_file_and_no_code(data_dir: Path) -> None:
    (data_dir / "sq.yaml").write_text(yaml.safe_dump(ALBANIAN, allow_unicode=True), "utf-8")
    assert available_languages() == ["en", "sq"]
    result = suggest("Ai e kërcënoi. Vajza ishte 15 vjeçe. Ajo nuk u kërcënua.", "sq")
    assert set(result.facts) == {"elements.means.threat", "child"}
    assert [s.cue for s in result.suppressed] == ["nuk"]


def test_the_english_lexicon_loads_and_covers_every_means_and_purpose() -> None:
    lexicon = load_lexicon("en")
    targets = {t.fact for rule in lexicon.rules for t in rule.targets}
    assert {f"elements.means.{m}" for m in MEANS} <= targets
    assert {f"elements.purposes.{p}" for p in PURPOSES} <= targets
    assert "child" in targets


def test_every_rule_carries_a_source_and_a_verification_flag() -> None:
    for entry in english()["rules"]:
        assert entry["source"], entry["id"]
        assert isinstance(entry["verified"], bool), entry["id"]


def _broken(change: str) -> dict[str, Any]:
    raw = copy.deepcopy(ALBANIAN)
    rule = raw["rules"][0]
    if change == "unknown target":
        rule["targets"] = ["means.bribery"]
    elif change == "bad pattern":
        rule["patterns"] = ["kërcën(ua"]
    elif change == "weight":
        rule["weight"] = 1.5
    elif change == "no source":
        del rule["source"]
    elif change == "verified":
        rule["verified"] = "yes"
    elif change == "duplicate id":
        raw["rules"].append(copy.deepcopy(rule))
    elif change == "max_age without group":
        rule["max_age"] = 17
    elif change == "no negation":
        del raw["context"]["negation"]
    elif change == "bad implication":
        raw["implies"] = [{"from": "child", "to": "means.bribery", "factor": 0.5}]
    elif change == "bad names pattern":
        raw["context"]["names"] = ["forc(e"]
    elif change == "bad clause negation":
        raw["context"]["negation"]["clause"] = []
    elif change == "unknown requirement":
        rule["requires"] = ["means.bribery"]
    elif change == "requires not a list":
        rule["requires"] = "means.threat"
    elif change == "excludes not a list":
        rule["excludes"] = "purpose.sexual_exploitation"
    elif change == "implication factor":
        raw["implies"] = [{"from": "child", "to": "means.threat", "factor": 2, "verified": False}]
    return raw


BROKEN = [
    ("unknown target", "'bribery' is not a Palermo means id"),
    ("bad pattern", "bad pattern"),
    ("weight", "weight must be a number in (0, 1]"),
    ("no source", "source must be a non-empty string"),
    ("verified", "verified must be true or false"),
    ("duplicate id", "is used twice"),
    ("max_age without group", "max_age needs a pattern"),
    ("no negation", "needs negation and hypothetical"),
    ("bad implication", "implies\\[0\\]: target 'means.bribery'"),
    ("implication factor", "factor must be a number in"),
    ("bad names pattern", "context.names: bad pattern"),
    ("bad clause negation", "negation.clause must be a non-empty list"),
    ("unknown requirement", "requires: target 'means.bribery'"),
    ("requires not a list", "requires must be a list of targets"),
    ("excludes not a list", "excludes must be a list of targets"),
]


@pytest.mark.parametrize(("change", "message"), BROKEN, ids=[c for c, _ in BROKEN])
def test_it_refuses_a_broken_lexicon_naming_the_entry(change: str, message: str) -> None:
    with pytest.raises(LexiconError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_lexicon(_broken(change), where="sq.yaml")


def test_it_refuses_a_language_code_that_is_not_one() -> None:
    with pytest.raises(LexiconError, match="not a language code"):
        load_lexicon("../etc")


def test_every_indicator_id_in_the_lexicon_is_in_the_catalogue() -> None:
    from stepstones.assessment import load_catalogue

    known = set(load_catalogue().indicators)
    used = {
        t.id
        for lang in available_languages()
        for rule in load_lexicon(lang).rules
        for t in rule.targets
        if t.fact.startswith("indicators.")
    }
    assert used and used <= known, sorted(used - known)


def test_every_trigger_id_in_the_lexicon_is_in_the_catalogue() -> None:
    from stepstones.assessment import load_catalogue

    known = set(load_catalogue().triggers)
    used = {
        t.id
        for lang in available_languages()
        for rule in load_lexicon(lang).rules
        for t in rule.targets
        if t.fact.startswith("triggers.")
    }
    assert used and used <= known, sorted(used - known)
