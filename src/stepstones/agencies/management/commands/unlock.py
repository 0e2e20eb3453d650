"""`stepstones unlock USERNAME [--address IP]`: let a paused account (or address) log in again.

Clears the failed attempts counted against the account from every address, and with
`--address` those counted from that address for any account. Audited as `login.unlocked`.
"""

from __future__ import annotations

import ipaddress
from argparse import ArgumentParser
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from stepstones.agencies import account_actions


class Command(BaseCommand):
    help = (
        "Unlock logging in for an account paused after failed attempts (all addresses), "
        "or for an address with --address."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("username", nargs="?", help="the account's user name")
        parser.add_argument("--address", help="also unlock this IP address, for any account")

    def handle(self, *args: Any, **options: Any) -> None:
        username: str | None = options["username"]
        address: str | None = options["address"]
        if not username and not address:
            raise CommandError("Name an account, an --address, or both.")
        if address:
            try:
                address = str(ipaddress.ip_address(address.strip()))
            except ValueError:
                raise CommandError(f"Not an IP address: {address!r}.") from None
        user = None
        if username:
            user = get_user_model()._default_manager.filter(username=username).first()
            if user is None:
                raise CommandError(f"No account is called {username!r}.")
        removed = account_actions.unlock(user, address=address)
        what = " and ".join(
            part
            for part in (
                f"account {username}" if username else "",
                f"address {address}" if address else "",
            )
            if part
        )
        self.stdout.write(f"Unlocked {what}: {removed} record(s) of failed attempts cleared.")
