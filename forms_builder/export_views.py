"""Admin door for report exports: a page to choose an assignment and period, and the downloads.

Thin: visibility comes from ``exports.exportable_assignments`` (built on
``visible_submissions``: an OPD user only ever gets its own OPDs' rows), the work from
``exports``. Bad parameters answer 400, things the user cannot see 404, never 500.
"""

from __future__ import annotations

import tempfile

from django.http import FileResponse, Http404, HttpResponseBadRequest, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from audit.actors import Door

from .export_columns import schema_columns
from .exports import FORMATS, export_log, export_plan, exportable_assignments, may_export, write_csv, write_xlsx
from .models import FormVersion

__all__ = ["export_download", "export_page", "may_export"]

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
    return TemplateResponse(
        request,
        "forms_builder/report_export.html",
        {"assignments": assignments, "chosen": chosen, "periods": periods, "tables": tables},
    )


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
