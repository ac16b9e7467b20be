"""Admin: periodic reporting's screens.

In the "Formulir" menu (``forms_builder.wagtail_hooks.SUBMENU_HOOK``): "Penugasan laporan"
(a ``ModelViewSet``, ``views.assignments``) and "Kelengkapan laporan", the OPD × period
matrix (``views.matrix``), plus reopening a locked period for one OPD. In the main menu:
"Laporan saya" (the fill/review page and attachments, ``views.reports``) and "Ekspor laporan"
(CSV/XLSX downloads and background exports, ``views.exports``).
"""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.permissions import register_permission_policy

from cms.formatting import format_datetime
from forms_builder.views import EVALUATE_HOOK
from forms_builder.wagtail_hooks import SUBMENU_HOOK

from .matrix import can_view_matrix
from .models import Assignment
from .periods import local_zone
from .permissions import sees_report_list
from .selectors import my_todo, visible_submissions
from .views import exports as export_views
from .views import matrix as matrix_views
from .views import reports as report_views
from .views.assignments import AssignmentPermissionPolicy, AssignmentViewSet

# Before any viewset asks the registry for Assignment's policy (else Wagtail makes a fallback).
register_permission_policy(Assignment, AssignmentPermissionPolicy(Assignment))

assignment_viewset = AssignmentViewSet()


@hooks.register("register_admin_viewset")
def register_assignment_viewset():
    return assignment_viewset


@hooks.register(SUBMENU_HOOK)
def assignment_menu_item():
    return assignment_viewset.get_menu_item(order=100)


class _MatrixMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_matrix(request.user)


@hooks.register(SUBMENU_HOOK)
def matrix_menu_item():
    return _MatrixMenuItem(
        _("Kelengkapan laporan"),
        reverse("reporting_matrix"),
        name="kelengkapan-laporan",
        icon_name="table",
        order=300,
    )


@hooks.register("register_admin_urls")
def admin_urls():
    return [
        path("reports/matrix/", matrix_views.matrix_view, name="reporting_matrix"),
        path("reports/<int:pk>/reopen/", matrix_views.reopen_view, name="reporting_submission_reopen"),
        # "Laporan saya", the fill/review page, attachments
        path("reports/", report_views.report_list, name="reporting_reports"),
        path("reports/<int:pk>/", report_views.submission_edit, name="reporting_submission_edit"),
        path("reports/<int:pk>/do/<str:name>/", report_views.submission_action, name="reporting_submission_action"),
        path("reports/attachment/<uuid:uuid>/", report_views.attachment_download, name="reporting_attachment"),
        # exports of an assignment's period to CSV/XLSX
        path("reports/export/", export_views.export_page, name="reporting_report_export"),
        path(
            "reports/export/<int:assignment_id>/<int:period_id>/",
            export_views.export_download,
            name="reporting_report_export_download",
        ),
        path(
            "reports/export/<int:assignment_id>/<int:period_id>/queue/",
            export_views.export_queue,
            name="reporting_report_export_queue",
        ),
        path("reports/export/files/<int:pk>/", export_views.export_file, name="reporting_report_export_file"),
    ]


class _ReportsMenuItem(MenuItem):
    def is_shown(self, request):
        return sees_report_list(request.user)


@hooks.register("register_admin_menu_item")
def reports_menu_item():
    return _ReportsMenuItem(_("Laporan saya"), reverse("reporting_reports"), icon_name="doc-full", order=240)


class _ReportExportMenuItem(MenuItem):
    def is_shown(self, request):
        return export_views.may_export(request.user)


@hooks.register("register_admin_menu_item")
def report_export_menu_item():
    return _ReportExportMenuItem(
        _("Ekspor laporan"), reverse("reporting_report_export"), icon_name="download", order=245
    )


#: Titles of the to-do groups, in the order shown.
TODO_GROUPS = (
    ("overdue", _("Terlambat")),
    ("returned", _("Dikembalikan untuk diperbaiki")),
    ("due", _("Harus diisi")),
    ("submitted", _("Menunggu verifikasi")),
    ("review", _("Menunggu pemeriksaan Anda")),
)
TODO_LIMIT = 10


class ReportTodoPanel(Component):
    """The admin home's to-do for every role (rows from ``selectors.my_todo``, already per user)."""

    name = "reporting_todo"
    order = 50
    template_name = "reporting/home_todo.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        todo, zone = my_todo(user=self.user, limit=TODO_LIMIT), local_zone()
        groups = [
            {
                "name": name,
                "title": title,
                "rows": [
                    {"submission": s, "due": format_datetime(s.due_at, tz=zone, language="id")} for s in todo[name]
                ],
            }
            for name, title in TODO_GROUPS
            if todo[name]
        ]
        return {"groups": groups, "limit": TODO_LIMIT}

    def render_html(self, parent_context=None):
        if not sees_report_list(self.user):
            return ""
        return super().render_html(parent_context)


@hooks.register("construct_homepage_panels")
def report_todo_panel(request, panels):
    panels.append(ReportTodoPanel(request.user))


@hooks.register(EVALUATE_HOOK)
def may_evaluate_report_form(user, form_id: int) -> bool:
    """The fill page's live conditions: whoever sees a report of that form may evaluate it."""
    return visible_submissions(user=user).filter(assignment__form_id=form_id).exists()
