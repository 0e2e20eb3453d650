"""`stepstones check-offers IN.csv|IN.jsonl -o OUT.csv`: check many offers in bulk.

Streams the input (constant memory: offers are read, checked and written in fixed-size batches),
checks on all cores, shows a progress bar on stderr, and goes on past bad rows: each is written
with its row number and the problem in the `error` column, and counted. Exit status 0 when every
row was checked, 1 when some rows were bad, 2 when the input cannot be read at all.
CSV input needs a `text` column (or EMSCAD's text columns); an `id` column is copied through.
JSONL input has one object per line with `text` (and optionally id, contact, job_country,
seeker_country).
"""

from __future__ import annotations

import csv
import json
import multiprocessing
import os
import sys
from collections import Counter
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import IO, Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import connections
from tqdm import tqdm

from stepstones import csvsafe
from stepstones.offers.presenting import tr
from stepstones.offers.services import NO_DATABASE_NOTE, reported_offers_available, run_check
from stepstones.recruitment import MAX_OFFER_BYTES, Offer, OfferError

# EMSCAD's text columns, read when a CSV has no `text` column (same as the model's).
TEXT_FIELDS = ("title", "company_profile", "description", "requirements", "benefits")

OUT_COLUMNS = [
    "row", "id", "level", "language", "direction", "flags", "model_probability", "error",
]  # fmt: skip
# A CSV field may be a little larger than an offer, so an over-long offer gets the checker's
# clear "too long" message; anything larger is reported as a malformed row.
_ERROR = OUT_COLUMNS.index("error")
CSV_FIELD_LIMIT = 2 * MAX_OFFER_BYTES
BATCH_PER_JOB = 64
# JSON escapes (a backslash, u and four hex digits: 6 bytes a character) can make an offer
# several times longer on its line.
JSONL_LINE_LIMIT = 8 * MAX_OFFER_BYTES

# (row number, id, offer or None, error or None)
Item = tuple[int, str, Offer | None, str | None]


class InputError(Exception):
    """The input file cannot be read at all."""


def _csv_items(handle: IO[str]) -> Iterator[Item]:
    csv.field_size_limit(CSV_FIELD_LIMIT)
    reader = csv.reader(handle, strict=True)
    try:
        header = next(reader)
    except StopIteration:
        raise InputError("the CSV file is empty") from None
    except csv.Error as exc:
        raise InputError(f"the CSV header cannot be read ({exc})") from None
    columns = [h.strip().lower() for h in header]
    text_cols = ["text"] if "text" in columns else [c for c in TEXT_FIELDS if c in columns]
    if not text_cols:
        raise InputError("the CSV file needs a 'text' column (or EMSCAD's text columns)")
    index = {c: columns.index(c) for c in columns}
    while True:
        number = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield number, "", None, f"row {number}: malformed CSV ({exc})"
            continue
        if not row:
            continue
        if any("\ufffd" in field for field in row):
            yield number, "", None, f"row {number}: not valid UTF-8 text"
            continue
        if len(row) != len(columns):
            yield (
                number, "", None,
                f"row {number}: has {len(row)} fields but the header has {len(columns)}",
            )  # fmt: skip
            continue
        text = "\n".join(row[index[c]].strip() for c in text_cols if row[index[c]].strip())
        ident = (
            row[index["id"]] if "id" in index else row[index["job_id"]] if "job_id" in index else ""
        )

        def get(name: str, row: list[str] = row) -> str:
            return row[index[name]] if name in index else ""

        offer = Offer(text, contact=get("contact"), job_country=get("job_country"),
                      seeker_country=get("seeker_country"))  # fmt: skip
        yield number, ident, offer, None


def _jsonl_items(handle: IO[bytes]) -> Iterator[Item]:
    number = 0
    while True:
        # Lines are read with a cap, so one enormous line cannot fill the memory.
        line = handle.readline(JSONL_LINE_LIMIT + 1)
        if not line:
            return
        number += 1
        if len(line) > JSONL_LINE_LIMIT:
            while line and not line.endswith(b"\n"):
                line = handle.readline(JSONL_LINE_LIMIT)
            yield (
                number,
                "",
                None,
                f"row {number}: the line is longer than {JSONL_LINE_LIMIT // 1000} kB",
            )
            continue
        if not line.strip():
            continue
        try:
            data = json.loads(line.decode("utf-8"))
        except UnicodeDecodeError:
            yield number, "", None, f"row {number}: not valid UTF-8"
            continue
        except json.JSONDecodeError as exc:
            yield number, "", None, f"row {number}: not valid JSON ({exc.msg})"
            continue
        if not isinstance(data, dict) or not isinstance(data.get("text"), str):
            yield number, "", None, f"row {number}: needs an object with a 'text' string"
            continue

        def get(name: str, data: dict[str, Any] = data) -> str:
            value = data.get(name, "")
            return value if isinstance(value, str) else str(value)

        offer = Offer(data["text"], contact=get("contact"), job_country=get("job_country"),
                      seeker_country=get("seeker_country"))  # fmt: skip
        yield number, get("id"), offer, None


