"""Charts the office's pages draw themselves, as SVG in the page (no script, no library): bars
for amounts by country or activity, a line of what a project committed month by month against
its budget. Each says what it shows in words for screen readers, and the page lists the same
figures in a table beside it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from html import escape

from markupsafe import Markup

NAVY, LIGHT, RED, GRID = "#1f3a68", "#8aa4cc", "#b3261e", "#d5dbe5"


def bars(
    items: Sequence[tuple[str, Decimal | float]],
    label: str,
    money: Callable[[Decimal | float], str],
    width: int = 520,
) -> Markup:
    """Horizontal bars, longest first, each with its label and amount."""
    row, left, right = 26, 150, 110
    height = max(1, len(items)) * row + 10
    top = max((float(v) for _, v in items), default=0.0) or 1.0
    span = width - left - right
    parts = [
        f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" width="100%" '
        f'aria-label="{escape(label)}"><title>{escape(label)}</title>'
    ]
    for n, (name, value) in enumerate(items):
        y = 5 + n * row
        length = max(1.0, span * float(value) / top)
        parts.append(
            f'<text x="{left - 8}" y="{y + 17}" text-anchor="end" font-size="13">'
            f"{escape(str(name))}</text>"
            f'<rect x="{left}" y="{y + 4}" width="{length:.1f}" height="{row - 8}" '
            f'fill="{NAVY}" rx="2"/>'
            f'<text x="{left + length + 6:.1f}" y="{y + 17}" font-size="13">'
            f"{escape(money(value))}</text>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def over_time(
    points: Sequence[tuple[str, Decimal | float]],
    budget: Decimal | float | None,
    label: str,
    money: Callable[[Decimal | float], str],
    budget_label: str,
    width: int = 520,
    height: int = 220,
) -> Markup:
    """What was committed, added up month by month, as a line under the budget's."""
    left, bottom, top_pad, right = 70, 30, 16, 34
    values = [float(v) for _, v in points]
    ceiling = max([*values, float(budget or 0), 1.0]) * 1.08
    inner_w, inner_h = width - left - right, height - bottom - top_pad

    def y(value: float) -> float:
        return top_pad + inner_h * (1 - value / ceiling)

    def x(n: int) -> float:
        return left + (inner_w * n / max(1, len(points) - 1) if len(points) > 1 else inner_w / 2)

    parts = [
        f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" width="100%" '
        f'aria-label="{escape(label)}"><title>{escape(label)}</title>'
    ]
    for step in range(5):
        value = ceiling * step / 4
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y(value):.1f}" y2="{y(value):.1f}" '
            f'stroke="{GRID}"/><text x="{left - 6}" y="{y(value) + 4:.1f}" text-anchor="end" '
            f'font-size="11">{escape(money(value))}</text>'
        )
    if budget is not None:
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y(float(budget)):.1f}" '
            f'y2="{y(float(budget)):.1f}" stroke="{RED}" stroke-dasharray="6 4"/>'
            f'<text x="{left + 6}" y="{y(float(budget)) - 5:.1f}" text-anchor="start" '
            f'font-size="12" fill="{RED}">{escape(budget_label)}</text>'
        )
    if points:
        line = " ".join(f"{x(n):.1f},{y(v):.1f}" for n, v in enumerate(values))
        parts.append(f'<polyline points="{line}" fill="none" stroke="{NAVY}" stroke-width="2.5"/>')
        for n, ((month, _amount), level) in enumerate(zip(points, values, strict=True)):
            parts.append(
                f'<circle cx="{x(n):.1f}" cy="{y(level):.1f}" r="3.5" fill="{NAVY}"/>'
                f'<text x="{x(n):.1f}" y="{height - 10}" text-anchor="middle" font-size="11">'
                f"{escape(month)}</text>"
            )
    parts.append("</svg>")
    return Markup("".join(parts))
