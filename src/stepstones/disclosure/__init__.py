"""Disclosure control (pure: no Django): every statistic leaves stepstones through here.

A count of two girls of 14 from one municipality can identify them. This package decides which
cells of a table may be published (primary suppression by threshold and dominance, secondary
suppression after Statistics Norway's GaussSuppression so that margins cannot give a hidden cell
back), protects a filtered table against subtraction from the unfiltered one, and makes
microdata k-anonymous. See docs/statistics.md.
"""

from __future__ import annotations

from stepstones.disclosure.differencing import protect_filtered
from stepstones.disclosure.gauss import determined, secondary_suppression
from stepstones.disclosure.kanon import Anonymised, Hierarchy, k_anonymise
from stepstones.disclosure.policy import DEFAULT_POLICY, Policy
from stepstones.disclosure.primary import count_is_sensitive, sum_is_sensitive
from stepstones.disclosure.tables import TOTAL, Cell, CrossTable, ProtectedTable, protect

__all__ = [
    "DEFAULT_POLICY",
    "TOTAL",
    "Anonymised",
    "Cell",
    "CrossTable",
    "Hierarchy",
    "Policy",
    "ProtectedTable",
    "count_is_sensitive",
    "determined",
    "k_anonymise",
    "protect",
    "protect_filtered",
    "secondary_suppression",
    "sum_is_sensitive",
]
