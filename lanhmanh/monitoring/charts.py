"""Charts and the map as SVG drawn on the server: no script, no web font, no tile, nothing
fetched from the internet (government networks are often closed), a few kilobytes on a
slow line, printable, and allowed by the site's CSP (presentation attributes only, no
``style``). Every chart is shown with the table of its figures, which is also its export.

Pure Python, no Django import: labels come in already translated.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape

#: Sequential palette (light → dark), readable in grey print too.
PALETTE = ("#e5f2ee", "#b5dccf", "#74bba5", "#3a8f77", "#0b5d4b")
NO_DATA = "#eeeeee"
OUTSIDE = "#ffffff"
INK = "#1d2428"
MUTED = "#5b666d"
BAR = "#0b5d4b"
TARGET = "#b3261e"


def number(value: float | int | None) -> str:
    """10.000 and 12,5 (Vietnamese separators) for a chart's labels."""
    if value is None:
        return "—"
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", ".")
    return f"{value:,.1f}".replace(",", " ").replace(".", ",").replace(" ", ".")


def nice_max(value: float) -> float:
    """A round upper bound for an axis: 1, 2, 2.5 or 5 × 10^n at or above ``value``."""
    if value <= 0:
        return 1.0
    exponent = math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        bound = step * 10**exponent
        if bound >= value:
            return float(bound)
    return float(10 ** (exponent + 1))  # pragma: no cover - the loop always returns


def classes(values: Sequence[float | None], percent: bool = False) -> list[float]:
    """The upper bounds of the map's five classes: equal steps up to 100 for a percent,
    up to a round maximum for a count."""
    top = 100.0 if percent else nice_max(max([v for v in values if v is not None] or [0]))
    return [top * (i + 1) / len(PALETTE) for i in range(len(PALETTE))]


def colour(value: float | None, bounds: Sequence[float]) -> str:
    if value is None:
        return NO_DATA
    for bound, fill in zip(bounds, PALETTE, strict=True):
        if value <= bound:
            return fill
    return PALETTE[-1]


def _svg(width: int, height: int, title: str, body: list[str]) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-label="{escape(title)}" class="chart" '
        f'preserveAspectRatio="xMinYMin meet" font-family="Liberation Sans, Arial, sans-serif">'
        f"<title>{escape(title)}</title>" + "".join(body) + "</svg>"
    )


def bar_chart(
    items: Sequence[tuple[str, float | None]],
    title: str,
    percent: bool = False,
    width: int = 640,
) -> str:
    """Horizontal bars, one per unit, in the order given (a comparison of communes)."""
    row, label_width, pad = 22, 210, 8
    height = max(1, len(items)) * row + 2 * pad
    top = 100.0 if percent else nice_max(max([v for _, v in items if v is not None] or [0]))
    span = width - label_width - 70
    body = []
    for i, (label, value) in enumerate(items):
        y = pad + i * row
        short = label if len(label) <= 30 else label[:29] + "…"
        body.append(
            f'<text x="{label_width - 6}" y="{y + 15}" text-anchor="end" font-size="12" '
            f'fill="{INK}">{escape(short)}</text>'
        )
        length = 0 if value is None else max(0.0, span * float(value) / top)
        body.append(
            f'<rect x="{label_width}" y="{y + 4}" width="{length:.1f}" height="{row - 8}" '
            f'fill="{BAR}"/>'
        )
        text = number(value) + ("%" if percent and value is not None else "")
        body.append(
            f'<text x="{label_width + length + 4:.1f}" y="{y + 15}" font-size="12" '
            f'fill="{MUTED}">{escape(text)}</text>'
        )
    return _svg(width, height, title, body)


