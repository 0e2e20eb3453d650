"""`stepstones check-offer FILE|-`: check one job offer and print the flags, level and advice."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext

from stepstones.offers.presenting import tr
from stepstones.offers.services import NO_DATABASE_NOTE, reported_offers_available, run_check
from stepstones.recruitment import Offer, OfferError, in_language, validate_text


class Command(BaseCommand):
    help = "Check one job offer (a file, or - for standard input). Exit 2 on unreadable input."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="file with the offer's text, or - for standard input")
        parser.add_argument("--json", action="store_true", help="print the result as JSON")
        parser.add_argument("--job-country", default="", help="ISO code of the job's country")
        parser.add_argument("--seeker-country", default="", help="ISO code of the seeker's country")
        parser.add_argument("--contact", default="", help="the contact the offer gave")
        parser.add_argument(
            "--no-reported", action="store_true", help="do not look up reported offers"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        name = options["file"]
        try:
            raw = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
        except OSError as exc:
            self._fail(f"{name}: cannot read the file ({exc.strerror or exc})")
        try:
            text = validate_text(raw)
        except OfferError as exc:
            self._fail(f"{name}: {tr(exc.message)}")
        with_reported = not options["no_reported"]
        if with_reported and not reported_offers_available():
            self.stderr.write(NO_DATABASE_NOTE)
            with_reported = False
        try:
            result = run_check(
                Offer(
                    text,
                    contact=options["contact"],
                    job_country=options["job_country"],
                    seeker_country=options["seeker_country"],
                ),
                with_reported=with_reported,
            )
        except OfferError as exc:
            self._fail(f"{name}: {tr(exc.message)}")
        if options["json"]:
            self.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
            return
        self.stdout.write(
            f"level: {result.level.value}  language: {result.language}  "
            f"direction: {result.direction}"
        )
        self.stdout.write(tr(result.summary))
        local = in_language(result.summary, result.language)
        if local:
            self.stdout.write(local)
        for flag in result.flags:
            matched = ", ".join(repr(s.text) for s in flag.spans)
            self.stdout.write(f"- [{flag.severity.value}] {flag.id}: {tr(flag.explanation)}")
            if matched:
                self.stdout.write(f"    matched: {matched}")
            self.stdout.write(f"    what to do: {tr(flag.advice)}")
        if result.model_probability is not None:
            self.stdout.write(f"model probability of a scam: {result.model_probability:.0%}")
        self.stdout.write("hotlines:")
        for h in result.hotlines:
            where = ", ".join(h.countries)
            self.stdout.write(
                f"  [{where}, {h.role}] {gettext(h.name)}: {h.number} "
                f"(checked {h.checked}: {h.source_url})"
            )
            if h.name_local:
                local = f"{h.name_local} — {h.note_local}" if h.note_local else h.name_local
                self.stdout.write(f"    {local}")

    def _fail(self, message: str) -> None:
        self.stderr.write(message)
        sys.exit(2)
