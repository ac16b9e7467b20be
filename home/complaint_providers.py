"""Chart and figure providers for complaint handling (public aggregates only).

Registered like the built-ins (``home.providers``), so the complaint statistics page and
any editor's chart block use the same numbers. They read the complaints app's snapshot of the
public figures (``complaints.stats.public_figures``, refreshed by a job every few minutes), so no
request runs the whole-table aggregates.
"""

from __future__ import annotations

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from complaints.stats import STAGE_LABELS, complaint_public_medians, complaint_public_stats, complaint_public_trend

from .charts import ChartData, Series
from .live_cache import COMPLAINTS, depends_on
from .providers import Figure, register_provider

SOURCE = gettext_lazy("Kanal pengaduan Sepakat")


def public_stats() -> dict:
    depends_on(COMPLAINTS)  # a cached page showing these is purged with the next snapshot
    return complaint_public_stats()


def _chart(title: str, rows: list[tuple[str, float]], series: str) -> ChartData:
    return ChartData(
        title=title,
        labels=tuple(str(label) for label, _n in rows),
        series=(Series(series, tuple(float(n) for _l, n in rows)),),
        source=str(SOURCE),
    )


@register_provider("pengaduan_per_kategori", label=gettext_lazy("Pengaduan per kategori"))
def complaints_by_category(*, year: int | None = None) -> ChartData:
    rows = [(r["category__name"] or _("Tanpa kategori"), r["n"]) for r in public_stats()["by_category"]]
    return _chart(_("Pengaduan per kategori"), rows, _("Pengaduan"))


@register_provider("pengaduan_per_opd", label=gettext_lazy("Pengaduan per OPD"))
def complaints_by_opd(*, year: int | None = None) -> ChartData:
    rows = [(r["opd__name"], r["n"]) for r in public_stats()["by_opd"]]
    return _chart(_("Pengaduan per OPD"), rows, _("Pengaduan"))


@register_provider("pengaduan_per_status", label=gettext_lazy("Pengaduan per status"))
def complaints_by_status(*, year: int | None = None) -> ChartData:
    rows = [(r["label"], r["n"]) for r in public_stats()["by_status"]]
    return _chart(_("Pengaduan per status"), rows, _("Pengaduan"))


@register_provider("pengaduan_per_bulan", label=gettext_lazy("Pengaduan masuk per bulan"))
def complaints_per_month(*, year: int | None = None) -> ChartData:
    depends_on(COMPLAINTS)
    trend = complaint_public_trend(year=year)
    rows = [(formats.date_format(r["month"], "M Y"), r["n"]) for r in trend]
    return _chart(_("Pengaduan masuk per bulan"), rows, _("Pengaduan"))


@register_provider("pengaduan_waktu_tahapan", label=gettext_lazy("Median waktu penanganan per tahap (hari)"))
def complaints_stage_medians(*, year: int | None = None) -> ChartData:
    depends_on(COMPLAINTS)
    medians = complaint_public_medians()
    rows = [
        (str(STAGE_LABELS.get(r["stage"], r["stage"])), r["median_days"])
        for r in medians
        if r["median_days"] is not None
    ]
    data = _chart(_("Median waktu penanganan per tahap"), rows, _("Median"))
    return ChartData(title=data.title, labels=data.labels, series=data.series, unit=_("hari"), source=data.source)


@register_provider("pengaduan_jumlah", label=gettext_lazy("Jumlah pengaduan"), kind="figure")
def complaints_total(*, year: int | None = None) -> Figure:
    return Figure(value=float(public_stats()["total"]), unit=_("pengaduan"))


@register_provider("pengaduan_tepat_waktu", label=gettext_lazy("Pengaduan dijawab tepat waktu"), kind="figure")
def complaints_on_time(*, year: int | None = None) -> Figure:
    share = public_stats()["on_time"]["share"]
    return Figure(value=share, unit="%", note=_("dijawab dalam batas waktu"))


@register_provider("pengaduan_median_hari", label=gettext_lazy("Median hari sampai dijawab"), kind="figure")
def complaints_median_days(*, year: int | None = None) -> Figure:
    depends_on(COMPLAINTS)
    medians = complaint_public_medians()
    answer = next((r for r in medians if r["stage"] == "answer"), None)
    return Figure(value=answer["median_days"] if answer else None, unit=_("hari"), note=_("dari penugasan ke jawaban"))
