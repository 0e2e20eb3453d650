"""The disclosure-control settings, with the defaults of the tools the field uses."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Policy:
    """How cautious publication is.

    threshold: the smallest count published (10 is the default of ACRO, the output checker of
    the UK research data services, acro/default.yaml `safe_threshold`).
    dominance_n, dominance_k: a sum is sensitive when its n largest contributions make more than
    k of it (ACRO `safe_nk_n: 2`, `safe_nk_k: 0.90`).
    zeros_disclosive: whether an empty cell must be hidden too. Off by default: "nobody" names
    nobody, and the secondary suppression treats every empty cell as known to a reader anyway.
    k: the group size for microdata (CTDC publishes its global dataset at k = 11).
    """

    threshold: int = 10
    dominance_n: int = 2
    dominance_k: float = 0.90
    zeros_disclosive: bool = False
    k: int = 11

    def __post_init__(self) -> None:
        if self.threshold < 1 or self.k < 1 or self.dominance_n < 1:
            raise ValueError("threshold, k and dominance_n must be at least 1")
        if not 0.0 < self.dominance_k <= 1.0:
            raise ValueError("dominance_k must lie in (0, 1]")


DEFAULT_POLICY = Policy()
