"""Admin screen for Open311 partner keys ("Kunci API Open311"), a Wagtail ``ModelViewSet``.

Creating calls ``partners.open311_key_create`` and answers a page that shows the clear key
once (no redirect, never cached, nothing in the session); only the SHA-256 is stored. Editing
renames or deactivates through ``partners.open311_key_update``. Keys are never deleted (the
audit trail keeps who had access when). Who may manage keys: Django model permissions
(superusers; grant ``complaints.add_open311key``/``change_open311key`` to others).
"""

from django import forms
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from audit.actors import Door

from .models import Open311Key
from .partners import open311_key_create, open311_key_update


class NoDeletePolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        return action != "delete" and super().user_has_permission(user, action)


# Before any viewset asks the registry for Open311Key's policy (else Wagtail makes a fallback).
register_permission_policy(Open311Key, NoDeletePolicy(Open311Key))


class KeyCreateForm(forms.ModelForm):
    class Meta:
        model = Open311Key
        fields = ["name"]


class KeyEditForm(forms.ModelForm):
    class Meta:
        model = Open311Key
        fields = ["name", "is_active"]


def _errors_to_form(form, exc: ValidationError) -> None:
    errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    for field, messages in errors.items():
        form.add_error(field if field in form.fields else None, messages)


class KeyCreateView(generic.CreateView):
    def form_valid(self, form):
        try:
            key, clear = open311_key_create(name=form.cleaned_data["name"], actor=self.request.user, door=Door.ADMIN)
        except ValidationError as exc:
            _errors_to_form(form, exc)
            return self.form_invalid(form)
        response = TemplateResponse(
            self.request,
            "complaints/admin/open311_key_created.html",
            {"key": key, "clear_key": clear, "index_url": self.get_success_url()},
        )
        response["Cache-Control"] = "no-store, private"
        return response


class KeyEditView(generic.EditView):
    def save_instance(self):
        # the model form has already copied its values onto self.object: start from the stored row
        return open311_key_update(
            key=Open311Key.objects.get(pk=self.object.pk),
            actor=self.request.user,
            door=Door.ADMIN,
            name=self.form.cleaned_data["name"],
            is_active=self.form.cleaned_data["is_active"],
        )

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as exc:
            _errors_to_form(form, exc)
            return self.form_invalid(form)


class Open311KeyViewSet(ModelViewSet):
    model = Open311Key
    name = "complaints_open311key"
    url_prefix = "complaints/open311-keys"
    icon = "key"
    menu_label = _("Kunci API Open311")
    add_to_admin_menu = False
    add_view_class = KeyCreateView
    edit_view_class = KeyEditView
    inspect_view_enabled = False
    copy_view_enabled = False
    list_display = ["name", "is_active", "created_at"]
    list_filter = ["is_active"]
    ordering = ["-created_at"]

    def get_form_class(self, for_update=False):
        return KeyEditForm if for_update else KeyCreateForm


open311_key_viewset = Open311KeyViewSet()
