"""Admin lists over tables that grow without bound (complaints): counts that stop at the cap.

wagtail-modeladmin's ``IndexView`` counts the whole visible table, then the filtered list, then the
paginator counts it again, and it runs the list's search twice (once in ``dispatch``, once for the
context): at a million complaints 0.4–1.4 s per view. :class:`CappedIndexView` counts both through
``cms.counting.capped_count`` (at most ``LIST_COUNT_CAP`` + 1 rows, ADR 0019), hands the count it
already has to the paginator, and reuses the queryset ``dispatch`` built. Pages stay within the first
``LIST_COUNT_CAP`` rows, as in the REST lists; the header says "lebih dari 10.000" past the cap
(``modeladmin/includes/result_count.html``).
"""

from __future__ import annotations

from django.core.paginator import InvalidPage
from django.utils.formats import number_format
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from wagtail.admin.paginator import WagtailPaginator
from wagtail_modeladmin.views import IndexView

from .counting import CappedCount, capped_count


class KnownCountPaginator(WagtailPaginator):
    """A paginator told its count instead of asking the database again; its footer ("N pengaduan")
    says "lebih dari …" past the cap, as the header does, in Indonesian figures."""

    def __init__(self, object_list, per_page, *, counted: CappedCount, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.counted = counted

    @cached_property
    def count(self) -> int:
        return self.counted.count

    @cached_property
    def items_count_label(self) -> str:
        if self.counted.capped:
            figure = number_format(self.counted.cap, force_grouping=True)
            return _("lebih dari %(n)s %(items)s") % {"n": figure, "items": self.verbose_name_plural}
        items = self.verbose_name if self.count == 1 else self.verbose_name_plural
        return f"{number_format(self.count, force_grouping=True)} {items}"


class CappedIndexView(IndexView):
    def get_context_data(self, **kwargs):
        all_counted = capped_count(self.get_base_queryset())
        counted = capped_count(self.queryset)
        paginator = KnownCountPaginator(self.queryset, self.items_per_page, counted=counted)
        try:
            page_obj = paginator.page(self.page_num)
        except InvalidPage:
            page_obj = paginator.page(1)
        context = {
            "view": self,
            "all_count": all_counted.count,
            "all_count_capped": all_counted.capped,
            "result_count": counted.count,
            "result_count_capped": counted.capped,
            "count_cap": counted.cap,
            "paginator": paginator,
            "page_obj": page_obj,
            "elided_page_range": paginator.get_elided_page_range(self.page_num),
            "object_list": page_obj.object_list,
            "user_can_create": self.permission_helper.user_can_create(self.request.user),
            "show_search": self.search_handler.show_search_form,
            **kwargs,
        }
        # IndexView's own get_context_data would count everything again: go to its parent's.
        return super(IndexView, self).get_context_data(**context)
