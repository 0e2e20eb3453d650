"""`stepstones import-glotip [--path FILE] [--if-present]`: load the national picture's data."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from stepstones.training.glotip import GlotipError, default_path, read_figures
from stepstones.training.models import NationalFigure


class Command(BaseCommand):
    help = (
        "Read UNODC's GLOTIP counts of detected victims for North Macedonia and its neighbours "
        "from the data set's CSV (outside the repository) into the national picture."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--path", type=Path, help="the GLOTIP CSV (default: ../shared/data)")
        parser.add_argument(
            "--if-present", action="store_true", help="exit quietly when the file is absent"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"] or default_path()
        if not path.is_file():
            if options["if_present"]:
                self.stdout.write(
                    f"GLOTIP data not found at {path}: the national picture is empty."
                )
                return
            raise CommandError(f"{path}: no such file", returncode=2)
        try:
            reading = read_figures(path)
        except GlotipError as error:
            raise CommandError(str(error), returncode=2) from None
        with transaction.atomic():
            # The whole picture is replaced at once: never half an import.
            NationalFigure.objects.all().delete()
            NationalFigure.objects.bulk_create(
                NationalFigure(
                    country=f.country,
                    year=f.year,
                    dimension=f.dimension,
                    category=f.category,
                    sex=f.sex,
                    age=f.age,
                    value=f.value,
                )
                for f in reading.figures
            )
        self.stdout.write(
            f"imported {len(reading.figures)} GLOTIP figures from {path}; "
            f"{reading.conflicting} left out because the file gives two different values"
        )
