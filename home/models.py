"""Public page types."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.images.api.fields import ImageRenditionField
from wagtail.models import Page
from wagtail.search import index

from .blocks import BaseStreamBlock, HomeStreamBlock
from .budget_pages import BudgetResultsPage  # noqa: F401  (Serap: public absorption and contracts)
from .complaint_pages import ComplaintFormPage, ComplaintStatsPage, ComplaintTrackPage  # noqa: F401
from .documents import SepakatDocument  # noqa: F401  (WAGTAILDOCS_DOCUMENT_MODEL)
from .forms import DocumentFilterForm
from .page_mixins import CachedPageMixin, ChartDataMixin
from .pagination import paginate, query_without_page
from .planning_pages import PerformancePage  # noqa: F401  (the SAKIP performance cascade)
from .renaksi_pages import RenaksiPage  # noqa: F401  (Renaksi progress of complaint management)
from .result_pages import PublishedReportPage, SakipResultsPage  # noqa: F401  (SAKIP and report results)
from .spbe_spm_pages import SpbeResultsPage, SpmResultsPage  # noqa: F401  (SPBE index, SPM achievement)
from .wbs_pages import WbsFollowUpPage, WbsFormPage  # noqa: F401  (public WBS pages)

NEWS_PER_PAGE = 10
DOCUMENTS_PER_PAGE = 20


class HomePage(CachedPageMixin, ChartDataMixin, Page):
    intro = RichTextField(_("pengantar"), blank=True, features=["bold", "italic", "link"])
    body = StreamField(HomeStreamBlock(), verbose_name=_("isi"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    api_fields = [APIField("intro"), APIField("body")]
    max_count = 1

    class Meta:
        verbose_name = _("Beranda")


class StandardPage(CachedPageMixin, ChartDataMixin, Page):
    intro = RichTextField(_("pengantar"), blank=True, features=["bold", "italic", "link"])
    body = StreamField(BaseStreamBlock(), verbose_name=_("isi"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    api_fields = [APIField("intro"), APIField("body")]

    class Meta:
        verbose_name = _("Halaman standar")


class NewsIndexPage(CachedPageMixin, Page):
    intro = RichTextField(_("pengantar"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    api_fields = [APIField("intro")]
    subpage_types = ["home.NewsPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("Indeks berita")

    def has_live_figures(self) -> bool:
        return True

    def get_context(self, request, *args, **kwargs):
        from .selectors import news_list

        context = super().get_context(request, *args, **kwargs)
        context["items"], context["page_range"] = paginate(request, news_list(parent=self), NEWS_PER_PAGE)
        context["query_without_page"] = query_without_page(request)
        return context


class NewsPage(CachedPageMixin, ChartDataMixin, Page):
    date = models.DateField(_("tanggal"), default=timezone.localdate, db_index=True)
    intro = models.TextField(_("ringkasan"), max_length=400, blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("gambar utama"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("isi"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("intro"),
        FieldPanel("image"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro", boost=2),
        index.AutocompleteField("intro"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]
    api_fields = [
        APIField("date"),
        APIField("intro"),
        APIField("image"),
        APIField("image_thumbnail", serializer=ImageRenditionField("fill-480x270", source="image")),
        APIField("body"),
    ]
    parent_page_types = ["home.NewsIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("Berita")
        verbose_name_plural = _("Berita")

    def get_search_snippet(self) -> str:
        return self.search_description or self.intro


class DocumentLibraryPage(CachedPageMixin, Page):
    intro = RichTextField(_("pengantar"), blank=True, features=["bold", "italic", "link"])
    # Filters are kept, free-text searches (``q``) are not: each would be its own entry.
    page_cache_params = ("page", "year", "opd", "kind")

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    api_fields = [APIField("intro")]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("Pustaka dokumen")

    def has_live_figures(self) -> bool:
        return True

    def get_context(self, request, *args, **kwargs):
        from organizations.selectors import public_opds

        from .selectors import document_list, document_years

        context = super().get_context(request, *args, **kwargs)
        opds = list(public_opds().values_list("pk", "name"))
        form = DocumentFilterForm(request.GET, years=document_years(), opds=opds)
        filters = form.filters()
        context["form"] = form
        context["items"], context["page_range"] = paginate(request, document_list(**filters), DOCUMENTS_PER_PAGE)
        context["query_without_page"] = query_without_page(request)
        context["is_filtered"] = any(filters.values())
        return context
