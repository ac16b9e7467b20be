"""Admin screens (wagtail-modeladmin) for the complaint desk and OPDs.

The list comes from ``complaint_list_staff`` (visibility), has no identity column, and the
export has none either; the detail page is our own view (``admin_views.detail``) so the
reporter's identity follows ``complaints.exposure``.
"""

from django.contrib import admin
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.helpers.search import BaseSearchHandler
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup, modeladmin_register

from audit.wagtail_hooks import AuditedButtonHelper
from cms.admin_lists import CappedIndexView
from cms.formatting import format_date

from . import access, admin_views
from .exposure import deadline_state
from .models import Category, Complaint, ContactPoint, DayOff
from .renaksi import access as renaksi_access
from .renaksi import admin_views as renaksi_views
from .renaksi.admin import action_viewset, plan_viewset
from .search import text_search
from .selectors import complaint_list_staff, complaint_todo


class ReadOnlyPermissionHelper(PermissionHelper):
    """Complaints change only through the workflow actions, never through a model form."""

    def user_can_create(self, user):
        return False

    def user_can_edit_obj(self, user, obj):
        return False

    def user_can_delete_obj(self, user, obj):
        return False

    def user_can_list(self, user):
        return access.staff_filter(user) is not None


class ComplaintSearchHandler(BaseSearchHandler):
    """The admin's search box: a tracking code finds that complaint, other text goes through the one
    complaint search (``complaints.search``, full-text on PostgreSQL) instead of one LIKE per word."""

    def search_queryset(self, queryset, search_term, **kwargs):
        return text_search(queryset, search_term, audience="staff") if search_term else queryset


class EscalationFilter(admin.SimpleListFilter):
    """Escalation levels as fixed choices: the default filter ran ``SELECT DISTINCT`` over the table."""

    title = _("tingkat eskalasi")
    parameter_name = "escalation_level"

    def lookups(self, request, model_admin):
        return [
            ("0", _("Belum dieskalasi")),
            ("1", _("Tingkat 1: kepala OPD dan meja pengaduan")),
            ("2", _("Tingkat 2: Sekda dan Inspektorat")),
        ]

    def queryset(self, request, queryset):
        value = self.value()
        return queryset.filter(escalation_level=int(value)) if value in {"0", "1", "2"} else queryset


class ComplaintAdmin(ModelAdmin):
    model = Complaint
    menu_label = _("Pengaduan")
    menu_icon = "mail"
    permission_helper_class = ReadOnlyPermissionHelper
    index_view_class = CappedIndexView  # counts stop at LIST_COUNT_CAP: a million complaints
    list_display = ("code_link", "title", "category", "status", "privacy", "opd", "due_badge", "escalation_level")
    list_filter = ("status", "privacy", "kind", "category", EscalationFilter)
    search_fields = ("tracking_code", "title")  # shows the search box; ComplaintSearchHandler searches
    search_handler_class = ComplaintSearchHandler
    list_per_page = 50
    list_export = ("tracking_code", "title", "kind", "category", "status", "privacy", "opd", "due_date", "created_at")
    export_filename = "pengaduan"

    def get_queryset(self, request):
        return complaint_list_staff(user=request.user)

    def get_buttons_for_obj(self, obj):
        return []

    @admin.display(description=_("kode"))
    def code_link(self, obj):
        return format_html('<a href="{}">{}</a>', reverse("complaints_admin_detail", args=[obj.pk]), obj.tracking_code)

    @admin.display(description=_("batas waktu"), ordering="due_date")
    def due_badge(self, obj):
        """The deadline, highlighted when it is near (≤ 2 working days) or past, in every staff list."""
        state = deadline_state(obj)
        if not state:
            return obj.due_date or "-"
        label = {"overdue": _("terlambat"), "near": _("segera")}[state]
        colour = {"overdue": "#b42318", "near": "#9a6700"}[state]
        return format_html(
            '<span class="deadline-{}" style="color:{};font-weight:700">{} ({})</span>',
            state,
            colour,
            obj.due_date,
            label,
        )


class CategoryAdmin(ModelAdmin):
    model = Category
    button_helper_class = AuditedButtonHelper
    menu_label = _("Kategori")
    menu_icon = "tag"
    list_display = ("name", "slug", "handling", "default_opd", "is_active")


class DayOffAdmin(ModelAdmin):
    model = DayOff
    button_helper_class = AuditedButtonHelper
    menu_label = _("Cuti bersama")
    menu_icon = "date"
    list_display = ("date", "name")


class ContactPointAdmin(ModelAdmin):
    """Complaint liaisons per OPD / kecamatan (who is notified of an assignment)."""

    model = ContactPoint
    button_helper_class = AuditedButtonHelper
    menu_label = _("Penghubung")
    menu_icon = "user"
    list_display = ("opd", "user", "is_active", "note")
    list_filter = ("is_active", "opd__kind")
    search_fields = ("opd__name", "user__username", "user__first_name", "user__last_name")


#: Hook of the Pengaduan menu's extra items (the Renaksi's ``ModelViewSet`` screens and
#: "Rencana aksi saya"), appended after the modeladmin items.
SUBMENU_HOOK = "register_complaints_menu_item"


