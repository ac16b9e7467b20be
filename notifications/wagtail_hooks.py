"""Admin: "Notifikasi" (the signed-in user's own list), the "Kanal notifikasi" menu
(delivery log, notification profiles) and the account settings panel for one's own number."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .admin_views import NotificationChannelsGroup, NotificationProfilePanel
from .views import NotificationListView


@hooks.register("register_admin_urls")
def _urls():
    return [path("notifications/", NotificationListView.as_view(), name="notifications_list")]


@hooks.register("register_admin_menu_item")
def _menu_item():
    return MenuItem(_("Notifikasi"), reverse("notifications_list"), icon_name="mail", order=50)


@hooks.register("register_admin_viewset")
def _channels_viewsets():
    return NotificationChannelsGroup()


@hooks.register("register_account_settings_panel")
def _profile_panel(request, user, profile):
    return NotificationProfilePanel(request, user, profile)
