"""The audit area of the Wagtail admin: read-only views for Auditor and Inspektorat."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from cms.counting import capped_count
from organizations.models import OPD

from .actors import Door
from .chain import chain_head, unsealed_events
from .exports import csv_response, xlsx_response
from .filters import AdminTimelineFilter, TimelineFilter
from .integrity import event_problems
from .models import AuditEvent
from .reads import log_sensitive_read
from .selectors import audit_events, can_read_audit, record_history
from .verification import latest_verification, verification_request

PAGE_SIZE = 50


def _require_reader(request) -> None:
    if not can_read_audit(request.user):
        raise PermissionDenied


def timeline_page(*, events, page: int, page_size: int = PAGE_SIZE) -> tuple[list[AuditEvent], bool]:
    """One page without COUNT(*): fetch one extra row to know whether a next page exists."""
    offset = (page - 1) * page_size
    rows = list(events[offset : offset + page_size + 1])
    return rows[:page_size], len(rows) > page_size


def opd_names(events: list[AuditEvent]) -> dict[int, str]:
    ids = {e.opd_id for e in events if e.opd_id}
    return dict(OPD.objects.filter(pk__in=ids).values_list("pk", "name")) if ids else {}


def _page_number(request) -> int:
    try:
        return max(1, int(request.GET.get("p", "1")))
    except ValueError:
        return 1


@require_safe
def timeline(request):
    _require_reader(request)
    filterset = AdminTimelineFilter(request.GET or None, queryset=audit_events(user=request.user), reader=request.user)
    valid = filterset.is_valid() if request.GET else True
    events = filterset.qs if valid else AuditEvent.objects.none()
    page = _page_number(request)
    rows, has_next = timeline_page(events=events, page=page)
    counted = capped_count(events)  # "lebih dari 10.000" rather than a COUNT(*) over a million events
    names = opd_names(rows)
    problems = event_problems(rows)
    for event in rows:
        event.opd_name = names.get(event.opd_id, "")
        event.integrity_problem = problems.get(event.pk, "")
    params = {k: v for k, v in request.GET.items() if k != "p" and v}
    query = urlencode(params)
    return TemplateResponse(
        request,
        "audit/timeline.html",
        {
            "filter_form": filterset.form,
            "events": rows,
            "page": page,
            "next_query": urlencode({**params, "p": page + 1}) if has_next else "",
            "prev_query": urlencode({**params, "p": page - 1}) if page > 1 else "",
            "export_query": query,
            "flagged": len(problems),
            "pending": unsealed_events().count(),
            "total": number_format(counted.cap if counted.capped else counted.count, force_grouping=True),
            "total_capped": counted.capped,
            "status": 200 if valid else 400,
        },
        status=200 if valid else 400,
    )


@require_safe
def record(request, model_label: str, object_id: str):
    _require_reader(request)
    history = record_history(user=request.user, model_label=model_label, object_id=object_id)
    if history is None or not history.entries:
        raise Http404(_("Riwayat tidak ditemukan."))
    return TemplateResponse(request, "audit/record.html", {"history": history})


@require_safe
def export(request):
    _require_reader(request)
    fmt = request.GET.get("format", "csv")
    if fmt not in ("csv", "xlsx"):
        return HttpResponseBadRequest(_("Format ekspor harus csv atau xlsx."))
    params = request.GET.copy()
    params.pop("format", None)
    params.pop("p", None)
    filterset = TimelineFilter(params or None, queryset=audit_events(user=request.user))
    if params and not filterset.is_valid():
        return HttpResponseBadRequest(_("Filter tidak valid: %(errors)s") % {"errors": filterset.errors.as_text()})
    log_sensitive_read(
        user=request.user,
        obj=AuditEvent,
        action="audit.export",
        door=Door.ADMIN,
        detail=f"{fmt} {urlencode(sorted(params.items()))}",
    )
    filename = f"jejak-audit-{timezone.localtime():%Y%m%d-%H%M%S}"
    events = filterset.qs.select_related(None)
    return csv_response(events, filename) if fmt == "csv" else xlsx_response(events, filename)


@require_safe
def chain(request):
    _require_reader(request)
    return TemplateResponse(
        request,
        "audit/chain.html",
        {
            "head": chain_head(),
            "pending": unsealed_events().count(),
            "verification": latest_verification(),
        },
    )


@require_POST
def chain_verify(request):
    """The "Verifikasi sekarang" button: queue the audited verification job, back to the screen."""
    _require_reader(request)
    verification = verification_request(actor=request.user)
    if verification.requested_by_id == request.user.pk and verification.pending:
        messages.success(request, _("Verifikasi rantai audit dijalankan di latar belakang."))
    return redirect("audit_chain")
