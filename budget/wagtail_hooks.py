"""Admin screens of Serap, grouped under "Serap" in the menu: budgets, contracts, rules, imports.

Record screens are Wagtail ``ModelViewSet``s (Django model permissions: the budget manager edits,
leaders/auditors view); the import (upload → map → preview → confirm) and the hand entry of a
month's figure are our own views.
"""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from . import admin_views
from .access import can_view_budgets
from .admin_scope import scoped_viewset
from .models import (
    AbsorptionThreshold,
    Alert,
    BudgetLine,
    BudgetRules,
    Contract,
    ContractStage,
    FiscalYear,
    FundingSource,
    ImportBatch,
    ImportProfile,
    OPDBudget,
    ProcurementPackage,
    Provider,
)

SUBMENU_HOOK = "register_budget_menu_item"


def _viewset(model_, icon_, fields, *, label, filters=(), search=(), opd_path="", related=()):
    """A record screen; with ``opd_path`` it is per OPD (``admin_scope``: an OPD's people see their own)."""
    viewset = _plain_viewset(model_, icon_, fields, label=label, filters=filters, search=search)
    if opd_path:
        return scoped_viewset(viewset, opd_path=opd_path, related=related)
    return viewset


def _plain_viewset(model_, icon_, fields, *, label, filters=(), search=()):
    return type(
        f"{model_.__name__}ViewSet",
        (ModelViewSet,),
        {
            "model": model_,
            "url_prefix": f"budget/{model_._meta.model_name}",
            "url_namespace": f"budget_{model_._meta.model_name}",
            "icon": icon_,
            "menu_label": label,
            "add_to_admin_menu": False,
            "list_display": list(fields),
            "list_filter": list(filters),
            "search_fields": list(search) or None,
            "form_fields": "__all__",
            "exclude_form_fields": [],
        },
    )


class BudgetGroup(ModelViewSetGroup):
    menu_label = _("Serap")
    menu_icon = "table"
    menu_name = "serap"
    menu_order = 270
    submenu_hook = SUBMENU_HOOK
    items = (
        _viewset(FiscalYear, "date", ["year", "nomenclature"], label=_("Tahun anggaran")),
        _viewset(FundingSource, "tag", ["code", "name"], label=_("Sumber dana")),
        _viewset(
            OPDBudget,
            "folder",
            ["opd", "fiscal_year"],
            label=_("Anggaran OPD"),
            filters=["fiscal_year"],
            opd_path="opd",
            related=("opd", "fiscal_year"),
        ),
        _viewset(
            BudgetLine,
            "list-ul",
            ["opd_budget", "sub_kegiatan", "funding_source", "original_amount", "revised_amount"],
            label=_("Pagu sub-kegiatan"),
            filters=["funding_source"],
            opd_path="opd_budget__opd",
            related=("opd_budget__opd", "opd_budget__fiscal_year", "sub_kegiatan", "funding_source"),
        ),
        _viewset(
            Provider,
            "user",
            ["name", "npwp", BooleanColumn("is_individual", label=_("Perorangan"))],
            label=_("Penyedia"),
            search=["name", "npwp"],
        ),
        _viewset(
            ProcurementPackage,
            "cog",
            ["name", "method", "category", "estimated_value"],
            label=_("Paket"),
            opd_path="line__opd_budget__opd",
        ),
        _viewset(
            Contract,
            "doc-full",
            ["number", "provider", "value", "end_on", "completed_on"],
            label=_("Kontrak"),
            search=["number"],
            opd_path="package__line__opd_budget__opd",
            related=("provider",),
        ),
        _viewset(
            ContractStage,
            "time",
            ["contract", "name", "responsible", "planned_on", "done_on"],
            label=_("Tahap kontrak"),
            filters=["responsible", "kind"],
            opd_path="contract__package__line__opd_budget__opd",
            related=("contract",),
        ),
        _viewset(
            Alert,
            "warning",
            ["kind", "opd", "opened_on", "sent_at", "escalated_at", "closed_on"],
            label=_("Peringatan"),
            filters=["kind"],
            opd_path="opd",
            related=("opd",),
        ),
        _viewset(ImportProfile, "download", ["name", "kind"], label=_("Profil impor")),
        _viewset(
            ImportBatch,
            "history",
            ["file_name", "status", "row_count", "error_count", "created_at"],
            label=_("Riwayat impor"),
            filters=["status"],
        ),
        _viewset(AbsorptionThreshold, "warning", ["month", "green_from", "amber_from"], label=_("Ambang serapan")),
        _viewset(
            BudgetRules,
            "doc-full-inverse",
            ["valid_from", "source", "penalty_per_mille_per_day"],
            label=_("Aturan kontrak"),
        ),
    )


@hooks.register("register_admin_viewset")
def register_budget_viewsets():
    return BudgetGroup()


class _PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register(SUBMENU_HOOK)
def import_menu_item():
    return _PermissionMenuItem(
        _("Impor pagu, anggaran kas, realisasi"), reverse("budget_import"), icon_name="upload", order=10,
        permission="budget.import_budget",
    )  # fmt: skip


@hooks.register(SUBMENU_HOOK)
def figure_menu_item():
    return _PermissionMenuItem(
        _("Isi angka bulanan"),
        reverse("budget_figure"),
        icon_name="edit",
        order=11,
        permission="budget.change_realisation",
    )


class _DashboardMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_budgets(request.user)  # the dashboard's own rule (an operator has none)


@hooks.register(SUBMENU_HOOK)
def dashboard_menu_item():
    return _DashboardMenuItem(_("Dasbor pimpinan"), reverse("budget:dashboard"), icon_name="view", order=1)


@hooks.register("register_admin_urls")
def admin_urls():
    return [
        path("budget/import/", admin_views.upload_view, name="budget_import"),
        path("budget/import/<int:pk>/map/", admin_views.map_view, name="budget_import_map"),
        path("budget/import/<int:pk>/", admin_views.preview_view, name="budget_import_preview"),
        path("budget/figure/", admin_views.figure_view, name="budget_figure"),
    ]
