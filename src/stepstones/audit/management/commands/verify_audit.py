"""`stepstones verify-audit`: check the audit chains; exit 1 and list every break in them."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from stepstones.agencies.models import Organisation
from stepstones.audit.chain import SYSTEM_CHAIN, verify
from stepstones.audit.models import AuditEvent


class Command(BaseCommand):
    help = "Verify the audit log's hash chain; report edited, deleted or reordered events."

    def handle(self, *args: Any, **options: Any) -> None:
        problems = verify()
        if not problems:
            count = AuditEvent.objects.count()
            chains = AuditEvent.objects.values("chain").distinct().count()
            self.stdout.write(f"Audit chain intact: {count} events. Chains: {chains}.")
            return
        names = dict(Organisation.objects.values_list("id", "name"))
        for problem in problems:
            chain = (
                "system chain"
                if problem.chain == SYSTEM_CHAIN
                else f"chain of {names.get(problem.chain, 'a removed organisation')}"
                f" (#{problem.chain})"
            )
            self.stderr.write(f"{chain}, event {problem.seq}: {problem.message}")
        self.stderr.write(f"Audit chain BROKEN: {len(problems)} problem(s).")
        raise SystemExit(1)
