"""The training sandbox: a database of its own where the real actions run on fictional data.

`with sandbox(): ...` sends every query of the code inside it to the `sandbox` database (the
router below), and wraps it in one transaction there; nothing inside can read or write the real
database, and nothing outside can read the sandbox. One mechanism, checked in one place.
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import transaction

SANDBOX = "sandbox"
_active: contextvars.ContextVar[bool] = contextvars.ContextVar("stepstones_sandbox", default=False)


class SandboxRouter:
    """Route every query to the sandbox database while `sandbox()` is active."""

    def db_for_read(self, model: type[Any], **hints: Any) -> str | None:
        return SANDBOX if _active.get() else None

    def db_for_write(self, model: type[Any], **hints: Any) -> str | None:
        return SANDBOX if _active.get() else None


@contextmanager
def sandbox() -> Iterator[None]:
    """Run the block against the sandbox database, atomically."""
    token = _active.set(True)
    try:
        with transaction.atomic(using=SANDBOX):
            yield
    finally:
        _active.reset(token)
