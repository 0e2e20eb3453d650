"""Primary suppression: which cells are too revealing to publish on their own."""

from __future__ import annotations

from collections.abc import Iterable

from stepstones.disclosure.policy import DEFAULT_POLICY, Policy


def count_is_sensitive(count: int, policy: Policy = DEFAULT_POLICY) -> bool:
    """A count below the threshold could point to the few people behind it."""
    if count < 0:
        raise ValueError("a count cannot be negative")
    if count == 0:
        return policy.zeros_disclosive
    return count < policy.threshold


def sum_is_sensitive(contributions: Iterable[float], policy: Policy = DEFAULT_POLICY) -> bool:
    """A sum (days waited, services given) is sensitive when too few contribute to it, or when
    its n largest contributions dominate it: the largest contributor could then subtract its own
    share and learn the others' (the (n, k) dominance rule)."""
    values = sorted((abs(v) for v in contributions), reverse=True)
    if not values:
        return policy.zeros_disclosive
    if len(values) < policy.threshold:
        return True
    total = sum(values)
    if total == 0:
        return False
    return sum(values[: policy.dominance_n]) > policy.dominance_k * total
