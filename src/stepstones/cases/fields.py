"""Free text encrypted at rest with the identity vault's keys (issue 17 §4).

A victim's story is identity data in all but name: a case summary, the basis of an
identification or a closure note can say where a person was found and who held them. Such a
column is an `EncryptedTextField`: the model's attribute is the plain text, so pages, the API,
forms and actions read and write it as before, while the database (and every dump or backup of
it) holds only a vault token of `{"text": ...}`, the form case notes already use.

Search and statistics cannot look inside a token, so they use coded fields (stage, kind, status,
reasons, case code); only "is it empty?" and "is it null?" may be asked of an encrypted column,
and any other lookup fails loudly instead of silently matching nothing.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import FieldError
from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models.expressions import Expression
from django.db.models.lookups import Exact

from stepstones.cases import vault

# Lookups that mean the same on a token as on the text: the empty text is stored empty.
_ALLOWED_LOOKUPS = frozenset({"exact", "isnull"})


def encrypt_text(text: str) -> str:
    """Return the vault token of `text`; the empty text stays empty (it says nothing)."""
    return vault.encrypt({"text": text}) if text else ""


def decrypt_text(token: str) -> str:
    """Return the text of a token made by `encrypt_text` (with any key of the ring)."""
    if not token:
        return ""
    text = vault.decrypt(token).get("text", "")
    assert isinstance(text, str)
    return text


class _EmptyOnlyExact(Exact):
    """`field=""`, the one equality a token can answer; any other value fails loudly.

    A token is different at every encryption, so `summary="some text"` would silently match
    nothing; it raises instead, like every lookup that would look inside the text.
    """

    lookup_name = "exact"

    def get_prep_lookup(self) -> Any:
        if self.rhs not in ("", None):
            raise FieldError("An encrypted text column can only be compared with the empty text.")
        return super().get_prep_lookup()


class EncryptedTextField(models.TextField):  # type: ignore[type-arg]
    """A text column stored as a vault token and read back as text.

    Saving encrypts under the first key of the ring, loading decrypts with any key, so a row
    loaded and saved again is re-encrypted under the current key (`rotate-vault-keys`). A token
    no configured key opens raises `vault.VaultError`: a lost key fails loudly, never as an
    empty field.
    """

    def from_db_value(
        self, value: str | None, expression: Expression, connection: BaseDatabaseWrapper
    ) -> str | None:
        if value is None:
            return None
        try:
            return decrypt_text(value)
        except vault.VaultError:
            raise vault.VaultError(
                f"{self.model._meta.label}.{self.name} cannot be decrypted with the "
                "configured vault keys."
            ) from None

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is None:
            return None
        return encrypt_text(str(value))

    def get_lookup(self, lookup_name: str) -> Any:
        if lookup_name not in _ALLOWED_LOOKUPS:
            return None  # Django then raises FieldError: a token cannot be searched
        return super().get_lookup(lookup_name)


EncryptedTextField.register_lookup(_EmptyOnlyExact)


# Used by the migrations that turned plain text columns into encrypted ones (cases 0006,
# referrals 0003). They run while the column is still a plain TextField in the migration state,
# so the values read and written here are the raw column contents.


def _is_token(value: str) -> bool:
    try:
        vault.decrypt(value)
    except (vault.VaultError, ValueError):
        return False
    return True


def encrypt_column(model: type[models.Model], field: str, alias: str) -> int:
    """Encrypt every non-empty plain value of `model.field` in place; return how many.

    A value that already is a vault token is left alone, so running it twice changes nothing.
    """
    done = 0
    rows = model._default_manager.using(alias).exclude(**{field: ""}).exclude(**{field: None})
    for pk, value in rows.values_list("pk", field).iterator():
        if _is_token(value):
            continue
        model._default_manager.using(alias).filter(pk=pk).update(**{field: encrypt_text(value)})
        done += 1
    return done


def decrypt_column(model: type[models.Model], field: str, alias: str) -> int:
    """Turn every token of `model.field` back into plain text (the migration's way back)."""
    done = 0
    rows = model._default_manager.using(alias).exclude(**{field: ""}).exclude(**{field: None})
    for pk, value in rows.values_list("pk", field).iterator():
        if not _is_token(value):
            continue
        model._default_manager.using(alias).filter(pk=pk).update(**{field: decrypt_text(value)})
        done += 1
    return done
