"""Template tags of the public site."""

from django import template
from wagtail.models import Page, Site

register = template.Library()


@register.simple_tag(takes_context=True)
def site_menu(context) -> list[Page]:
    """Top-level live, public pages marked "show in menus" (cached on the request)."""
    request = context.get("request")
    if request is None:
        return []
    cached = getattr(request, "_sepakat_menu", None)
    if cached is None:
        site = Site.find_for_request(request)
        cached = []
        if site is not None:
            cached = list(Page.objects.live().public().in_menu().child_of(site.root_page).order_by("path"))
        request._sepakat_menu = cached
    return cached


@register.simple_tag(takes_context=True)
def language_links(context) -> list[dict]:
    """The header's language switch: one link per language, to this page with ``?lang=<code>``.

    Plain links (crawlable, no JavaScript); ``cms.language`` remembers the choice in a cookie.
    """
    from django.conf import settings
    from django.utils import translation

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
