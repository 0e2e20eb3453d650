"""`stepstones rotate-vault-keys`: re-encrypt every identity record and packet with the first key.

Steps: generate a key (`--generate` prints one), put it FIRST in STEPSTONES_VAULT_KEYS (or the key
file) keeping the old keys after it, run this command, then remove the old keys.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from stepstones.audit.chain import record
from stepstones.cases import vault
from stepstones.cases.models import IdentityVault


class Command(BaseCommand):
    help = "Re-encrypt the identity vault and referral packets under the first configured key."

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
            counts = {"identity": 0, "packets": 0}
            with transaction.atomic():
                for row in IdentityVault.objects.select_for_update().only("id", "token"):
                    row.token = vault.rotate(row.token)
                    row.save(update_fields=["token"])
                    counts["identity"] += 1
                for referral in Referral.objects.select_for_update().only("id", "packet_token"):
                    referral.packet_token = vault.rotate(referral.packet_token)
                    referral.save(update_fields=["packet_token"])
                    counts["packets"] += 1
                record("vault.rotated", object_type="vault", object_id="all", details=counts)
        except Exception as exc:  # noqa: BLE001 - any failure leaves every row as it was
            self.stderr.write(f"Rotation failed, nothing changed: {exc}")
            raise SystemExit(2) from None
        self.stdout.write(
            f"Re-encrypted {counts['identity']} identity record(s) and {counts['packets']} "
            f"packet(s) under the first of {ring_size} key(s). You may now remove the old keys."
        )
