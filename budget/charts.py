"""Server-side SVG line charts for the dashboard (trend vs cash plan, the S-curve): no JavaScript, no CDN.

Colours come from CSS classes (the strict CSP allows no inline style); each point has a ``<title>``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH, HEIGHT, PAD_LEFT, PAD_BOTTOM, PAD_TOP = 320, 180, 34, 24, 10


@dataclass(frozen=True)
class Line:
    name: str
    css: str
    values: tuple[Decimal | None, ...]


def _fmt(value: Decimal) -> str:
    return f"{value:.1f}".replace(".", ",")


def _anchor(index: int, count: int) -> str:
    """The first label starts at its tick and the last ends at it, so neither is cut at the edge."""
    if index == 0:
        return "start"
    return "end" if index == count - 1 else "middle"


def line_chart(*, title: str, labels: list[str], lines: list[Line], top: Decimal = Decimal(100)) -> SafeString:
    """A percentage chart (0–``top``) of ``lines`` over ``labels``; ``None`` values leave a gap."""
    count = max(len(labels), 2)
    plot_w, plot_h = WIDTH - PAD_LEFT - 6, HEIGHT - PAD_BOTTOM - PAD_TOP
    x = lambda i: PAD_LEFT + plot_w * i / (count - 1)  # noqa: E731
    y = lambda v: PAD_TOP + plot_h * (1 - float(min(max(v, 0), top)) / float(top))  # noqa: E731
    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
    ]
    for tick in (0, 25, 50, 75, 100):
        ty = y(Decimal(tick) * top / 100)
        parts.append(f'<line class="grid" x1="{PAD_LEFT}" x2="{WIDTH - 6}" y1="{ty:.1f}" y2="{ty:.1f}"/>')
        parts.append(f'<text class="axis" x="{PAD_LEFT - 4}" y="{ty + 3:.1f}" text-anchor="end">{tick}%</text>')
    step = max(1, len(labels) // 6)
    for i, label in enumerate(labels):
        last = len(labels) - 1
        # every ``step``-th label, and the last one unless the previous shown label sits beside it
        if i % step == 0 or (i == last and last % step >= step // 2 + 1):
            parts.append(
                f'<text class="axis" x="{x(i):.1f}" y="{HEIGHT - 6}" text-anchor="{_anchor(i, len(labels))}">'
                f"{escape(label)}</text>"
            )
    for line in lines:
        points = [(x(i), y(v), v) for i, v in enumerate(line.values) if v is not None]
        if not points:
            continue
        path = " ".join(f"{px:.1f},{py:.1f}" for px, py, _v in points)
        parts.append(f'<polyline class="series {escape(line.css)}" fill="none" points="{path}"/>')
        for (px, py, value), label in zip(points, labels, strict=False):
            parts.append(
                f'<circle class="dot {escape(line.css)}" cx="{px:.1f}" cy="{py:.1f}" r="2.5">'
                f"<title>{escape(line.name)} {escape(label)}: {_fmt(value)}%</title></circle>"
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 (every text above is escaped)
