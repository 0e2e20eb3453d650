"""Bar charts as inline SVG, drawn on the server: no script, no library, nothing fetched.

svg = bar_chart(
    chart_id="kinds", title="Mean score per kind of organisation",
    categories=["Governmental", "Non-governmental"],
    series=[Series("Before", (0.5, None)), Series("After", (0.8, 0.9))],
    maximum=1.0, scale=100, unit=" %", missing="too few to show",
)

Bars are horizontal, so long labels (wrapped over several lines) fit a 360 px phone. A value of
None draws no bar but the `missing` text. The chart is an image with a title (`role="img"`); the
page puts the same figures in a table beside it, for screen readers and for exact values.
All text is escaped here; callers pass plain strings.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

__all__ = ["PALETTE", "Series", "bar_chart"]

WIDTH = 320
LABEL_CHARS = 40
LINE = 15
BAR = 13
GAP = 3
GROUP_GAP = 10
VALUE_ROOM = 64
# Colours that stay apart in grey print; the table beside each chart carries the numbers.
PALETTE = ("#8a94a3", "#1f5fa8", "#21703a", "#9a5b00")


@dataclass(frozen=True)
class Series:
    """One set of bars: its name (shown in the legend) and a value per category."""

    name: str
    values: tuple[float | None, ...]


def _format(value: float, scale: float, unit: str, decimals: int) -> str:
    return f"{value * scale:.{decimals}f}{unit}"


def bar_chart(
    *,
    chart_id: str,
    title: str,
    categories: Sequence[str],
    series: Sequence[Series],
    maximum: float,
    scale: float = 1.0,
    unit: str = "",
    missing: str = "",
    decimals: int = 0,
) -> str:
    """Return an SVG bar chart: one group of bars per category, one bar per series.

    `maximum` is the value of a full-width bar; a value is printed as `value * scale` with
    `decimals` and `unit`. Negative values draw no bar but are printed.
    """
    parts: list[str] = []
    y = 0
    if len(series) > 1:
        for index, one in enumerate(series):
            colour = PALETTE[index % len(PALETTE)]
            parts.append(
                f'<rect x="0" y="{y + 2}" width="11" height="11" fill="{colour}"/>'
                f'<text x="16" y="{y + 12}" font-size="12">{escape(one.name)}</text>'
            )
            y += LINE
        y += GAP * 2
    room = WIDTH - VALUE_ROOM
    for c_index, category in enumerate(categories):
        for line in textwrap.wrap(category, LABEL_CHARS) or [""]:
            y += LINE - 2
            parts.append(
                f'<text x="0" y="{y}" font-size="12" font-weight="600">{escape(line)}</text>'
            )
        y += GAP + 1
        for index, one in enumerate(series):
            value = one.values[c_index] if c_index < len(one.values) else None
            colour = PALETTE[index % len(PALETTE)]
            if value is None:
                parts.append(
                    f'<text x="0" y="{y + BAR - 2}" font-size="11" fill="#5b6575">'
                    f"{escape(one.name)}: {escape(missing)}</text>"
                )
            else:
                length = 0.0 if maximum <= 0 else max(0.0, min(1.0, value / maximum)) * room
                shown = _format(value, scale, unit, decimals)
                label = f"{category}, {one.name}: {shown}"
                parts.append(
                    f'<rect x="0" y="{y}" width="{length:.1f}" height="{BAR}" fill="{colour}">'
                    f"<title>{escape(label)}</title></rect>"
                    f'<text x="{length + 4:.1f}" y="{y + BAR - 2}" font-size="11">'
                    f"{escape(shown)}</text>"
                )
            y += BAR + GAP
        y += GROUP_GAP
    height = max(y, LINE)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" role="img" aria-labelledby="{escape(chart_id)}-title" '
        f'class="chart-svg" font-family="system-ui, sans-serif">'
        f'<title id="{escape(chart_id)}-title">{escape(title)}</title>' + "".join(parts) + "</svg>"
    )
