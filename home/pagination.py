"""Pagination that never fails: ``page=abc`` gives page 1, ``page=99999`` the last page."""

from django.core.paginator import Page, Paginator


def paginate(request, object_list, per_page: int) -> tuple[Page, list]:
    paginator = Paginator(object_list, per_page)
    raw = request.GET.get("page", "1")
    page = paginator.get_page(raw[:12] if isinstance(raw, str) else 1)
    page_range = list(paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1))
    return page, page_range


def query_without_page(request) -> str:
    """The current query string minus ``page``, for pagination links."""
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()
