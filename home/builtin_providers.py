"""Data providers built on the public site's own content (documents, news).

Providers of other domains (complaint statistics, SAKIP, published reports) register
from their page modules in ``home/`` the same way, calling their app's selectors.
"""

from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .charts import ChartData, Series
from .documents import DocumentKind
from .providers import Figure, register_provider
from .selectors import document_counts_by, public_documents


@register_provider("dokumen_per_tahun", label=gettext_lazy("Dokumen publik per tahun"))
def documents_per_year(*, year: int | None = None) -> ChartData:
    rows = document_counts_by("year")
    return ChartData(
        title=_("Dokumen publik per tahun"),
        labels=tuple(str(y) for y, _n in rows),
        series=(Series(_("Dokumen"), tuple(float(n) for _y, n in rows)),),
        unit="",
        source=_("Pustaka dokumen"),
    )


@register_provider("dokumen_per_jenis", label=gettext_lazy("Dokumen publik per jenis"))
def documents_per_kind(*, year: int | None = None) -> ChartData:
    rows = document_counts_by("kind", year=year)
    labels = dict(DocumentKind.choices)
    return ChartData(
        title=_("Dokumen publik per jenis"),
        labels=tuple(str(labels.get(k, k)) for k, _n in rows),
        series=(Series(_("Dokumen"), tuple(float(n) for _k, n in rows)),),
        source=_("Pustaka dokumen"),
    )


@register_provider("berita_per_bulan", label=gettext_lazy("Berita per bulan"))
def news_per_month(*, year: int | None = None) -> ChartData:
    from .models import NewsPage

    qs = NewsPage.objects.live().public()
    if year:
        qs = qs.filter(date__year=year)
    rows = list(qs.annotate(month=TruncMonth("date")).values("month").annotate(n=Count("pk")).order_by("month"))
    return ChartData(
        title=_("Berita per bulan"),
        labels=tuple(formats.date_format(r["month"], "M Y") for r in rows),
        series=(Series(_("Berita"), tuple(float(r["n"]) for r in rows)),),
        source=_("Berita"),
    )


@register_provider("jumlah_dokumen_publik", label=gettext_lazy("Jumlah dokumen publik"), kind="figure")
def documents_total(*, year: int | None = None) -> Figure:
    qs = public_documents()
    if year:
        qs = qs.filter(year=year)
    return Figure(value=float(qs.count()), unit=_("dokumen"))
