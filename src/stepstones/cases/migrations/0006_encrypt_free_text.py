"""Encrypt the free text of cases and overrides at rest (issue 17 §4).

The case summary, the basis of an identification, the closure note and an override's
justification: the existing plain values are encrypted first, while the columns are still plain
text in the migration state; then the columns become `EncryptedTextField`s (no schema change:
both are text). Backwards, the columns become plain again and the tokens are decrypted. Needs the
vault keys when there is text to encrypt.
"""

from typing import Any

from django.db import migrations

import stepstones.cases.fields
from stepstones.cases.fields import decrypt_column, encrypt_column

COLUMNS = [
    ("case", "summary"),
    ("case", "identification_basis"),
    ("case", "closure_note"),
    ("sharingoverride", "justification"),
]


def encrypt(apps: Any, schema_editor: Any) -> None:
    for model, field in COLUMNS:
        encrypt_column(apps.get_model("cases", model), field, schema_editor.connection.alias)


def decrypt(apps: Any, schema_editor: Any) -> None:
    for model, field in COLUMNS:
        decrypt_column(apps.get_model("cases", model), field, schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0005_case_filters"),
    ]

    operations = [
        migrations.RunPython(encrypt, decrypt),
        migrations.AlterField(
            model_name="case",
            name="closure_note",
            field=stepstones.cases.fields.EncryptedTextField(
                blank=True, verbose_name="closure note"
            ),
        ),
        migrations.AlterField(
            model_name="case",
            name="identification_basis",
            field=stepstones.cases.fields.EncryptedTextField(
                blank=True, verbose_name="basis of the decision"
            ),
        ),
        migrations.AlterField(
            model_name="case",
            name="summary",
            field=stepstones.cases.fields.EncryptedTextField(
                blank=True,
                help_text="What happened, without names, addresses or other identifying details.",
                verbose_name="summary (no names)",
            ),
        ),
        migrations.AlterField(
            model_name="sharingoverride",
            name="justification",
            field=stepstones.cases.fields.EncryptedTextField(verbose_name="justification"),
        ),
    ]
