"""The designer's admin form: on publish, check the whole form and confirm key changes."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm


class FormDefinitionAdminForm(WagtailAdminModelForm):
    confirm_key_changes = forms.BooleanField(
        label=_("Saya paham perubahan kunci yang sudah diterbitkan"),
        required=False,
        help_text=_("Centang untuk tetap menerbitkan bila kunci yang sudah diterbitkan dihapus atau berubah jenis."),
    )

    def clean(self):
        cleaned = super().clean()
        if "action-publish" not in self.data or self.errors:
            return cleaned
        from .services import form_publish_check  # cycle: services import models, which import this form

        draft = type(self.instance)(
            pk=self.instance.pk,
            key=cleaned.get("key") or "",
            title=cleaned.get("title") or "",
            description=cleaned.get("description") or "",
            body=cleaned.get("body"),
            rules=cleaned.get("rules"),
            scoring=cleaned.get("scoring"),
        )
        problems, warnings = form_publish_check(form=draft)
        for problem in problems:
            self.add_error(None, problem)
        if warnings and not cleaned.get("confirm_key_changes"):
            for warning in warnings:
                self.add_error("confirm_key_changes", warning)
        return cleaned
