"""SPM results: the achievement and category of each basic service, by year.

From published SPM reports only (the shipped ``spm`` template, or a form with the same table:
fixed rows = services, columns ``sasaran`` and ``terlayani``), their public answers only. For
the chosen year each OPD's latest published report counts. A service's achievement is people
served to standard / people targeted × 100 (``forms_builder.capaian``, higher is better
against a target of 100 %), computed here from the public counts, never from the rounded
percentage stored in the answers; the category (``spm_category``: Tuntas Paripurna needs every
target person served, so 99.995 % is Tuntas Utama) is read on that exact value. The Pemda row of
a service adds the people of every OPD's report: Σ served / Σ targeted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from forms_builder.capaian import capaian
from forms_builder.form_templates import bands as reference_bands
from forms_builder.scoring import band_label

from ..selectors import public_answers, published_submissions
from .common import choose_year, exact, shown

TABLE_KEY = "layanan"


@dataclass
class SpmService:
    key: str
    label: str
    target: Decimal | None
    served: Decimal | None
    achievement: Decimal | None  # exact
    category: str | None

    def data(self) -> dict:
        return {
            "key": self.key,
            "label": self.label,
            "target": shown(self.target, 0),
            "served": shown(self.served, 0),
            "achievement": shown(self.achievement),
            "category": self.category,
        }


@dataclass
class SpmReport:
    opd_id: int
    opd: str
    period: str
    services: list[SpmService] = field(default_factory=list)


@dataclass
class SpmResults:
    year: int | None
    years: list[int]
    services: list[SpmService]  # the Pemda's (all reports added up)
    reports: list[SpmReport]  # one per OPD: its latest published report of the year


def _table(schema: dict) -> dict | None:
    for spec in schema.get("fields") or []:
        for child in (spec.get("fields") or []) if spec.get("type") == "section" else [spec]:
            if child.get("type") == "table" and child.get("key") == TABLE_KEY:
                return child
    return None


def _bands(table: dict | None) -> list[dict]:
    for col in (table or {}).get("columns") or []:
        if col.get("key") == "capaian" and col.get("bands"):
            return col["bands"]
    return reference_bands("spm_category")


def _service(key: str, label: str, target, served, bands) -> SpmService:
    value = capaian(realisasi=served, target=target)  # exact; None without a target
    return SpmService(key, label, target, served, value, band_label(value, bands))


def spm_results(*, form, year: int | None = None) -> SpmResults:
    """Each service's achievement and category in ``year`` (latest when ``None``), constant queries."""
    subs = list(published_submissions(form=form).order_by("period__start", "published_at", "pk"))
    years = sorted({s.period.year for s in subs})
    chosen = choose_year(years, year)
    latest = {}
    for sub in subs:
        if sub.period.year == chosen:
            latest[sub.opd_id] = sub  # ordered by period then publication: the last one wins
    reports, order, labels, totals = [], [], {}, {}
    bands = reference_bands("spm_category")
    for sub in sorted(latest.values(), key=lambda s: s.opd.name):
        table = _table(sub.form_version.schema if sub.form_version_id else {})
        if table is None:
            continue
        bands = _bands(table)
        rows = public_answers(submission=sub).get(TABLE_KEY) or []
        report = SpmReport(sub.opd_id, sub.opd.name, str(sub.period))
        for spec_row, row in zip(table.get("rows") or [], rows, strict=False):
            key, label = spec_row.get("key"), spec_row.get("label") or spec_row.get("key")
            target, served = exact(row.get("sasaran")), exact(row.get("terlayani"))
            report.services.append(_service(key, label, target, served, bands))
            if key not in labels:
                order.append(key)
                labels[key] = label
            if target is not None and served is not None:
                t, s = totals.get(key, (Decimal(0), Decimal(0)))
                totals[key] = (t + target, s + served)
        reports.append(report)
    services = [_service(k, labels[k], *(totals.get(k, (None, None))), bands) for k in order]
    return SpmResults(year=chosen, years=years, services=services, reports=reports)


def spm_data(res: SpmResults) -> dict:
    """The page's figures as data (REST, GraphQL, JSON): rounded for display, categories read exact."""
    return {
        "year": res.year,
        "years": res.years,
        "services": [s.data() for s in res.services],
        "reports": [
            {"opd_id": r.opd_id, "opd": r.opd, "period": r.period, "services": [s.data() for s in r.services]}
            for r in res.reports
        ],
    }
