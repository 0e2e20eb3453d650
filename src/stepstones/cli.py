"""The `stepstones` console command: Django's management commands under the project's name.

`stepstones assess facts.yaml`, `stepstones migrate`, `stepstones demo` and every other command
are management commands of the stepstones apps; this wrapper points Django at our settings and
accepts dashes for underscores (`stepstones verify-audit` runs the `verify_audit` command).
"""

from __future__ import annotations

import os
import sys

# The interface language of the command line, as in settings.LANGUAGE_CODE.
CLI_LANGUAGE = "en"


def main(argv: list[str] | None = None) -> None:
    """Run the management command named on the command line."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["assess"]:
        # The pure engine's path: no Django start-up for one assessment (docs/benchmarks.md).
        from stepstones.screening.assess_cli import fast_assess

        status = fast_assess(args[1:], CLI_LANGUAGE, sys.stdout, sys.stderr)
        if status is not None:
            sys.exit(status)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "stepstones.settings")
    import django
    from django.core.management import execute_from_command_line, get_commands

    if args and "-" in args[0] and not args[0].startswith("-"):
        django.setup()
        underscored = args[0].replace("-", "_")
        if underscored in get_commands():
            args[0] = underscored
    execute_from_command_line(["stepstones", *args])


if __name__ == "__main__":
    main()
