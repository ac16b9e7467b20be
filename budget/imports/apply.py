"""Preview and apply an import: all or nothing, idempotent by file digest, corrections with history."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from organizations.selectors import User

from ..models import (
    BatchStatus,
    CashPlan,
    FigureRevision,
    FiscalYear,
    ImportBatch,
    ImportKind,
    ImportProfile,
    Realisation,
)
from .check import ImportCheck, import_check
from .pagu import pagu_replace
from .reader import file_digest

MODELS = {ImportKind.REALISATION: Realisation, ImportKind.CASH_PLAN: CashPlan}
IMPORTABLE = {*MODELS, ImportKind.PAGU}
BATCH = 2000


def require_importer(user: User) -> None:
    if not (user.is_authenticated and user.is_active and user.has_perm("budget.import_budget")):
        raise PermissionDenied(_("Anda tidak berhak mengimpor data anggaran."))


def applied_twin(*, profile: ImportProfile, fiscal_year: FiscalYear, digest: str) -> ImportBatch | None:
    return ImportBatch.objects.filter(
        profile=profile, fiscal_year=fiscal_year, digest=digest, status=BatchStatus.APPLIED
    ).first()


def import_preview(
    *, profile: ImportProfile, fiscal_year: FiscalYear, upload: File, actor: User, today: dt.date
) -> tuple[ImportBatch, ImportCheck | None]:
    """Store the file and check it. The same file already applied returns that batch (and no check)."""
    require_importer(actor)
    if profile.kind not in IMPORTABLE:
        raise ValidationError({"profile": _("Profil ini belum dapat diimpor dari berkas.")})
    digest = file_digest(upload)
    twin = applied_twin(profile=profile, fiscal_year=fiscal_year, digest=digest)
    if twin is not None:
        return twin, None
    check = import_check(profile=profile, fiscal_year=fiscal_year, handle=upload, today=today)
    upload.seek(0)
    batch = ImportBatch(
        profile=profile,
        fiscal_year=fiscal_year,
        file_name=(getattr(upload, "name", "") or "impor")[-255:],
        digest=digest,
        created_by=actor,
    )
    _record(batch, check)
    batch.file.save(f"{digest[:16]}.bin", upload, save=False)
    batch.save()
    return batch, check


def _record(batch: ImportBatch, check: ImportCheck) -> None:
    batch.row_count = check.rows
    batch.error_count = check.error_count
    batch.errors = [str(e) for e in check.errors]
    batch.months = sorted(check.months)
    batch.status = BatchStatus.REFUSED if check.error_count else BatchStatus.PREVIEWED


def import_apply(*, batch: ImportBatch, actor: User, today: dt.date) -> ImportBatch:
    """Check the stored file again and write it, all or nothing. Applying twice changes nothing."""
    require_importer(actor)
    if batch.status == BatchStatus.APPLIED:
        return batch
    twin = applied_twin(profile=batch.profile, fiscal_year=batch.fiscal_year, digest=batch.digest)
    if twin is not None:
        return twin
    with batch.file.open("rb") as handle:
        check = import_check(profile=batch.profile, fiscal_year=batch.fiscal_year, handle=handle, today=today)
    if check.error_count:
        _record(batch, check)
        batch.save()
        raise ValidationError([str(e) for e in check.errors])
    with transaction.atomic():
        if batch.profile.kind == ImportKind.PAGU:
            pagu_replace(fiscal_year=batch.fiscal_year, rows=check.pagu, reason=f"Impor pagu #{batch.pk}")
        else:
            figures_replace(batch=batch, check=check, actor=actor)
        batch.status, batch.applied_at = BatchStatus.APPLIED, timezone.now()
        batch.save()
    _after_import()
    return batch


def figures_replace(*, batch: ImportBatch, check: ImportCheck, actor: User) -> None:
    """The file's months for the file's OPDs become exactly the file's sums (old values to history).

    Plain ``executemany`` in batches: monthly figures are bulk data (hundreds of thousands per
    file) and their models are untracked; the tracked ``ImportBatch`` and the append-only
    ``FigureRevision`` rows are their history.
    """
    model = MODELS[batch.profile.kind]
    with_batch = model is Realisation
    wanted = dict(check.sums)
    existing = model.objects.filter(
        line__opd_budget__fiscal_year=batch.fiscal_year,
        line__opd_budget__opd_id__in=check.opd_ids,
        month__in=check.months,
    ).values_list("pk", "line_id", "month", "amount")
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    who, kind = actor.get_username()[:150], batch.profile.kind
    revisions, updates, deletions = [], [], []
    for pk, line_id, month, amount in existing.iterator(chunk_size=BATCH):
        new = wanted.pop((line_id, month), None)
        if new == amount:
            continue
        revisions.append((kind, line_id, month, amount, new or 0, batch.pk, who, now))
        if new is None:
            deletions.append(pk)
        else:
            updates.append((new, batch.pk, pk) if with_batch else (new, pk))
    table = connection.ops.quote_name(model._meta.db_table)
    revision_table = connection.ops.quote_name(FigureRevision._meta.db_table)
    set_batch = ", batch_id = %s" if with_batch else ""
    with connection.cursor() as cursor:
        for chunk in _chunks(updates):
            cursor.executemany(f"UPDATE {table} SET amount = %s{set_batch} WHERE id = %s", chunk)  # noqa: S608
        for chunk in _chunks(deletions):
            model.objects.filter(pk__in=chunk).delete()
        columns = "line_id, month, amount" + (", batch_id" if with_batch else "")
        marks = ", ".join(["%s"] * (4 if with_batch else 3))
        rows = (
            (line_id, month, amount, *((batch.pk,) if with_batch else ()))
            for (line_id, month), amount in wanted.items()
        )
        for chunk in _chunks(rows):
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", chunk)  # noqa: S608
        created = (
            (kind, line_id, month, None, amount, batch.pk, who, now) for (line_id, month), amount in wanted.items()
        )
        for chunk in _chunks(revisions):
            _insert_revisions(cursor, revision_table, chunk)
        for chunk in _chunks(created):
            _insert_revisions(cursor, revision_table, chunk)


def _insert_revisions(cursor, table: str, rows: list[tuple]) -> None:
    cursor.executemany(
        f"INSERT INTO {table} (kind, line_id, month, old_amount, new_amount, batch_id, actor, at) "  # noqa: S608
        "VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
        rows,
    )


def _chunks(items, size: int = BATCH):
    chunk = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _after_import() -> None:
    """A scan for alerts once the figures are committed."""
    from django_q.tasks import async_task

    transaction.on_commit(lambda: async_task("budget.jobs.scan", task_name="budget-scan-after-import"))


def import_recheck(*, batch: ImportBatch, actor: User, today: dt.date) -> ImportCheck:
    """Check a stored file again (after its profile's mapping changed)."""
    require_importer(actor)
    if batch.status == BatchStatus.APPLIED:
        raise ValidationError(_("Impor ini sudah diterapkan."))
    with batch.file.open("rb") as handle:
        check = import_check(profile=batch.profile, fiscal_year=batch.fiscal_year, handle=handle, today=today)
    _record(batch, check)
    batch.save()
    return check


def profile_map(*, profile: ImportProfile, columns: dict[str, str], actor: User) -> ImportProfile:
    """Save the column mapping of a profile (once; every later file of this export reuses it)."""
    require_importer(actor)
    profile.columns = {k: v for k, v in columns.items() if v}
    profile.full_clean()
    profile.save()
    return profile


def header_of(batch: ImportBatch) -> list[str]:
    """The header row of a stored file (for the mapping screen)."""
    from .reader import iter_rows

    with batch.file.open("rb") as handle:
        for _line, cells in iter_rows(handle, sheet=batch.profile.sheet):
            return [c for c in cells if c]
    return []
