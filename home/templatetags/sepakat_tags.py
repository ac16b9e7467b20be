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
