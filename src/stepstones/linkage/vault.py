"""Identities for encoding from an identity-vault record, as `cases` stores it (plain data in).

The vault keeps a person's names as a list of `{"script", "value"}` (aliases, and the same name in
several scripts), the birth date as YYYY-MM-DD, and keeps sex and citizenship on the person, with
HTCDS gender words and ISO 3166 codes. Each name becomes one identity to encode, so a person
stored under "Мухамед Ахмади" and "Mohammad Ahmadi" is found by either spelling.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from stepstones.linkage.dates import BirthDate
from stepstones.linkage.encoder import Identity

# HTCDS prs_Gender words (cases.models.Gender) that state a sex; the others leave it unknown.
SEXES = {"Feminine": "f", "Masculine": "m", "TransgenderFeminine": "f", "TransgenderMasculine": "m"}


def birth_date(text: str) -> BirthDate:
    """Return the vault's YYYY-MM-DD as a BirthDate, or an unknown one for "" or a bad value."""
    try:
        born = dt.date.fromisoformat(text)
    except ValueError:
        return BirthDate()
    return BirthDate(born.year, born.month, born.day)


def identities(
    record: Mapping[str, Any], *, gender: str = "", citizenship: Sequence[str] = ()
) -> list[Identity]:
    """Return one identity per distinct name in a vault record (none without a name)."""
    born = birth_date(str(record.get("birthdate", "") or ""))
    sex = SEXES.get(gender, "")
    country = sorted(citizenship)[0] if citizenship else ""
    names: list[str] = []
    for item in record.get("names", []) or []:
        value = str(item.get("value", "") if isinstance(item, Mapping) else item).strip()
        if value and value not in names:
            names.append(value)
    return [Identity(name, born, sex, country) for name in names]
