"""Server-side SVG charts (bar, line, donut) with no JavaScript and no CDN.

Every chart is an ``<svg role="img">`` with ``<title>`` and ``<desc>``, each mark has its
own ``<title>`` (the browser's native tooltip), and the same ``ChartData`` also renders
the accessible table and the CSV/JSON downloads, so the picture, the table and the file
can never disagree. Colours come from CSS classes (``chart-s0``…) so the site's
stylesheet controls contrast.
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass, field

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

CHART_TYPES = ("bar", "line", "donut")
MAX_LABEL_CHARS = 28
SERIES_CLASSES = 6


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float | None, ...]


@dataclass(frozen=True)
class ChartData:
    """What a data provider returns: labels on one axis, one or more series of values."""

    title: str
    labels: tuple[str, ...]
    series: tuple[Series, ...]
    unit: str = ""
    description: str = ""
    source: str = ""
    extra: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        for s in self.series:
            if len(s.values) != len(self.labels):
                raise ValueError(f"Seri {s.name!r} punya {len(s.values)} nilai untuk {len(self.labels)} label.")

    @property
    def is_empty(self) -> bool:
        return not self.labels or all(v is None for s in self.series for v in s.values)

    def rows(self) -> list[tuple[str, list[float | None]]]:
        return [(label, [s.values[i] for s in self.series]) for i, label in enumerate(self.labels)]

    def to_csv(self) -> str:
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow([_("Label"), *(s.name for s in self.series)])
        for label, values in self.rows():
            writer.writerow([_csv_safe(label), *("" if v is None else _plain(v) for v in values)])
        return out.getvalue()

    def to_json(self) -> dict:
        return {
            "title": self.title,
            "unit": self.unit,
            "description": self.description,
            "source": self.source,
            "labels": list(self.labels),
            "series": [{"name": s.name, "values": list(s.values)} for s in self.series],
        }


def _csv_safe(text: str) -> str:
    """Stop spreadsheet formula injection: a cell starting with = + - @ is quoted as text."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _plain(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def format_value(value: float | None, unit: str = "") -> str:
    """Indonesian number formatting (1.234,5) with an optional unit."""
    if value is None:
        return "–"
    decimals = 0 if float(value).is_integer() else 2
    text = number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)
    if decimals:
        text = text.rstrip("0").rstrip(",")
    if not unit:
        return text
    if unit == "%":
        return f"{text}%"
    # Rupiah goes before the amount, the Indonesian way ("Rp 1.500.000"), like cms.formatting.
    return f"Rp {text}" if unit.strip().lower() == "rp" else f"{text} {unit}"


def _short(label: str, limit: int = MAX_LABEL_CHARS) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def _wrap(label: str, width: int = 34, max_lines: int = 2) -> list[str]:
    """Split a long label (an OPD's full name) into at most two lines for a phone screen."""
    lines: list[str] = []
    for word in label.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    if len(lines) > max_lines:
        lines = [*lines[: max_lines - 1], _short(" ".join(lines[max_lines - 1 :]), width)]
    return [_short(line, width + 6) for line in lines] or [""]


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1.0
    exponent = math.floor(math.log10(value))
    fraction = value / 10**exponent
    for step in (1, 2, 2.5, 5, 10):
        if fraction <= step:
            return step * 10**exponent
    return 10 ** (exponent + 1)  # pragma: no cover


def _ticks(top: float, count: int = 4) -> list[float]:
    return [top * i / count for i in range(count + 1)]


def _svg_open(chart_id: str, data: ChartData, kind: str, *, height: int | None = None, box: str = "") -> str:
    """Bar and line charts have no viewBox: widths are percentages and text keeps its CSS size
    on every screen. The donut scales as a whole (``box``)."""
    desc = data.description or _summary(data)
    size = f'viewBox="{box}"' if box else f'width="100%" height="{height}"'
    cid = escape(chart_id)
    return (
        f'<svg class="chart chart-{kind}" id="{cid}" role="img" {size} '
        f'aria-labelledby="{cid}-t {cid}-d" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{cid}-t">{escape(data.title)}</title>'
        f'<desc id="{cid}-d">{escape(desc)}</desc>'
    )


