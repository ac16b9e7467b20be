"""Public progress page of the Renaksi (rencana aksi pengelolaan pengaduan SP4N-LAPOR): the plan's
actions with owner OPD, due date, latest progress and status, phone-first.

Plain data from ``complaints.renaksi.public.plan_data`` (what REST and GraphQL serve too): active and
closed plans only, public fields only. The page shows the chosen plan, or the newest public one;
a visitor may pick another public plan (``?rencana=<id>``). Anonymous answers are kept in the page
cache (``home.page_cache``) until a plan, action or progress row changes (the ``renaksi`` group).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from cms.formatting import format_date, format_datetime
from complaints.renaksi.public import plan_data, public_plan_get, public_plans

from .live_cache import RENAKSI
from .page_mixins import CachedPageMixin


class RenaksiPage(CachedPageMixin, Page):
    intro = RichTextField(_("pengantar"), blank=True, features=["bold", "italic", "link"])
    plan = models.ForeignKey(
        "complaints.ActionPlan",
        verbose_name=_("rencana aksi"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Kosongkan untuk menampilkan rencana aksi terbaru yang berjalan atau ditutup (bukan draf)."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("plan")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    api_fields = [APIField("intro")]
    subpage_types: list[str] = []
    template = "home/complaints/renaksi_page.html"
    #: Kept in the page cache per chosen plan; any plan, action or progress change purges it.
    page_cache_params = ("rencana",)
    page_cache_groups = (RENAKSI,)

    class Meta:
        verbose_name = _("Halaman kemajuan rencana aksi (Renaksi)")

    def chosen_plan(self, request):
        asked = request.GET.get("rencana")
        plan = public_plan_get(plan_id=asked) if asked else None
        if plan is None and self.plan_id:
            plan = public_plan_get(plan_id=self.plan_id)
        return plan or public_plans().first()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        plan = self.chosen_plan(request)
        context["plans"] = list(public_plans().only("id", "title"))
        context["data"] = None
        if plan is None:
            return context
        data = plan_data(plan)
        for a in data["actions"]:
            a["due_text"] = format_date(a["due_date"])
            latest = a["progress"][-1] if a["progress"] else None
            a["latest_period"] = f"TW {latest['quarter']} {latest['year']}" if latest else ""
            a["latest_at"] = format_datetime(latest["reported_at"]) if latest else ""
        context["data"] = data
        return context
