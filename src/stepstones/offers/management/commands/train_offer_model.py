"""`stepstones train-offer-model DATA.csv -o MODEL.npz`: train the optional learned model."""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from stepstones.recruitment.learned import TEXT_FIELDS, train

REQUIRED = ("fraudulent",)


class Command(BaseCommand):
    help = (
        "Train the optional job-offer model on labelled ads in the EMSCAD column format, with "
        "cross-validation that keeps near-duplicate ads on one side of every split."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "data", help="CSV with EMSCAD columns (title, description, ..., fraudulent)"
        )
        parser.add_argument(
            "-o", "--output", default="var/offer-model.npz", help="model file to write"
        )
        parser.add_argument("--folds", type=int, default=5, help="cross-validation folds (2-20)")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["data"])
        folds = options["folds"]
        if not 2 <= folds <= 20:
            self._fail("--folds must be between 2 and 20")
        if not path.is_file():
            self._fail(f"{path}: no such file")
        csv.field_size_limit(1_000_000)
        try:
            with path.open(encoding="utf-8", newline="") as handle:
                model, report = train(self._rows(handle, path), folds=folds)
        except (ValueError, csv.Error, UnicodeDecodeError) as exc:
            self._fail(f"{path}: {exc}")
        out = Path(options["output"])
        out.parent.mkdir(parents=True, exist_ok=True)
        model.save(out)
        self.stdout.write(
            f"rows: {report.rows} ({report.positives} fraudulent after removing "
            f"{report.exact_duplicates_removed} exact duplicates); near-duplicate groups: "
            f"{report.groups}"
        )
        self.stdout.write(f"cross-validation by near-duplicate group, {len(report.folds)} folds:")
        for i, f in enumerate(report.folds, 1):
            self.stdout.write(
                f"  fold {i}: PR-AUC {f.pr_auc:.3f}  F1 {f.f1:.3f}  "
                f"({f.test_positives} fraudulent of {f.test_size})"
            )
        self.stdout.write(f"PR-AUC (fraudulent class): {report.pr_auc:.3f}")
        self.stdout.write(f"F1 (fraudulent class, threshold 0.5): {report.f1:.3f}")
        self.stdout.write(f"model written to {out}; set OFFER_MODEL_PATH={out} to use it")

    def _rows(self, handle: Any, path: Path) -> Iterator[tuple[str, int]]:
        reader = csv.DictReader(handle)
        missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
        if missing or not any(f in (reader.fieldnames or []) for f in TEXT_FIELDS):
            raise ValueError(
                "not in the EMSCAD format: needs a 'fraudulent' column and at least one of "
                + ", ".join(TEXT_FIELDS)
            )
        for number, row in enumerate(reader, start=2):
            label = (row.get("fraudulent") or "").strip()
            if label not in ("0", "1"):
                raise ValueError(f"row {number}: fraudulent must be 0 or 1, got {label!r}")
            text = "\n".join((row.get(f) or "").strip() for f in TEXT_FIELDS)
            yield text, int(label)

    def _fail(self, message: str) -> None:
        self.stderr.write(message)
        sys.exit(2)
