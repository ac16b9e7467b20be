"""Template tags of the public site."""

import datetime as dt
import zoneinfo

from django import template
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils import timezone as tz
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, Site

register = template.Library()


def _citizen_types() -> dict[int, str]:
    """Content type id → key of the citizen service pages (in-process cached by ContentType)."""
    from home.complaint_pages import ComplaintFormPage, ComplaintStatsPage, ComplaintTrackPage
    from home.wbs_pages import WbsFormPage

    by_model = ContentType.objects.get_for_models(
        ComplaintFormPage, ComplaintTrackPage, ComplaintStatsPage, WbsFormPage
    )
    return {ct.pk: ct.model for ct in by_model.values()}


def _top_pages(request) -> list[Page]:
    """Top-level live public pages that are in the menu or are a citizen service (one query,
    cached on the request): the main navigation and the citizen links both read it."""
    cached = getattr(request, "_sepakat_top_pages", None)
    if cached is None:
        site = Site.find_for_request(request)
        cached = []
        if site is not None:
            wanted = Q(show_in_menus=True) | Q(content_type_id__in=list(_citizen_types()))
            cached = list(Page.objects.live().public().child_of(site.root_page).filter(wanted).order_by("path"))
        request._sepakat_top_pages = cached
    return cached


@register.simple_tag(takes_context=True)
def site_menu(context) -> list[Page]:
    """Top-level live, public pages marked "show in menus" (cached on the request)."""
    request = context.get("request")
    if request is None:
        return []
    return [p for p in _top_pages(request) if p.show_in_menus]


@register.simple_tag(takes_context=True)
def language_links(context) -> list[dict]:
    """The header's language switch: one link per language, to this page with ``?lang=<code>``.

    Plain links (crawlable, no JavaScript); ``cms.language`` remembers the choice in a cookie.
    """

    from cms.language import LANG_PARAM

    request = context.get("request")
    if request is None:
        return []
    current = translation.get_language()
    links = []
    for code, _name in settings.LANGUAGES:
        query = request.GET.copy()
        query[LANG_PARAM] = code
        info = translation.get_language_info(code)
        links.append(
            {
                "code": code,
                "name": info["name_local"],
                "url": f"{request.path}?{query.urlencode()}",
                "current": code == current,
            }
        )
    return links


#: The citizen's services every page links to (main navigation, footer, home page): page type → label.
CITIZEN_SERVICES = (
    ("complaintformpage", "submit", _("Sampaikan pengaduan")),
    ("complainttrackpage", "track", _("Lacak pengaduan")),
    ("complaintstatspage", "stats", _("Statistik pengaduan")),
    ("wbsformpage", "wbs", _("Whistleblowing (WBS)")),
)


@register.simple_tag(takes_context=True)
def citizen_links(context) -> list[dict]:
    """Links to the live complaint form, tracking, statistics and WBS pages among the top-level
    pages: [{"key", "label", "url", "pk"}] in that order, missing pages left out. No query of its
    own (``_top_pages`` is shared with the menu)."""
    request = context.get("request")
    if request is None:
        return []
    types = _citizen_types()
    pages: dict[str, Page] = {}
    for page in _top_pages(request):
        if page.content_type_id in types:
            pages.setdefault(types[page.content_type_id], page)
    return [
        {"key": key, "label": label, "url": pages[model].get_url(request), "pk": pages[model].pk}
        for model, key, label in CITIZEN_SERVICES
        if model in pages
    ]


@register.simple_tag(takes_context=True)
def main_menu(context) -> list[Page]:
    """The site menu without the pages already linked as citizen services."""
    shown = {link["pk"] for link in citizen_links(context)}
    return [p for p in site_menu(context) if p.pk not in shown]


MONTHS = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip
ZONE_NAMES = {"Asia/Jakarta": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT"}


@register.filter
def tanggal(value) -> str:
    """One date format for the public site: "9 Desember 2026" for a date and
    "9 Desember 2026, 14.12 WITA" for a moment, in the Pemda's zone."""

    from organizations.selectors import current_pemda

    if value in (None, ""):
        return ""
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value) if "T" in value else dt.date.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, dt.datetime):
        pemda = current_pemda()
        zone_name = pemda.timezone if pemda else tz.get_current_timezone_name()
        local = tz.localtime(value, zoneinfo.ZoneInfo(zone_name)) if tz.is_aware(value) else value
        zone = ZONE_NAMES.get(zone_name, zone_name)
        return f"{local.day} {MONTHS[local.month - 1]} {local.year}, {local:%H.%M} {zone}"
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"
