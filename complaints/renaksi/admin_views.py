"""Admin screens of the OPD side of the Renaksi: "Rencana aksi saya" (the actions an OPD reports
for, each with a per-quarter progress form and evidence upload), and the evidence download.

Thin: ``selectors.action_list_to_report`` lists, ``services.progress_report`` decides.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from audit.actors import Door
from cms.formatting import format_date, format_datetime
from inputs.fields import MultiFileField, MultiFileInput
from organizations.client_address import client_address
from organizations.errors import RateLimitedError

from ..deadlines import local_today
from ..uploads import complaint_upload_create, uploads_alive
from . import access
from .models import Action, ActionEvidence
from .selectors import action_list_staff, action_list_to_report
from .services import evidence_for_download, progress_report
from .status import progress_due_date, quarter_choices_for, status_of


class ProgressForm(forms.Form):
    period = forms.ChoiceField(label=_("Triwulan"))
    percent = forms.IntegerField(label=_("Capaian kumulatif (%)"), min_value=0, max_value=100)
    narrative = forms.CharField(label=_("Uraian kemajuan"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)
    evidence = MultiFileField(
        label=_("Bukti dukung (PDF/JPG/PNG)"),
        required=False,
        widget=MultiFileInput(attrs={"accept": "application/pdf,image/jpeg,image/png"}),
    )
    reason = forms.CharField(
        label=_("Alasan koreksi"),
        required=False,
        max_length=300,
        help_text=_("Wajib bila triwulan ini sudah pernah dilaporkan."),
    )

    def __init__(self, *args, action: Action, today, **kwargs):
        super().__init__(*args, **kwargs)
        periods = list(reversed(quarter_choices_for(action.plan, today=today)))
        self.fields["period"].choices = [(f"{y}-{q}", _("TW %(q)s %(y)s") % {"q": q, "y": y}) for y, q in periods]
        self.prefix = f"a{action.pk}"
        #: tokens of files kept from an earlier attempt that failed validation (pending uploads)
        pending = self.data.getlist(self.add_prefix("pending")) if self.is_bound else []
        self.pending_tokens = [t for t in pending if t][:10]


def _row(action: Action, *, today, form=None, progress=None) -> dict:
    status = status_of(action, today=today)
    return {
        "action": action,
        "status": status,
        "due": format_date(action.due_date),
        "form": form or (ProgressForm(action=action, today=today) if progress is None else None),
        "progress": [
            {
                "p": p,
                "period": p.period_label,
                "reported_at": format_datetime(p.reported_at),
                "reported_by": p.reported_by.get_full_name() or p.reported_by.get_username() if p.reported_by else "",
                "evidence": list(p.evidence.all()),
            }
            for p in (action.progress.all() if progress is None else progress)
        ],
    }


def my_actions(request, forms_by_action=None):
    """'Rencana aksi saya': what the user's OPD reports, newest figures first."""
    if not access.reporter_opd_ids(request.user):
        raise PermissionDenied
    today = local_today()
    forms_by_action = forms_by_action or {}
    rows = [_row(a, today=today, form=forms_by_action.get(a.pk)) for a in action_list_to_report(user=request.user)]
    context = {"rows": rows, "header_title": _("Rencana aksi saya")}
    return TemplateResponse(request, "complaints/renaksi/my_actions.html", context)


@require_POST
def report(request, pk: int):
    action = Action.objects.select_related("plan", "opd").filter(pk=pk).first()
    if action is None or not access.can_see(request.user, action):
        raise Http404
    today = local_today()
    form = ProgressForm(request.POST, request.FILES, action=action, today=today)
    files = request.FILES.getlist(f"{form.prefix}-evidence")
    if form.is_valid():
        year, quarter = (int(x) for x in form.cleaned_data["period"].split("-"))
        try:
            progress_report(
                action=action,
                actor=request.user,
                year=year,
                quarter=quarter,
                percent=form.cleaned_data["percent"],
                narrative=form.cleaned_data["narrative"],
                files=files,
                uploads=form.pending_tokens,
                reason=form.cleaned_data["reason"],
                door=Door.ADMIN,
            )
        except PermissionDenied:
            raise
        except ValidationError as exc:
            for field, errs in exc.message_dict.items():
                name = {"attachments": "evidence", "quarter": "period"}.get(field, field)
                form.add_error(name if name in form.fields else None, errs)
        else:
            messages.success(
                request,
                _("Kemajuan %(a)s TW %(q)s %(y)s tersimpan (batas laporan %(d)s).")
                % {"a": action.code, "q": quarter, "y": year, "d": format_date(progress_due_date(year, quarter))},
            )
            return redirect(f"{reverse('complaints_renaksi_mine')}#aksi-{action.pk}")
    # the chosen files are kept (checked and cleaned) so the reporter need not choose them again
    form.pending_tokens = uploads_alive(form.pending_tokens) + _keep_pending(files, client_address(request))
    response = my_actions(request, forms_by_action={action.pk: form})
    response.status_code = 400
    return response


def _keep_pending(files, client: str) -> list[str]:
    """Good files of a failed attempt as pending uploads (``complaints.uploads``); bad ones are
    dropped (their error is already on the form)."""
    tokens = []
    for f in files:
        f.seek(0)
        try:
            _row, token = complaint_upload_create(upload=f, client=client)
        except (ValidationError, RateLimitedError):
            continue
        tokens.append(token)
    return tokens


def action_progress(request, pk: int):
    """One action's quarterly reports with their evidence, for whoever may see the action (the desk,
    Bappeda, the Pemda-wide readers and the owner OPD)."""
    action = action_list_staff(user=request.user).filter(pk=pk).first()
    if action is None:
        raise Http404
    progress = action.progress.select_related("reported_by").prefetch_related("evidence").order_by("-year", "-quarter")
    row = _row(action, today=local_today(), progress=list(progress))
    context = {
        "row": row,
        "can_report": access.can_report(request.user, action),
        "header_title": f"{action.code} {action.title}",
    }
    return TemplateResponse(request, "complaints/renaksi/action_progress.html", context)


def evidence_download(request, uuid):
    evidence = ActionEvidence.objects.select_related("progress__action__plan").filter(uuid=uuid).first()
    if evidence is None:
        raise Http404
    try:
        evidence = evidence_for_download(evidence=evidence, user=request.user)
    except PermissionDenied:
        raise Http404 from None
    ext = evidence.file.name.rsplit(".", 1)[-1]
    name = f"bukti-{evidence.progress.action.code}-{evidence.progress.year}-tw{evidence.progress.quarter}.{ext}"
    response = FileResponse(
        evidence.file.open("rb"), as_attachment=True, filename=name, content_type=evidence.content_type
    )
    response["Cache-Control"] = "private, no-store"
    return response
