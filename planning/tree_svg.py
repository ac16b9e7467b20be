"""The performance tree ("pohon kinerja") drawn on the server as accessible SVG.

Laid out left to right (a goal on the left, its sub-activities on the right): every leaf
takes a row, a node sits in the middle of its children. A node that supports several parents
is drawn under each. The SVG has ``role="img"`` with ``<title>``/``<desc>``, each node says its
figure and rating in words (colour is never the only cue), and ``tree_text_html`` gives the
same tree as nested lists. The drawing works from ``Cascade`` (no query here).
"""

from __future__ import annotations

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .achievement import Cascade, NodeResult
from .display import percent_text

COL_W, BOX_W, BOX_H, ROW_H, PAD = 260, 230, 52, 62, 12
#: Fill and text colour per LKjIP rating (text contrast ≥ 4.5:1 on each fill).
BAND_COLOURS = {
    "Sangat Baik": ("#1b5e20", "#ffffff"),
    "Baik": ("#a5d6a7", "#0b2e13"),
    "Cukup": ("#fff176", "#3e2f00"),
    "Kurang": ("#ffb74d", "#3e1f00"),
    "Sangat Kurang": ("#b71c1c", "#ffffff"),
}
NO_DATA = ("#eceff1", "#263238")
MAX_CHARS = 34


def _short(text: str, limit: int = MAX_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _layout(roots: list[NodeResult], max_depth: int) -> list[tuple[NodeResult, int, float, tuple | None]]:
    """(node, depth, row, parent position) for every drawn box, depth-first."""
    placed: list[tuple[NodeResult, int, float, tuple | None]] = []
    next_row = [0.0]

    def place(node: NodeResult, depth: int, trail: frozenset) -> float:
        index = len(placed)
        placed.append((node, depth, 0.0, None))
        kids = [c for c in node.children if c.id not in trail] if depth + 1 < max_depth else []
        if kids:
            rows = [place(c, depth + 1, trail | {node.id}) for c in kids]
            row = (rows[0] + rows[-1]) / 2
        else:
            row = next_row[0]
            next_row[0] += 1
        placed[index] = (node, depth, row, None)
        return row

    for root in roots:
        place(root, 0, frozenset())
    return placed


def tree_svg(cascade: Cascade, *, max_depth: int = 7, title: str = "", id_prefix: str = "pohon") -> SafeString:
    """The tree as one ``<svg>`` (no scripts inside; zoom lives in ``planning/pohon.js``)."""
    placed = _layout(cascade.roots, max_depth)
    lines: list[str] = []
    boxes: list[str] = []
    stack: list[tuple[int, float, float]] = []  # (depth, x, y) of the current ancestors
    for node, depth, row, _p in placed:
        x, y = PAD + depth * COL_W, PAD + row * ROW_H
        while stack and stack[-1][0] >= depth:
            stack.pop()
        if stack:
            px, py = stack[-1][1] + BOX_W, stack[-1][2] + BOX_H / 2
            mid = px + (COL_W - BOX_W) / 2
            lines.append(f'<path d="M{px:.0f} {py:.0f} H{mid:.0f} V{y + BOX_H / 2:.0f} H{x:.0f}" class="pohon-garis"/>')
        stack.append((depth, x, y))
        fill, ink = BAND_COLOURS.get(node.rating or "", NO_DATA)
        figure = percent_text(node.achievement)
        rating = node.rating or _("belum ada data")
        flag = "" if node.supports_pemda else " ⚠"
        boxes.append(
            format_html(
                '<g class="pohon-simpul" data-node="{}"><title>{}</title>'
                '<rect x="{}" y="{}" width="{}" height="{}" rx="6" fill="{}" stroke="#37474f"{}/>'
                '<text x="{}" y="{}" fill="{}" font-size="12"><tspan font-weight="bold">{}</tspan>'
                '<tspan x="{}" dy="15">{}</tspan><tspan x="{}" dy="15">{}</tspan></text></g>',
                node.id,
                f"{node.level_label}: {node.code} {node.name} — {_('capaian')} {figure} ({rating}){flag}",
                f"{x:.0f}",
                f"{y:.0f}",
                BOX_W,
                BOX_H,
                fill,
                mark_safe(' stroke-dasharray="4 3" stroke-width="2"') if flag else "",
                f"{x + 8:.0f}",
                f"{y + 16:.0f}",
                ink,
                _short(f"{node.level_label} {node.code}", 30) + flag,
                f"{x + 8:.0f}",
                _short(node.name),
                f"{x + 8:.0f}",
                f"{figure} · {rating}",
            )
        )
    width = PAD * 2 + (max((d for _n, d, _r, _p in placed), default=0) + 1) * COL_W
    height = PAD * 2 + (max((r for _n, _d, r, _p in placed), default=0) + 1) * ROW_H
    heading = title or _("Pohon kinerja %(name)s tahun %(year)s") % {"name": cascade.rpjmd.name, "year": cascade.year}
    desc = _(
        "Bagan berjenjang dari tujuan daerah sampai sub-kegiatan: %(n)d simpul. Warna menunjukkan predikat "
        "capaian; setiap simpul juga menuliskan angka dan predikatnya. Daftar teks di bawah bagan berisi hal yang sama."
    ) % {"n": len(placed)}
    return mark_safe(  # noqa: S308 — every piece above is escaped by format_html
        f'<svg xmlns="http://www.w3.org/2000/svg" class="pohon-svg" role="img" '
        f'aria-labelledby="{id_prefix}-judul {id_prefix}-uraian" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'width="{width:.0f}" height="{height:.0f}" data-width="{width:.0f}" data-height="{height:.0f}">'
        f'<title id="{id_prefix}-judul">{escape(heading)}</title><desc id="{id_prefix}-uraian">{escape(desc)}</desc>'
        f'<g fill="none" stroke="#78909c" stroke-width="1.5">{"".join(lines)}</g>'
        f'<g font-family="sans-serif">{"".join(boxes)}</g></svg>'
    )


def tree_text_html(cascade: Cascade, *, max_depth: int = 7) -> SafeString:
    """The same tree as nested ``<ul>`` (the text alternative of the drawing)."""
    out: list[str] = []

    def item(node: NodeResult, depth: int, trail: frozenset) -> None:
        rating = node.rating or _("belum ada data")
        flag = "" if node.supports_pemda else format_html(" <strong>{}</strong>", _("(belum mendukung sasaran daerah)"))
        out.append(
            format_html(
                "<li><span>{}: {} {} — {} {} ({})</span>{}",
                node.level_label,
                node.code,
                node.name,
                _("capaian"),
                percent_text(node.achievement),
                rating,
                flag,
            )
        )
        kids = [c for c in node.children if c.id not in trail] if depth + 1 < max_depth else []
        if kids:
            out.append("<ul>")
            for child in kids:
                item(child, depth + 1, trail | {node.id})
            out.append("</ul>")
        out.append("</li>")

    out.append('<ul class="pohon-teks">')
    for root in cascade.roots:
        item(root, 0, frozenset())
    out.append("</ul>")
    return mark_safe("".join(out))  # noqa: S308 — items are built with format_html


def legend() -> list[dict]:
    """Legend entries (rating, fill, ink) in band order, then "no data"."""
    rows = [{"label": label, "css": f"pita-{n}"} for n, label in enumerate(BAND_COLOURS)]
    rows.append({"label": _("Belum ada data"), "css": "pita-kosong"})
    return rows  # the swatch colours are in planning/pohon.css (no inline styles under the CSP)
