"""Translatable messages for a pure package: English msgids with their parameters.

The engine never builds a sentence from translated fragments. It returns a `Msg` (an English
template and its parameters); the caller renders it with its own `translate` (Django's gettext,
or the identity for English), and parameters that are themselves messages are translated too.
"""

from __future__ import annotations

import ast
import functools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Union

Translate = Callable[[str], str]
Param = Union[str, int, "Msg"]


def N_(message: str) -> str:  # noqa: N802 - the conventional gettext marker name
    """Mark an English message for extraction; return it unchanged."""
    return message


def identity(message: str) -> str:
    """Translate to English: return the msgid itself."""
    return message


@dataclass(frozen=True, slots=True)
class Msg:
    """An English message template (`msgid`) and its named parameters."""

    msgid: str
    params: tuple[tuple[str, Param], ...] = ()

    def render(self, translate: Translate = identity) -> str:
        """Return `translate(msgid) % params`, translating nested messages first."""
        template = translate(self.msgid)
        if not self.params:
            return template
        values = {
            name: value.render(translate) if isinstance(value, Msg) else value
            for name, value in self.params
        }
        return template % values


def msg(msgid: str, **params: Param) -> Msg:
    """Build a `Msg` with parameters in a stable (sorted) order."""
    return Msg(msgid, tuple(sorted(params.items())))


@functools.cache
def source_msgids() -> tuple[str, ...]:
    """Return every literal marked `N_("...")` in this package's modules, in file order.

    Together with `Catalogue.all_msgids()` this is every English text the engine can produce, so
    the Django side can put them in its gettext catalogue without a custom xgettext keyword.
    """
    found: list[str] = []
    for path in sorted(Path(__file__).parent.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "N_"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found.append(node.args[0].value)
    return tuple(dict.fromkeys(found))
