"""Assignments: which OPDs must file which form for which periods, and their expected rows.

Expected submissions exist ahead of time (status ``not_started``), one per assignment ×
period × assigned OPD, so the completeness matrix can show who has not started.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from audit.bulk import bulk_create_tracked, bulk_update_tracked
from organizations.models import AGENCY_KIND_CHOICES, OPD

from . import notices
from .models import Assignment, PeriodType, ReportingPeriod, Submission
from .periods import deadline_for
from .permissions import can_manage_assignments

MAX_DAYS = 366


def _check_days(errors: dict, name: str, value) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_DAYS:
        errors[name] = [_("Isi bilangan bulat 0 sampai %(n)d hari.") % {"n": MAX_DAYS}]


def _validate(*, form, title, period_type, periods, opds, opd_kinds, due_days, grace_days, reminder_days) -> None:
    errors: dict[str, list] = {}
    if not (title or "").strip():
        errors["title"] = [_("Judul penugasan wajib diisi.")]
    if form is None or not form.pk or not form.versions.exists():
        errors["form"] = [_("Formulir belum pernah diterbitkan; terbitkan dulu sebelum ditugaskan.")]
    if period_type not in PeriodType.values:
        errors["period_type"] = [_("Jenis periode tidak dikenal.")]
    if not periods:
        errors["periods"] = [_("Pilih paling sedikit satu periode.")]
    elif period_type in PeriodType.values:
        wrong = [str(p) for p in periods if p.period_type != period_type]
        if wrong:
            errors["periods"] = [
                _("Periode berikut bukan periode %(type)s: %(list)s.")
                % {"type": PeriodType(period_type).label.lower(), "list": ", ".join(wrong)}
            ]
    unknown_kinds = [k for k in opd_kinds if k not in dict(AGENCY_KIND_CHOICES)]
    if unknown_kinds:
        errors["opd_kinds"] = [_("Jenis OPD tidak dikenal: %(k)s.") % {"k": ", ".join(map(str, unknown_kinds))}]
    if not opds and not opd_kinds:
        errors["opds"] = [_("Pilih paling sedikit satu OPD atau satu jenis OPD.")]
    _check_days(errors, "due_days", due_days)
    _check_days(errors, "grace_days", grace_days)
    if any(isinstance(d, bool) or not isinstance(d, int) or not 0 <= d <= MAX_DAYS for d in reminder_days):
        errors["reminder_days"] = [_("Setiap pengingat berupa jumlah hari 0 sampai %(n)d.") % {"n": MAX_DAYS}]
    if errors:
        raise ValidationError(errors)


def assignment_create(
    *,
    actor,
    form,
    title: str,
    period_type: str,
    periods: Iterable[ReportingPeriod],
    opds: Iterable[OPD] = (),
    opd_kinds: Iterable[str] = (),
    due_days: int = 10,
    grace_days: int = 5,
    reminder_days: Iterable[int] = (7, 1),
) -> Assignment:
    """Create an assignment and its expected (not started) submissions, in one transaction.

    Raises ``PermissionDenied`` unless the actor manages assignments, and ``ValidationError``
    keyed by field (``form``, ``periods``, ``opds``, ``due_days`` …) with Indonesian messages.
    """
    if not can_manage_assignments(actor):
        raise PermissionDenied(_("Hanya Editor Kominfo yang dapat membuat penugasan laporan."))
    periods, opds = list(periods), list(opds)
    opd_kinds = [str(k) for k in opd_kinds]
    reminder_days = list(reminder_days)
    _validate(
        form=form,
        title=title,
        period_type=period_type,
        periods=periods,
        opds=opds,
        opd_kinds=opd_kinds,
        due_days=due_days,
        grace_days=grace_days,
        reminder_days=reminder_days,
    )
    reminder_days = sorted(set(reminder_days), reverse=True)
    with transaction.atomic():
        assignment = Assignment(
            title=title.strip(),
            form=form,
            period_type=period_type,
            opd_kinds=opd_kinds,
            due_days=due_days,
            grace_days=grace_days,
            reminder_days=reminder_days,
            created_by=actor,
        )
        assignment._history_user = actor
        assignment._change_reason = str(_("Penugasan laporan dibuat"))
        assignment.save()
        assignment.periods.set(periods)
        assignment.opds.set(opds)
        assignment_sync_expected(assignment=assignment)
    return assignment


def assignment_opds(*, assignment: Assignment) -> QuerySet[OPD]:
    """The chosen OPDs plus the active OPDs of the chosen kinds (one query, no duplicates)."""
    chosen = Q(pk__in=assignment.opds.values("pk"))
    if assignment.opd_kinds:
        chosen |= Q(kind__in=list(assignment.opd_kinds), is_active=True)
    return OPD.objects.agencies().filter(chosen).order_by("name")


def assignment_sync_expected(*, assignment: Assignment) -> int:
    """Create the missing expected submissions (assigned OPDs × periods); idempotent.

    Also moves the deadlines of existing rows when the assignment's due or grace days
    changed. An inactive assignment gets no new rows. Returns how many rows were created.
    The operators of each OPD that got new rows get one notice (``notices.notify_assigned``).
    """
    with transaction.atomic():
        Assignment.objects.select_for_update().filter(pk=assignment.pk).first()  # one sync at a time
        periods = list(assignment.periods.all())
        deadlines = {
            p.pk: deadline_for(period=p, due_days=assignment.due_days, grace_days=assignment.grace_days)
            for p in periods
        }
        existing = list(Submission.objects.filter(assignment=assignment))
        moved = []
        for sub in existing:
            due_at, locks_at = deadlines.get(sub.period_id, (sub.due_at, sub.locks_at))
            if (sub.due_at, sub.locks_at) != (due_at, locks_at):
                sub.due_at, sub.locks_at = due_at, locks_at
                moved.append(sub)
        bulk_update_tracked(moved, ["due_at", "locks_at"], reason=str(_("Batas waktu penugasan diubah")))
        if not assignment.is_active:
            return 0
        have = {(s.period_id, s.opd_id) for s in existing}
        opd_ids = list(assignment_opds(assignment=assignment).values_list("pk", flat=True))
        new = [
            Submission(
                assignment=assignment,
                period=period,
                opd_id=opd_id,
                due_at=deadlines[period.pk][0],
                locks_at=deadlines[period.pk][1],
            )
            for period in periods
            for opd_id in opd_ids
            if (period.pk, opd_id) not in have
        ]
        bulk_create_tracked(Submission, new, batch_size=500, reason=str(_("Laporan yang diharapkan dibuat")))
        notices.notify_assigned(assignment=assignment, new=new)
    return len(new)
