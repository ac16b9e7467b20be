"""Operations screens in the Wagtail admin: login lockouts (superusers only), under Settings."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views
from .lockouts import may_unlock


@hooks.register("register_admin_urls")
def register_ops_urls():
    return [path("ops/lockouts/", admin_views.lockouts, name="ops_lockouts")]


class LockoutsMenuItem(MenuItem):
    def is_shown(self, request):
        return may_unlock(request.user)


@hooks.register("register_settings_menu_item")
def register_lockouts_menu_item():
    return LockoutsMenuItem(_("Kunci masuk"), reverse("ops_lockouts"), icon_name="lock", order=900)
