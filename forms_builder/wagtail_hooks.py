"""Admin: the form designer, a snippet with drafts, revisions, locking and live preview.

Grouped under a "Formulir" menu with an import page; each form has an "Ekspor JSON"
button. Publishing freezes a version (``services``); the live preview renders the draft
and runs the evaluate service on it (``models.get_preview_context``).

Periodic reporting lives in the same menu: "Penugasan laporan" (a ``ModelViewSet``,
``assignment_admin``) and "Kelengkapan laporan", the OPD × period matrix
(``report_admin_views``), plus reopening a locked period for one OPD.
"""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import ListingButton
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from audit.wagtail_hooks import AuditedSnippetViewSet

from . import report_admin_views, views
from .assignment_admin import AssignmentPermissionPolicy, AssignmentViewSet
from .matrix import can_view_matrix
from .models import Assignment, FormDefinition
from .report_permissions import sees_report_list

SUBMENU_HOOK = "register_forms_builder_menu_item"

# Before any viewset asks the registry for Assignment's policy (else Wagtail makes a fallback).
register_permission_policy(Assignment, AssignmentPermissionPolicy(Assignment))


class FormDefinitionViewSet(AuditedSnippetViewSet):
    model = FormDefinition
    icon = "form"
    menu_label = _("Desain formulir")
    list_display = ["title", "key", "live", "updated_at"]
    search_fields = ["title", "key"]
    list_filter = ["live"]
    ordering = ["title"]


class FormsGroup(SnippetViewSetGroup):
    items = (FormDefinitionViewSet, AssignmentViewSet)
    menu_icon = "form"
    menu_label = _("Formulir")
    menu_name = "formulir"
    menu_order = 250
    submenu_hook = SUBMENU_HOOK


register_snippet(FormsGroup)


class _PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register(SUBMENU_HOOK)
def import_menu_item():
    return _PermissionMenuItem(
        _("Impor JSON"),
        reverse("forms_builder_import"),
        icon_name="download",
        order=900,
        permission="forms_builder.add_formdefinition",
    )


class _MatrixMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_matrix(request.user)


@hooks.register(SUBMENU_HOOK)
def matrix_menu_item():
    return _MatrixMenuItem(
        _("Kelengkapan laporan"),
        reverse("forms_builder_matrix"),
        name="kelengkapan-laporan",
        icon_name="table",
        order=300,
    )


@hooks.register("register_admin_urls")
def admin_urls():
    return [
        path("forms_builder/import/", views.import_view, name="forms_builder_import"),
        path("forms_builder/<int:pk>/export/", views.export_view, name="forms_builder_export"),
        path("forms_builder/reports/matrix/", report_admin_views.matrix_view, name="forms_builder_matrix"),
        path(
            "forms_builder/reports/<int:pk>/reopen/",
            report_admin_views.reopen_view,
            name="forms_builder_submission_reopen",
        ),
    ]


@hooks.register("register_snippet_listing_buttons")
def export_button(snippet, user, next_url=None):
    if isinstance(snippet, FormDefinition) and user.has_perm("forms_builder.change_formdefinition"):
        yield ListingButton(
            _("Ekspor JSON"), reverse("forms_builder_export", args=[snippet.pk]), icon_name="download", priority=90
        )


# --- periodic reports: "Laporan saya", the fill/review page, attachments (task D) ---
from . import report_views  # noqa: E402


@hooks.register("register_admin_urls")
def report_urls():
    return [
        path("reports/", report_views.report_list, name="forms_builder_reports"),
        path("reports/<int:pk>/", report_views.submission_edit, name="forms_builder_submission_edit"),
        path("reports/<int:pk>/do/<str:name>/", report_views.submission_action, name="forms_builder_submission_action"),
        path("reports/attachment/<uuid:uuid>/", report_views.attachment_download, name="forms_builder_attachment"),
    ]


class _ReportsMenuItem(MenuItem):
    def is_shown(self, request):
        return sees_report_list(request.user)


@hooks.register("register_admin_menu_item")
def reports_menu_item():
    return _ReportsMenuItem(_("Laporan saya"), reverse("forms_builder_reports"), icon_name="doc-full", order=240)


# --- periodic reports: exports of an assignment's period to CSV/XLSX (task E) ---
from . import export_views  # noqa: E402


@hooks.register("register_admin_urls")
def report_export_urls():
    return [
        path("reports/export/", export_views.export_page, name="forms_builder_report_export"),
        path(
            "reports/export/<int:assignment_id>/<int:period_id>/",
            export_views.export_download,
            name="forms_builder_report_export_download",
        ),
        path(
            "reports/export/<int:assignment_id>/<int:period_id>/queue/",
            export_views.export_queue,
            name="forms_builder_report_export_queue",
        ),
        path("reports/export/files/<int:pk>/", export_views.export_file, name="forms_builder_report_export_file"),
    ]


class _ReportExportMenuItem(MenuItem):
    def is_shown(self, request):
        return export_views.may_export(request.user)


@hooks.register("register_admin_menu_item")
def report_export_menu_item():
    return _ReportExportMenuItem(
        _("Ekspor laporan"), reverse("forms_builder_report_export"), icon_name="download", order=245
    )
