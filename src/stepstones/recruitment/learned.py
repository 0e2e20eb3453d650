"""The optional learned model: hashed character and word n-grams into logistic regression.

Trained on ads in the EMSCAD column format (text fields + `fraudulent`). It estimates the
probability of a generic job scam, not of trafficking: it is shown beside the red flags and never
changes the level. Cross-validation keeps near-duplicate ads (same MinHash band) on one side of
every split, because EMSCAD is full of templates and random splits overstate the score.
The model is saved as a .npz of weights plus its settings (no pickle: loading runs no code).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import HashingVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, f1_score
from sklearn.model_selection import StratifiedGroupKFold

from stepstones.recruitment.similar import signature
from stepstones.recruitment.text import fold

#: The text columns of the EMSCAD format that make up an ad's text.
TEXT_FIELDS = ("title", "company_profile", "description", "requirements", "benefits")
N_FEATURES = 2**18
FORMAT = "stepstones-offer-model/1"


def _vectorizers() -> tuple[HashingVectorizer, HashingVectorizer]:
    chars = HashingVectorizer(
        analyzer="char_wb", ngram_range=(2, 4), n_features=N_FEATURES, alternate_sign=False,
        preprocessor=fold,
    )  # fmt: skip
    words = HashingVectorizer(
        analyzer="word", ngram_range=(1, 2), n_features=N_FEATURES, alternate_sign=False,
        preprocessor=fold,
    )  # fmt: skip
    return chars, words


def features(texts: Sequence[str]) -> sparse.csr_matrix:
    """Return the hashed n-gram features of `texts` (stateless: no vocabulary)."""
    chars, words = _vectorizers()
    stacked: sparse.csr_matrix = sparse.hstack(
        [chars.transform(texts), words.transform(texts)], format="csr"
    )
    return stacked


@dataclass(frozen=True)
class OfferModel:
    """A trained linear model: weights over the hashed features and an intercept."""

    coef: np.ndarray
    intercept: float
    threshold: float

    def probability(self, text: str) -> float:
        """Return the model's probability that `text` is a scam ad."""
        return float(self.probabilities([text])[0])

    def probabilities(self, texts: Sequence[str]) -> np.ndarray:
        """Return the probability for each of `texts`."""
        z = features(texts) @ self.coef + self.intercept
        return np.asarray(1.0 / (1.0 + np.exp(-z)), dtype=float)

    def save(self, path: Path) -> None:
        """Write the model to `path` (a .npz file)."""
        meta = json.dumps({"format": FORMAT, "threshold": self.threshold})
        np.savez_compressed(
            path, coef=self.coef.astype(np.float32), intercept=np.array([self.intercept]),
            meta=np.array(meta),
        )  # fmt: skip

    @classmethod
    def load(cls, path: Path) -> OfferModel:
        """Read a model written by `save`; raise ValueError when it is not one."""
        with np.load(path, allow_pickle=False) as data:
            meta = json.loads(str(data["meta"]))
            if meta.get("format") != FORMAT:
                raise ValueError(f"{path} is not a stepstones offer model")
            coef = np.asarray(data["coef"], dtype=np.float64)
            if coef.shape != (2 * N_FEATURES,):
                raise ValueError(f"{path} has weights of the wrong shape {coef.shape}")
            return cls(coef, float(data["intercept"][0]), float(meta["threshold"]))


@dataclass(frozen=True)
class FoldScore:
    """Scores of one cross-validation fold on the fraudulent class."""

    pr_auc: float
    f1: float
    test_size: int
    test_positives: int


@dataclass(frozen=True)
class TrainingReport:
    """What training found: data sizes, group counts and the cross-validated scores."""

    rows: int
    positives: int
    exact_duplicates_removed: int
    groups: int
    folds: tuple[FoldScore, ...]

    @property
    def pr_auc(self) -> float:
        """Return the mean PR-AUC (average precision) over the folds."""
        return float(np.mean([f.pr_auc for f in self.folds])) if self.folds else float("nan")

    @property
    def f1(self) -> float:
        """Return the mean F1 of the fraudulent class over the folds."""
        return float(np.mean([f.f1 for f in self.folds])) if self.folds else float("nan")


def near_duplicate_groups(texts: Sequence[str]) -> list[int]:
    """Return a group number per text: texts sharing any MinHash band share a group."""
    parent = list(range(len(texts)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first_with_key: dict[int, int] = {}
    for i, text in enumerate(texts):
        for key in signature(text).bands:
            j = first_with_key.setdefault(key, i)
            if j != i:
                parent[find(i)] = find(j)
    return [find(i) for i in range(len(texts))]


def _fit(x: sparse.csr_matrix, y: np.ndarray) -> LogisticRegression:
    model = LogisticRegression(class_weight="balanced", C=4.0, solver="liblinear", max_iter=1000)
    model.fit(x, y)
    return model


def train(
    rows: Iterable[tuple[str, int]], *, folds: int = 5, seed: int = 0
) -> tuple[OfferModel, TrainingReport]:
    """Train on (text, label) rows (label 1 = fraudulent) and cross-validate by near-dup group.

    Exact duplicates (same folded text) are removed first. Raise ValueError when there are too
    few examples of either class for the folds asked.
    """
    seen: set[str] = set()
    texts: list[str] = []
    labels: list[int] = []
    total = 0
    for text, label in rows:
        total += 1
        key = " ".join(fold(text).split())
        if key in seen:
            continue
        seen.add(key)
        texts.append(text)
        labels.append(int(label))
    y = np.asarray(labels)
    positives = int(y.sum())
    if positives < folds or len(y) - positives < folds:
        raise ValueError(
            f"need at least {folds} fraudulent and {folds} legitimate ads after removing "
            f"duplicates; found {positives} and {len(y) - positives}"
        )
    x = features(texts)
    groups = near_duplicate_groups(texts)
    scores: list[FoldScore] = []
    splitter = StratifiedGroupKFold(n_splits=folds, shuffle=True, random_state=seed)
    for train_idx, test_idx in splitter.split(x, y, groups):
        if y[train_idx].sum() == 0 or y[test_idx].sum() == 0:
            continue
        model = _fit(x[train_idx], y[train_idx])
        p = model.predict_proba(x[test_idx])[:, 1]
        scores.append(
            FoldScore(
                pr_auc=float(average_precision_score(y[test_idx], p)),
                f1=float(f1_score(y[test_idx], p >= 0.5)),
                test_size=len(test_idx),
                test_positives=int(y[test_idx].sum()),
            )
        )
    final = _fit(x, y)
    model_out = OfferModel(
        np.asarray(final.coef_[0], dtype=np.float64), float(final.intercept_[0]), 0.5
    )
    report = TrainingReport(
        rows=total,
        positives=positives,
        exact_duplicates_removed=total - len(texts),
        groups=len(set(groups)),
        folds=tuple(scores),
    )
    return model_out, report
