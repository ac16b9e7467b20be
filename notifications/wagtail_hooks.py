"""Admin menu item "Notifikasi" listing the signed-in user's notifications."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .views import NotificationListView


@hooks.register("register_admin_urls")
def _urls():
    return [path("notifications/", NotificationListView.as_view(), name="notifications_list")]


@hooks.register("register_admin_menu_item")
def _menu_item():
    return MenuItem(_("Notifikasi"), reverse("notifications_list"), icon_name="mail", order=50)
