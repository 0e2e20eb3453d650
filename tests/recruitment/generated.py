"""Generated labelled ads in the EMSCAD column format, for model tests (no real data needed)."""

from __future__ import annotations

import csv
import random
from pathlib import Path

COLUMNS = [
    "job_id", "title", "location", "department", "salary_range", "company_profile", "description",
    "requirements", "benefits", "telecommuting", "has_company_logo", "has_questions",
    "employment_type", "required_experience", "required_education", "industry", "function",
    "fraudulent",
]  # fmt: skip
LEGIT_WORDS = str.split(
    "engineer analyst accountant nurse teacher developer designer manager technician chemist "
    "warehouse logistics quality audit compliance clinical research pipeline customer"
)
FRAUD_WORDS = str.split(
    "earn cash quick easy bonus weekly home online typing data entry guaranteed money wire "
    "transfer urgent immediately gift card bank account"
)
COMMON = str.split("the a we are you will our team work with for and in of to job position")


def _text(rng: random.Random, words: list[str], n: int) -> str:
    return " ".join(rng.choice(words + COMMON) for _ in range(n))


def rows(n: int, *, fraud_share: float = 0.2, seed: int = 1) -> list[dict[str, str]]:
    """Return n generated ads; frauds use scam vocabulary and are partly templated."""
    rng = random.Random(seed)
    out = []
    templates = [_text(rng, FRAUD_WORDS, 60) for _ in range(4)]
    for i in range(n):
        fraud = rng.random() < fraud_share
        if fraud:
            description = rng.choice(templates) + " " + _text(rng, FRAUD_WORDS, 10)
        else:
            description = _text(rng, LEGIT_WORDS, 70)
        row = dict.fromkeys(COLUMNS, "")
        row.update(
            job_id=str(i),
            title=_text(rng, FRAUD_WORDS if fraud else LEGIT_WORDS, 3),
            description=description,
            requirements=_text(rng, LEGIT_WORDS, 15),
            fraudulent="1" if fraud else "0",
        )
        out.append(row)
    return out


def write_csv(path: Path, n: int, **kwargs: float) -> Path:
    """Write n generated ads to `path` as CSV and return it."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows(n, **kwargs))  # type: ignore[arg-type]
    return path
