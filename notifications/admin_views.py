"""Admin screens: the delivery log (read-only, numbers masked) and users' notification profiles.

Both are Wagtail ``ModelViewSet``s under the "Kanal notifikasi" menu. The delivery log is
for those with ``notifications.view_delivery`` (superusers); nobody adds, edits or deletes a
delivery through the admin. Profiles are managed by those with the model permissions; each
user edits their own in the account settings (``NotificationProfilePanel``).
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.views import generic
from wagtail.admin.views.account import BaseSettingsPanel
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .forms import NotificationProfileForm
from .models import Delivery, NotificationProfile
from .profiles import notification_profile_for


class ViewOnlyPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)


register_permission_policy(Delivery, ViewOnlyPolicy(Delivery))


class DeliveryIndexView(generic.IndexView):
    def get_base_queryset(self):
        return Delivery.objects.select_related("notification__recipient__notification_profile")


class NotificationProfileIndexView(generic.IndexView):
    def get_base_queryset(self):
        return NotificationProfile.objects.select_related("user")


class DeliveryViewSet(ModelViewSet):
    model = Delivery
    index_view_class = DeliveryIndexView
    icon = "mail"
    menu_label = _("Log pengiriman")
    url_prefix = "notifications/deliveries"
    add_to_admin_menu = False
    list_display = ["notification", "recipient_label", "channel", "status", "attempts", "error", "sent_at"]
    list_filter = ["channel", "status"]
    list_per_page = 50
    inspect_view_enabled = True
    inspect_view_fields = [
        "notification",
        "channel",
        "status",
        "attempts",
        "sent_at",
        "status_changed_at",
        "next_attempt_at",
        "provider_message_id",
        "error",
    ]
    copy_view_enabled = False
    form_fields = ["status"]  # never shown: the policy allows only "view"


class NotificationProfileViewSet(ModelViewSet):
    model = NotificationProfile
    index_view_class = NotificationProfileIndexView
    icon = "user"
    menu_label = _("Profil notifikasi")
    url_prefix = "notifications/profiles"
    form_fields = ["user", "phone", "whatsapp_opt_in", "sms_opt_in", "email_opt_in", "daily_digest"]
    list_display = ["user", "whatsapp_opt_in", "sms_opt_in", "email_opt_in", "daily_digest", "updated_at"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        class Form(NotificationProfileForm):
            class Meta(NotificationProfileForm.Meta):
                fields = self.form_fields

        return Form


class NotificationChannelsGroup(ModelViewSetGroup):
    menu_label = _("Kanal notifikasi")
    menu_icon = "mail"
    menu_order = 900
    items = (DeliveryViewSet("notification_deliveries"), NotificationProfileViewSet("notification_profiles"))


class NotificationProfilePanel(BaseSettingsPanel):
    """The user's own number and channel choices in "Akun saya"."""

    name = "notification_profile"
    title = _("Notifikasi WhatsApp, SMS dan email")
    order = 350
    form_class = NotificationProfileForm

    def get_form(self):
        kwargs = {"instance": notification_profile_for(self.user), "prefix": self.name}
        if self.request.method == "POST":
            return self.form_class(self.request.POST, **kwargs)
        return self.form_class(**kwargs)
