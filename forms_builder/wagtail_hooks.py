"""Admin: the form designer, a snippet with drafts, revisions, locking and live preview.

Grouped under a "Formulir" menu with an import page; each form has an "Ekspor JSON"
button. Publishing freezes a version (``services``); the live preview renders the draft
and runs the evaluate service on it (``models.get_preview_context``).

Other apps add their screens to the same menu through ``SUBMENU_HOOK`` (periodic reporting:
"Penugasan laporan" and "Kelengkapan laporan", see ``reporting.wagtail_hooks``), so the
engine never imports them.
"""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.admin.widgets import ListingButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from audit.wagtail_hooks import AuditedSnippetViewSet

from . import views
from .models import BandTable, FormDefinition

#: Hook name under which any app adds a menu item to the "Formulir" menu.
SUBMENU_HOOK = "register_forms_builder_menu_item"


class FormDefinitionViewSet(AuditedSnippetViewSet):
    model = FormDefinition
    icon = "form"
    menu_label = _("Desain formulir")
    list_display = ["title", "key", BooleanColumn("live", label=_("Aktif")), "updated_at"]  # Ya/Tidak, not True
    search_fields = ["title", "key"]
    list_filter = ["live"]
    ordering = ["title"]


class BandTableViewSet(AuditedSnippetViewSet):
    """Named band tables ("Predikat SPBE"), chosen by fields, sections and totals of any form."""

    model = BandTable
    icon = "order"
    menu_label = _("Tabel pita nilai")
    list_display = ["name", "updated_at"]
    search_fields = ["name"]
    ordering = ["name"]


class FormsGroup(SnippetViewSetGroup):
    items = (FormDefinitionViewSet, BandTableViewSet)
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


@hooks.register("register_admin_urls")
def admin_urls():
    return [
        path("forms_builder/import/", views.import_view, name="forms_builder_import"),
        path("forms_builder/<int:pk>/export/", views.export_view, name="forms_builder_export"),
        path("forms_builder/evaluate/", views.evaluate_view, name="forms_builder_evaluate"),
    ]


@hooks.register("register_snippet_listing_buttons")
def export_button(snippet, user, next_url=None):
    if isinstance(snippet, FormDefinition) and user.has_perm("forms_builder.change_formdefinition"):
        yield ListingButton(
            _("Ekspor JSON"), reverse("forms_builder_export", args=[snippet.pk]), icon_name="download", priority=90
        )
