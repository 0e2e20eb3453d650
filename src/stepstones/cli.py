"""The `stepstones` console command: Django's management commands under the project's name.

`stepstones assess facts.yaml`, `stepstones migrate`, `stepstones demo` and every other command
are management commands of the stepstones apps; this wrapper only points Django at our settings.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    """Run the management command named on the command line."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "stepstones.settings")
    from django.core.management import execute_from_command_line

    args = sys.argv[1:] if argv is None else argv
    # `stepstones verify-audit` runs the management command `verify_audit`.
    if args and not args[0].startswith("-"):
        args = [args[0].replace("-", "_"), *args[1:]]
    execute_from_command_line(["stepstones", *args])


if __name__ == "__main__":
    main()
