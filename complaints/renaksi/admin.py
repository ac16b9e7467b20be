"""Admin record screens of the Renaksi (Wagtail ``ModelViewSet``s, under the Pengaduan menu):
plans and actions for the plan editors (desk, Bappeda), read-only for other staff who may see them.

Saving goes through ``services.plan_save`` / ``action_save`` (permission, recorded reason); the
lists come from ``selectors`` (visibility) and filter by status with ``status.status_filter``.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import ListingButton
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from audit.actors import Door
from audit.wagtail_hooks import AuditHistoryHeaderButtonMixin
from cms.formatting import format_date
from organizations.models import OPD

from ..deadlines import local_today
from . import access
from .models import Action, ActionPlan
from .selectors import action_list_staff, plan_list_staff
from .services import action_save, plan_save
from .status import ActionStatus, status_filter, status_of

REASON_HELP = _("Wajib bila mengubah status rencana, batas waktu atau OPD penanggung jawab pada rencana yang berjalan.")


class RenaksiPolicy(BasePermissionPolicy):
    """Plan editors add and change; staff who see some action view; nobody deletes (history stays)."""

    def user_has_permission(self, user, action):
        if action in ("add", "change"):
            return access.can_edit_plan(user)
        if action == "view":
            return access.action_filter(user) is not None
        return False

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)


# Before any viewset asks the registry for these models' policies (else Wagtail makes a fallback).
register_permission_policy(ActionPlan, RenaksiPolicy(ActionPlan))
register_permission_policy(Action, RenaksiPolicy(Action))


def _apply_service_errors(form, exc: ValidationError) -> None:
    errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    for field, messages in errors.items():
        name = "opd" if field == "opd_id" else field
        form.add_error(name if name in form.fields else None, messages)


class _ReasonForm(forms.ModelForm):
    reason = forms.CharField(label=_("Alasan perubahan"), required=False, max_length=300, help_text=REASON_HELP)


class PlanForm(_ReasonForm):
    class Meta:
        model = ActionPlan
        fields = ["title", "start_year", "end_year", "status", "description"]


class ActionForm(_ReasonForm):
    class Meta:
        model = Action
        fields = ["plan", "code", "title", "opd", "output", "indicator", "due_date", "order"]
        widgets = {"due_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opd"].queryset = OPD.objects.agencies().filter(is_active=True).order_by("name")


class _SaveThroughService:
    save_function = None

    def save_instance(self):
        instance = self.form.instance
        return type(self).save_function(
            instance, actor=self.request.user, door=Door.ADMIN, reason=self.form.cleaned_data.get("reason", "")
        )

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as exc:
            _apply_service_errors(form, exc)
            return self.form_invalid(form)


def _save_plan(plan, **kwargs):
    return plan_save(plan=plan, **kwargs)


def _save_action(action, **kwargs):
    return action_save(action=action, **kwargs)


class PlanCreateView(_SaveThroughService, generic.CreateView):
    save_function = staticmethod(_save_plan)


class PlanEditView(AuditHistoryHeaderButtonMixin, _SaveThroughService, generic.EditView):
    save_function = staticmethod(_save_plan)


class PlanIndexView(generic.IndexView):
    def get_base_queryset(self):
        return plan_list_staff(user=self.request.user)


class ActionCreateView(_SaveThroughService, generic.CreateView):
    save_function = staticmethod(_save_action)


class ActionEditView(AuditHistoryHeaderButtonMixin, _SaveThroughService, generic.EditView):
    save_function = staticmethod(_save_action)


class ActionFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ActionStatus.choices, method="filter_status")

    def filter_status(self, queryset, name, value):
        return queryset.filter(status_filter(value, today=local_today())) if value else queryset

    class Meta:
        model = Action
        fields = ["plan", "opd"]


class ActionIndexView(generic.IndexView):
    def get_base_queryset(self):
        return action_list_staff(user=self.request.user)

    def get_list_more_buttons(self, instance):
        buttons = list(super().get_list_more_buttons(instance))
        url = reverse("complaints_renaksi_progress", args=[instance.pk])
        buttons.append(ListingButton(_("Kemajuan triwulan"), url=url, icon_name="tasks", priority=5))
        return buttons


def _status_text(action) -> str:
    return str(status_of(action, today=local_today()).label)


def _percent_text(action) -> str:
    return "–" if action.latest_percent is None else f"{action.latest_percent}%"


class PlanViewSet(ModelViewSet):
    model = ActionPlan
    name = "complaints_renaksi_plan"
    url_prefix = "complaints/renaksi/plans"
    icon = "list-ol"
    menu_label = _("Rencana aksi (Renaksi)")
    add_to_admin_menu = False
    index_view_class = PlanIndexView
    add_view_class = PlanCreateView
    edit_view_class = PlanEditView
    inspect_view_enabled = False
    copy_view_enabled = False
    list_display = ["title", "start_year", "end_year", "status"]
    list_filter = ["status"]
    search_fields = ["title"]
    ordering = ["-start_year", "title"]

    def get_form_class(self, for_update=False):
        return PlanForm


class ActionViewSet(ModelViewSet):
    model = Action
    name = "complaints_renaksi_action"
    url_prefix = "complaints/renaksi/actions"
    icon = "tasks"
    menu_label = _("Aksi Renaksi")
    add_to_admin_menu = False
    index_view_class = ActionIndexView
    add_view_class = ActionCreateView
    edit_view_class = ActionEditView
    inspect_view_enabled = False
    copy_view_enabled = False
    filterset_class = ActionFilterSet
    search_fields = ["title", "code"]
    list_display = [
        "code",
        "title",
        "plan",
        "opd",
        Column("due_date", label=_("Batas waktu"), accessor=lambda a: format_date(a.due_date)),
        Column("latest_percent", label=_("Capaian terakhir"), accessor=_percent_text),
        Column("status", label=_("Status"), accessor=_status_text),
    ]

    def get_form_class(self, for_update=False):
        return ActionForm


plan_viewset = PlanViewSet()
action_viewset = ActionViewSet()
