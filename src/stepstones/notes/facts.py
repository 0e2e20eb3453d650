"""Turn the fact paths a worker confirmed into facts the assessment engine reads."""

from __future__ import annotations

import copy
import re
from typing import Any

from stepstones.notes.model import ELEMENT_GROUP, ELEMENT_IDS

_INDICATOR = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")
_GROUPS = {group: ELEMENT_IDS[kind] for kind, group in ELEMENT_GROUP.items()}


def apply_confirmed(facts: dict[str, Any], confirmed: list[str]) -> dict[str, Any]:
    """Return a copy of `facts` with each confirmed fact path applied; `facts` is left unchanged.

    - `indicators.<id>` and `triggers.<id>` set that indicator or trigger to "yes";
    - `elements.<acts|means|purposes>.<id>` appends the element to its list (once), or sets it
      to "yes" when the facts hold that group as a mapping of answers;
    - `child` sets `age_band: child`, unless an age or an age band is already recorded
      (what the worker wrote wins over a suggestion).
    A malformed path raises ValueError naming it; nothing is applied then.
    """
    for path in confirmed:
        _check(path)
    result = copy.deepcopy(facts)
    for path in confirmed:
        head, _, rest = path.partition(".")
        if head == "child":
            if result.get("age") is None and result.get("age_band") in (None, "unknown"):
                result["age_band"] = "child"
        elif head in ("indicators", "triggers"):
            answers = result.setdefault(head, {})
            if isinstance(answers, list):  # the engine also reads a list of ids, all yes
                answers = result[head] = {key: "yes" for key in answers}
            if not isinstance(answers, dict):
                raise ValueError(f"{head}: the facts hold something other than a mapping")
            answers[rest] = "yes"
        else:
            group, _, ident = rest.partition(".")
            elements = result.setdefault("elements", {})
            if not isinstance(elements, dict):
                raise ValueError("elements: the facts hold something other than a mapping")
            values = elements.setdefault(group, [])
            if isinstance(values, str):  # the engine also reads one id as a string
                values = elements[group] = [values]
            if isinstance(values, dict):  # ... or {id: yes/no/unknown}
                values[ident] = "yes"
            elif isinstance(values, list):
                if ident not in values:
                    values.append(ident)
            else:
                raise ValueError(f"elements.{group}: the facts hold neither a list nor a mapping")
    return result


def _check(path: str) -> None:
    if not isinstance(path, str):
        raise ValueError(f"confirm: {path!r} is not a fact path")
    if path == "child":
        return
    head, _, rest = path.partition(".")
    if head in ("indicators", "triggers") and _INDICATOR.match(rest):
        return
    if head == "elements":
        group, _, ident = rest.partition(".")
        if group in _GROUPS and ident in _GROUPS[group]:
            return
    raise ValueError(
        f"confirm: {path!r} is not child, indicators.<id>, triggers.<id> or "
        "elements.<acts|means|purposes>.<id>"
    )
