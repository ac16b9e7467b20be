"""SAKIP results for the public page and the results API: scores, grades, change, indicators.

Reads only published submissions (``reporting.selectors``) and only their public answers.
The total is the exact score the workflow stored (``score_exact``); for older reports it is
recomputed with ``forms_builder.scoring`` from the public component scores (the SAKIP template
marks them public) when that agrees with the stored rounded figure. The grade comes from the form
version's band table read on that exact value; rounding happens only for display (the
template, ``shown``), so 79.996 is BB although it shows as 80.00.

The Pemda row: when the editor names the OPD that files the Pemda-level evaluation (e.g.
Bagian Organisasi Setda), its submission is the Pemda's result and it is left out of the
OPD list; otherwise the Pemda row is the mean of the OPDs' scores, labelled as such.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils.translation import gettext as _

from forms_builder.capaian import capaian, capaian_rating
from forms_builder.schema import iter_fields
from forms_builder.scoring import band_of, score_answers

from ..selectors import public_answers, published_submissions
from .common import exact, shown, text

LABEL_COLUMNS = ("indikator", "uraian", "nama", "sasaran", "nama_indikator", "indikator_kinerja")


@dataclass
class Indicator:
    name: str
    unit: str
    direction: str
    target: Any
    target_min: Any
    target_max: Any
    realisasi: Any
    capaian: Decimal | None
    rating: str | None

    @property
    def target_text(self) -> str:
        if self.target_min is not None and self.target_max is not None:
            return f"{_fmt(self.target_min)}–{_fmt(self.target_max)}"
        return _fmt(self.target)


def _fmt(value: Any) -> str:
    return text(value)


@dataclass
class SakipRow:
    opd_id: int | None
    name: str
    score: Decimal | None = None
    grade: str | None = None
    meaning: str | None = None
    history: dict[int, Decimal | None] = field(default_factory=dict)
    change: Decimal | None = None
    previous_year: int | None = None
    indicators: list[Indicator] = field(default_factory=list)
    earlier: list[Decimal | None] = field(default_factory=list)


@dataclass
class SakipResults:
    year: int | None
    years: list[int]
    pemda: SakipRow | None
    pemda_basis: str  # "opd" | "mean" | "none"
    opds: list[SakipRow]
    grade_counts: list[tuple[str, int]]
    notes: list[str]
    has_indicator_table: bool


def _round(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _bands(schema: dict) -> list[dict]:
    return list((schema.get("scoring") or {}).get("bands") or [])


def _total_score(submission, schema: dict, answers: dict) -> Decimal | None:
    """The exact total the workflow stored (``score_exact``); for a report stored before exact
    scores were kept, the total recomputed from its public answers when it rounds to the stored
    figure (the stored figure stays authoritative), else the stored figure itself."""
    stored = (submission.score or {}).get("total") or {}
    if (value := exact(stored.get("score_exact"))) is not None:
        return value
    rounded = exact(stored.get("score"))
    try:
        value = exact(score_answers(schema=schema, cleaned=answers)["total"]["score_exact"])
    except (KeyError, TypeError, ArithmeticError):
        value = None
    if value is not None and (rounded is None or _round(value) == _round(rounded)):
        return value
    return rounded


def indicator_table_spec(schema: dict, key: str = "") -> dict | None:
    """The table of performance indicators: the named one, or the first with target and realisasi."""
    for ref in iter_fields(schema):
        spec = ref.spec
        if spec.get("type") != "table" or ref.table:
            continue
        columns = {c.get("key") for c in spec.get("columns") or []}
        if key and spec.get("key") == key:
            return spec
        if not key and "realisasi" in columns and ({"target"} & columns or {"target_min", "target_max"} <= columns):
            return spec
    return None


def _indicators(spec: dict, rows: Any) -> list[Indicator]:
    if not isinstance(rows, list):
        return []
    columns = [c.get("key") for c in spec.get("columns") or []]
    label_key = next((k for k in LABEL_COLUMNS if k in columns), None)
    if label_key is None:
        label_key = next(
            (c["key"] for c in spec.get("columns") or [] if c.get("type") in ("short_text", "long_text")), None
        )
    fixed = [r.get("label") for r in spec.get("rows") or []]
    out = []
    for i, row in enumerate(rows):
        if not isinstance(row, dict):
            continue
        name = str(row.get(label_key) or "") if label_key else ""
        if not name and i < len(fixed):
            name = fixed[i] or ""
        value = capaian(
            realisasi=row.get("realisasi"),
            target=row.get("target"),
            direction=row.get("arah") or "naik",
            target_min=row.get("target_min"),
            target_max=row.get("target_max"),
        )
        out.append(
            Indicator(
                name=name or _("Indikator %(n)d") % {"n": i + 1},
                unit=str(row.get("satuan") or ""),
                direction=str(row.get("arah") or "naik"),
                target=row.get("target"),
                target_min=row.get("target_min"),
                target_max=row.get("target_max"),
                realisasi=row.get("realisasi"),
                capaian=value,
                rating=capaian_rating(value),
            )
        )
    return out


def sakip_published_years(*, form) -> list[int]:
    """Years with a published evaluation on ``form``, newest first."""
    years = published_submissions(form=form).values_list("period__year", flat=True)
    return [int(y) for y in years.order_by("-period__year").distinct()]


def sakip_results(
    *, form, year: int | None = None, years_back: int = 3, pemda_opd_id: int | None = None, indicator_table: str = ""
) -> SakipResults:
    """Everything the SAKIP results page shows, from published submissions only (constant queries)."""
    base = published_submissions(form=form)
    if year is None:
        latest = base.order_by("-period__year").values_list("period__year", flat=True).first()
        if latest is None:
            return SakipResults(
                None, [], None, "none", [], [], [_("Belum ada hasil evaluasi yang dipublikasikan.")], False
            )
        year = int(latest)
    years_back = max(1, min(int(years_back or 1), 10))
    first_year = year - years_back + 1
    subs = list(base.filter(period__year__gte=first_year, period__year__lte=year).order_by("published_at", "pk"))

    bands: list[dict] = []
    spec_for_year: dict | None = None
    latest_by: dict[tuple[int, int], tuple] = {}  # (opd, year) -> (submission, answers, schema); latest wins
    names: dict[int, str] = {}
    for sub in subs:
        schema = sub.form_version.schema if sub.form_version_id else {}
        latest_by[(sub.opd_id, sub.period.year)] = (sub, public_answers(submission=sub), schema)
        names[sub.opd_id] = sub.opd.name
    # the latest version decides the bands and the indicator table
    for _sub, _answers, schema in sorted(latest_by.values(), key=lambda t: (t[0].period.year, t[0].pk)):
        bands = _bands(schema) or bands
        spec_for_year = indicator_table_spec(schema, indicator_table) or spec_for_year
    years = list(range(first_year, year + 1))

    rows: dict[int, SakipRow] = {}
    for (opd_id, y), (sub, answers, schema) in latest_by.items():
        row = rows.setdefault(opd_id, SakipRow(opd_id=opd_id, name=names[opd_id]))
        row.history[y] = _total_score(sub, schema, answers)
        if y == year:
            spec = indicator_table_spec(schema, indicator_table)
            if spec is not None and spec.get("key") in answers:
                row.indicators = _indicators(spec, answers.get(spec["key"]))

    def finish(row: SakipRow) -> SakipRow:
        row.score = row.history.get(year)
        row.earlier = [row.history.get(y) for y in years if y != year]
        band = band_of(row.score, bands)
        row.grade, row.meaning = (band.get("label"), band.get("meaning")) if band else (None, None)
        earlier = [y for y in sorted(row.history) if y < year and row.history[y] is not None]
        if earlier and row.score is not None:
            row.previous_year = earlier[-1]
            # the change between the figures as shown, so the table adds up for a reader
            row.change = _round(row.score) - _round(row.history[earlier[-1]])
        return row

    opd_rows = [finish(r) for r in rows.values() if r.opd_id != pemda_opd_id]
    opd_rows.sort(key=lambda r: (r.score is None, -(r.score or 0), r.name))
    if pemda_opd_id and pemda_opd_id in rows:
        pemda = finish(rows[pemda_opd_id])
        pemda.name = _("Pemerintah Daerah (dinilai melalui %(opd)s)") % {"opd": pemda.name}
        basis = "opd"
    elif opd_rows:
        pemda = SakipRow(opd_id=None, name=_("Rata-rata OPD"))
        for y in years:
            scores = [r.history[y] for r in opd_rows if r.history.get(y) is not None]
            pemda.history[y] = sum(scores, Decimal(0)) / len(scores) if scores else None
        pemda = finish(pemda)
        basis = "mean"
    else:
        pemda, basis = None, "none"

    counts: dict[str, int] = {}
    for r in opd_rows:
        if r.grade:
            counts[r.grade] = counts.get(r.grade, 0) + 1
    grade_counts = [(b["label"], counts[b["label"]]) for b in bands if b.get("label") in counts]
    notes = []
    if spec_for_year is None:
        notes.append(
            _(
                "Formulir SAKIP ini belum memuat tabel indikator kinerja (kolom target dan realisasi), "
                "sehingga capaian indikator belum dapat ditampilkan."
            )
        )
    return SakipResults(year, years, pemda, basis, opd_rows, grade_counts, notes, spec_for_year is not None)


def _row_data(row: SakipRow | None, years: list[int]) -> dict | None:
    if row is None:
        return None
    return {
        "opd_id": row.opd_id,
        "opd": row.name,
        "score": shown(row.score),
        "grade": row.grade,
        "meaning": row.meaning,
        "change": shown(row.change),
        "previous_year": row.previous_year,
        "history": [{"year": y, "score": shown(row.history.get(y))} for y in years],
        "indicators": [
            {
                "name": i.name,
                "unit": i.unit,
                "direction": i.direction,
                "target": i.target_text,
                "realisation": shown(exact(i.realisasi), 4),
                "achievement": shown(i.capaian),
                "rating": i.rating,
            }
            for i in row.indicators
        ],
    }


def sakip_data(res: SakipResults) -> dict:
    """The page's figures as data (REST, GraphQL, JSON downloads): rounded for display, banded exact."""
    return {
        "year": res.year,
        "years": res.years,
        "pemda_basis": res.pemda_basis,
        "pemda": _row_data(res.pemda, res.years),
        "opds": [_row_data(r, res.years) for r in res.opds],
        "grade_counts": [{"grade": g, "count": n} for g, n in res.grade_counts],
    }
