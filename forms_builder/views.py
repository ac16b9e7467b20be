"""Admin views for sharing forms between Pemdas: export a definition as JSON, import one.

Thin: permissions here, the work in ``services.form_export_json`` / ``form_import_json``.
"""

from __future__ import annotations

import json

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from .models import FormDefinition
from .services import MAX_IMPORT_BYTES, form_export_json, form_import_json


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Berkas JSON formulir"))
    update_existing = forms.BooleanField(
        label=_("Perbarui formulir dengan kunci yang sama bila sudah ada"), required=False
    )
    publish = forms.BooleanField(label=_("Langsung terbitkan"), required=False)


@require_GET
def export_view(request, pk: int):
    if not request.user.has_perm("forms_builder.change_formdefinition"):
        raise PermissionDenied
    form = get_object_or_404(FormDefinition, pk=pk)
    body = json.dumps(form_export_json(form=form), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{form.key}.json"'
    return response


def import_view(request):
    if not request.user.has_perm("forms_builder.add_formdefinition"):
        raise PermissionDenied
    upload = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and upload.is_valid():
        data = upload.cleaned_data["file"].read(MAX_IMPORT_BYTES + 1)
        try:
            form = form_import_json(
                data=data,
                actor=request.user,
                update_existing=upload.cleaned_data["update_existing"],
                publish=upload.cleaned_data["publish"],
            )
        except ValidationError as exc:
            for message in exc.message_dict.get("file", exc.messages):
                upload.add_error("file", message)
        else:
            messages.success(request, _("Formulir '%(t)s' berhasil diimpor.") % {"t": form.title})
            return redirect(reverse("wagtailsnippets_forms_builder_formdefinition:edit", args=[form.pk]))
    return TemplateResponse(
        request,
        "forms_builder/import.html",
        {"form": upload, "page_title": _("Impor formulir"), "header_icon": "download"},
    )
