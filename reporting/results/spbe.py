"""SPBE results: the index, its predikat, and the domain and aspect indices, by year.

From published SPBE self-assessments only (the shipped ``spbe_mandiri`` template, or any form
the editor picks with the same shape: aspects are scored sections, domains are
``scoring.groups``), their public answers only. Indices are computed by
``forms_builder.scoring`` (Σ level × weight / Σ weight) and each predikat is read on the exact
index with the form version's band table; ``shown`` rounds for display only. One row per OPD
that files the assessment (usually the one that files it for the Pemda) and year; when an OPD
has several published reports in a year, the latest wins.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from forms_builder.scoring import score_answers

from ..selectors import public_answers, published_submissions
from .common import choose_year, exact, shown


@dataclass
class SpbeScore:
    key: str
    label: str
    value: Decimal | None  # exact
    predikat: str | None
    domain: str = ""  # an aspect's domain label

    def data(self) -> dict:
        return {
            "key": self.key,
            "label": self.label,
            "index": shown(self.value),
            "predikat": self.predikat,
            **({"domain": self.domain} if self.domain else {}),
        }


@dataclass
class SpbeEntry:
    opd_id: int
    opd: str
    year: int
    index: SpbeScore
    domains: list[SpbeScore] = field(default_factory=list)
    aspects: list[SpbeScore] = field(default_factory=list)


@dataclass
class SpbeResults:
    year: int | None
    years: list[int]  # years with published results, oldest first
    entries: list[SpbeEntry]  # the chosen year's
    history: list[SpbeEntry]  # every year's, oldest first (index only is read)


def _score(entry: dict, domain: str = "") -> SpbeScore:
    # ``score_answers`` read the band on the exact score with the version's table
    return SpbeScore(
        entry["key"], entry.get("label") or entry["key"], exact(entry.get("score_exact")), entry.get("band"), domain
    )


def _entry(sub, schema: dict, answers: dict) -> SpbeEntry:
    scores = score_answers(schema=schema, cleaned=answers)
    scoring = schema.get("scoring") or {}
    domain_of = {s: g.get("label") or g["key"] for g in scoring.get("groups") or [] for s in g.get("sections") or []}
    index = _score(scores["total"])
    index.label = scoring.get("label") or index.label
    return SpbeEntry(
        opd_id=sub.opd_id,
        opd=sub.opd.name,
        year=sub.period.year,
        index=index,
        domains=[_score(g) for g in scores["groups"]],
        aspects=[_score(s, domain_of.get(s["key"], "")) for s in scores["sections"]],
    )


def spbe_results(*, form, year: int | None = None) -> SpbeResults:
    """The SPBE figures of ``year`` (latest when ``None``) and the index of every year (constant queries)."""
    latest: dict[tuple[int, int], object] = {}
    for sub in published_submissions(form=form).order_by("published_at", "pk"):
        latest[(sub.opd_id, sub.period.year)] = sub
    entries = []
    for sub in latest.values():
        schema = sub.form_version.schema if sub.form_version_id else {}
        entries.append(_entry(sub, schema, public_answers(submission=sub)))
    entries.sort(key=lambda e: (e.year, e.opd))
    years = sorted({e.year for e in entries})
    chosen = choose_year(years, year)
    return SpbeResults(year=chosen, years=years, entries=[e for e in entries if e.year == chosen], history=entries)


def spbe_data(res: SpbeResults) -> dict:
    """The page's figures as data (REST, GraphQL, JSON): rounded for display, predikat read exact."""
    return {
        "year": res.year,
        "years": res.years,
        "results": [
            {
                "opd_id": e.opd_id,
                "opd": e.opd,
                "year": e.year,
                "index": shown(e.index.value),
                "predikat": e.index.predikat,
                "domains": [d.data() for d in e.domains],
                "aspects": [a.data() for a in e.aspects],
            }
            for e in res.entries
        ],
        "history": [
            {
                "opd_id": e.opd_id,
                "opd": e.opd,
                "year": e.year,
                "index": shown(e.index.value),
                "predikat": e.index.predikat,
            }
            for e in res.history
        ],
    }
