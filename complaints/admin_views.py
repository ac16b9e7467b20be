"""Admin views: the complaint detail with its actions, and the dashboard."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from audit.actors import Door
from audit.wagtail_hooks import history_url_for
from organizations.selectors import public_opds

from . import access, actions, exposure, pii, routing, services
from .dashboard import dashboard_snapshot
from .models import Complaint, Handling, RejectReason
from .selectors import complaint_get_staff


def _get(request, pk: int) -> Complaint:
    try:
        return complaint_get_staff(user=request.user, pk=pk)
    except Complaint.DoesNotExist:
        raise Http404 from None


def detail(request, pk: int, revealed=None):
    c = _get(request, pk)
    user = request.user
    desk = access.is_desk(user)
    forms_ = {
        f"{name}_form": actions.staff_form(name, complaint=c, actor=user)
        for name in ("assign", "recategorize", "forward_wbs", "redact")
        if desk
    }
    context = {
        **forms_,
        "no_staff_ids": routing.opds_without_staff_ids() if desk else set(),
        "highlighted_title": pii.highlight(c.title) if desk else "",
        "highlighted_description": pii.highlight(c.description) if desk else "",
        "can_decline": actions.STAFF_ACTIONS["decline"].allowed(user, c),
        "complaint": c,
        "data": exposure.staff_dict(c, user=user),
        "is_desk": access.is_desk(user),
        "can_act": access.can_act_as_opd(user, c),
        "opds": public_opds() if access.is_desk(user) else [],
        "handlings": Handling.choices,
        "reject_reasons": RejectReason.choices,
        "duplicates": services.complaint_duplicate_candidates(complaint=c) if access.is_desk(user) else [],
        "revealed": revealed,
        "header_title": c.tracking_code,
        "history_url": history_url_for(c, user),
    }
    return TemplateResponse(request, "complaints/admin/detail.html", context)


@require_POST
def action(request, pk: int, name: str):
    c = _get(request, pk)
    if actions.staff_action(name) is None:
        raise Http404
    try:
        result = actions.run_staff_action(
            name=name, complaint=c, actor=request.user, door=Door.ADMIN, data=request.POST
        )
    except ValidationError as exc:
        for field, msgs in exc.message_dict.items() if hasattr(exc, "error_dict") else [("", exc.messages)]:
            label = _field_label(name, field)
            for msg in msgs:
                messages.error(request, f"{label}: {msg}" if label else msg)
    except PermissionDenied as exc:
        messages.error(request, str(exc) or _("Akses ditolak."))
    else:
        if name == "reveal":
            return detail(request, pk, revealed=result.reporter or False)
        messages.success(request, _("Tersimpan."))
        if not access.can_see(request.user, c):  # e.g. declined: back to the desk, gone from this OPD
            return redirect("complaints_complaint_modeladmin_index")
    return redirect("complaints_admin_detail", pk=pk)


def _field_label(action_name: str, field: str) -> str:
    form_class = actions.STAFF_ACTIONS[actions.ALIASES.get(action_name, action_name)].form
    f = form_class.base_fields.get(field)
    return str(f.label) if f is not None and f.label else ""


def dashboard(request):
    if access.staff_filter(request.user) is None:
        raise PermissionDenied
    return TemplateResponse(
        request,
        "complaints/admin/dashboard.html",
        {
            "snapshot": dashboard_snapshot(user=request.user, refresh=request.GET.get("perbarui") == "1"),
            "header_title": _("Dasbor pengaduan"),
        },
    )


def coverage(request):
    """The desk's coverage screen: which OPDs and kecamatan have a complaint liaison, which have
    nobody at all to notify (a complaint assigned there would reach no one)."""
    if not access.is_desk(request.user) and not access.is_inspectorate(request.user):
        raise PermissionDenied
    rows = list(routing.opd_coverage().order_by("has_contact_point", "kind", "name"))
    return TemplateResponse(
        request,
        "complaints/admin/coverage.html",
        {
            "rows": rows,
            "without_contact_point": sum(1 for r in rows if not r.has_contact_point),
            "without_staff": sum(1 for r in rows if not r.has_staff),
            "header_title": _("Cakupan penghubung pengaduan"),
        },
    )
