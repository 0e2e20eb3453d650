"""The documented examples stay true: docs/facts-format.md shows facts and their outcomes."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from stepstones.assessment import FactsError, assess, parse_facts

DOC = (Path(__file__).resolve().parents[2] / "docs" / "facts-format.md").read_text(encoding="utf-8")
EXAMPLES = re.findall(r"```yaml\n(.*?)```", DOC, re.S)
EXPECTED = [
    ("possible_victim", {"child", "internal"}),
    ("possible_victim", {"smuggled_then_trafficked"}),
]


def test_it_documents_two_complete_examples() -> None:
    assert len(EXAMPLES) == len(EXPECTED)


@pytest.mark.parametrize(
    ("block", "expected"),
    list(zip(EXAMPLES, EXPECTED, strict=True)),
    ids=["child_in_a_bar", "smuggled_then_held"],
)
def test_each_documented_example_gives_the_documented_outcome(
    block: str, expected: tuple[str, set[str]]
) -> None:
    result = assess(parse_facts(yaml.safe_load(block)))
    assert (result.outcome.value, {f.value for f in result.flags}) == expected
    assert f"Outcome `{expected[0]}`" in DOC


def test_each_documented_error_is_the_real_message() -> None:
    errors = re.search(r"Examples:\n\n```\n(.*?)```", DOC, re.S)
    assert errors is not None
    inputs: list[dict[str, Any]] = [
        {"indicators": {"debt_bondge": "yes"}},
        {"age": 130},
        {"agee": 1},
        {"indicators": {"debt_bondage": "maybe"}},
        {"elements": {"acts": ["deception"]}},
        {"route": {"origin": "Syria"}},
    ]
    lines = errors.group(1).strip().splitlines()
    for data, line in zip(inputs, lines, strict=True):
        with pytest.raises(FactsError) as caught:
            parse_facts(data)
        assert str(caught.value) == line
