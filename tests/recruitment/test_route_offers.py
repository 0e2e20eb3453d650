"""The labelled offers in the route languages (tests/data/offers/route/)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from stepstones.recruitment import Level, Offer, check_offer

ROUTE = Path(__file__).resolve().parents[1] / "data" / "offers" / "route"
LANGUAGES = ("ar", "fa", "ps", "ur", "tr", "fr")
OFFERS = [
    (language, item)
    for language in LANGUAGES
    for item in yaml.safe_load((ROUTE / f"{language}.yaml").read_text(encoding="utf-8"))
]


@pytest.mark.parametrize("language", LANGUAGES)
def test_there_are_twenty_offers_of_both_labels_in_three_folds(language: str) -> None:
    items = [i for lang, i in OFFERS if lang == language]
    assert len(items) >= 20
    assert {i["label"] for i in items} == {"deceptive", "genuine"}
    assert {i["fold"] for i in items} == {0, 1, 2}


@pytest.mark.parametrize(("language", "item"), OFFERS, ids=[i["id"] for _, i in OFFERS])
def test_no_deceptive_route_offer_is_low_and_no_genuine_one_high(
    language: str, item: dict[str, Any]
) -> None:
    level = check_offer(Offer(item["text"])).level
    if item["label"] == "deceptive":
        assert level is not Level.LOW
    else:
        assert level is not Level.HIGH


def test_the_unseen_offers_cover_all_ten_languages_with_both_labels() -> None:
    unseen = ROUTE.parent / "unseen"
    for language in ("en", "mk", "sq", "sr-Latn", *LANGUAGES):
        items = yaml.safe_load((unseen / f"{language}.yaml").read_text(encoding="utf-8"))
        assert {i["label"] for i in items} == {"deceptive", "genuine"}, language