def _summary(data: ChartData) -> str:
    """A one-sentence description for screen readers (the table carries the details)."""
    parts = []
    for s in data.series:
        known = [(label, v) for label, v in zip(data.labels, s.values, strict=True) if v is not None]
        if not known:
            continue
        top = max(known, key=lambda item: item[1])
        parts.append(
            _("%(series)s: tertinggi %(label)s (%(value)s)")
            % {"series": s.name, "label": top[0], "value": format_value(top[1], data.unit)}
        )
    base = _("%(count)d data.") % {"count": len(data.labels)}
    return " ".join([base, *[p + "." for p in parts]])


def _tip(label: str, series: Series, value: float | None, unit: str, many: bool) -> str:
    name = f"{series.name} – " if many else ""
    return f"<title>{escape(name + label)}: {escape(format_value(value, unit))}</title>"


def _scale(data: ChartData) -> tuple[float, float]:
    values = [v for s in data.series for v in s.values if v is not None]
    low = min([0.0, *values])
    high = _nice_max(max([0.0, *values]))
    return low, (high - low) or 1.0


def render_bar(data: ChartData, *, chart_id: str) -> SafeString:
    """Horizontal grouped bars, label above each group: long OPD names stay readable on a phone."""
    bar_h, line_h, gap = 18, 18, 12
    n_series = max(len(data.series), 1)
    wrapped = [_wrap(label) for label in data.labels]
    row_tops, y = [], 0
    for lines in wrapped:
        row_tops.append(y)
        y += len(lines) * line_h + 4 + n_series * (bar_h + 3) + gap
    height = y + 4
    low, span = _scale(data)

    def x(v: float) -> float:  # percent of the width; 85% leaves room for the value text
        return (v - low) / span * 85

    many = len(data.series) > 1
    out = [_svg_open(chart_id, data, "bar", height=height)]
    for i, label in enumerate(data.labels):
        y0 = row_tops[i]
        spans = "".join(
            f'<tspan x="0" y="{y0 + 14 + k * line_h}">{escape(line)}</tspan>' for k, line in enumerate(wrapped[i])
        )
        out.append(f'<text class="chart-label">{spans}</text>')
        bars_top = y0 + len(wrapped[i]) * line_h + 4
        for j, s in enumerate(data.series):
            v = s.values[i]
            if v is None:
                continue
            x0, x1 = sorted((x(0), x(v)))
            y = bars_top + j * (bar_h + 3)
            out.append(
                f'<g class="chart-mark"><rect class="chart-s{j % SERIES_CLASSES}" x="{x0:.2f}%" '
                f'y="{y}" width="{max(x1 - x0, 0.3):.2f}%" height="{bar_h}" rx="2">'
                f"{_tip(label, s, v, data.unit, many)}</rect>"
                f'<text class="chart-value" x="{x(max(v, 0)):.2f}%" dx="6" y="{y + bar_h - 4}">'
                f"{escape(format_value(v, data.unit))}</text></g>"
            )
    out.append(f'<line class="chart-axis" x1="{x(0):.2f}%" x2="{x(0):.2f}%" y1="{18}" y2="{height}"/></svg>')
    return mark_safe("".join(out))  # noqa: S308 (every text above is escaped)


def render_line(data: ChartData, *, chart_id: str) -> SafeString:
    """Lines drawn in a stretched inner SVG (non-scaling strokes); points and text in percentages."""
    top, plot_h, height = 20, 190, 250
    low, span = _scale(data)
    count = len(data.labels)

    def px(i: int) -> float:  # percent across, 3% padding each side
        return 50.0 if count == 1 else 3 + i * 94 / (count - 1)

    def y(v: float) -> float:
        return top + plot_h - (v - low) / span * plot_h

    out = [_svg_open(chart_id, data, "line", height=height)]
    for tick in _ticks(low + span):
        out.append(
            f'<line class="chart-grid" x1="0" x2="100%" y1="{y(tick):.1f}" y2="{y(tick):.1f}"/>'
            f'<text class="chart-tick" x="0" y="{y(tick) - 4:.1f}">{escape(format_value(tick))}</text>'
        )
    out.append(
        f'<svg x="0" y="0" width="100%" height="{height}" viewBox="0 0 1000 {height}" preserveAspectRatio="none">'
    )
    for j, s in enumerate(data.series):
        segments, current = [], []
        for i, v in enumerate(s.values):
            if v is None:
                if current:
                    segments.append(current)
                current = []
            else:
                current.append(f"{px(i) * 10:.1f},{y(v):.1f}")
        if current:
            segments.append(current)
        for seg in segments:
            out.append(
                f'<polyline class="chart-line chart-s{j % SERIES_CLASSES}" vector-effect="non-scaling-stroke" '
                f'points="{" ".join(seg)}"/>'
            )
    out.append("</svg>")
    many = len(data.series) > 1
    for j, s in enumerate(data.series):
        for i, v in enumerate(s.values):
            if v is not None:
                out.append(
                    f'<circle class="chart-mark chart-s{j % SERIES_CLASSES}" cx="{px(i):.2f}%" cy="{y(v):.1f}" r="5">'
                    f"{_tip(data.labels[i], s, v, data.unit, many)}</circle>"
                )
    step = max(1, math.ceil(count / 6))
    for i, label in enumerate(data.labels):
        if i % step == 0:
            anchor = "start" if i == 0 and count > 1 else "end" if i == count - 1 and count > 1 else "middle"
            out.append(
                f'<text class="chart-tick" x="{px(i):.2f}%" y="{height - 14}" text-anchor="{anchor}">'
                f"{escape(_short(label, 14))}</text>"
            )
    out.append("</svg>")
    return mark_safe("".join(out))  # noqa: S308 (every text above is escaped)


