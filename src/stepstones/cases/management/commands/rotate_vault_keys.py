"""`stepstones rotate-vault-keys`: re-encrypt everything the vault keys protect with the first key.

That is every identity record, referral packet and case note, and every encrypted free-text
column (`cases.fields.EncryptedTextField`: summaries, notes, justifications), found by walking
the models so a column encrypted later is rotated without touching this command.

Steps: generate a key (`--generate` prints one), put it FIRST in STEPSTONES_VAULT_KEYS (or the key
file) keeping the old keys after it, run this command, then remove the old keys.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand, CommandParser
from django.db import models, transaction

from stepstones.audit.chain import record
from stepstones.cases import vault
from stepstones.cases.fields import EncryptedTextField
from stepstones.cases.models import CaseNote, IdentityVault


def encrypted_columns() -> list[tuple[type[models.Model], str]]:
    """Every (model, field name) whose column is an `EncryptedTextField`."""
    return [
        (model, field.name)
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, EncryptedTextField)
    ]


def rotate_free_text() -> int:
    """Re-encrypt every non-empty encrypted column under the first key; return how many values.

    Loading decrypts with any key of the ring and writing encrypts with the first, so writing
    each value back is the rotation.
    """
    done = 0
    for model, name in encrypted_columns():
        rows = model._default_manager.select_for_update().exclude(**{name: ""}).only("pk", name)
        for row in rows:
            model._default_manager.filter(pk=row.pk).update(**{name: getattr(row, name)})
            done += 1
    return done


class Command(BaseCommand):
    help = "Re-encrypt the identity vault, packets, notes and free text under the first key."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--generate", action="store_true", help="Print a new key and change nothing."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["generate"]:
            self.stdout.write(vault.generate_key())
            return
        from stepstones.referrals.models import Referral

        try:
            ring_size = len(vault.configured_keys())
            counts = {"identity": 0, "packets": 0, "notes": 0, "free_text": 0}
            with transaction.atomic():
                for row in IdentityVault.objects.select_for_update().only("id", "token"):
                    row.token = vault.rotate(row.token)
                    row.save(update_fields=["token"])
                    counts["identity"] += 1
                for referral in Referral.objects.select_for_update().only("id", "packet_token"):
                    referral.packet_token = vault.rotate(referral.packet_token)
                    referral.save(update_fields=["packet_token"])
                    counts["packets"] += 1
                for note in CaseNote.objects.select_for_update().only("id", "token"):
                    note.token = vault.rotate(note.token)
                    note.save(update_fields=["token"])
                    counts["notes"] += 1
                counts["free_text"] = rotate_free_text()
                record("vault.rotated", object_type="vault", object_id="all", details=counts)
        except Exception as exc:  # noqa: BLE001 - any failure leaves every row as it was
            self.stderr.write(f"Rotation failed, nothing changed: {exc}")
            raise SystemExit(2) from None
        self.stdout.write(
            f"Re-encrypted {counts['identity']} identity record(s), {counts['packets']} packet(s), "
            f"{counts['notes']} case note(s) and {counts['free_text']} free-text value(s) under "
            f"the first of {ring_size} key(s). You may now remove the old keys."
        )
