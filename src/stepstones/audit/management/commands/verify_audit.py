"""`stepstones verify-audit`: check the audit chain; exit 1 and list every break if it is broken."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from stepstones.audit.chain import verify
from stepstones.audit.models import AuditEvent


class Command(BaseCommand):
    help = "Verify the audit log's hash chain; report edited, deleted or reordered events."

    def handle(self, *args: Any, **options: Any) -> None:
        problems = verify()
        if not problems:
            count = AuditEvent.objects.count()
            self.stdout.write(f"Audit chain intact: {count} events.")
            return
        for problem in problems:
            self.stderr.write(f"event {problem.seq}: {problem.message}")
        self.stderr.write(f"Audit chain BROKEN: {len(problems)} problem(s).")
        raise SystemExit(1)
