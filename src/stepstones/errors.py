"""The one error an action raises when it refuses: a stable code, a human message, maybe a field.

Pages show `message`, the API maps `status`/`code`/`message`/`field` onto its stable JSON error,
and the CLI prints `message` on stderr with exit status 2. Messages are already translated.
"""

from __future__ import annotations

import re

# The machine field path some messages start with ("to_org: ...", "route.transit[0]: ..."),
# kept for the API and the CLI; a page shows the message without it (`ActionError.words`).
_FIELD_PATH = re.compile(r"^[a-z_][a-z0-9_.\[\]]*: ")


class ActionError(Exception):
    """An action refused to change anything; nothing was stored."""

    def __init__(
        self, code: str, message: str, *, field: str | None = None, status: int = 400
    ) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.field = field
        self.status = status

    @property
    def words(self) -> str:
        """The message as a page shows it: without a leading machine field path."""
        if not self.field:
            return self.message
        text = _FIELD_PATH.sub("", self.message, count=1)
        return text[:1].upper() + text[1:]


def forbidden(message: str) -> ActionError:
    """Return the error for a person whose role or organisation may not do this (403)."""
    return ActionError("forbidden", message, status=403)


def invalid(field: str, message: str) -> ActionError:
    """Return the error for a wrong value, naming the field (400)."""
    return ActionError("invalid", message, field=field)


def conflict(message: str) -> ActionError:
    """Return the error for a change that lost to another, or no longer applies (409)."""
    return ActionError("conflict", message, status=409)
