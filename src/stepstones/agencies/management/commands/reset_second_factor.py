"""`stepstones reset-second-factor USERNAME`: remove an account's authenticator and recovery codes.

For a lost or stolen phone. Every session of the account ends, and the person enrols a new
authenticator at their next login (so hand over the new password, or confirm who they are,
before they do). Audited as `otp.reset`.
"""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from stepstones.agencies import second_factor


class Command(BaseCommand):
    help = (
        "Remove an account's authenticator app and recovery codes (a lost phone) and end its "
        "sessions; it enrols again at its next login."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("username", help="the account's user name")

    def handle(self, *args: Any, **options: Any) -> None:
        username: str = options["username"]
        user = get_user_model()._default_manager.filter(username=username).first()
        if user is None:
            raise CommandError(f"No account is called {username!r}.")
        removed = second_factor.reset(user)
        self.stdout.write(
            f"Second factor of {username} reset: {removed} device(s) removed, every session "
            "ended; a new authenticator is set up at the next login."
        )
