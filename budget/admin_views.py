"""Admin screens for imports (upload → map → preview → confirm) and hand entry of a monthly figure."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .clock import local_today
from .imports.apply import header_of, import_apply, import_preview, import_recheck, profile_map, require_importer
from .imports.check import FIELDS
from .jobs import queue_import
from .models import BatchStatus, BudgetLine, FiscalYear, ImportBatch, ImportKind, ImportProfile
from .services import monthly_figure_set

FIGURE_KINDS = [(k.value, k.label) for k in (ImportKind.REALISATION, ImportKind.CASH_PLAN)]
IMPORT_KINDS = [*FIGURE_KINDS, (ImportKind.PAGU.value, ImportKind.PAGU.label)]
#: Files above this size are applied by the worker, not in the request.
SYNC_LIMIT_BYTES = 5 * 1024 * 1024
MAX_UPLOAD_BYTES = 512 * 1024 * 1024


class UploadForm(forms.Form):
    fiscal_year = forms.ModelChoiceField(FiscalYear.objects.all(), label=gettext_lazy("Tahun anggaran"))
    profile = forms.ModelChoiceField(
        ImportProfile.objects.all(), required=False, label=gettext_lazy("Profil impor"),
        help_text=gettext_lazy("Kosongkan untuk membuat profil baru dari berkas ini."),
    )  # fmt: skip
    new_profile = forms.CharField(required=False, max_length=120, label=gettext_lazy("Nama profil baru"))
    kind = forms.ChoiceField(
        choices=IMPORT_KINDS,
        label=gettext_lazy("Jenis data"),
    )  # fmt: skip
    file = forms.FileField(label=gettext_lazy("Berkas XLSX atau CSV"))

    def clean(self):
        data = super().clean()
        if not data.get("profile") and not data.get("new_profile"):
            raise ValidationError(_("Pilih profil impor atau beri nama profil baru."))
        upload = data.get("file")
        if upload is not None and upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError(_("Berkas terlalu besar."))
        return data


def _guard(request) -> None:
    require_importer(request.user)


def upload_view(request):
    _guard(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        profile = form.cleaned_data["profile"]
        if profile is None:
            profile, _created = ImportProfile.objects.get_or_create(
                name=form.cleaned_data["new_profile"], defaults={"kind": form.cleaned_data["kind"]}
            )
        try:
            batch, check = import_preview(
                profile=profile, fiscal_year=form.cleaned_data["fiscal_year"], upload=form.cleaned_data["file"],
                actor=request.user, today=local_today(),
            )  # fmt: skip
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            if check is None:
                messages.info(request, _("Berkas yang sama sudah pernah diimpor; tidak ada yang berubah."))
                return redirect(reverse("budget_import_preview", args=[batch.pk]))
            if not profile.columns:
                return redirect(reverse("budget_import_map", args=[batch.pk]))
            return redirect(reverse("budget_import_preview", args=[batch.pk]))
    return TemplateResponse(request, "budget/admin/upload.html", {"form": form, "page_title": _("Impor anggaran")})


def map_view(request, pk: int):
    _guard(request)
    batch = get_object_or_404(ImportBatch.objects.select_related("profile"), pk=pk)
    header = header_of(batch)
    fields = FIELDS[batch.profile.kind]
    if request.method == "POST":
        columns = {name: request.POST.get(name, "") for name in fields}
        columns = {k: v for k, v in columns.items() if v in header}
        profile_map(profile=batch.profile, columns=columns, actor=request.user)
        import_recheck(batch=batch, actor=request.user, today=local_today())
        return redirect(reverse("budget_import_preview", args=[batch.pk]))
    rows = [
        (name, str(label), required, batch.profile.columns.get(name, "")) for name, (label, required) in fields.items()
    ]
    return TemplateResponse(
        request,
        "budget/admin/map.html",
        {"batch": batch, "header": header, "rows": rows, "page_title": _("Petakan kolom")},
    )


def preview_view(request, pk: int):
    _guard(request)
    batch = get_object_or_404(ImportBatch.objects.select_related("profile", "fiscal_year"), pk=pk)
    if request.method == "POST" and batch.status == BatchStatus.PREVIEWED:
        if batch.file.size > SYNC_LIMIT_BYTES:
            queue_import(batch_id=batch.pk, user_id=request.user.pk)
            messages.info(request, _("Berkas besar: impor dijalankan di latar belakang."))
            return redirect(reverse("budget_import_preview", args=[batch.pk]))
        try:
            import_apply(batch=batch, actor=request.user, today=local_today())
        except ValidationError:
            messages.error(request, _("Impor ditolak seluruhnya; perbaiki baris yang disebutkan."))
        else:
            messages.success(request, _("Impor diterapkan: %(rows)s baris.") % {"rows": batch.row_count})
        return redirect(reverse("budget_import_preview", args=[batch.pk]))
    return TemplateResponse(request, "budget/admin/preview.html", {"batch": batch, "page_title": _("Pratinjau impor")})


class FigureForm(forms.Form):
    line = forms.ModelChoiceField(
        BudgetLine.objects.select_related("opd_budget__opd", "sub_kegiatan", "funding_source"),
        label=gettext_lazy("Pagu sub-kegiatan"),
    )
    kind = forms.ChoiceField(
        choices=FIGURE_KINDS,
        label=gettext_lazy("Jenis data"),
    )  # fmt: skip
    month = forms.IntegerField(min_value=1, max_value=12, label=gettext_lazy("Bulan"))
    amount = forms.IntegerField(min_value=0, label=gettext_lazy("Nilai (Rp)"))


def figure_view(request):
    """Entry by hand of one month's realisation or cash plan."""
    if not request.user.is_authenticated:
        raise PermissionDenied
    form = FigureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            monthly_figure_set(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Angka bulanan disimpan."))
            return redirect(reverse("budget_figure"))
    return TemplateResponse(request, "budget/admin/figure.html", {"form": form, "page_title": _("Isi angka bulanan")})
