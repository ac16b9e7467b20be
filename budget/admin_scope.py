"""Per-OPD admin record screens: an OPD's people see only their OPD's budget records.

Leaders, the budget manager, Bappeda, the Inspectorate and Auditors see every OPD
(``access.sees_all_budgets``); an OPD's operator (the treasurer works as one) or head sees the rows
of ``access.admin_opds`` — their own OPD, and for a head its subtree. The listing is filtered in
the queryset (with the joins its columns need, so its query count does not grow with rows) and
every object screen (inspect, edit, delete, history, usage, copy) refuses a row of another OPD.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from wagtail.admin.views import generic
from wagtail.admin.views.generic import history, usage
from wagtail.admin.viewsets.model import ModelViewSet

from .access import admin_opds, sees_all_budgets


def scope_queryset(queryset, *, user, opd_path: str):
    """``queryset`` limited to the OPDs ``user`` may see in the admin's record screens."""
    if sees_all_budgets(user):
        return queryset
    return queryset.filter(**{f"{opd_path}__in": admin_opds(user)})


class _ObjectInScope:
    opd_path = ""

    def get_object(self, queryset=None):
        obj = super().get_object(queryset) if queryset is not None else super().get_object()
        visible = scope_queryset(type(obj)._default_manager.filter(pk=obj.pk), user=self.request.user,
                                 opd_path=self.opd_path)  # fmt: skip
        if not visible.exists():
            raise PermissionDenied
        return obj


class _Inspect(generic.InspectView):
    """Values as a person reads them: "Ya"/"Tidak" and "–", never ``True``/``None``."""

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        if value is None or value == "":
            return "–"
        if isinstance(value, bool):
            return _("Ya") if value else _("Tidak")
        return value


def scoped_viewset(base: type[ModelViewSet], *, opd_path: str, related: tuple[str, ...]) -> type[ModelViewSet]:
    """``base`` with its index filtered per OPD (and ``select_related(*related)``) and its object
    screens refusing another OPD's rows."""

    class Index(generic.IndexView):
        def get_base_queryset(self):
            queryset = super().get_base_queryset().select_related(*related)
            return scope_queryset(queryset, user=self.request.user, opd_path=opd_path)

    def object_view(view):
        return type(f"Scoped{view.__name__}", (_ObjectInScope, view), {"opd_path": opd_path})

    return type(
        f"Scoped{base.__name__}",
        (base,),
        {
            "index_view_class": Index,
            "inspect_view_enabled": True,
            "inspect_view_class": object_view(_Inspect),
            "edit_view_class": object_view(generic.EditView),
            "delete_view_class": object_view(generic.DeleteView),
            "history_view_class": object_view(history.HistoryView),
            "usage_view_class": object_view(usage.UsageView),
            "copy_view_class": object_view(generic.CopyView),
        },
    )
