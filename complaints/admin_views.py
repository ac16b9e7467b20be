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

from . import access, exposure, services
from .models import Complaint, Handling, RejectReason
from .selectors import complaint_get_staff
from .stats import complaint_dashboard


def _get(request, pk: int) -> Complaint:
    try:
        return complaint_get_staff(user=request.user, pk=pk)
    except Complaint.DoesNotExist:
        raise Http404 from None


def detail(request, pk: int, revealed=None):
    c = _get(request, pk)
    user = request.user
    context = {
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
    p, user = request.POST, request.user
    common = {"complaint": c, "actor": user, "door": Door.ADMIN}
    try:
        if name == "verify":
            services.complaint_verify(**common, handling=p.get("handling") or None)
        elif name == "reject":
            services.complaint_reject(**common, reason=p.get("reason", ""), note=p.get("note", ""))
        elif name == "assign":
            opd = public_opds().filter(pk=p.get("opd") or 0).first()
            if opd is None:
                raise ValidationError({"opd": [_("Pilih OPD.")]})
            services.complaint_assign(**common, opd=opd, handling=p.get("handling") or None, reason=p.get("reason", ""))
        elif name == "start":
            services.complaint_start(**common)
        elif name == "note":
            services.complaint_add_note(**common, body=p.get("body", ""), public=p.get("public") == "1")
        elif name == "answer":
            services.complaint_answer(**common, body=p.get("body", ""))
        elif name == "close":
            services.complaint_close(**common, reason=p.get("reason", ""))
        elif name == "merge":
            primary = complaint_get_staff(user=user, pk=int(p.get("primary") or 0))
            services.complaint_merge(duplicate=c, primary=primary, actor=user, door=Door.ADMIN)
        elif name == "reveal":
            identity = services.complaint_reveal_reporter(**common)
            return detail(request, pk, revealed=identity or False)
        else:
            raise Http404
    except ValidationError as exc:
        for msg in exc.messages:
            messages.error(request, msg)
    except PermissionDenied as exc:
        messages.error(request, str(exc) or _("Akses ditolak."))
    except Complaint.DoesNotExist:
        messages.error(request, _("Pengaduan utama tidak ditemukan."))
    else:
        messages.success(request, _("Tersimpan."))
    return redirect("complaints_admin_detail", pk=pk)


def dashboard(request):
    if access.staff_filter(request.user) is None:
        raise PermissionDenied
    return TemplateResponse(
        request,
        "complaints/admin/dashboard.html",
        {"stats": complaint_dashboard(user=request.user), "header_title": _("Dasbor pengaduan")},
    )
