"""Admin views: export a definition as JSON, import one, and the live evaluate endpoint.

Thin: permissions here, the work in ``services`` (``form_export_json``, ``form_import_json``,
``form_evaluate_live``). The evaluate endpoint is the one door behind every live behaviour
(the fill page's conditions and computed values, the designer's "Pratinjau & coba"); see
docs/adr/0021-live-evaluate-endpoint.md.
"""

from __future__ import annotations

import json

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST
from wagtail import hooks

from .band_tables import resolve_band_tables
from .models import FormDefinition, FormVersion
from .services import MAX_IMPORT_BYTES, form_evaluate_live, form_export_json, form_import_json, form_latest_version

#: Hook through which another app says a user may evaluate a form without designing it:
#: ``fn(user, form_id) -> bool`` (periodic reporting: the user sees a report of that form).
EVALUATE_HOOK = "forms_builder_may_evaluate"
MAX_EVALUATE_BYTES = 512 * 1024


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


def _problem(status: int, title, detail="") -> JsonResponse:
    body = {"type": "about:blank", "title": str(title), "status": status, "detail": str(detail)}
    return JsonResponse(
        body, status=status, content_type="application/problem+json", json_dumps_params={"ensure_ascii": False}
    )


def _may_evaluate(user, form_id: int) -> bool:
    if user.has_perm("forms_builder.change_formdefinition"):
        return True
    return any(fn(user, form_id) for fn in hooks.get_hooks(EVALUATE_HOOK))


def _id(value) -> int:
    """A database id from JSON: a whole number (or its digits) within the id range; else ``ValueError``."""
    if isinstance(value, str) and value.isdigit():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value < 2**63:
        raise ValueError(value)
    return value


@require_POST
def evaluate_view(request):
    """POST JSON ``{"version": id | "form": id | "schema": {...}, "answers": {...}}`` → what to show live.

    ``version``: that published version; ``form``: its latest published version; ``schema``: an
    unsaved draft from the designer (designers only; design problems come back instead of results).
    Who may: designers, and whoever another app vouches for (``EVALUATE_HOOK``); else 404.
    """
    if len(request.body) > MAX_EVALUATE_BYTES:
        return _problem(413, _("Permintaan terlalu besar."))
    try:
        payload = json.loads(request.body or b"{}")
    except (ValueError, RecursionError):
        return _problem(400, _("Permintaan bukan JSON yang valid."))
    if not isinstance(payload, dict):
        return _problem(400, _("Permintaan harus berupa objek JSON."))
    answers = payload.get("answers") or {}
    if "schema" in payload:
        schema = payload["schema"]
        if not request.user.has_perm("forms_builder.change_formdefinition"):
            return _problem(403, _("Hanya perancang formulir yang dapat mencoba rancangan yang belum disimpan."))
        if not isinstance(schema, dict) or not isinstance(schema.get("fields"), list):
            return _problem(400, _("Skema formulir tidak valid."))
        schema = resolve_band_tables(schema)  # a named table reads as its current rows, as in a draft
        return JsonResponse(form_evaluate_live(schema=schema, answers=answers, check=True))
    try:
        if "version" in payload:
            version = FormVersion.objects.get(pk=_id(payload["version"]))
        else:
            version = form_latest_version(form=FormDefinition.objects.get(pk=_id(payload.get("form"))))
    except (ValueError, FormVersion.DoesNotExist, FormDefinition.DoesNotExist):
        version = None
    if version is None or not _may_evaluate(request.user, version.form_id):
        return _problem(404, _("Formulir tidak ditemukan."))
    result = form_evaluate_live(schema=version.schema, answers=answers)
    return JsonResponse({"form": version.form_id, "version": version.number, **result})
