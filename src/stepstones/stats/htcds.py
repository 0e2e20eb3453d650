"""HTCDS v2.0 export of cases (IOM's Human Trafficking Case Data Standard, CC BY 4.0), as JSON
or CSV, with the standard's field names and picklist values, and a JSON Schema of our own
(HTCDS publishes none): `docs/htcds.schema.json`, written by `schema()`.

Only the fields that identify nobody leave: gender, citizenship, primary language, trafficking
status and who decided it, forms of exploitation, means of control, recruitment, case status.
Names, dates of birth, contacts and every free text stay (`prs_FirstName`, `prs_Birthdate`,
`cas_ReasonForCaseClosure` ...). Mapping choices, also in docs/statistics.md:
- HTCDS has no case identifier; the exchange export adds our pseudonymous case code as
  `x_CaseCode` (an extension, marked by the `x_` prefix). The statistical export leaves it out.
- Multi-select picklists are JSON arrays; in CSV their values are joined by ";" as Salesforce,
  on which HTCDS is modelled, stores them.
- The statistical export is k-anonymous (`disclosure.k_anonymise`, k = 11): gender generalises
  to `NonSpecifiedUnknown`, citizenship to none, language to none, so every record stays valid
  against the schema; the result says what was generalised and how many records were dropped.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from stepstones.cases.models import (
    Case,
    DecisionMakingOrg,
    Gender,
    MethodOfControl,
    MethodOfRecruitment,
    TraffickingStatus,
    TypeOfExploitation,
)
from stepstones.disclosure import Anonymised, Hierarchy, k_anonymise

CODE = "x_CaseCode"
# HTCDS name -> (kind, allowed values or a pattern). Kinds: "one" (picklist), "many"
# (multi-select picklist), "text" (a code with a pattern).
FIELDS: dict[str, tuple[str, Sequence[str] | str]] = {
    "prs_Gender": ("one", Gender.values),
    "prs_Citizenship": ("many", "^[A-Z]{2}$"),
    "prs_PrimaryLanguage": ("text", "^([a-z]{2,3})?$"),
    "vic_TraffickingStatus": ("one", TraffickingStatus.values),
    "vic_TraffickingStatusDecisionMakingOrg": ("one", ["", *DecisionMakingOrg.values]),
    "vic_TypeOfExploitation": ("many", TypeOfExploitation.values),
    "vic_MethodsOfControl": ("many", MethodOfControl.values),
    "vic_MethodOfRecruitment": ("many", MethodOfRecruitment.values),
    "cas_Status": ("one", ["Active", "FollowUp", "Closed", "ClosedReferred"]),
}
MULTI = [name for name, (kind, _) in FIELDS.items() if kind == "many"]

Record = dict[str, Any]


def record(case: Case, *, with_code: bool) -> Record:
    """One case as an HTCDS record (the person and case must be loaded with it)."""
    person = case.person
    out: Record = {CODE: person.code} if with_code else {}
    out.update(
        {
            "prs_Gender": person.gender,
            "prs_Citizenship": list(person.citizenship),
            "prs_PrimaryLanguage": person.primary_language,
            "vic_TraffickingStatus": case.trafficking_status,
            "vic_TraffickingStatusDecisionMakingOrg": case.decision_making_org,
            "vic_TypeOfExploitation": list(case.type_of_exploitation),
            "vic_MethodsOfControl": list(case.methods_of_control),
            "vic_MethodOfRecruitment": list(case.method_of_recruitment),
            "cas_Status": case.htcds_status,
        }
    )
    return out


def records(cases: Iterable[Case], *, with_code: bool) -> Iterator[Record]:
    for case in cases:
        yield record(case, with_code=with_code)


def anonymise(rows: Sequence[Record], k: int = 11) -> Anonymised:
    """The statistical export: no case code, k-anonymous over gender, citizenship, language."""
    plain = [{key: value for key, value in row.items() if key != CODE} for row in rows]
    hierarchies = [
        Hierarchy("prs_Gender", [lambda v: Gender.UNKNOWN.value], ["as recorded", "hidden"]),
        Hierarchy("prs_Citizenship", [lambda v: ()], ["as recorded", "hidden"]),
        Hierarchy("prs_PrimaryLanguage", [lambda v: ""], ["as recorded", "hidden"]),
    ]
    frozen = [{**row, "prs_Citizenship": tuple(row["prs_Citizenship"])} for row in plain]
    result = k_anonymise(frozen, hierarchies, k=k)
    for row in result.records:
        row["prs_Citizenship"] = list(row["prs_Citizenship"])  # type: ignore[call-overload]
    return result


def schema(*, with_code: bool = True) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one exported record."""
    properties: dict[str, Any] = {}
    if with_code:
        properties[CODE] = {
            "type": "string",
            "pattern": "^SC-[A-Z0-9]{4}-[A-Z0-9]{4}$",
            "description": "stepstones' pseudonymous case code (extension: HTCDS has none).",
        }
    for name, (kind, allowed) in FIELDS.items():
        if kind == "one":
            properties[name] = {"type": "string", "enum": list(allowed)}
        elif kind == "text":
            properties[name] = {"type": "string", "pattern": allowed}
        else:
            items: dict[str, Any] = (
                {"type": "string", "pattern": allowed}
                if isinstance(allowed, str)
                else {"type": "string", "enum": list(allowed)}
            )
            properties[name] = {"type": "array", "items": items, "uniqueItems": True}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://stepstones.invalid/htcds-2.0-case.schema.json",
        "title": "HTCDS 2.0 case record (the fields stepstones exports)",
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


