"""A simple paginated list for GraphQL: ``{items, page, pageSize, totalCount, totalCountCapped}``.

``totalCount`` is counted through ``cms.counting.capped_count`` (no exact COUNT(*) over a
million rows): above ``LIST_COUNT_CAP`` it is the cap + 1 and ``totalCountCapped`` is true,
as REST's ``count``/``count_capped`` (ADR 0019).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import graphene
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from api.pagination import StandardPagination
from cms.counting import capped_count

DEFAULT_PAGE_SIZE = StandardPagination.page_size
MAX_PAGE_SIZE = StandardPagination.max_page_size


@dataclass
class Page:
    items: list[Any]
    page: int
    page_size: int
    total_count: int
    total_count_capped: bool = False


CAPPED_DESCRIPTION = "true: totalCount is a lower bound (more rows than the cap exist), not an exact count."


def paginated_type(of: type[graphene.ObjectType], name: str | None = None) -> type[graphene.ObjectType]:
    """``paginated_type(OPDType)`` -> ``OPDTypePage`` with ``items``, ``page``, ``pageSize``, ``totalCount``."""
    return type(
        name or f"{of._meta.name}Page",
        (graphene.ObjectType,),
        {
            "items": graphene.List(graphene.NonNull(of), required=True),
            "page": graphene.Int(required=True),
            "page_size": graphene.Int(required=True),
            "total_count": graphene.Int(required=True),
            "total_count_capped": graphene.Boolean(required=True, description=CAPPED_DESCRIPTION),
        },
    )


def page_arguments() -> dict[str, graphene.Argument]:
    return {
        "page": graphene.Int(default_value=1, description="Halaman, mulai dari 1."),
        "page_size": graphene.Int(
            default_value=DEFAULT_PAGE_SIZE, description=f"Baris per halaman (≤ {MAX_PAGE_SIZE})."
        ),
    }


def paginate(queryset: QuerySet, *, page: int | None = 1, page_size: int | None = DEFAULT_PAGE_SIZE) -> Page:
    """One page of ``queryset`` (one capped COUNT and one SELECT); bad numbers are 400 field errors."""
    page = 1 if page is None else page
    page_size = DEFAULT_PAGE_SIZE if page_size is None else page_size
    errors = {}
    if page < 1:
        errors["page"] = [_("Halaman paling kecil 1.")]
    if not 1 <= page_size <= MAX_PAGE_SIZE:
        errors["pageSize"] = [_("Ukuran halaman harus antara 1 dan %(max)s.") % {"max": MAX_PAGE_SIZE}]
    if errors:
        raise ValidationError(errors)
    counted = capped_count(queryset)
    start = (page - 1) * page_size
    # Past the cap the rows are still there: fetch the page (empty when the list ends).
    items = list(queryset[start : start + page_size]) if start < counted.count or counted.capped else []
    return Page(
        items=items, page=page, page_size=page_size, total_count=counted.count, total_count_capped=counted.capped
    )
