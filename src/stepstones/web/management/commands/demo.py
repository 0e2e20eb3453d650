"""`stepstones demo`: load the demonstration data (idempotent) and print the demo logins."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Load demonstration data (safe to run again) and print the demo logins."

    def handle(self, *args: Any, **options: Any) -> None:
        logins: list[tuple[str, str, str]] = []
        for config in apps.get_app_configs():
            loader = getattr(config, "load_demo", None)
            if callable(loader):
                logins.extend(loader())
        if not logins:
            self.stdout.write("No demo accounts: the quick screen and job-offer check need none.")
            return
        self.stdout.write("Demo logins (password, then who it is):")
        for username, password, who in logins:
            self.stdout.write(f"  {username:<28} {password:<22} {who}")
