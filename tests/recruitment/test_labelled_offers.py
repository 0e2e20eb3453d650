"""The checker on the labelled offers written for the region (tests/data/offers/)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from stepstones.recruitment import Level, Offer, check_offer, detect_language

DATA = Path(__file__).resolve().parents[1] / "data" / "offers"
LANGUAGES = ("en", "mk", "sq", "sr-Latn", "sr-Cyrl")


def _offers() -> list[tuple[str, dict[str, Any]]]:
    out = []
    for language in LANGUAGES:
        for item in yaml.safe_load((DATA / f"{language}.yaml").read_text(encoding="utf-8")):
            out.append((language, item))
    return out


OFFERS = _offers()


def test_there_are_at_least_sixty_labelled_offers_in_every_language_and_label() -> None:
    assert len(OFFERS) >= 60
    for language in LANGUAGES:
        labels = {item["label"] for lang, item in OFFERS if lang == language}
        assert labels == {"deceptive", "genuine"}, language


@pytest.mark.parametrize(("language", "item"), OFFERS, ids=[i["id"] for _, i in OFFERS])
def test_it_gives_each_labelled_offer_its_level_and_flags(
    language: str, item: dict[str, Any]
) -> None:
    check = check_offer(Offer(item["text"]))
    found = {f.id for f in check.flags}
    assert check.level.value == item["level"], (item["note"], sorted(found))
    assert set(item.get("flags", [])) <= found, item["note"]


@pytest.mark.parametrize(("language", "item"), OFFERS, ids=[i["id"] for _, i in OFFERS])
def test_it_detects_the_language_of_each_labelled_offer(
    language: str, item: dict[str, Any]
) -> None:
    assert detect_language(item["text"]) == language


def test_no_deceptive_offer_is_rated_low_and_no_genuine_one_high() -> None:
    for _, item in OFFERS:
        level = check_offer(Offer(item["text"])).level
        if item["label"] == "deceptive":
            assert level != Level.LOW, item["id"]
        else:
            assert level != Level.HIGH, item["id"]