def column_chart(
    items: Sequence[tuple[str, float | None]],
    title: str,
    percent: bool = False,
    target: float | None = None,
    target_label: str = "",
    width: int = 640,
    height: int = 240,
) -> str:
    """Columns over time (a trend by period), with the target as a line if given."""
    left, bottom, top_pad = 48, 40, 16
    plot_h = height - bottom - top_pad
    values = [v for _, v in items if v is not None] + ([target] if target is not None else [])
    top = 100.0 if percent and max(values or [0]) <= 100 else nice_max(max(values or [0]))
    n = max(1, len(items))
    slot = (width - left - 8) / n
    body = [
        f'<line x1="{left}" y1="{top_pad + plot_h}" x2="{width - 4}" y2="{top_pad + plot_h}" '
        f'stroke="{MUTED}"/>'
    ]
    for tick in (0, 0.5, 1):
        y = top_pad + plot_h * (1 - tick)
        body.append(
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11" '
            f'fill="{MUTED}">{escape(number(top * tick))}</text>'
        )
        if tick:
            body.append(
                f'<line x1="{left}" y1="{y:.1f}" x2="{width - 4}" y2="{y:.1f}" '
                f'stroke="#d5dcdf" stroke-dasharray="2 3"/>'
            )
    for i, (label, value) in enumerate(items):
        x = left + i * slot
        h = 0 if value is None else plot_h * max(0.0, float(value)) / top
        bar_w = min(48.0, max(2.0, slot * 0.6))
        body.append(
            f'<rect x="{x + (slot - bar_w) / 2:.1f}" y="{top_pad + plot_h - h:.1f}" '
            f'width="{bar_w:.1f}" height="{h:.1f}" fill="{BAR}"/>'
        )
        body.append(
            f'<text x="{x + slot / 2:.1f}" y="{top_pad + plot_h - h - 3:.1f}" '
            f'text-anchor="middle" font-size="11" fill="{INK}">{escape(number(value))}</text>'
        )
        body.append(
            f'<text x="{x + slot / 2:.1f}" y="{height - bottom + 16}" text-anchor="middle" '
            f'font-size="11" fill="{MUTED}">{escape(label)}</text>'
        )
    if target is not None:
        y = top_pad + plot_h * (1 - float(target) / top)
        body.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{width - 4}" y2="{y:.1f}" stroke="{TARGET}" '
            f'stroke-width="2" stroke-dasharray="6 4"/>'
        )
        body.append(
            f'<text x="{width - 6}" y="{y - 4:.1f}" text-anchor="end" font-size="11" '
            f'fill="{TARGET}">{escape(target_label)}</text>'
        )
    return _svg(width, height, title, body)


def tile_map(
    tiles: Sequence[dict],
    title: str,
    bounds: Sequence[float],
    tile: int = 46,
) -> str:
    """A tile map (one square per province at its place in the country's shape), each
    square coloured by its class and linked to its drill-down when it has one.

    ``tiles``: dicts with ``x``, ``y`` (grid place), ``label``, ``value``, ``url`` (or
    None) and ``reached`` (False: outside the user's area, drawn blank).
    """
    cols = max(t["x"] for t in tiles) + 1 if tiles else 1
    rows = max(t["y"] for t in tiles) + 1 if tiles else 1
    gap = 3
    width, height = cols * (tile + gap) + gap, rows * (tile + gap) + gap
    body = []
    for t in tiles:
        x, y = gap + t["x"] * (tile + gap), gap + t["y"] * (tile + gap)
        fill = colour(t["value"], bounds) if t["reached"] else OUTSIDE
        dark = t["reached"] and fill in PALETTE[3:]
        text_fill = "#ffffff" if dark else INK
        value = number(t["value"]) if t["reached"] else ""
        name = escape(t["label"])
        tip = escape(f"{t['label']}: {value or '—'}")
        shape = (
            f'<rect x="{x}" y="{y}" width="{tile}" height="{tile}" rx="4" fill="{fill}" '
            f'stroke="{"#8b979d" if t["reached"] else "#d5dcdf"}"><title>{tip}</title></rect>'
            f'<text x="{x + tile / 2}" y="{y + 17}" text-anchor="middle" font-size="10" '
            f'fill="{text_fill}">{name}</text>'
            f'<text x="{x + tile / 2}" y="{y + 34}" text-anchor="middle" font-size="12" '
            f'font-weight="bold" fill="{text_fill}">{escape(value)}</text>'
        )
        if t.get("url"):
            shape = f'<a href="{escape(t["url"])}">{shape}</a>'
        body.append(shape)
    return _svg(width, height, title, body)
