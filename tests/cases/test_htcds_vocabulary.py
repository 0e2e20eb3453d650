"""Our picklists use the HTCDS v2 value names exactly, checked against the reference data."""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pytest
from django.db.models import TextChoices

from stepstones.agencies.models import HtcdsOrgType
from stepstones.cases.models import (
    DecisionMakingOrg,
    Gender,
    MethodOfControl,
    MethodOfRecruitment,
    TraffickingStatus,
    TypeOfExploitation,
)
from stepstones.referrals.models import ReasonForReferral

ROOT = Path(__file__).resolve().parents[2]
# ../shared/data beside the repository; STEPSTONES_SHARED_DATA overrides (as in eval/_common.py).
BASE = Path(os.environ.get("STEPSTONES_SHARED_DATA", ROOT.parent / "shared" / "data"))
CSV = BASE / "htcds" / "htcds_field_standards_2.0.csv"


def _picklists() -> dict[str, set[str]]:
    if not CSV.is_file():
        pytest.skip(f"HTCDS reference data not found at {CSV} (see ../shared/data/README)")
    with CSV.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return {
        row["Field Name including Prefix"]: {
            v.strip() for v in row["Value Names (if picklist)"].splitlines() if v.strip()
        }
        for row in rows
        if row.get("Field Name including Prefix")
    }


@pytest.mark.parametrize(
    ("field", "choices"),
    [
        ("org_Type", HtcdsOrgType),
        ("prs_Gender", Gender),
        ("vic_TraffickingStatus", TraffickingStatus),
        ("vic_TraffickingStatusDecisionMakingOrg", DecisionMakingOrg),
        ("vic_TypeOfExploitation", TypeOfExploitation),
        ("vic_MethodsOfControl", MethodOfControl),
        ("vic_MethodOfRecruitment", MethodOfRecruitment),
        ("cas_ReasonForOutgoingReferral", ReasonForReferral),
    ],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_it_uses_the_htcds_value_names(field: str, choices: type[TextChoices]) -> None:
    assert set(choices.values) == _picklists()[field]
