"""Encrypt the referral and service notes at rest (issue 17 §4).

The existing plain values are encrypted first, while the columns are still plain text in the
migration state; then the columns become `EncryptedTextField`s (no schema change: both are text).
Backwards, the columns become plain again and the tokens are decrypted. Needs the vault keys
when there are notes to encrypt.
"""

from typing import Any

from django.db import migrations

import stepstones.cases.fields
from stepstones.cases.fields import decrypt_column, encrypt_column

COLUMNS = [("referral", "response_note"), ("service", "note")]


def encrypt(apps: Any, schema_editor: Any) -> None:
    for model, field in COLUMNS:
        encrypt_column(apps.get_model("referrals", model), field, schema_editor.connection.alias)


def decrypt(apps: Any, schema_editor: Any) -> None:
    for model, field in COLUMNS:
        decrypt_column(apps.get_model("referrals", model), field, schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [
        ("referrals", "0002_list_indexes"),
    ]

    operations = [
        migrations.RunPython(encrypt, decrypt),
        migrations.AlterField(
            model_name="referral",
            name="response_note",
            field=stepstones.cases.fields.EncryptedTextField(blank=True, verbose_name="note"),
        ),
        migrations.AlterField(
            model_name="service",
            name="note",
            field=stepstones.cases.fields.EncryptedTextField(blank=True, verbose_name="note"),
        ),
    ]