_WITH_REPORTED = True


def _init_worker(with_reported: bool) -> None:
    global _WITH_REPORTED
    _WITH_REPORTED = with_reported


def _check(item: Item) -> list[str]:
    number, ident, offer, error = item
    if offer is None:
        return [str(number), ident, "", "", "", "", "", error or ""]
    try:
        result = run_check(offer, with_reported=_WITH_REPORTED)
    except OfferError as exc:
        return [str(number), ident, "", "", "", "", "", f"row {number}: {tr(exc.message)}"]
    probability = "" if result.model_probability is None else f"{result.model_probability:.4f}"
    flags = ";".join(f.id for f in result.flags)
    return [
        str(number), ident, result.level.value, result.language, result.direction, flags,
        probability, "",
    ]  # fmt: skip


class Command(BaseCommand):
    help = "Check many job offers from a CSV or JSONL file into a CSV file, on all cores."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("input", help="IN.csv or IN.jsonl")
        parser.add_argument("-o", "--output", required=True, help="OUT.csv to write")
        parser.add_argument("--jobs", type=int, default=0, help="worker processes (0: all cores)")
        parser.add_argument("--format", choices=["csv", "jsonl"], help="default: by the suffix")
        parser.add_argument(
            "--no-reported", action="store_true", help="do not look up reported offers"
        )
        parser.add_argument("--no-progress", action="store_true", help="hide the progress bar")

    def handle(self, *args: Any, **options: Any) -> None:
        source = Path(options["input"])
        fmt = options["format"] or source.suffix.lower().lstrip(".")
        if fmt not in ("csv", "jsonl"):
            self._fail(f"{source}: unknown format; use a .csv or .jsonl file or --format")
        if not source.is_file():
            self._fail(f"{source}: no such file")
        jobs = options["jobs"] or len(os.sched_getaffinity(0))
        if jobs < 1:
            self._fail("--jobs must be at least 1")
        with_reported = not options["no_reported"]
        if with_reported and not reported_offers_available():
            self.stderr.write(NO_DATABASE_NOTE)
            with_reported = False
        counts: Counter[str] = Counter()
        try:
            with (
                source.open("rb") as raw,
                open(options["output"], "w", encoding="utf-8", newline="") as out,
            ):
                if fmt == "csv":
                    text_handle = open(raw.fileno(), encoding="utf-8", errors="replace",  # noqa: SIM115
                                       newline="", closefd=False)  # fmt: skip
                    items = _csv_items(text_handle)
                else:
                    items = _jsonl_items(raw)
                self._run(items, out, jobs, with_reported, options, counts)
        except InputError as exc:
            self._fail(f"{source}: {exc}")
        except OSError as exc:
            self._fail(f"cannot read or write: {exc}")
        checked = counts["high"] + counts["medium"] + counts["low"]
        self.stderr.write(
            f"checked {checked} offers: {counts['high']} high, {counts['medium']} medium, "
            f"{counts['low']} low; {counts['bad']} bad rows (see the error column)"
        )
        if counts["bad"]:
            sys.exit(1)

    def _run(
        self, items: Iterator[Item], out: IO[str], jobs: int, with_reported: bool,
        options: dict[str, Any], counts: Counter[str],
    ) -> None:  # fmt: skip
        # Ids and messages come from the input: no cell may start a formula in a spreadsheet.
        writer = csvsafe.writer(out)
        writer.writerow(OUT_COLUMNS)
        bar = tqdm(unit=" offers", file=sys.stderr, disable=options["no_progress"], mininterval=0.5)
        batch_size = jobs * BATCH_PER_JOB
        pool = None
        if jobs > 1:
            # Load the data files and language models once, before forking, so the workers
            # share them instead of each loading its own copy.
            run_check(Offer("warm up: work abroad"), with_reported=False)
            connections.close_all()  # each worker opens its own database connection
            pool = multiprocessing.get_context("fork").Pool(
                jobs, initializer=_init_worker, initargs=(with_reported,)
            )
        else:
            _init_worker(with_reported)
        try:
            while batch := list(islice(items, batch_size)):
                results = pool.imap(_check, batch, chunksize=8) if pool else map(_check, batch)
                for row in results:
                    writer.writerow(row)
                    counts["bad" if row[_ERROR] else row[2]] += 1
                    bar.update(1)
                out.flush()
        finally:
            bar.close()
            if pool is not None:
                pool.close()
                pool.join()

    def _fail(self, message: str) -> None:
        self.stderr.write(message)
        sys.exit(2)
