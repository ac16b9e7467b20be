"""Public page types."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import BaseStreamBlock


class HomePage(Page):
    intro = RichTextField(_("pengantar"), blank=True, features=["bold", "italic", "link"])
    body = StreamField(BaseStreamBlock(), verbose_name=_("isi"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    max_count = 1

    class Meta:
        verbose_name = _("Beranda")


class StandardPage(Page):
    intro = RichTextField(_("pengantar"), blank=True, features=["bold", "italic", "link"])
    body = StreamField(BaseStreamBlock(), verbose_name=_("isi"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    class Meta:
        verbose_name = _("Halaman standar")
