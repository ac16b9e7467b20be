"""Admin views of periodic reporting: the completeness matrix and reopening a locked period.

Thin: the matrix comes from ``matrix.completeness_matrix`` (visibility from
``selectors``), reopening from ``workflow.submission_reopen``. Unknown filter
values are ignored with a message, never an error page.
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.wagtail_hooks import history_url_for
from forms_builder.models import FormDefinition
from organizations.models import AGENCY_KIND_CHOICES

from ..matrix import STATE_SYMBOLS, CellState, can_view_matrix, completeness_matrix
from ..models import ReportingPeriod
from ..periods import local_zone
from ..permissions import can_reopen
from ..selectors import submission_get, visible_submissions
from ..workflow import submission_reopen

#: The per-submission page (engineer D's view); the matrix works without it.
SUBMISSION_URL_NAME = "reporting_submission_edit"


def submission_url(pk: int) -> str | None:
    """The submission's admin page, or None while that view is not installed."""
    try:
        return reverse(SUBMISSION_URL_NAME, args=[pk])
    except NoReverseMatch:
        return None


class MatrixFilter(forms.Form):
    form = forms.TypedChoiceField(label=_("Formulir"), required=False, coerce=int, empty_value=None)
    year = forms.TypedChoiceField(label=_("Tahun"), required=False, coerce=int, empty_value=None)
    opd_kind = forms.ChoiceField(label=_("Jenis OPD"), required=False)

    def __init__(self, data, *, form_choices, years):
        super().__init__(data)
        self.fields["form"].choices = [("", _("Semua formulir")), *form_choices]
        self.fields["year"].choices = [("", _("Semua tahun")), *((y, y) for y in years)]
        self.fields["opd_kind"].choices = [("", _("Semua jenis OPD")), *AGENCY_KIND_CHOICES]


def _filters(request) -> tuple[MatrixFilter, dict]:
    """The filter form and the valid filters; an invalid value is dropped (and said so)."""
    user_rows = visible_submissions(user=request.user).filter(assignment__is_active=True)
    form_choices = list(
        FormDefinition.objects.filter(assignments__submissions__in=user_rows.values("pk"))
        .distinct()
        .order_by("title")
        .values_list("pk", "title")
    )
    years = sorted(
        set(ReportingPeriod.objects.filter(submissions__in=user_rows.values("pk")).values_list("year", flat=True)),
        reverse=True,
    )
    data = request.GET.copy()
    if "year" not in data and years:
        today = timezone.now().astimezone(local_zone()).date()
        data["year"] = str(today.year if today.year in years else years[0])
    filter_form = MatrixFilter(data, form_choices=form_choices, years=years)
    filter_form.is_valid()
    valid = {k: v for k, v in filter_form.cleaned_data.items() if k not in filter_form.errors}
    if filter_form.errors:
        messages.warning(request, _("Nilai saringan yang tidak dikenal diabaikan."))
        kept = {k: v for k, v in data.items() if k not in filter_form.errors}
        filter_form = MatrixFilter(kept, form_choices=form_choices, years=years)
        filter_form.is_valid()
    return filter_form, valid


def matrix_view(request):
    if not can_view_matrix(request.user):
        raise PermissionDenied
    filter_form, filters = _filters(request)
    matrix = completeness_matrix(
        user=request.user, form=filters.get("form"), year=filters.get("year"), opd_kind=filters.get("opd_kind") or None
    )
    may_reopen = can_reopen(request.user)
    linked = submission_url(0) is not None
    for table in matrix.forms:
        for row in table.rows:
            for cell in row.cells:
                if cell is not None:
                    cell.url = submission_url(cell.submission_id) if linked else None
                    cell.reopen_url = (
                        reverse("reporting_submission_reopen", args=[cell.submission_id])
                        if may_reopen and cell.locked
                        else None
                    )
    legend = [{"state": s.value, "label": s.label, "symbol": STATE_SYMBOLS[s]} for s in CellState]
    return TemplateResponse(
        request,
        "reporting/matrix.html",
        {
            "page_title": _("Kelengkapan laporan"),
            "header_icon": "table",
            "filter_form": filter_form,
            "matrix": matrix,
            "legend": legend,
            "may_reopen": may_reopen,
        },
    )


class ReopenForm(forms.Form):
    until = forms.DateField(
        label=_("Dibuka sampai tanggal"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("OPD dapat mengisi dan mengirim sampai akhir hari ini (waktu setempat)."),
    )
    reason = forms.CharField(label=_("Alasan"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)

    def clean_until(self):
        day = self.cleaned_data["until"]
        if day < timezone.now().astimezone(local_zone()).date():
            raise ValidationError(_("Tanggal tidak boleh di masa lalu."))
        return day


def reopen_view(request, pk: int):
    if not can_reopen(request.user):
        raise PermissionDenied
    submission = submission_get(user=request.user, pk=pk)
    today = timezone.now().astimezone(local_zone()).date()
    form = ReopenForm(request.POST or None, initial={"until": today + dt.timedelta(days=7)})
    if request.method == "POST" and form.is_valid():
        zone = local_zone()
        until = dt.datetime.combine(form.cleaned_data["until"], dt.time.max, tzinfo=zone)
        try:
            submission_reopen(
                submission=submission, actor=request.user, until=until, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            for key, msgs in exc.message_dict.items():
                form.add_error(key if key in form.fields else None, msgs)
        else:
            messages.success(
                request,
                _("Laporan %(s)s dibuka kembali sampai %(d)s.") % {"s": submission, "d": form.cleaned_data["until"]},
            )
            return redirect(f"{reverse('reporting_matrix')}?form={submission.assignment.form_id}")
    return TemplateResponse(
        request,
        "reporting/reopen.html",
        {
            "page_title": _("Buka kembali laporan"),
            "header_icon": "lock-open",
            "submission": submission,
            "form": form,
            "submission_url": submission_url(submission.pk),
            "history_url": history_url_for(submission, request.user),
        },
    )
