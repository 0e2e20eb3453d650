"""The demonstration network (filled in below)."""

from __future__ import annotations


def load_demo() -> list[tuple[str, str, str]]:
    """Load the demo data once; return the demo logins."""
    return []
