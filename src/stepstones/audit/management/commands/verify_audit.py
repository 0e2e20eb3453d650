"""`stepstones verify-audit`: check the audit chains; print each head; exit 1 on any break."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from stepstones.agencies.models import Organisation
from stepstones.audit.chain import SYSTEM_CHAIN, verify_chains
from stepstones.audit.checkpoint import Checkpoint, CheckpointError, read_last


def chain_names() -> Callable[[int], str]:
    """Return a function naming a chain in words ("chain of Hope Outreach (#5)")."""
    names = dict(Organisation.objects.values_list("id", "name"))

    def name(chain: int) -> str:
        if chain == SYSTEM_CHAIN:
            return "system chain"
        return f"chain of {names.get(chain, 'a removed organisation')} (#{chain})"

    return name


class Command(BaseCommand):
    help = (
        "Verify the audit chains: seals, links, heads and anchors, and with --checkpoint the"
        " chains against the last signed checkpoint in FILE. Prints each chain's head (sequence"
        " and hash); exits 1 listing every edited, deleted, inserted, reordered, cut-off or"
        " forged event."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--checkpoint",
            metavar="FILE",
            help="A file written by `stepstones audit-checkpoint`: check the chains against its"
            " last line (and every line's signature).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        checkpoint: Checkpoint | None = None
        if options["checkpoint"]:
            try:
                checkpoint = read_last(Path(options["checkpoint"]))
            except CheckpointError as error:
                self.stderr.write(f"Checkpoint file {options['checkpoint']}: {error}.")
                self.stderr.write("Audit chain NOT verified against a checkpoint.")
                raise SystemExit(1) from None
        found = verify_chains(checkpoint=checkpoint)
        chain_name = chain_names()
        for chain, (seq, hash_) in found.heads.items():
            self.stdout.write(f"{chain_name(chain)}: head {seq} {hash_}")
        if checkpoint is not None:
            self.stdout.write(
                f"Checked against the checkpoint of {checkpoint.taken} (line {checkpoint.line} of"
                f" {options['checkpoint']}, {len(checkpoint.heads)} chains)."
            )
        if not found.problems:
            self.stdout.write(
                f"Audit chain intact: {found.events} events. Chains: {len(found.heads)}."
            )
            return
        for problem in found.problems:
            self.stderr.write(
                f"{chain_name(problem.chain)}, event {problem.seq}: {problem.message}"
            )
        self.stderr.write(f"Audit chain BROKEN: {len(found.problems)} problem(s).")
        raise SystemExit(1)
