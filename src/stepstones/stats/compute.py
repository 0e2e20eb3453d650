"""From counts to published tables: every table passes disclosure control here, and a filtered
or an organisation's own table is protected against the broader one a reader also sees."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from stepstones.agencies.models import Organisation
from stepstones.cases.models import Case
from stepstones.disclosure import (
    DEFAULT_POLICY,
    TOTAL,
    CrossTable,
    Policy,
    ProtectedTable,
    protect,
    protect_filtered,
)
from stepstones.disclosure.tables import Key
from stepstones.referrals.models import Referral
from stepstones.stats.models import ReferenceDataset, ReferenceRecord
from stepstones.stats.panels import Counts, Filters, Label, Panel


@dataclass(frozen=True)
class Published:
    """A panel as it may be shown: the protected table and the labels of its values."""

    panel: Panel
    table: ProtectedTable
    labels: tuple[tuple[tuple[str, Label], ...], ...]


def base(panel: Panel, org: Organisation | None) -> QuerySet[Any]:
    """The records a panel counts: the network's, or one organisation's own; for a reference
    panel, the reference data set imported last (no organisation has its own)."""
    if panel.subject == "reference":
        dataset = ReferenceDataset.objects.first()
        return ReferenceRecord.objects.filter(dataset=dataset)
    if panel.subject == "cases":
        cases = Case.objects.all()
        return cases if org is None else cases.filter(accountable_org=org)
    referrals = Referral.objects.all()
    if org is None:
        return referrals
    return referrals.filter(Q(from_org=org) | Q(to_org=org))


def levels_for(panel: Panel, counts: Counts) -> tuple[tuple[tuple[str, Label], ...], ...]:
    """Each dimension's values in order: the declared ones, then those met in the data."""
    out = []
    for index, dim in enumerate(panel.dimensions):
        values: dict[str, Label] = dict(dim.labels)
        found = sorted({key[index] for key in counts} - set(values))
        for value in found:
            values[value] = dim.label_of(value) if dim.label_of else value
        out.append(tuple(values.items()))
    return tuple(out)


def table(
    panel: Panel, levels: tuple[tuple[tuple[str, Label], ...], ...], counts: Counts
) -> CrossTable:
    return CrossTable(
        tuple(tuple(value for value, _ in dim) for dim in levels),
        dict(counts),
        tuple(dim.additive for dim in panel.dimensions),
    )


def publish(
    panel: Panel,
    filters: Filters,
    org: Organisation | None = None,
    policy: Policy = DEFAULT_POLICY,
) -> Published:
    """The panel for the network (org None) or one organisation, with the filters applied.

    The chain of releases a reader can see: the network's unfiltered table, the network's
    filtered one, the organisation's own filtered one. Each is protected against the one before.
    """
    network = base(panel, None)
    broad_counts = panel.count(network)
    levels = levels_for(panel, broad_counts)
    broad = table(panel, levels, broad_counts)
    current = protect(broad, policy)
    if panel.subject == "reference":
        # Published by others and already k-anonymised, but our rule still applies. Filters
        # and an organisation's scope do not narrow it, so it is the one release of its table.
        return Published(panel, current, levels)
    if not filters.empty:
        narrow_counts = within(panel.count(_filtered(panel, filters, network)), broad)
        narrow = table(panel, levels, narrow_counts)
        current = protect_filtered(broad, current, narrow, policy)
        broad = narrow
    if org is not None:
        own_counts = within(panel.count(_filtered(panel, filters, base(panel, org))), broad)
        current = protect_filtered(broad, current, table(panel, levels, own_counts), policy)
    return Published(panel, current, levels)


def within(counts: Counts, broad: CrossTable) -> Counts:
    """The narrower counts kept inside the broader table's.

    The queries of one panel run one after the other; a case opened between them could give the
    narrower table a value the broader one lacks, or one more person. Such a count is held to
    the broader one (the next page shows it), so that the tables stay nested, as the
    differencing check needs, instead of failing the page.
    """
    levels = [set(dim) for dim in broad.levels]
    return Counter(
        {
            key: min(value, broad.counts.get(key, 0))
            for key, value in counts.items()
            if all(part in dim for part, dim in zip(key, levels, strict=True))
        }
    )


def _filtered(panel: Panel, filters: Filters, qs: QuerySet[Any]) -> QuerySet[Any]:
    return filters.cases(qs) if panel.subject == "cases" else filters.referrals(qs)


@dataclass(frozen=True)
class Row:
    label: Label
    cells: tuple[int | None, ...]
    total: bool = False


def rows(published: Published) -> tuple[tuple[Label, ...], list[Row]]:
    """The published table as column headings and rows, with its totals; rows with nobody in
    them are left out (an empty row names nobody)."""
    table_ = published.table
    dims = published.labels
    total_label = _("Total")
    first = list(dims[0])
    if published.panel.dimensions[0].additive:
        first.append((TOTAL, total_label))
    if len(dims) == 1:
        columns: list[tuple[str, Label]] = [
            ("", _("Referrals") if published.panel.subject == "referrals" else _("People"))
        ]
    else:
        columns = list(dims[1])
        if published.panel.dimensions[1].additive:
            columns.append((TOTAL, total_label))
    out: list[Row] = []
    for value, label in first:
        cells = tuple(
            table_.cells[_key(value, column, len(dims))].count for column, _label in columns
        )
        if value != TOTAL and all(c == 0 for c in cells):
            continue
        out.append(Row(label, cells, value == TOTAL))
    return tuple(label for _value, label in columns), out


def _key(value: str, column: str, size: int) -> Key:
    return (value,) if size == 1 else (value, column)
