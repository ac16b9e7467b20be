from django.core.paginator import Paginator
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

from cms.counting import capped_count


class StandardPagination(PageNumberPagination):
    """Page-number pagination for every list; clients may ask for up to 100 rows.

    ``page`` and ``page_size`` are whole numbers given once; anything else is a 400 (the
    OpenAPI document says integer, and the fuzzer holds us to it).
    """

    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 100

    def _check_number(self, request, name: str, words: tuple[str, ...] = ()) -> None:
        values = request.query_params.getlist(name)
        if not values or (len(values) == 1 and values[0] in words):
            return
        if len(values) > 1 or not values[0].isdigit() or int(values[0]) < 1:
            raise ValidationError({name: [_("Isi satu bilangan bulat positif.")]})

    def get_page_size(self, request):
        self._check_number(request, self.page_size_query_param)
        return super().get_page_size(request)

    def paginate_queryset(self, queryset, request, view=None):
        self._check_number(request, self.page_query_param, tuple(self.last_page_strings))
        return super().paginate_queryset(queryset, request, view)


class CappedPaginator(Paginator):
    """Counts at most ``LIST_COUNT_CAP + 1`` rows (``cms.counting``): an exact COUNT(*) over a
    million rows costs more than the page itself. ``count`` above the cap means "more than the cap"."""

    @cached_property
    def counted(self):
        return capped_count(self.object_list)

    @cached_property
    def count(self) -> int:
        return self.counted.count


class CappedPagination(StandardPagination):
    """For lists that grow without bound (complaints, audit events): the capped count, and
    ``count_capped`` (an addition to ``count``/``next``/``previous``/``results``) saying whether
    ``count`` is "more than" rather than exact. Pages lie within the first ``LIST_COUNT_CAP`` rows;
    beyond, filters narrow the list."""

    django_paginator_class = CappedPaginator

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        response.data["count_capped"] = self.page.paginator.counted.capped
        return Response(response.data)

    def get_paginated_response_schema(self, schema):
        schema = super().get_paginated_response_schema(schema)
        schema["properties"]["count_capped"] = {
            "type": "boolean",
            "description": "true: ``count`` is a lower bound (more rows than the cap exist), not an exact count.",
        }
        schema["required"] = [*schema.get("required", []), "count_capped"]
        return schema
