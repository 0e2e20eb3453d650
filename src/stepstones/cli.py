"""The `stepstones` console command: Django's management commands under the project's name.

`stepstones assess facts.yaml`, `stepstones migrate`, `stepstones demo` and every other command
are management commands of the stepstones apps; this wrapper points Django at our settings and
accepts dashes for underscores (`stepstones verify-audit` runs the `verify_audit` command).
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    """Run the management command named on the command line."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "stepstones.settings")
    import django
    from django.core.management import execute_from_command_line, get_commands

    args = list(sys.argv[1:] if argv is None else argv)
    if args and "-" in args[0] and not args[0].startswith("-"):
        django.setup()
        underscored = args[0].replace("-", "_")
        if underscored in get_commands():
            args[0] = underscored
    execute_from_command_line(["stepstones", *args])


if __name__ == "__main__":
    main()
