"""Allow `python -m stepstones`, the same as the `stepstones` command."""

from stepstones.cli import main

main()
