"""`stepstones audit-key`: show which audit keys are configured and what they sealed."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db.models import Count

from stepstones.audit import keys
from stepstones.audit.models import AuditEvent


class Command(BaseCommand):
    help = (
        "List the configured audit keys by id (the first seals) with the number of events each"
        " sealed; --generate prints a new key and changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--generate", action="store_true", help="Print a new key and change nothing."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["generate"]:
            self.stdout.write(keys.generate_key())
            return
        ring = keys.ring()
        sealed = dict(AuditEvent.objects.values_list("key_id").annotate(n=Count("id")).order_by())
        for position, key in enumerate(ring.keys):
            role = "seals new events" if position == 0 else "verifies only"
            self.stdout.write(f"{key.id}: {role}; {sealed.pop(key.id, 0)} event(s)")
        plain = sealed.pop("", 0)
        if plain:
            self.stdout.write(f"(none): {plain} event(s) from before the chains were keyed")
        for key_id, count in sorted(sealed.items()):
            self.stderr.write(f"{key_id}: NOT CONFIGURED; {count} event(s) cannot be verified")
        if sealed:
            raise SystemExit(1)
