"""Admin door for report exports: a page to choose an assignment and period, and the downloads.

Thin: visibility comes from ``exports.exportable_assignments`` (built on
``visible_submissions``: an OPD user only ever gets its own OPDs' rows), the work from
``exports``. Bad parameters answer 400, things the user cannot see 404, never 500.

Results larger than ``REPORT_EXPORT_INLINE_MAX_ROWS`` are not built in the request: the page
offers a button that queues a background export (``exports.jobs``), lists the user's recent
exports, and ``export_file`` serves a finished one to its requester only.
"""

from __future__ import annotations

import tempfile

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse, HttpResponseBadRequest, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from audit.actors import Door
from cms.formatting import format_datetime
from forms_builder.models import FormVersion

from ..exports import jobs as export_jobs
from ..exports.columns import schema_columns
from ..exports.writers import (
    FORMATS,
    export_log,
    export_plan,
    export_row_count,
    exportable_assignments,
    may_export,
    write_csv,
    write_xlsx,
)
from ..periods import local_zone

__all__ = ["export_download", "export_file", "export_page", "export_queue", "may_export"]

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _int_param(request, name: str) -> int | None:
    raw = request.GET.get(name, "")
    if not raw:
        return None
    if not raw.isdigit() or len(raw) > 18:
        raise ValueError(name)
    return int(raw)


@require_safe
def export_page(request):
    """Choose an assignment, then download each of its periods as CSV or XLSX."""
    try:
        chosen_id = _int_param(request, "assignment")
    except ValueError:
        return HttpResponseBadRequest(_("Penugasan tidak valid."))
    assignments = list(exportable_assignments(user=request.user))
    chosen = next((a for a in assignments if a.pk == chosen_id), None)
    if chosen_id is not None and chosen is None:
        raise Http404(_("Penugasan tidak ditemukan."))
    periods, tables = [], []
    if chosen is not None:
        periods = list(chosen.periods.order_by("start"))
        newest = FormVersion.objects.filter(form=chosen.form_id).order_by("-number").first()
        tables = schema_columns([newest.schema])[1] if newest else []
        counts = export_jobs.rows_per_period(user=request.user, assignment=chosen)
        for period in periods:
            period.export_rows = counts.get(period.pk, 0)
            period.export_in_background = export_jobs.runs_in_background(period.export_rows)
    recent = list(export_jobs.report_exports_recent(user=request.user))
    zone = local_zone()
    for export in recent:
        export.created_local = format_datetime(export.created_at, tz=zone)
        export.expires_local = format_datetime(export.expires_at, tz=zone)
    return TemplateResponse(
        request,
        "reporting/report_export.html",
        {
            "assignments": assignments,
            "chosen": chosen,
            "periods": periods,
            "tables": tables,
            "recent_exports": recent,
            "preparing": any(e.status in ("queued", "running") for e in recent),
        },
    )


def _page(assignment_id: int):
    return redirect(reverse("reporting_report_export") + f"?assignment={assignment_id}")


@require_POST
def export_queue(request, assignment_id: int, period_id: int):
    """Queue a background export (``format=csv|xlsx`` in the form), then back to the page."""
    fmt = request.POST.get("format", "xlsx")
    if fmt not in FORMATS:
        return HttpResponseBadRequest(_("Format ekspor harus csv atau xlsx."))
    assignment = get_object_or_404(exportable_assignments(user=request.user), pk=assignment_id)
    period = get_object_or_404(assignment.periods.all(), pk=period_id)
    try:
        export_jobs.report_export_request(user=request.user, assignment=assignment, period=period, fmt=fmt)
    except PermissionDenied:
        raise Http404 from None
    messages.success(
        request, _("Ekspor sedang disiapkan… Anda akan menerima pemberitahuan beserta tautan unduhan saat berkas siap.")
    )
    return _page(assignment.pk)


@require_safe
def export_file(request, pk: int):
    """A finished background export: its requester (or a superuser) only, 404 for anyone else."""
    try:
        export = export_jobs.report_export_get(user=request.user, pk=pk)
    except PermissionDenied:
        raise Http404 from None
    if export.is_expired:
        return HttpResponse(
            _("Berkas ekspor ini sudah kedaluwarsa dan dihapus. Minta ekspor baru dari halaman ekspor."),
            status=410,
            content_type="text/plain; charset=utf-8",
        )
    if export.status != export.Status.DONE or not export.file:
        raise Http404(_("Berkas ekspor belum siap."))
    export_jobs.report_export_log_download(user=request.user, export=export, door=Door.ADMIN)
    content_type = XLSX_TYPE if export.format == "xlsx" else "text/csv; charset=utf-8"
    try:
        handle = export.file.open("rb")
    except OSError:  # the file is gone from the storage (removed by hand or by a lifecycle rule)
        return HttpResponse(
            _("Berkas ekspor tidak ditemukan lagi. Minta ekspor baru dari halaman ekspor."),
            status=410,
            content_type="text/plain; charset=utf-8",
        )
    response = FileResponse(handle, as_attachment=True, filename=export.filename, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@require_safe
def export_download(request, assignment_id: int, period_id: int):
    """The file itself: ``?format=csv|xlsx`` and, for CSV, ``&table=<key>`` for one table."""
    fmt = request.GET.get("format", "xlsx")
    table = request.GET.get("table") or None
    if fmt not in FORMATS:
        return HttpResponseBadRequest(_("Format ekspor harus csv atau xlsx."))
    if table and fmt != "csv":
        return HttpResponseBadRequest(_("Tabel tersendiri hanya tersedia sebagai CSV; XLSX memuat semua tabel."))
    assignment = get_object_or_404(exportable_assignments(user=request.user), pk=assignment_id)
    period = get_object_or_404(assignment.periods.all(), pk=period_id)
    plan = export_plan(user=request.user, assignment=assignment, period=period)
    if table and plan.table(table) is None:
        raise Http404(_("Tabel tidak ada pada formulir ini."))
    if not table and export_jobs.runs_in_background(export_row_count(plan)):
        messages.info(
            request, _("Hasil ekspor ini besar; gunakan tombol di halaman ekspor untuk menyiapkannya di latar.")
        )
        return _page(assignment.pk)
    export_log(user=request.user, plan=plan, fmt=fmt, door=Door.ADMIN, table=table)
    if fmt == "csv":
        filename = f"{plan.filename}-{table}.csv" if table else f"{plan.filename}.csv"
        response = StreamingHttpResponse(write_csv(plan, table=table), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    handle = tempfile.TemporaryFile()  # noqa: SIM115 - closed by FileResponse
    write_xlsx(plan, handle)
    handle.seek(0)
    return FileResponse(handle, as_attachment=True, filename=f"{plan.filename}.xlsx", content_type=XLSX_TYPE)
