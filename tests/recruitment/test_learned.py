"""The optional learned model, trained and cross-validated on generated data."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from stepstones.recruitment import Offer, check_offer
from stepstones.recruitment.learned import OfferModel, near_duplicate_groups, train
from tests.recruitment.generated import rows


def _pairs(n: int) -> list[tuple[str, int]]:
    return [
        ("\n".join([r["title"], r["description"], r["requirements"]]), int(r["fraudulent"]))
        for r in rows(n)
    ]


def test_it_learns_generated_scams_and_reports_pr_auc_and_f1() -> None:
    model, report = train(_pairs(300), folds=3)
    assert report.rows == 300
    assert len(report.folds) == 3
    assert report.pr_auc > 0.9
    assert report.f1 > 0.8
    scam = "earn cash quick easy money weekly wire transfer gift card bank account urgent"
    legit = "clinical research engineer for our quality audit and compliance team"
    assert model.probability(scam) > 0.5 > model.probability(legit)


def test_cross_validation_keeps_near_duplicates_in_one_group() -> None:
    base = " ".join(f"word {'abcdefghij'[i % 10]}{'klmnopqrst'[i // 10]}" for i in range(80))
    texts = [base, base + " extra", "something entirely different " * 10, base + " more words"]
    groups = near_duplicate_groups(texts)
    assert groups[0] == groups[1] == groups[3]
    assert groups[2] != groups[0]


def test_it_removes_exact_duplicates_before_splitting() -> None:
    pairs = _pairs(100)
    _, report = train(pairs + pairs[:20], folds=2)
    assert report.exact_duplicates_removed == 20


def test_it_refuses_data_with_too_few_scams() -> None:
    with pytest.raises(ValueError, match="need at least 5 fraudulent"):
        train([(f"ad number {i}", 0) for i in range(50)] + [("scam", 1)], folds=5)


def test_a_saved_model_loads_back_without_pickle_and_shows_beside_the_flags(tmp_path: Path) -> None:
    model, _ = train(_pairs(120), folds=2)
    path = tmp_path / "model.npz"
    model.save(path)
    loaded = OfferModel.load(path)
    text = "earn cash quick"
    assert loaded.probability(text) == pytest.approx(model.probability(text), abs=1e-5)
    check = check_offer(Offer("Registration fee 300 EUR, earn cash quick"), model=loaded)
    assert check.model_probability is not None
    assert check.level.value == "high"  # the flags decide the level, not the model


def test_it_refuses_a_file_that_is_not_a_model(tmp_path: Path) -> None:
    path = tmp_path / "bad.npz"
    np.savez(path, coef=np.zeros(3), intercept=np.zeros(1), meta=np.array('{"format": "x"}'))
    with pytest.raises(ValueError, match="not a stepstones offer model"):
        OfferModel.load(path)
