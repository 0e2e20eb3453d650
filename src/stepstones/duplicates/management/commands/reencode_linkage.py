"""`stepstones reencode-linkage`: encode every person's identity again under the current secret.

Run it after rotating the linkage secret (put the new key first in STEPSTONES_LINKAGE_KEYS or
the key file, run this, then remove the old key), or once after installing a version that
added matching, to encode the people registered before. Each person is read from the identity
vault and encoded in the order they were registered; with `--check`, each is also compared with
those encoded before them, as a new registration is, so pairs missed so far are found (a pair
that exists, rejected ones included, is never made again).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from stepstones.audit.chain import record
from stepstones.cases import vault
from stepstones.cases.models import IdentityVault
from stepstones.duplicates import keys
from stepstones.duplicates.actions import encode_person
from stepstones.duplicates.models import LinkEncoding


class Command(BaseCommand):
    help = "Encode every identity again for matching, under the current linkage secret."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--generate", action="store_true", help="Print a new key and change nothing."
        )
        parser.add_argument(
            "--check",
            action="store_true",
            help="Also compare each person with those encoded before (finds missed pairs).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["generate"]:
            self.stdout.write(keys.generate_key())
            return
        secret = keys.current_fingerprint()
        people = pairs = 0
        with transaction.atomic():
            # Everything is encoded again; until then nothing under the old secret is compared.
            LinkEncoding.objects.exclude(secret=secret).delete()
            if options["check"]:
                LinkEncoding.objects.all().delete()
            rows = IdentityVault.objects.select_related("person").order_by("person_id")
            for row in rows.iterator(chunk_size=500):
                made = encode_person(
                    row.person, vault.decrypt(row.token), by=None, check=options["check"]
                )
                people += 1
                pairs += len(made)
            record(
                "linkage.reencoded",
                object_type="linkage",
                object_id="all",
                details={"persons": people, "pairs": pairs, "secret": secret},
            )
        self.stdout.write(
            f"Encoded {people} person(s) again under the linkage secret {secret}; "
            f"{pairs} new possible duplicate(s). You may now remove the old key."
        )
