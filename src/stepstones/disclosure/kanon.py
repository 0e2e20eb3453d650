"""k-anonymous microdata: every combination of quasi-identifiers is shared by at least k records.

Quasi-identifiers (age, citizenship, dates, places) are generalised one step at a time along a
hierarchy (age -> age band -> minor/adult -> hidden), always the one with the most distinct
values next, as the Datafly algorithm does (Sweeney 1998), until the records left in groups
smaller than k are few enough to drop ("local suppression" in sdcMicro's words, here of whole
records). The result says which fields were generalised and how many records were dropped, as
CTDC states for its k = 11 global dataset.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from stepstones.disclosure.policy import DEFAULT_POLICY

Record = Mapping[str, object]


@dataclass(frozen=True)
class Hierarchy:
    """How a quasi-identifier coarsens: steps[0] is the first generalisation. `labels` names the
    published form at each level, level 0 (the value as recorded) included. A last step that
    maps everything to one value lets any table reach k."""

    field: str
    steps: Sequence[Callable[[object], object]]
    labels: Sequence[str]

    def __post_init__(self) -> None:
        if len(self.labels) != len(self.steps) + 1:
            raise ValueError("a hierarchy needs one label per level, level 0 included")

    def at(self, value: object, level: int) -> object:
        for step in self.steps[:level]:
            value = step(value)
        return value


@dataclass(frozen=True)
class Anonymised:
    """The k-anonymous records and what was done to them."""

    records: list[dict[str, object]]
    k: int
    levels: dict[str, int]
    generalised: dict[str, str]
    dropped: int


def _keys(
    records: Sequence[Record], hierarchies: Sequence[Hierarchy], levels: Mapping[str, int]
) -> list[tuple[object, ...]]:
    return [tuple(h.at(r.get(h.field), levels[h.field]) for h in hierarchies) for r in records]


def k_anonymise(
    records: Sequence[Record],
    hierarchies: Sequence[Hierarchy],
    k: int = DEFAULT_POLICY.k,
    max_dropped: float = 0.05,
) -> Anonymised:
    """Generalise, then drop the records still in groups smaller than k.

    max_dropped: the share of records that may be dropped instead of generalising further.
    """
    if k < 1:
        raise ValueError("k must be at least 1")
    levels = {h.field: 0 for h in hierarchies}
    while True:
        keys = _keys(records, hierarchies, levels)
        sizes = Counter(keys)
        small = sum(1 for key in keys if sizes[key] < k)
        widen = [h for h in hierarchies if levels[h.field] < len(h.steps)]
        if small <= max_dropped * len(records) or not widen:
            break
        position = {h.field: i for i, h in enumerate(hierarchies)}
        target = max(
            widen, key=lambda h: (len({key[position[h.field]] for key in keys}), -position[h.field])
        )
        levels[target.field] += 1
    kept: list[dict[str, object]] = []
    for record, key in zip(records, keys, strict=True):
        if sizes[key] >= k:
            out = dict(record)
            out.update({h.field: v for h, v in zip(hierarchies, key, strict=True)})
            kept.append(out)
    generalised = {h.field: h.labels[levels[h.field]] for h in hierarchies if levels[h.field] > 0}
    return Anonymised(kept, k, levels, generalised, len(records) - len(kept))
