"""CTDC victim-perpetrator data (Counter Trafficking Data Collaborative, IOM) as a reference set.

The format is CTDC's "condensed" synthetic victim-perpetrator file of December 2022 (its
dictionary, `CTDC_VPsynthetic_dict_20221201.xlsx`, sheets Main and TabStat): 16 columns, missing
values blank, several values in one cell joined by ";", yes/no flags written `1` or blank. The
k-anonymised CTDC releases write flags as `0`, `1` or `-99` (missing), per CTDC's 2017 and 2021
dictionaries, so those are read too. Column names match without regard to case (CTDC's releases
differ in it). Every row is checked before anything is stored; see `imports` for the rules.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import CharField
from django.utils import timezone

from stepstones.audit.chain import record
from stepstones.stats.imports import WHOLE_ROW, BadRow, ImportFileError
from stepstones.stats.models import ReferenceDataset, ReferenceRecord

REGIONS = ("Africa", "Americas/Oceania", "Asia", "Europe")


@dataclass(frozen=True)
class Column:
    """One CTDC column: the model field it fills, its kind, and the values it may hold.

    Kinds: "flag" (yes/no), "one" (one of `allowed`), "many" (";"-joined values of `allowed`),
    "pattern" (each ";"-joined value matches `pattern`).
    """

    ctdc: str
    name: str
    kind: str
    allowed: tuple[str, ...] = ()
    pattern: str = ""


COLUMNS: tuple[Column, ...] = (
    Column("yearRegister", "year_register", "pattern", pattern=r"\d{4}(-\d{4})?"),
    Column("gender", "gender", "one", ("Female", "Male", "Transgender/NonConforming")),
    Column("majorityStatus", "majority_status", "one", ("Adult", "Minor")),
    Column("isForcedLabour", "forced_labour", "flag"),
    Column("isSexualExploit", "sexual_exploit", "flag"),
    Column("UN_COO_Region", "citizenship_region", "one", REGIONS),
    Column("UN_COE_Region", "exploitation_region", "one", REGIONS),
    Column("IP_Exploiter", "perpetrator_exploiter", "flag"),
    Column("IP_Gender", "perpetrator_gender", "many", ("Female", "Male")),
    Column("IP_ageBroad", "perpetrator_age", "pattern", pattern=r"\d+(--\d+|\+)"),
    Column("IP_citizen_UNRegion", "perpetrator_citizenship_region", "many", REGIONS),
    Column(
        "IP_Relation",
        "perpetrator_relation",
        "many",
        ("FamilyIntimatePartner", "FriendAcquaintance", "StrangerUnknownOther"),
    ),
    Column("IP_PayMoney", "paid_perpetrator", "many", ("No", "Yes")),
    Column("IP_RecruiterBroker", "perpetrator_recruiter", "flag"),
    Column("IP_TransactionProcess", "perpetrator_transaction", "flag"),
    Column("IP_ControlAbuseKidnap", "perpetrator_control", "flag"),
)
FLAGS: dict[str, bool | None] = {"": None, "-99": None, "1": True, "0": False}
_LENGTHS: dict[str, int] = {
    f.name: f.max_length
    for f in ReferenceRecord._meta.fields
    if isinstance(f, CharField) and f.max_length is not None
}


def problem(column: Column, value: str) -> str | None:
    """Why `value` cannot stand in `column`, or None when it can."""
    if column.kind == "flag":
        return None if value in FLAGS else f"{value!r} is not 1, 0, -99 or blank"
    if value == "":
        return None
    if len(value) > _LENGTHS[column.name]:
        return f"longer than {_LENGTHS[column.name]} characters"
    if column.kind == "one":
        return None if value in column.allowed else f"{value!r} is not a CTDC value"
    parts = value.split(";")
    if len(set(parts)) != len(parts):
        return f"a value is repeated in {value!r}"
    for part in parts:
        if column.kind == "many" and part not in column.allowed:
            return f"{part!r} is not a CTDC value"
        if column.kind == "pattern" and not re.fullmatch(column.pattern, part):
            return f"{part!r} does not have the expected form"
    return None


def convert(column: Column, value: str) -> Any:
    return FLAGS[value] if column.kind == "flag" else value


@dataclass
class Checked:
    """The rows as model field values, and the bad rows."""

    rows: list[dict[str, Any]] = field(default_factory=list)
    bad: list[BadRow] = field(default_factory=list)
    total: int = 0


def _order(header: list[str]) -> list[Column]:
    """The columns in the file's order; ImportFileError names a missing or unknown one."""
    known = {c.ctdc.lower(): c for c in COLUMNS}
    found: list[Column] = []
    for name in header:
        column = known.get(name.strip().lower())
        if column is None:
            raise ImportFileError(f"the column {name!r} is not a CTDC column we read")
        if column in found:
            raise ImportFileError(f"the column {name!r} appears twice")
        found.append(column)
    missing = [c.ctdc for c in COLUMNS if c not in found]
    if missing:
        raise ImportFileError(f"the column(s) {', '.join(missing)} are missing")
    return found


def check(text: str, tick: Callable[[int], object] | None = None) -> Checked:
    """Read and check every row (rows numbered from 1, the header not counted)."""
    rows: Iterator[list[str]] = csv.reader(io.StringIO(text))
    header = next(rows, None)
    if not header:
        raise ImportFileError("the file has no header")
    columns = _order(header)
    checked = Checked()
    for number, values in enumerate(rows, 1):
        checked.total = number
        if len(values) != len(columns):
            reason = f"{len(values)} values where the header has {len(columns)} columns"
            checked.bad.append(BadRow(number, WHOLE_ROW, reason))
            continue
        out: dict[str, Any] = {}
        bad = False
        for column, value in zip(columns, values, strict=True):
            reason_ = problem(column, value)
            if reason_ is not None:
                checked.bad.append(BadRow(number, column.ctdc, reason_))
                bad = True
            else:
                out[column.name] = convert(column, value)
        if not bad:
            checked.rows.append(out)
        if tick is not None and number % 1000 == 0:
            tick(1000)
    if tick is not None:
        tick(checked.total % 1000)
    return checked


def store(
    checked: Checked,
    *,
    name: str,
    source: str,
    raw: bytes,
    tick: Callable[[int], object] | None = None,
    batch: int = 2000,
) -> ReferenceDataset:
    """Replace the data set called `name` with the checked rows, in one transaction; audited."""
    now: dt.datetime = timezone.now()
    with transaction.atomic():
        ReferenceDataset.objects.filter(name=name).delete()
        dataset = ReferenceDataset.objects.create(
            name=name,
            source=source,
            sha256=hashlib.sha256(raw).hexdigest(),
            rows=len(checked.rows),
            imported_at=now,
        )
        for start in range(0, len(checked.rows), batch):
            chunk = checked.rows[start : start + batch]
            ReferenceRecord.objects.bulk_create(
                ReferenceRecord(dataset=dataset, **values) for values in chunk
            )
            if tick is not None:
                tick(len(chunk))
        record(
            "ctdc.imported",
            object_type="reference_dataset",
            object_id=dataset.pk,
            details={
                "name": name,
                "rows": len(checked.rows),
                "skipped_bad_rows": len({b.number for b in checked.bad}),
                "sha256": dataset.sha256,
            },
        )
    return dataset


def latest() -> ReferenceDataset | None:
    """The reference data set the dashboard shows: the one imported last."""
    return ReferenceDataset.objects.first()
