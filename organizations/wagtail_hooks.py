"""Admin screens for the Pemda, OPDs and their members (wagtail-modeladmin), and the admin's
shared stylesheet (``cms/static/css/admin.css``)."""

from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup, modeladmin_register

from audit.wagtail_hooks import AuditedButtonHelper

from .models import OPD, Pemda
from .selectors import visible_opds


class PemdaAdmin(ModelAdmin):
    model = Pemda
    button_helper_class = AuditedButtonHelper
    menu_label = _("Pemda")
    menu_icon = "home"
    list_display = ("name", "kind", "region_code", "timezone")
    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("region_code"), FieldPanel("timezone")]),
        FieldPanel("logo"),
        MultiFieldPanel(
            [FieldPanel("address"), FieldPanel("email"), FieldPanel("phone"), FieldPanel("website")],
            heading=_("Kontak"),
        ),
    ]


class OPDAdmin(ModelAdmin):
    model = OPD
    button_helper_class = AuditedButtonHelper
    menu_label = _("OPD")
    menu_icon = "group"
    list_display = ("name", "acronym", "kind", "region_code", "parent", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("name", "acronym", "region_code")
    list_per_page = 50
    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("acronym")]),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("parent"), FieldPanel("is_active")]),
        FieldPanel("region_code"),
        MultiFieldPanel(
            [FieldPanel("email"), FieldPanel("phone"), FieldPanel("address"), FieldPanel("website")],
            heading=_("Kontak"),
        ),
        InlinePanel("memberships", heading=_("Anggota"), label=_("anggota")),
    ]

    def get_queryset(self, request):
        return visible_opds(request.user).select_related("parent")


class OrganizationsGroup(ModelAdminGroup):
    menu_label = _("Organisasi")
    menu_icon = "site"
    menu_order = 200
    items = (OPDAdmin, PemdaAdmin)


modeladmin_register(OrganizationsGroup)


@hooks.register("insert_global_admin_css")
def admin_stylesheet():
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin.css"))
