"""Wagtail admin screens for the Inspektorat (plain views: every write goes through a service).

Why not modeladmin/ModelViewSet: their edit forms would write the model directly, around
the services that check conflicts of interest and log reads. These views are registered
with ``register_admin_urls`` and answer 403 to anyone without the Inspektorat role.
"""

import io
from functools import wraps

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django.views.defaults import permission_denied

from audit.actors import Door
from safefiles.responses import attachment_response

from . import investigation, selectors
from .evidence import evidence_read
from .models import ReportStatus, WbsEvidence, WbsReport
from .privacy import forget_client


def inspector_only(view):
    """403 (a real one: Wagtail would turn a raised PermissionDenied into a redirect) for non-inspectors."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        forget_client(request)
        try:
            if not selectors.is_inspector(request.user):
                raise PermissionDenied(selectors.NOT_ALLOWED)
            return view(request, *args, **kwargs)
        except PermissionDenied as exc:
            return permission_denied(request, exc)
        except WbsReport.DoesNotExist:
            raise Http404(_("Laporan tidak ditemukan.")) from None

    return wrapper


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status baru"), choices=ReportStatus.choices)
    reason = forms.CharField(label=_("Alasan / kesimpulan"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(label=_("Penelaah"), queryset=get_user_model().objects.none())

    def __init__(self, *args, report: WbsReport, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = selectors.assignable_inspectors(report=report)


class BodyForm(forms.Form):
    body = forms.CharField(label=_("Isi"), widget=forms.Textarea(attrs={"rows": 3}))


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Alasan membuka identitas"), widget=forms.Textarea(attrs={"rows": 2}))


class DecideForm(forms.Form):
    approve = forms.TypedChoiceField(
        label=_("Keputusan"),
        choices=[("1", _("Setujui")), ("0", _("Tolak"))],
        coerce=lambda v: v == "1",
    )
    note = forms.CharField(label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


@inspector_only
def report_index(request):
    status = request.GET.get("status") if request.GET.get("status") in ReportStatus.values else None
    page = Paginator(selectors.report_list(user=request.user, status=status), 50).get_page(request.GET.get("p"))
    pending = selectors.pending_identity_requests(user=request.user)
    return render(
        request,
        "wbs/admin/index.html",
        {"page_obj": page, "status": status, "statuses": ReportStatus.choices, "pending": pending},
    )


@inspector_only
def report_detail(request, pk: int):
    report = investigation.wbs_report_read(user=request.user, pk=pk, door=Door.ADMIN)
    return render(request, "wbs/admin/detail.html", _detail_context(report))


def _detail_context(report: WbsReport, **forms_) -> dict:
    return {
        "report": report,
        "content": getattr(report, "content", None) if report.content_purged_at is None else None,
        "status_form": forms_.get("status_form") or StatusForm(initial={"status": report.status}),
        "assign_form": forms_.get("assign_form") or AssignForm(report=report),
        "note_form": forms_.get("note_form") or BodyForm(prefix="note"),
        "message_form": forms_.get("message_form") or BodyForm(prefix="message"),
        "reason_form": forms_.get("reason_form") or ReasonForm(),
        "decide_form": DecideForm(),
    }


def _act(request, pk: int, form_class, call, form_kwargs=None, prefix=None, success=None):
    report = selectors.report_get(user=request.user, pk=pk)
    form = form_class(request.POST, prefix=prefix, **(form_kwargs(report) if form_kwargs else {}))
    if form.is_valid():
        try:
            call(report, form.cleaned_data)
        except ValidationError as exc:
            for field, errors in (
                exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
            ).items():
                form.add_error(None if field not in form.fields else field, errors)
        else:
            messages.success(request, success or _("Tersimpan."))
            return redirect("wbs_admin:detail", pk=report.pk)
    problems = [str(m) for errors in form.errors.values() for m in errors]
    messages.error(request, " ".join(problems) or _("Periksa kembali isian yang ditandai."))
    return redirect("wbs_admin:detail", pk=report.pk)


@require_POST
@inspector_only
def report_assign_view(request, pk: int):
    return _act(
        request,
        pk,
        AssignForm,
        lambda r, d: investigation.report_assign(report=r, assignee=d["assignee"], actor=request.user),
        form_kwargs=lambda r: {"report": r},
        success=_("Penelaah ditetapkan."),
    )


@require_POST
@inspector_only
def report_status(request, pk: int):
    return _act(
        request,
        pk,
        StatusForm,
        lambda r, d: investigation.report_change_status(
            report=r, status=d["status"], reason=d["reason"], actor=request.user
        ),
        success=_("Status diubah."),
    )


@require_POST
@inspector_only
def report_note(request, pk: int):
    return _act(
        request,
        pk,
        BodyForm,
        lambda r, d: investigation.note_add(report=r, actor=request.user, body=d["body"]),
        prefix="note",
        success=_("Catatan internal ditambahkan."),
    )


@require_POST
@inspector_only
def report_message(request, pk: int):
    return _act(
        request,
        pk,
        BodyForm,
        lambda r, d: investigation.message_send(report=r, actor=request.user, body=d["body"]),
        prefix="message",
        success=_("Pesan untuk pelapor terkirim."),
    )


@require_POST
@inspector_only
def identity_request(request, pk: int):
    return _act(
        request,
        pk,
        ReasonForm,
        lambda r, d: investigation.identity_request_create(report=r, actor=request.user, reason=d["reason"]),
        success=_("Permintaan buka identitas diajukan; menunggu persetujuan Inspektorat lain."),
    )


@require_POST
@inspector_only
def identity_decide(request, request_pk: int):
    pending = selectors.pending_identity_requests(user=request.user).filter(pk=request_pk).first()
    if pending is None:
        raise Http404(_("Permintaan tidak ditemukan."))
    form = DecideForm(request.POST)
    if form.is_valid():
        try:
            investigation.identity_request_decide(
                identity_request=pending,
                actor=request.user,
                approve=form.cleaned_data["approve"],
                note=form.cleaned_data["note"],
            )
            messages.success(request, _("Keputusan disimpan."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    return redirect(reverse("wbs_admin:detail", args=[pending.report_id]))


@require_POST
@inspector_only
def identity_reveal(request, pk: int):
    report = selectors.report_get(user=request.user, pk=pk)
    identity = investigation.identity_reveal(report=report, actor=request.user, door=Door.ADMIN)
    response = render(request, "wbs/admin/identity.html", {"report": report, "identity": identity})
    response["Cache-Control"] = "no-store"
    return response


@inspector_only
def evidence_download(request, evidence_pk: int):
    """One evidence file, decrypted for an Inspektorat member; the read is logged."""
    try:
        evidence = evidence_read(user=request.user, pk=evidence_pk, door=Door.ADMIN)
    except WbsEvidence.DoesNotExist:
        raise Http404(_("Bukti tidak ditemukan.")) from None
    return attachment_response(
        io.BytesIO(evidence.data), filename=evidence.filename, content_type=evidence.content_type
    )
