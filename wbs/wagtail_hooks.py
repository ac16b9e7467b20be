"""Admin menu and URLs of the WBS screens: shown to, and usable by, the Inspektorat only."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views
from .selectors import is_inspector

app_name = "wbs_admin"
urlpatterns = [
    path("", admin_views.report_index, name="index"),
    path("<int:pk>/", admin_views.report_detail, name="detail"),
    path("<int:pk>/assign/", admin_views.report_assign_view, name="assign"),
    path("<int:pk>/status/", admin_views.report_status, name="status"),
    path("<int:pk>/note/", admin_views.report_note, name="note"),
    path("<int:pk>/message/", admin_views.report_message, name="message"),
    path("<int:pk>/identity-request/", admin_views.identity_request, name="identity_request"),
    path("<int:pk>/identity/", admin_views.identity_reveal, name="identity_reveal"),
    path("identity-requests/<int:request_pk>/decide/", admin_views.identity_decide, name="identity_decide"),
    path("evidence/<int:evidence_pk>/", admin_views.evidence_download, name="evidence"),
]


class InspectorMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return is_inspector(request.user)


@hooks.register("register_admin_urls")
def register_wbs_urls():
    return [path("wbs/", include((urlpatterns, "wbs_admin"), namespace="wbs_admin"))]


@hooks.register("register_admin_menu_item")
def register_wbs_menu_item():
    return InspectorMenuItem(_("Laporan WBS"), reverse("wbs_admin:index"), icon_name="warning", order=310)
