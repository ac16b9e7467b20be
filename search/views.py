"""Public search door: parses the query string, calls ``search.results``, renders."""

from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control
from django.utils.html import strip_tags
from django.views.decorators.http import require_GET

from complaints.search import search_words
from home.pagination import paginate, query_without_page

from .forms import SearchForm
from .results import query_terms, search_public, searched_in, to_hits

RESULTS_PER_PAGE = 10
SUGGESTIONS = 8
SEARCH_MAX_AGE = 60


@require_GET
def search(request):
    form = SearchForm(request.GET)
    params = form.params()
    query = params["query"]
    hits, items, page_range, prefix_match = [], None, [], False
    if query:
        results = search_public(**params)
        if not results.count():
            # Nothing for the whole words: treat the query as a prefix ("keseh" → "kesehatan").
            results = search_public(**params, autocomplete=True)
            prefix_match = True
        items, page_range = paginate(request, results, RESULTS_PER_PAGE)
        hits = to_hits(list(items.object_list), query_terms(query), words=len(search_words(query)))
    response = TemplateResponse(
        request,
        "search/search.html",
        {
            "form": form,
            "search_query": query,
            "hits": hits,
            "items": items,
            "page_range": page_range,
            "query_without_page": query_without_page(request),
            "prefix_match": prefix_match and bool(hits),
            "searched_in": searched_in(params["kind"]),
        },
    )
    if request.user.is_authenticated:
        patch_cache_control(response, private=True, no_cache=True)
    else:
        patch_cache_control(response, public=True, max_age=SEARCH_MAX_AGE)
    return response


@require_GET
def suggest(request):
    """Titles that start with what the visitor is typing (for the search box's suggestions)."""
    form = SearchForm(request.GET)
    params = form.params()
    titles = []
    if len(params["query"]) >= 2:
        results = search_public(query=params["query"], kind=params["kind"], autocomplete=True, complaints=False)
        for obj in results[:SUGGESTIONS]:
            title = strip_tags(obj.title)
            if title not in titles:
                titles.append(title)
    response = JsonResponse({"query": params["query"], "suggestions": titles})
    patch_cache_control(response, public=True, max_age=SEARCH_MAX_AGE)
    return response
