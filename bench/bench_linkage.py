"""Duplicate detection across organisations (`make bench-linkage`, issue 19).

On generated registrations of the Balkan route (stepstones.linkage.synth, seed 2; the score was
fitted on seed 1 with `--tune`), at each size in BENCH_LINKAGE_SIZES (default "10000,100000"):
precision, recall and F1 over pairs of records of the same person, the time to encode and to
link everything, and the time to check one new registration against all the others.
With `SPLINK_PYTHON` naming an interpreter that has splink installed, Splink (plaintext
Fellegi-Sunter on DuckDB) links the same records in the same run (bench/_splink_linkage.py).

    .venv/bin/python bench/bench_linkage.py            # report on seed 2
    .venv/bin/python bench/bench_linkage.py --tune     # fit the score on seed 1 at 10,000
"""

from __future__ import annotations

import csv
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import numpy.typing as npt

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench._common import report  # noqa: E402

from stepstones.linkage import FEATURES, Encoder, Index, Probes, name_keys, pairs_of  # noqa: E402
from stepstones.linkage.synth import Record, records  # noqa: E402

SECRET = b"bench-linkage-network-secret-0001"
TUNE_SEED, REPORT_SEED = 1, 2


def truth_mask(
    recs: list[Record], left: npt.NDArray[np.int64], right: npt.NDArray[np.int64]
) -> npt.NDArray[np.bool_]:
    """Return which candidate pairs are the same person."""
    person = np.array([r.person for r in recs])
    return np.asarray(person[left] == person[right])


def quality(
    predicted: npt.NDArray[np.bool_], true: npt.NDArray[np.bool_], total: int
) -> tuple[float, float, float]:
    """Return precision, recall (over all true pairs, blocked or not) and F1."""
    hits = int((predicted & true).sum())
    precision = hits / max(1, int(predicted.sum()))
    recall = hits / max(1, total)
    return precision, recall, 2 * precision * recall / max(precision + recall, 1e-9)


def tune(sizes: list[int]) -> None:
    """Fit the logistic score on seed 1 at the given sizes; print the constants for match.py.

    The threshold is the one with the best mean F1 over the sizes. Non-matches are subsampled
    (and weighted back) to keep the fit in memory. The constants in match.py were fitted at
    10,000 alone: fitting at 10,000 and 100,000 together gave a worse F1 at both sizes.
    """
    from sklearn.linear_model import LogisticRegression

    rng = np.random.default_rng(TUNE_SEED)
    parts: list[tuple[npt.NDArray[np.float64], npt.NDArray[np.bool_], int]] = []
    for size in sizes:
        recs = records(size, TUNE_SEED)
        probes = [Encoder(SECRET).probe(r.identity) for r in recs]
        index = Index()
        index.extend(p.encoding for p in probes)
        left, right, features = index.pair_features(Probes(probes))
        parts.append(
            (features, truth_mask(recs, left, right), len(pairs_of([r.person for r in recs])))
        )
    rows, labels, weights = [], [], []
    for features, true, _ in parts:
        negatives = np.flatnonzero(~true)
        keep = rng.choice(negatives, min(len(negatives), 1_000_000), replace=False)
        chosen = np.concatenate([np.flatnonzero(true), keep])
        rows.append(features[chosen])
        labels.append(true[chosen])
        weights.append(np.where(true[chosen], 1.0, len(negatives) / len(keep)))
    model = LogisticRegression(C=10, max_iter=5000)
    model.fit(np.concatenate(rows), np.concatenate(labels), sample_weight=np.concatenate(weights))
    coefficients = tuple(round(float(c), 2) for c in model.coef_[0])
    intercept = round(float(model.intercept_[0]), 2)
    print(f"COEFFICIENTS = {coefficients}  # {', '.join(FEATURES)}")
    print(f"INTERCEPT = {intercept}")
    tuned = Index(coefficients, intercept)
    results = []
    for threshold in np.arange(0.1, 0.95, 0.05):
        found = [quality(tuned.score(f) >= threshold, t, n) for f, t, n in parts]
        results.append((float(np.mean([q[2] for q in found])), float(threshold), found))
    mean_f1, threshold, found = max(results, key=lambda r: r[0])
    figures = "; ".join(
        f"{s:,}: P {q[0]:.4f} R {q[1]:.4f} F1 {q[2]:.4f}" for s, q in zip(sizes, found, strict=True)
    )
    print(f"THRESHOLD = {threshold:.2f}  # seed {TUNE_SEED}, {figures}")


