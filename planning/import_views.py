"""Admin imports: the nomenclature (CSV/XLSX) and RPJMD/Renstra tables (XLSX/CSV with a column
mapping the user confirms). Upload → preview with row errors → confirm; all or nothing.

Between the steps the parsed table travels signed in the form (``django.core.signing``), so
nothing is stored until the user confirms and a tampered table is refused.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import NomenclatureVersion, Rpjmd
from .nomenclature import nomenclature_rows_check, nomenclature_rows_load
from .permissions import can_plan
from .plan_import import all_fields, guess_mapping, plan_rows_check, plan_rows_load
from .sheets import read_table

SALT = "planning.import"
MAX_AGE = 3600


class UploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Berkas XLSX atau CSV"))


class RpjmdUploadForm(UploadForm):
    rpjmd = forms.ModelChoiceField(Rpjmd.objects.all(), label=gettext_lazy("RPJMD"), empty_label=None)


class NomenclatureUploadForm(UploadForm):
    version = forms.ModelChoiceField(
        NomenclatureVersion.objects.all(), label=gettext_lazy("Versi nomenklatur"), required=False,
        empty_label=gettext_lazy("— versi baru —"),
    )  # fmt: skip
    name = forms.CharField(label=gettext_lazy("Nama versi baru"), required=False, max_length=200)
    decree = forms.CharField(label=gettext_lazy("Nomor keputusan versi baru"), required=False, max_length=120)

    def clean(self):
        data = super().clean()
        if not data.get("version") and not (data.get("name") and data.get("decree")):
            raise ValidationError(_("Pilih versi yang ada, atau isi nama dan nomor keputusan versi baru."))
        return data


def _require(request) -> None:
    if not can_plan(request.user):
        raise PermissionDenied


def _unsign(request) -> dict:
    try:
        return signing.loads(request.POST.get("data", ""), salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        raise ValidationError(_("Data impor kedaluwarsa atau rusak; unggah ulang berkasnya.")) from None


def _render(request, template: str, context: dict):
    return TemplateResponse(request, template, {"header_icon": "download", **context})


def nomenclature_import(request):
    _require(request)
    step = request.POST.get("step", "upload")
    context: dict = {"page_title": _("Impor nomenklatur")}
    if request.method == "POST" and step == "confirm":
        try:
            data = _unsign(request)
            version = NomenclatureVersion.objects.filter(pk=data.get("version")).first()
            if version is None:
                version = NomenclatureVersion.objects.create(name=data["name"], decree=data["decree"])
            count = nomenclature_rows_load(version=version, rows=[tuple(r) for r in data["rows"]])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages[:5]))
        else:
            messages.success(request, _("%(n)d kode nomenklatur disimpan.") % {"n": count})
            return redirect(reverse("planning_nomenclature_import"))
    upload = NomenclatureUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and step == "upload" and upload.is_valid():
        try:
            header, rows = read_table(upload.cleaned_data["file"])
        except ValidationError as exc:
            upload.add_error("file", exc.messages[0])
        else:
            names = [h.lower() for h in header]
            code_i = names.index("kode") if "kode" in names else 0
            name_i = names.index("nama") if "nama" in names else 1
            pairs = [(r[code_i] if code_i < len(r) else "", r[name_i] if name_i < len(r) else "") for r in rows]
            version = upload.cleaned_data.get("version")
            preview = nomenclature_rows_check(version=version, rows=pairs) if version else _check_new(pairs)
            context["preview"] = preview
            context["errors"] = [(e.line, e.message) for e in preview.errors]
            context["shown_rows"] = preview.rows[:50]
            if not preview.errors:
                context["data"] = signing.dumps(
                    {"rows": preview.rows, "version": getattr(version, "pk", None),
                     "name": upload.cleaned_data.get("name"), "decree": upload.cleaned_data.get("decree")},
                    salt=SALT, compress=True,
                )  # fmt: skip
    context["form"] = upload
    return _render(request, "planning/admin/nomenclature_import.html", context)


def _check_new(pairs):
    """Check rows for a version that does not exist yet (nothing in it)."""
    version = NomenclatureVersion(pk=-1, name="", decree="")
    return nomenclature_rows_check(version=version, rows=pairs)


class MappingForm(forms.Form):
    """One select per field: which column of the sheet holds it."""

    def __init__(self, *args, header: list[str], rpjmd: Rpjmd, initial_mapping: dict, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("— tidak ada —"))] + [(str(i), h or f"#{i + 1}") for i, h in enumerate(header)]
        for key, (label, _words) in all_fields(rpjmd).items():
            guess = initial_mapping.get(key)
            self.fields[f"col_{key}"] = forms.ChoiceField(
                label=label, choices=choices, required=False, initial="" if guess is None else str(guess)
            )

    def mapping(self) -> dict:
        return {k[4:]: (int(v) if v not in ("", None) else None) for k, v in self.cleaned_data.items()}


def plan_import(request):
    """RPJMD or Renstra from a sheet: upload, confirm the column mapping with a preview, save."""
    _require(request)
    step = request.POST.get("step", "upload")
    context: dict = {"page_title": _("Impor RPJMD/Renstra")}
    upload = RpjmdUploadForm(request.POST if step == "upload" else None, request.FILES or None)
    if request.method == "POST" and step == "upload":
        if upload.is_valid():
            try:
                header, rows = read_table(upload.cleaned_data["file"])
            except ValidationError as exc:
                upload.add_error("file", exc.messages[0])
            else:
                rpjmd = upload.cleaned_data["rpjmd"]
                data = signing.dumps({"rpjmd": rpjmd.pk, "header": header, "rows": rows}, salt=SALT, compress=True)
                mapping = guess_mapping(header=header, rpjmd=rpjmd)
                form = MappingForm(header=header, rpjmd=rpjmd, initial_mapping=mapping)
                context.update(mapping_form=form, data=data, rpjmd=rpjmd, row_count=len(rows))
    elif request.method == "POST" and step in ("preview", "confirm"):
        try:
            data = _unsign(request)
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
            return redirect(reverse("planning_plan_import"))
        rpjmd = Rpjmd.objects.get(pk=data["rpjmd"])
        form = MappingForm(request.POST, header=data["header"], rpjmd=rpjmd, initial_mapping={})
        context.update(mapping_form=form, data=request.POST["data"], rpjmd=rpjmd, row_count=len(data["rows"]))
        if form.is_valid():
            preview = plan_rows_check(rpjmd=rpjmd, header=data["header"], rows=data["rows"], mapping=form.mapping())
            context.update(preview=preview, errors=preview.errors, shown_rows=preview.rows[:100])
            if step == "confirm" and not preview.errors:
                try:
                    count = plan_rows_load(rpjmd=rpjmd, rows=preview.rows, actor=request.user)
                except ValidationError as exc:
                    messages.error(request, " ".join(exc.messages[:5]))
                else:
                    messages.success(request, _("%(n)d simpul rencana disimpan.") % {"n": count})
                    return redirect(reverse("planning_tree"))
    context["form"] = upload
    return _render(request, "planning/admin/plan_import.html", context)
