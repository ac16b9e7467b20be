from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination


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
