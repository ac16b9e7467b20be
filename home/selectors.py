"""Reads for the public site: only published, public content, already joined for listing."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction, Page

from .documents import SepakatDocument

#: The rendition used by news listings (prefetched so a listing costs the same at any size).
NEWS_THUMBNAIL = "fill-480x270"


def public_collection_ids() -> list[int] | None:
    """Collections without a privacy restriction on themselves or an ancestor.

    ``None`` means "no collection is restricted" so callers skip the filter entirely.
    """
    restricted_paths = list(CollectionViewRestriction.objects.values_list("collection__path", flat=True))
    if not restricted_paths:
        return None
    hidden = Q()
    for path in restricted_paths:
        hidden |= Q(path__startswith=path)
    return list(Collection.objects.exclude(hidden).values_list("id", flat=True))


def public_documents() -> QuerySet[SepakatDocument]:
    """Documents anyone may download: never those in a private collection."""
    qs = SepakatDocument.objects.all()
    ids = public_collection_ids()
    if ids is not None:
        qs = qs.filter(collection_id__in=ids)
    return qs


def document_list(
    *, year: int | None = None, opd_id: int | None = None, kind: str = "", query: str = ""
) -> QuerySet[SepakatDocument]:
    """The document library listing, newest year first."""
    qs = public_documents().select_related("opd")
    if year:
        qs = qs.filter(year=year)
    if opd_id:
        qs = qs.filter(opd_id=opd_id)
    if kind:
        qs = qs.filter(kind=kind)
    if query:
        qs = qs.filter(Q(title__icontains=query) | Q(description__icontains=query))
    return qs.order_by("-year", "title", "pk")


def document_years() -> list[int]:
    return list(public_documents().exclude(year=None).order_by("-year").values_list("year", flat=True).distinct())


def document_counts_by(field: str, *, year: int | None = None) -> list[tuple[object, int]]:
    qs = public_documents()
    if year:
        qs = qs.filter(year=year)
    rows = qs.exclude(**{f"{field}__isnull": True}).values(field).annotate(n=Count("pk")).order_by(field)
    return [(row[field], row["n"]) for row in rows]


def news_list(*, parent: Page | None = None, limit: int | None = None) -> QuerySet:
    """Live, public news items (newest first) with their thumbnails' renditions prefetched."""
    from .models import NewsPage

    images = get_image_model().objects.prefetch_renditions(NEWS_THUMBNAIL)
    qs = NewsPage.objects.live().public()
    if parent is not None:
        qs = qs.child_of(parent)
    qs = qs.prefetch_related(Prefetch("image", queryset=images))
    qs = qs.order_by("-date", "-pk")
    return qs[:limit] if limit else qs
