"""Subject access: everything stored about one person, in one file sealed with a passphrase.

A person (or their lawyer or guardian) may ask what is held about them; the organisation that
answers gathers it with `stepstones subject-access CODE FILE`. The file holds the identity (the
vault opened), every case of the person and every row that hangs from those cases (consents,
overrides, assessments, custody, referrals, services, notes), as stored: free text decrypted,
codes as codes beside their words where a field has choices. It is personal data at its most
dangerous, so it is never written in the clear: the JSON is sealed with a key derived from a
passphrase (`stepstones.sealing`: scrypt, then Fernet), and the export is audited.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.db import models

from stepstones.cases import vault
from stepstones.cases.models import Case, CaseNote, Person


def _rows(model: type[models.Model], **lookup: Any) -> list[dict[str, Any]]:
    rows = []
    for obj in model._default_manager.filter(**lookup).order_by("pk"):
        row: dict[str, Any] = {}
        for field in model._meta.concrete_fields:
            value = getattr(obj, field.attname)
            row[field.attname] = value
            if field.choices and value not in (None, ""):
                row[f"{field.attname} (words)"] = str(getattr(obj, f"get_{field.name}_display")())
        rows.append(row)
    return rows


def person_record(person: Person) -> dict[str, Any]:
    """Everything stored about `person`: identity, cases and all that hangs from them."""
    vault_row = getattr(person, "vault", None)
    record: dict[str, Any] = {
        "person": _rows(Person, pk=person.pk)[0],
        "identity": vault.decrypt(vault_row.token) if vault_row is not None else {},
        "cases": _rows(Case, person=person),
    }
    cases = list(person.cases.values_list("pk", flat=True))
    for model in apps.get_models():
        if model in (Case, CaseNote):
            continue
        to_case = [
            f
            for f in model._meta.concrete_fields
            if isinstance(f, models.ForeignKey) and f.related_model is Case
        ]
        for field in to_case:
            rows = _rows(model, **{f"{field.name}__in": cases})
            if rows:
                record.setdefault(model._meta.label, []).extend(rows)
    notes = CaseNote.objects.filter(case__in=cases).order_by("pk")
    record["case notes"] = [
        {
            "case": n.case_id,
            "organisation": n.organisation_id,
            "written_at": n.written_at,
            "text": vault.decrypt(n.token).get("text"),
        }
        for n in notes
    ]
    return record
