"""Subject access: everything stored about one person, in one file sealed with a passphrase.

A person (or their lawyer or guardian) may ask what is held about them; the organisation that
answers gathers it with `stepstones subject-access CODE FILE`. The file holds the identity (the
vault opened), every case of the person and every row that hangs from those cases (consents,
overrides, assessments, custody, referrals, services, notes), as stored: free text decrypted,
codes as codes beside their words where a field has choices. It is personal data at its most
dangerous, so it is never written in the clear: the JSON is sealed with a key derived from a
passphrase (scrypt, then Fernet: both from the `cryptography` library), and the export is audited.
"""

from __future__ import annotations

import base64
import json
import os
from typing import Any

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from django.apps import apps
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from stepstones.cases import vault
from stepstones.cases.models import Case, CaseNote, Person

MAGIC = b"stepstones-sealed-export-1\n"
MIN_PASSPHRASE = 12
# scrypt at the cost OWASP names for it (N = 2^17, r = 8, p = 1): about 128 MiB and a fraction
# of a second, once per file.
_SCRYPT = {"n": 2**17, "r": 8, "p": 1}


class ExportError(Exception):
    """The export could not be made or opened; the message says why in words."""


def _key(passphrase: str, salt: bytes) -> bytes:
    if len(passphrase) < MIN_PASSPHRASE:
        raise ExportError(f"the passphrase must be at least {MIN_PASSPHRASE} characters long")
    derived = Scrypt(salt=salt, length=32, **_SCRYPT).derive(passphrase.encode("utf-8"))
    return base64.urlsafe_b64encode(derived)


def seal(data: dict[str, Any], passphrase: str) -> bytes:
    """Return `data` as JSON sealed with a key derived from `passphrase` (a fresh salt)."""
    salt = os.urandom(16)
    plain = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1).encode("utf-8")
    token = Fernet(_key(passphrase, salt)).encrypt(plain)
    return MAGIC + base64.urlsafe_b64encode(salt) + b"\n" + token


def unseal(blob: bytes, passphrase: str) -> dict[str, Any]:
    """Return the data of a sealed export; `ExportError` on a wrong passphrase or file."""
    if not blob.startswith(MAGIC):
        raise ExportError("this is not a sealed stepstones export")
    try:
        salt_line, token = blob[len(MAGIC) :].split(b"\n", 1)
        salt = base64.urlsafe_b64decode(salt_line)
    except ValueError:
        raise ExportError("the export is damaged") from None
    try:
        plain = Fernet(_key(passphrase, salt)).decrypt(token)
    except InvalidToken:
        raise ExportError("wrong passphrase, or the export is damaged") from None
    value = json.loads(plain.decode("utf-8"))
    assert isinstance(value, dict)
    return value


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
