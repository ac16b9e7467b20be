"""The completeness and timeliness matrix: OPD × period, one table per form.

Every cell is one expected ``Submission`` in one of six states (``CellState``). Built from
ONE query over ``visible_submissions`` (``values()``, no per-row access), so its cost does
not grow with the number of OPDs or periods beyond the rows it reads, and an OPD user sees
only its own OPDs' rows: the visibility rule lives in ``selectors``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organizations.roles import GlobalRole
from organizations.selectors import has_global_role, is_opd_member

from .models import ReportingPeriod, SubmissionStatus
from .periods import period_label
from .selectors import visible_submissions

#: Roles that see the whole Pemda's matrix (OPD members see their own rows).
MATRIX_READERS = (
    GlobalRole.KOMINFO_EDITOR,
    GlobalRole.BAPPEDA_REVIEWER,
    GlobalRole.INSPECTORATE,
    GlobalRole.AUDITOR,
)


class CellState(models.TextChoices):
    NOT_STARTED = "not_started", _("Belum dimulai")
    DRAFT = "draft", _("Draf")
    ON_TIME = "on_time", _("Dikirim tepat waktu")
    LATE = "late", _("Dikirim terlambat")
    RETURNED = "returned", _("Dikembalikan")
    VERIFIED = "verified", _("Diverifikasi")


#: A symbol per state, so the matrix never relies on colour alone.
STATE_SYMBOLS = {
    CellState.NOT_STARTED: "○",
    CellState.DRAFT: "✎",
    CellState.ON_TIME: "✓",
    CellState.LATE: "!",
    CellState.RETURNED: "↩",
    CellState.VERIFIED: "★",
}

#: States counted as "filed" (the OPD did send the report at least once and it stands).
FILED_STATES = frozenset({CellState.ON_TIME, CellState.LATE, CellState.VERIFIED})


def can_view_matrix(user) -> bool:
    """Pemda-wide readers (and superusers) see every OPD; OPD members see their own rows."""
    if not user.is_authenticated or not user.is_active:
        return False
    return has_global_role(user, *MATRIX_READERS) or is_opd_member(user)


def cell_state(*, status: str, first_submitted_at: dt.datetime | None, due_at: dt.datetime) -> CellState:
    """The matrix state of a submission: submitted splits into on time / late by its first sending."""
    if status in (SubmissionStatus.VERIFIED, SubmissionStatus.PUBLISHED):
        return CellState.VERIFIED
    if status == SubmissionStatus.SUBMITTED:
        return CellState.LATE if first_submitted_at and first_submitted_at > due_at else CellState.ON_TIME
    if status == SubmissionStatus.RETURNED:
        return CellState.RETURNED
    if status == SubmissionStatus.DRAFT:
        return CellState.DRAFT
    return CellState.NOT_STARTED


@dataclass
class Cell:
    submission_id: int
    state: CellState
    published: bool
    #: Past deadline + grace and not reopened, while the OPD still has work to do.
    locked: bool
    late: bool
    due_at: dt.datetime
    submitted_at: dt.datetime | None
    #: Filled by the admin view: the submission's page and (for admins, when locked) reopening.
    url: str | None = None
    reopen_url: str | None = None

    @property
    def label(self) -> str:
        return str(_("Diverifikasi dan terbit")) if self.published else str(self.state.label)

    @property
    def symbol(self) -> str:
        return STATE_SYMBOLS[self.state]


@dataclass
class Column:
    period_id: int
    label: str
    start: dt.date


@dataclass
class Row:
    opd_id: int
    opd_name: str
    opd_acronym: str
    cells: list[Cell | None]


@dataclass
class FormMatrix:
    form_id: int
    form_key: str
    form_title: str
    columns: list[Column]
    rows: list[Row]
    counts: dict[str, int] = field(default_factory=dict)
    total: int = 0
    published: int = 0

    def percent(self, n: int) -> float | None:
        return round(100 * n / self.total, 1) if self.total else None

    @property
    def stats(self) -> list[dict]:
        """Per state: value, label, symbol, count and percentage of all cells (legend order)."""
        return [
            {
                "state": s.value,
                "label": s.label,
                "symbol": STATE_SYMBOLS[s],
                "count": self.counts.get(s.value, 0),
                "percent": self.percent(self.counts.get(s.value, 0)),
            }
            for s in CellState
        ]

    @property
    def filed(self) -> int:
        return sum(self.counts.get(s.value, 0) for s in FILED_STATES)

    @property
    def completeness_percent(self) -> float | None:
        """Share of expected reports that were filed and stand (submitted or verified)."""
        return self.percent(self.filed)

    @property
    def on_time_percent(self) -> float | None:
        """Share of the submitted-and-not-yet-verified reports that came on time."""
        submitted = self.counts.get(CellState.ON_TIME, 0) + self.counts.get(CellState.LATE, 0)
        return round(100 * self.counts.get(CellState.ON_TIME, 0) / submitted, 1) if submitted else None


@dataclass
class Matrix:
    forms: list[FormMatrix]

    @property
    def total(self) -> int:
        return sum(f.total for f in self.forms)


_VALUES = (
    "id",
    "status",
    "due_at",
    "locks_at",
    "reopened_until",
    "first_submitted_at",
    "submitted_at",
    "published_at",
    "assignment_id",
    "opd_id",
    "opd__name",
    "opd__acronym",
    "period_id",
    "period__period_type",
    "period__year",
    "period__number",
    "period__start",
    "assignment__form_id",
    "assignment__form__key",
    "assignment__form__title",
)


def _is_locked(row: dict, now: dt.datetime) -> bool:
    if row["status"] not in (SubmissionStatus.NOT_STARTED, SubmissionStatus.DRAFT, SubmissionStatus.RETURNED):
        return False
    if row["reopened_until"] and row["reopened_until"] > now:
        return False
    return now > row["locks_at"]


def completeness_matrix(*, user, form=None, year: int | None = None, opd_kind: str | None = None) -> Matrix:
    """The matrix of the submissions ``user`` may see, one table per form (one SQL query).

    ``form`` is a ``FormDefinition`` or its pk. Rows are OPDs (by name), columns the
    periods (by start). When two active assignments of a form expect the same OPD and
    period, the newer assignment's submission is the cell.
    """
    qs = visible_submissions(user=user).filter(assignment__is_active=True)
    if form is not None:
        qs = qs.filter(assignment__form_id=getattr(form, "pk", form))
    if year is not None:
        qs = qs.filter(period__year=year)
    if opd_kind:
        qs = qs.filter(opd__kind=opd_kind)
    rows = qs.order_by("assignment__form__title", "assignment_id").values(*_VALUES)

    now = timezone.now()
    grouped: dict[int, dict] = {}
    for r in rows:
        g = grouped.setdefault(
            r["assignment__form_id"],
            {
                "key": r["assignment__form__key"],
                "title": r["assignment__form__title"],
                "periods": {},
                "opds": {},
                "cells": {},
            },
        )
        if r["period_id"] not in g["periods"]:
            period = ReportingPeriod(
                period_type=r["period__period_type"], year=r["period__year"], number=r["period__number"]
            )
            g["periods"][r["period_id"]] = Column(r["period_id"], str(period_label(period)), r["period__start"])
        g["opds"].setdefault(r["opd_id"], (r["opd__name"], r["opd__acronym"]))
        state = cell_state(status=r["status"], first_submitted_at=r["first_submitted_at"], due_at=r["due_at"])
        late = bool(r["first_submitted_at"] and r["first_submitted_at"] > r["due_at"]) or (
            not r["first_submitted_at"] and now > r["due_at"]
        )
        g["cells"][(r["opd_id"], r["period_id"])] = Cell(
            submission_id=r["id"],
            state=state,
            published=r["status"] == SubmissionStatus.PUBLISHED,
            locked=_is_locked(r, now),
            late=late,
            due_at=r["due_at"],
            submitted_at=r["submitted_at"],
        )

    forms = []
    for form_id, g in grouped.items():
        columns = sorted(g["periods"].values(), key=lambda c: (c.start, c.label))
        opds = sorted(g["opds"].items(), key=lambda item: item[1][0].lower())
        table = FormMatrix(form_id=form_id, form_key=g["key"], form_title=g["title"], columns=columns, rows=[])
        for opd_id, (name, acronym) in opds:
            cells = [g["cells"].get((opd_id, c.period_id)) for c in columns]
            table.rows.append(Row(opd_id=opd_id, opd_name=name, opd_acronym=acronym, cells=cells))
            for cell in cells:
                if cell is None:
                    continue
                table.total += 1
                table.counts[cell.state.value] = table.counts.get(cell.state.value, 0) + 1
                table.published += cell.published
        forms.append(table)
    return Matrix(forms=forms)
