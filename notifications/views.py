"""Admin views: the signed-in user's own notifications."""

from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .selectors import notification_list
from .services import notification_mark_read


class NotificationListView(WagtailAdminTemplateMixin, TemplateView):
    page_title = _("Notifikasi saya")
    header_icon = "mail"
    template_name = "notifications/list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["notifications"] = notification_list(user=self.request.user)[:100]
        return context

    def post(self, request, *args, **kwargs):
        ids = [int(i) for i in request.POST.getlist("id") if i.isdigit()]
        notification_mark_read(user=request.user, notification_ids=ids or None)
        return redirect("notifications_list")
