"""The "Perencanaan" admin menu: plans and indicators (viewsets for Bappeda), imports, the
performance tree, the OPD's realisation entry and Bappeda's verification."""

from __future__ import annotations

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from . import admin_views, import_views
from .models import Indicator, NomenclatureNode, PerformanceAgreement, PlanNode, Rpjmd
from .permissions import can_open_entry, can_plan, can_read_plans, can_verify

MENU_HOOK = "register_planning_menu_item"


class RpjmdViewSet(ModelViewSet):
    name = "planning_rpjmd"
    model = Rpjmd
    icon = "calendar"
    menu_label = _("RPJMD")
    form_fields = ["name", "start_year", "end_year", "visi", "is_published"]
    list_display = ["name", "start_year", "end_year", BooleanColumn("is_published", label=_("Diterbitkan"))]


class PlanNodeViewSet(ModelViewSet):
    name = "planning_plannode"
    model = PlanNode
    icon = "list-ul"
    menu_label = _("Tujuan, sasaran, program")
    form_fields = ["rpjmd", "level", "opd", "code", "name", "parent", "misi", "nomenclature", "weight", "order"]
    list_display = ["code", "name", "level", "opd"]
    list_filter = ["level", "opd"]
    search_fields = ["code", "name"]

    def get_queryset(self, request):
        return PlanNode.objects.select_related("opd")


class IndicatorViewSet(ModelViewSet):
    name = "planning_indicator"
    model = Indicator
    icon = "tasks"
    menu_label = _("Indikator kinerja")
    form_fields = [
        "node", "kind", "name", "unit", "direction", "baseline", "definition", "data_source", "responsible_opd",
        "weight", "order",
    ]  # fmt: skip
    list_display = ["name", "node", "kind", "unit", "direction"]
    list_filter = ["kind", "direction"]
    search_fields = ["name"]

    def get_queryset(self, request):
        return Indicator.objects.select_related("node")


class AgreementViewSet(ModelViewSet):
    name = "planning_agreement"
    model = PerformanceAgreement
    icon = "doc-full"
    menu_label = _("Perjanjian kinerja")
    form_fields = ["rpjmd", "opd", "year", "signatory", "signed_on"]
    list_display = ["opd", "year", "status", "revision"]
    list_filter = ["year", "status"]

    def get_queryset(self, request):
        return PerformanceAgreement.objects.select_related("opd")


class NomenclatureViewSet(ModelViewSet):
    name = "planning_nomenclature"
    model = NomenclatureNode
    icon = "folder-inverse"
    menu_label = _("Nomenklatur")
    form_fields = ["version", "code", "name", "level", "parent"]
    list_display = ["code", "name", "level"]
    list_filter = ["level", "version"]
    search_fields = ["code", "name"]


class PlanningGroup(ViewSetGroup):
    menu_label = _("Perencanaan")
    menu_icon = "site"
    menu_order = 250
    submenu_hook = MENU_HOOK
    items = (RpjmdViewSet, PlanNodeViewSet, IndicatorViewSet, AgreementViewSet, NomenclatureViewSet)


@hooks.register("register_admin_viewset")
def register_planning_viewsets():
    return PlanningGroup()


class _CheckedMenuItem(MenuItem):
    def __init__(self, *args, check, **kwargs):
        super().__init__(*args, **kwargs)
        self.check = check

    def is_shown(self, request):
        return self.check(request.user)


@hooks.register(MENU_HOOK)
def tree_menu_item():
    return _CheckedMenuItem(
        _("Pohon kinerja"), reverse("planning_tree"), icon_name="site", order=10, check=can_read_plans
    )


@hooks.register(MENU_HOOK)
def entry_menu_item():
    return _CheckedMenuItem(
        _("Realisasi kinerja"), reverse("planning_entry"), icon_name="edit", order=20, check=can_open_entry
    )


@hooks.register(MENU_HOOK)
def verify_menu_item():
    return _CheckedMenuItem(
        _("Verifikasi realisasi"), reverse("planning_verify"), icon_name="tick", order=30, check=can_verify
    )


@hooks.register(MENU_HOOK)
def plan_import_menu_item():
    return _CheckedMenuItem(
        _("Impor RPJMD/Renstra"), reverse("planning_plan_import"), icon_name="download", order=40, check=can_plan
    )


@hooks.register(MENU_HOOK)
def nomenclature_import_menu_item():
    return _CheckedMenuItem(
        _("Impor nomenklatur"), reverse("planning_nomenclature_import"), icon_name="download", order=50, check=can_plan
    )


@hooks.register("register_admin_urls")
def planning_admin_urls():
    return [
        path("perencanaan/pohon/", admin_views.tree_view, name="planning_tree"),
        path("perencanaan/realisasi/", admin_views.entry_view, name="planning_entry"),
        path("perencanaan/verifikasi/", admin_views.verify_view, name="planning_verify"),
        path("perencanaan/simpul/<int:pk>/kaitkan/", admin_views.link_view, name="planning_link"),
        path("perencanaan/bukti/<uuid:uuid>/", admin_views.evidence_download, name="planning_evidence"),
        path("perencanaan/impor/", import_views.plan_import, name="planning_plan_import"),
        path("perencanaan/lkjip/", admin_views.lkjip_view, name="planning_lkjip"),
        path("perencanaan/impor-nomenklatur/", import_views.nomenclature_import, name="planning_nomenclature_import"),
    ]
