"""Streamed CSV/XLSX export of a filtered timeline (each export is itself a logged sensitive read)."""

import csv
import tempfile
from collections.abc import Iterable, Iterator

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.http import FileResponse, StreamingHttpResponse
from django.utils.translation import gettext as _

from cms.formatting import format_datetime

from .actors import Door
from .labels import action_label, field_labels, model_name
from .models import AuditEvent, EventSource

CHUNK = 2000


def max_rows() -> int:
    return settings.AUDIT_EXPORT_MAX_ROWS


def headers() -> list[str]:
    """Labels for people; the keys (model label, ids) stay beside them for machines."""
    return [
        _("Waktu"),
        _("No. rantai"),
        _("Sumber"),
        _("Aksi"),
        _("Jenis data"),
        _("Model"),
        _("ID rekaman"),
        _("Rekaman"),
        _("Pintu"),
        _("Pelaku"),
        _("Pengguna"),
        _("ID pengguna"),
        _("OPD"),
        _("ID OPD"),
        _("Kolom berubah"),
        _("Alasan"),
        _("Hash"),
    ]


def _names() -> tuple[dict, dict]:
    """User and OPD display names, read once per export (small tables) instead of once per row."""

    from organizations.models import OPD

    users = {
        pk: (f"{first} {last}".strip() or username)
        for pk, username, first, last in get_user_model().objects.values_list(
            "pk", "username", "first_name", "last_name"
        )
    }
    return users, dict(OPD.objects.values_list("pk", "name"))


def rows(events: QuerySet[AuditEvent]) -> Iterator[list]:
    users, opds = _names()
    sources, doors = dict(EventSource.choices), dict(Door.choices)
    for e in events[: max_rows()].iterator(chunk_size=CHUNK):
        yield [
            format_datetime(e.occurred_at),
            e.seq or "",
            str(sources.get(e.source, e.source)),
            action_label(e.action),
            model_name(e.model),
            e.model,
            e.object_id,
            e.object_repr,
            str(doors.get(e.door, e.door)),
            e.actor,
            users.get(e.user_id, ""),
            e.user_id or "",
            opds.get(e.opd_id, ""),
            e.opd_id or "",
            ", ".join(field_labels(e.model, e.changed_fields or [])),
            e.reason,
            e.hash,
        ]


class _Echo:
    def write(self, value):
        return value


def _safe_cell(value):
    """Neutralise spreadsheet formulas (CSV injection): a leading = + - @ becomes text."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def csv_stream(data: Iterable[list]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff"  # BOM: Excel opens UTF-8 (Indonesian names) correctly
    yield writer.writerow(headers())
    for row in data:
        yield writer.writerow([_safe_cell(v) for v in row])


def csv_response(events: QuerySet[AuditEvent], filename: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(csv_stream(rows(events)), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def xlsx_response(events: QuerySet[AuditEvent], filename: str) -> FileResponse:
    """openpyxl write-only workbook spooled to a temp file (flat memory), then streamed."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_("Jejak audit")[:31])
    sheet.append(headers())
    for row in rows(events):
        sheet.append([_safe_cell(v) for v in row])
    handle = tempfile.TemporaryFile()  # noqa: SIM115 - closed by FileResponse
    workbook.save(handle)
    handle.seek(0)
    return FileResponse(
        handle,
        as_attachment=True,
        filename=f"{filename}.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