def problems(row: Mapping[str, Any], *, with_code: bool = True) -> list[str]:
    """What in a record breaks the schema (the subset of JSON Schema that `schema` uses)."""
    spec = schema(with_code=with_code)
    found = [
        f"{key}: not an HTCDS field we exchange" for key in row if key not in spec["properties"]
    ]
    for name, rule in spec["properties"].items():
        if name not in row:
            found.append(f"{name}: missing")
            continue
        found += _check(name, row[name], rule)
    return found


def _check(name: str, value: Any, rule: Mapping[str, Any]) -> list[str]:
    if rule["type"] == "array":
        if not isinstance(value, list):
            return [f"{name}: a list is expected"]
        if len(set(map(str, value))) != len(value):
            return [f"{name}: a value is repeated"]
        return [p for item in value for p in _check(name, item, rule["items"])]
    if not isinstance(value, str):
        return [f"{name}: text is expected"]
    if "enum" in rule and value not in rule["enum"]:
        return [f"{name}: {value!r} is not an HTCDS value"]
    if "pattern" in rule and not re.fullmatch(rule["pattern"], value):
        return [f"{name}: {value!r} does not have the expected form"]
    return []


def to_json(rows: Iterable[Record]) -> str:
    return json.dumps(list(rows), ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def from_json(text: str) -> list[Record]:
    data = json.loads(text)
    if not isinstance(data, list) or not all(isinstance(row, dict) for row in data):
        raise ValueError("an HTCDS JSON export is a list of records")
    return data


def to_csv(rows: Iterable[Record], columns: Sequence[str]) -> Iterator[str]:
    """CSV lines, header first (a generator: a large export streams)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")

    def line(values: Sequence[str]) -> str:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow(values)
        return buffer.getvalue()

    yield line(columns)
    for row in rows:
        yield line([";".join(row[c]) if c in MULTI else str(row[c]) for c in columns])


def from_csv(text: str) -> list[Record]:
    out: list[Record] = []
    for row in csv.DictReader(io.StringIO(text)):
        out.append(
            {
                key: ([v for v in value.split(";") if v] if key in MULTI else value)
                for key, value in row.items()
            }
        )
    return out


def columns(*, with_code: bool) -> list[str]:
    return ([CODE] if with_code else []) + list(FIELDS)


CLOSED_STATUSES = frozenset({"Closed", "ClosedReferred"})


def case_fields(row: Mapping[str, Any]) -> dict[str, Any]:
    """A valid record as the arguments of `cases.actions.receive_case` (the inverse of `record`).

    `x_CaseCode` stays the person's code, so the case is known by the same code on both sides
    and an export after the import gives the same file. HTCDS's `FollowUp` counts as open and
    `ClosedReferred` as closed: our cases are open or closed, and export as `Active` or `Closed`.
    """
    return {
        "code": row.get(CODE),
        "gender": row["prs_Gender"],
        "citizenship": list(row["prs_Citizenship"]),
        "primary_language": row["prs_PrimaryLanguage"],
        "trafficking_status": row["vic_TraffickingStatus"],
        "decision_making_org": row["vic_TraffickingStatusDecisionMakingOrg"],
        "type_of_exploitation": list(row["vic_TypeOfExploitation"]),
        "methods_of_control": list(row["vic_MethodsOfControl"]),
        "method_of_recruitment": list(row["vic_MethodOfRecruitment"]),
        "closed": row["cas_Status"] in CLOSED_STATUSES,
    }
