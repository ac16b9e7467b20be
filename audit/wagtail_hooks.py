"""Audit area in the Wagtail admin (read-only) and "Jejak audit" links from records."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button, ListingButton
from wagtail.snippets.views.snippets import EditView as SnippetEditView
from wagtail.snippets.views.snippets import SnippetViewSet
from wagtail_modeladmin.helpers import ButtonHelper

from . import views
from .selectors import can_read_audit, may_read_model


@hooks.register("register_admin_urls")
def register_audit_urls():
    return [
        path("audit/", views.timeline, name="audit_timeline"),
        path("audit/export/", views.export, name="audit_export"),
        path("audit/chain/", views.chain, name="audit_chain"),
        path("audit/chain/verify/", views.chain_verify, name="audit_chain_verify"),
        path("audit/record/<str:model_label>/<str:object_id>/", views.record, name="audit_record"),
    ]


class AuditMenuItem(MenuItem):
    def is_shown(self, request):
        return can_read_audit(request.user)


@hooks.register("register_admin_menu_item")
def register_audit_menu_item():
    return AuditMenuItem(_("Jejak audit"), reverse("audit_timeline"), icon_name="history", order=9000)


def history_url(instance) -> str:
    """URL of ``instance``'s audit history (for buttons in other apps' admin screens)."""
    return reverse("audit_record", args=[instance._meta.label_lower, str(instance.pk)])


def _history_button(instance, user, priority=90):
    label = instance._meta.label_lower
    if not may_read_model(user=user, model_label=label):
        return []
    return [ListingButton(_("Jejak audit"), url=history_url(instance), icon_name="history", priority=priority)]


@hooks.register("register_snippet_listing_buttons")
def snippet_history_button(snippet, user, next_url=None):
    return _history_button(snippet, user)


@hooks.register("register_page_listing_buttons")
def page_listing_history_button(page, user, next_url=None):
    return _history_button(page.specific_deferred if hasattr(page, "specific_deferred") else page, user)


@hooks.register("register_page_header_buttons")
def page_header_history_button(page, user, next_url=None, view_name=None):
    return _history_button(page.specific_deferred if hasattr(page, "specific_deferred") else page, user)


@hooks.register("register_user_listing_buttons")
def user_history_button(user, request_user):
    return _history_button(user, request_user)


class AuditHistoryButtonHelperMixin:
    """Add a "Jejak audit" button to a wagtail-modeladmin listing (and its inspect/edit rows).

    ``class OPDButtonHelper(AuditHistoryButtonHelperMixin, ButtonHelper): ...`` then
    ``button_helper_class = OPDButtonHelper`` on the ModelAdmin.
    """

    def get_buttons_for_obj(self, obj, exclude=None, classnames_add=None, classnames_exclude=None):
        buttons = super().get_buttons_for_obj(obj, exclude, classnames_add, classnames_exclude)
        if may_read_model(user=self.request.user, model_label=obj._meta.label_lower):
            buttons.append(
                {
                    "url": history_url(obj),
                    "label": str(_("Jejak audit")),
                    "classname": "button button-secondary button-small",
                    "title": str(_("Lihat jejak audit rekaman ini")),
                }
            )
        return buttons


class AuditedButtonHelper(AuditHistoryButtonHelperMixin, ButtonHelper):
    """modeladmin's edit/delete buttons plus "Jejak audit": ``button_helper_class = AuditedButtonHelper``."""


def history_url_for(instance, user) -> str | None:
    """``instance``'s audit history URL when ``user`` may read it, else None (for custom admin views)."""
    if may_read_model(user=user, model_label=instance._meta.label_lower):
        return history_url(instance)
    return None


class AuditHistoryHeaderButtonMixin:
    """Add "Jejak audit" to a Wagtail edit view's header menu (the "⋯" next to the title).

    Same link and same check (``may_read_model``) as the listing button. Wagtail has no hook
    for snippet edit headers, hence a view mixin: ``AuditedSnippetViewSet`` uses it.
    """

    def get_header_more_buttons(self):
        buttons = list(super().get_header_more_buttons())
        if url := history_url_for(self.object, self.request.user):
            buttons.append(Button(_("Jejak audit"), url=url, icon_name="history", priority=90))
        return sorted(buttons)


class AuditedSnippetEditView(AuditHistoryHeaderButtonMixin, SnippetEditView):
    """A snippet edit view with the "Jejak audit" header link."""


class AuditedSnippetViewSet(SnippetViewSet):
    """``SnippetViewSet`` whose edit view links to the record's audit trail (listings already do)."""

    edit_view_class = AuditedSnippetEditView