def donut_slices(data: ChartData) -> list[dict]:
    """The donut's slices (first series, positive values) with their share and colour class.

    Also feeds the HTML legend next to the chart, so the legend text never shrinks with the SVG.
    """
    series = data.series[0] if data.series else Series("", ())
    items = [(lbl, v) for lbl, v in zip(data.labels, series.values, strict=True) if v is not None and v > 0]
    total = sum(v for _lbl, v in items)
    return [
        {
            "label": label,
            "value": v,
            "share": v / total,
            "percent": format_value(round(v / total * 100, 1), "%"),
            "css": f"chart-s{i % SERIES_CLASSES}",
        }
        for i, (label, v) in enumerate(items)
    ]


def render_donut(data: ChartData, *, chart_id: str) -> SafeString:
    """Share of the first series; negative and empty values are left out (the table shows them)."""
    cx = cy = 100
    radius, hole = 96, 58
    slices = donut_slices(data)
    out = [_svg_open(chart_id, data, "donut", box="0 0 200 200")]
    angle = -math.pi / 2
    for item in slices:
        tip = (
            f"<title>{escape(item['label'])}: {escape(format_value(item['value'], data.unit))} "
            f"({escape(item['percent'])})</title>"
        )
        if item["share"] >= 0.9999:
            out.append(f'<circle class="chart-mark {item["css"]}" cx="{cx}" cy="{cy}" r="{radius}">{tip}</circle>')
            continue
        end = angle + item["share"] * 2 * math.pi
        large = 1 if item["share"] > 0.5 else 0
        p = [
            (cx + radius * math.cos(angle), cy + radius * math.sin(angle)),
            (cx + radius * math.cos(end), cy + radius * math.sin(end)),
            (cx + hole * math.cos(end), cy + hole * math.sin(end)),
            (cx + hole * math.cos(angle), cy + hole * math.sin(angle)),
        ]
        out.append(
            f'<path class="chart-mark {item["css"]}" d="M{p[0][0]:.2f},{p[0][1]:.2f} '
            f"A{radius},{radius} 0 {large} 1 {p[1][0]:.2f},{p[1][1]:.2f} L{p[2][0]:.2f},{p[2][1]:.2f} "
            f'A{hole},{hole} 0 {large} 0 {p[3][0]:.2f},{p[3][1]:.2f} Z">{tip}</path>'
        )
        angle = end
    if slices:
        total = sum(item["value"] for item in slices)
        out.append(f'<circle class="chart-hole" cx="{cx}" cy="{cy}" r="{hole}"/>')
        out.append(
            f'<text class="chart-total" x="{cx}" y="{cy + 8}" text-anchor="middle">'
            f"{escape(format_value(total, data.unit))}</text>"
        )
    out.append("</svg>")
    return mark_safe("".join(out))  # noqa: S308 (every text above is escaped)


RENDERERS = {"bar": render_bar, "line": render_line, "donut": render_donut}


def render_chart(kind: str, data: ChartData, *, chart_id: str) -> SafeString:
    """Render ``data`` as an accessible SVG; unknown kinds fall back to a bar chart."""
    return RENDERERS.get(kind, render_bar)(data, chart_id=chart_id)
