"""`stepstones audit-checkpoint --out FILE`: append a signed checkpoint of every chain's head."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from stepstones.audit.chain import verify_chains
from stepstones.audit.checkpoint import append_line, make_line
from stepstones.audit.management.commands.verify_audit import chain_names


class Command(BaseCommand):
    help = (
        "Verify the audit chains, then append one signed JSON line with every chain's head to"
        " FILE ('-' for standard output). Run daily and keep a copy in a second place"
        " (docs/deploy.md); `stepstones verify-audit --checkpoint FILE` checks against it."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--out", metavar="FILE", required=True)

    def handle(self, *args: Any, **options: Any) -> None:
        found = verify_chains()
        if found.problems:
            chain_name = chain_names()
            for problem in found.problems:
                self.stderr.write(
                    f"{chain_name(problem.chain)}, event {problem.seq}: {problem.message}"
                )
            self.stderr.write(
                f"Audit chain BROKEN: {len(found.problems)} problem(s); no checkpoint written."
            )
            raise SystemExit(1)
        line = make_line(found.heads, at=timezone.now())
        if options["out"] == "-":
            append_line(self.stdout, line)
            self.stderr.write(f"Checkpoint of {len(found.heads)} chain(s) written.")
            return
        append_line(Path(options["out"]), line)
        self.stdout.write(
            f"Checkpoint of {len(found.heads)} chain(s) ({found.events} events) appended to"
            f" {options['out']}."
        )
