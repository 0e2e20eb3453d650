"""Differencing: a filtered table must not give, by subtraction from the unfiltered one, the
few people the filter removed ("all regions" minus "region X" is everybody outside X).

Both tables are put into one linear system. Each inner cell splits in two: the people the filter
keeps (the filtered table's inner cell) and the people it removes. The unfiltered table's
published cells are sums of both parts and are known already; the filtered table's cells are sums
of the kept part. The removed part's cells, at every level of aggregation, must stay
undetermined when they are small, like the filtered table's own small cells; the Gaussian
elimination of `gauss` then picks the filtered table's secondary suppressions for both at once.
"""

from __future__ import annotations

from stepstones.disclosure.gauss import secondary_suppression
from stepstones.disclosure.policy import DEFAULT_POLICY, Policy
from stepstones.disclosure.primary import count_is_sensitive
from stepstones.disclosure.tables import CrossTable, ProtectedTable, assemble, preference


def protect_filtered(
    broad: CrossTable,
    published_broad: ProtectedTable,
    narrow: CrossTable,
    policy: Policy = DEFAULT_POLICY,
) -> ProtectedTable:
    """Protect `narrow` (a subset of the people in `broad`, same levels) given that
    `published_broad` is already out. When nothing can be published safely, every cell of the
    filtered table is suppressed."""
    if narrow.levels != broad.levels or narrow.additive != broad.additive:
        raise ValueError("a filtered table must have the levels of the table it filters")
    inner = broad.inner_keys()
    size = len(inner)
    removed = {key: broad.counts.get(key, 0) - narrow.counts.get(key, 0) for key in inner}
    if any(v < 0 for v in removed.values()):
        raise ValueError("a filtered table cannot count more people than the unfiltered one")
    keys = broad.all_keys()
    covers = [broad.covers(key) for key in keys]
    # Cells 0..n-1: the filtered table (kept part); n..2n-1: the unfiltered table (both parts).
    cells = covers + [c + [size + i for i in c] for c in covers]
    values = [narrow.value(key) for key in keys]
    primary = {i for i, v in enumerate(values) if count_is_sensitive(v, policy)}
    hidden = [
        [size + i for i in c]
        for c in covers
        if count_is_sensitive(sum(removed[inner[i]] for i in c), policy)
    ]
    known = (
        []
        if policy.zeros_disclosive
        else (
            [i for i, key in enumerate(inner) if narrow.counts.get(key, 0) == 0]
            + [size + i for i, key in enumerate(inner) if removed[key] == 0]
        )
    )
    broad_published = set(published_broad.published_keys())
    forced = [len(keys) + i for i, key in enumerate(keys) if key in broad_published]
    try:
        secondary = secondary_suppression(
            cells,
            2 * size,
            primary,
            preference(narrow, keys),
            known_inner=known,
            forced=forced,
            hidden=hidden,
        )
    except ValueError:
        secondary = set(range(len(keys))) - primary
    return assemble(narrow, keys, values, primary, secondary)