class ComplaintsGroup(ModelAdminGroup):
    menu_label = _("Pengaduan")
    menu_icon = "mail"
    menu_order = 300
    items = (ComplaintAdmin, CategoryAdmin, DayOffAdmin, ContactPointAdmin)

    def get_submenu_items(self):
        return [*super().get_submenu_items(), *(fn() for fn in hooks.get_hooks(SUBMENU_HOOK))]


modeladmin_register(ComplaintsGroup)


@hooks.register("register_admin_urls")
def _urls():
    return [
        # Our own detail screen (identity exposure rules), at the path modeladmin's inspect view
        # would use: modeladmin's inspect view stays disabled (inspect_view_enabled is False), and
        # links already mailed to staff point here. Build links with reverse(), never by hand.
        path("complaints/complaint/inspect/<int:pk>/", admin_views.detail, name="complaints_admin_detail"),
        path("complaints/action/<int:pk>/<str:name>/", admin_views.action, name="complaints_admin_action"),
        path("complaints/dashboard/", admin_views.dashboard, name="complaints_dashboard"),
        path("complaints/coverage/", admin_views.coverage, name="complaints_coverage"),
        path("complaints/renaksi/mine/", renaksi_views.my_actions, name="complaints_renaksi_mine"),
        path("complaints/renaksi/report/<int:pk>/", renaksi_views.report, name="complaints_renaksi_report"),
        path(
            "complaints/renaksi/progress/<int:pk>/", renaksi_views.action_progress, name="complaints_renaksi_progress"
        ),
        path(
            "complaints/renaksi/evidence/<uuid:uuid>/",
            renaksi_views.evidence_download,
            name="complaints_renaksi_evidence",
        ),
    ]


class DashboardMenuItem(MenuItem):
    def is_shown(self, request):
        return access.staff_filter(request.user) is not None


@hooks.register("register_admin_menu_item")
def _dashboard_item():
    return DashboardMenuItem(_("Dasbor pengaduan"), reverse("complaints_dashboard"), icon_name="view", order=301)


@hooks.register("register_admin_viewset")
def _open311_keys():
    from .open311_admin import open311_key_viewset

    return open311_key_viewset


class Open311KeysMenuItem(MenuItem):
    def is_shown(self, request):
        from .open311_admin import open311_key_viewset

        return open311_key_viewset.permission_policy.user_has_any_permission(request.user, ["add", "change"])


@hooks.register("register_settings_menu_item")
def _open311_keys_item():
    return Open311KeysMenuItem(
        _("Kunci API Open311"), reverse("complaints_open311key:index"), icon_name="key", order=900
    )


class CoverageMenuItem(MenuItem):
    def is_shown(self, request):
        return access.is_desk(request.user) or access.is_inspectorate(request.user)


@hooks.register("register_admin_menu_item")
def _coverage_item():
    return CoverageMenuItem(_("Cakupan penghubung"), reverse("complaints_coverage"), icon_name="group", order=302)


#: Titles of the complaint to-do groups (``selectors.complaint_todo``), in the order shown.
TODO_TITLES = {
    "overdue": _("Lewat batas waktu"),
    "to_verify": _("Menunggu verifikasi"),
    "to_assign": _("Menunggu disposisi ke OPD"),
    "to_follow_up": _("Menunggu tindak lanjut OPD Anda"),
    "escalated": _("Dieskalasi"),
}
TODO_LIMIT = 5


class ComplaintTodoPanel(Component):
    """The admin home's "Pengaduan menunggu" panel: per role, what waits and the most urgent rows."""

    name = "complaints_todo"
    order = 60
    template_name = "complaints/admin/home_todo.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        todo = complaint_todo(user=self.user, limit=TODO_LIMIT)
        groups = [
            {
                "name": name,
                "title": TODO_TITLES[name],
                "count": group["count"],
                "rows": [
                    {"complaint": c, "due": format_date(c.due_date, language="id"), "state": deadline_state(c)}
                    for c in group["rows"]
                ],
            }
            for name, group in todo.items()
            if group["count"]
        ]
        return {"groups": groups, "list_url": reverse("complaints_complaint_modeladmin_index")}

    def render_html(self, parent_context=None):
        if access.staff_filter(self.user) is None:
            return ""
        return super().render_html(parent_context)


@hooks.register("construct_homepage_panels")
def complaint_todo_panel(request, panels):
    panels.append(ComplaintTodoPanel(request.user))


# --- Renaksi (rencana aksi): plans and actions for the desk/Bappeda, "Rencana aksi saya" for OPDs ---


@hooks.register("register_admin_viewset")
def _renaksi_viewsets():
    return [plan_viewset, action_viewset]


class RenaksiMenuItem(MenuItem):
    def is_shown(self, request):
        return renaksi_access.action_filter(request.user) is not None


class RenaksiMineMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(renaksi_access.reporter_opd_ids(request.user))


@hooks.register(SUBMENU_HOOK)
def _renaksi_plans_item():
    return RenaksiMenuItem(
        _("Rencana aksi (Renaksi)"), reverse("complaints_renaksi_plan:index"), icon_name="list-ol", order=500
    )


@hooks.register(SUBMENU_HOOK)
def _renaksi_actions_item():
    return RenaksiMenuItem(_("Aksi Renaksi"), reverse("complaints_renaksi_action:index"), icon_name="tasks", order=510)


@hooks.register(SUBMENU_HOOK)
def _renaksi_mine_item():
    return RenaksiMineMenuItem(_("Rencana aksi saya"), reverse("complaints_renaksi_mine"), icon_name="tasks", order=520)