def bench(size: int) -> None:
    """Report quality and time at one size on the report seed."""
    recs = records(size, REPORT_SEED)
    total = len(pairs_of([r.person for r in recs]))
    encoder = Encoder(SECRET)
    start = time.perf_counter()
    probes = [encoder.probe(r.identity) for r in recs]
    encoded = time.perf_counter()
    index = Index()
    index.extend(p.encoding for p in probes)
    left, right, scores = index.link(Probes(probes))
    linked = time.perf_counter()
    candidates = len(index.candidate_pairs(Probes(probes))[0])
    precision, recall, f1 = quality(
        np.ones(len(left), dtype=bool), truth_mask(recs, left, right), total
    )
    print(f"== {len(recs):,} registrations, {total:,} true pairs, {candidates:,} candidate pairs")
    print(f"precision: {precision:.4f} (target >= 0.99)")
    print(f"recall: {recall:.4f} (target >= 0.95)")
    print(f"F1: {f1:.4f} (target within 0.02 of Splink)")
    report("encode all", encoded - start, "s", "-")
    report("link all (blocking, scoring)", linked - encoded, "s", "< 60 s at 100,000 with encoding")
    sample = probes[:: max(1, len(probes) // 200)]
    begin = time.perf_counter()
    for probe in sample:
        index.query(probe)
    per_query = (time.perf_counter() - begin) / len(sample)
    begin = time.perf_counter()
    for record in recs[:: max(1, len(recs) // 200)]:
        encoder.probe(record.identity)
    per_encode = (time.perf_counter() - begin) / len(sample)
    report(
        "one new registration: encode + check against all",
        1000 * (per_query + per_encode),
        "ms",
        "< 50 ms",
    )
    splink_python = os.environ.get("SPLINK_PYTHON")
    if splink_python:
        splink(recs, total, splink_python)


def splink(recs: list[Record], total: int, python: str) -> None:
    """Link the same records with Splink, on our normalised plaintext, in another interpreter."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "records.csv"
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(
                [
                    "unique_id",
                    "person",
                    "name",
                    "given",
                    "family",
                    "year",
                    "month",
                    "day",
                    "sex",
                    "citizenship",
                ]
            )
            for number, record in enumerate(recs):
                identity = record.identity
                key = sorted(name_keys(identity.name).renderings())
                words = (key[0].split() if key else []) + ["", ""]
                birth = identity.birth
                writer.writerow([
                    number, record.person, key[0] if key else "", words[0], words[1],
                    birth.year or "", "" if birth.estimated else birth.month or "",
                    "" if birth.estimated else birth.day or "", identity.sex, identity.citizenship,
                ])  # fmt: skip
        script = Path(__file__).with_name("_splink_linkage.py")
        result = subprocess.run(  # noqa: S603 (the interpreter the person running it named)
            [python, str(script), str(path), str(total)],
            capture_output=True,
            text=True,
            check=False,
        )  # noqa: S603
        print(result.stdout.strip() or result.stderr.strip()[-2000:])


def main() -> None:
    """Run the benchmark (or `--tune`)."""
    sizes = [int(s) for s in os.environ.get("BENCH_LINKAGE_SIZES", "10000,100000").split(",")]
    if "--tune" in sys.argv:
        tune([int(s) for s in os.environ.get("BENCH_LINKAGE_TUNE_SIZES", "10000").split(",")])
        return
    for size in sizes:
        bench(size)


if __name__ == "__main__":
    main()
