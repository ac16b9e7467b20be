"""Public search (placeholder door: pages only; the public-site work extends it)."""

from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from wagtail.models import Page

MAX_QUERY_LENGTH = 200


def search(request):
    query = request.GET.get("query", "").strip()[:MAX_QUERY_LENGTH]
    results = Page.objects.live().public().search(query) if query else Page.objects.none()
    page = Paginator(results, 10).get_page(request.GET.get("page"))
    return TemplateResponse(request, "search/search.html", {"search_query": query, "search_results": page})
