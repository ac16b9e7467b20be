"""StreamField blocks shared by the public pages.

Chart and figure blocks take their numbers either from the editor (a small table typed
in the admin) or from a registered data provider (``home.providers``), so later pages
(SAKIP results, published reports, complaint statistics) reuse the same blocks.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.blocks import ImageBlock

from . import providers
from .charts import CHART_TYPES, ChartData, Series, donut_slices, format_value, render_chart


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("judul"), max_length=200)
    level = blocks.ChoiceBlock(choices=[("h2", "H2"), ("h3", "H3"), ("h4", "H4")], default="h2", label=_("tingkat"))

    class Meta:
        icon = "title"
        template = "home/blocks/heading_block.html"
        label = _("Judul")
        preview_value = {"text": "Laporan Kinerja", "level": "h2"}


class ChartRowBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("label"), max_length=120)
    value = blocks.DecimalBlock(label=_("nilai"), decimal_places=2, max_digits=14)

    class Meta:
        icon = "list-ul"
        label = _("Baris data")


CHART_TYPE_CHOICES = [("bar", _("Batang")), ("line", _("Garis")), ("donut", _("Donat"))]


class ChartBlock(blocks.StructBlock):
    """A bar, line or donut chart with its data table and CSV/JSON downloads."""

    title = blocks.CharBlock(label=_("judul grafik"), max_length=200)
    chart_type = blocks.ChoiceBlock(choices=CHART_TYPE_CHOICES, default="bar", label=_("jenis grafik"))
    description = blocks.TextBlock(
        label=_("ringkasan"),
        required=False,
        help_text=_("Satu-dua kalimat tentang isi grafik, dibacakan oleh pembaca layar."),
    )
    provider = blocks.ChoiceBlock(
        choices=providers.chart_provider_choices,
        required=False,
        label=_("sumber data otomatis"),
        help_text=_("Pilih sumber data langsung, atau kosongkan dan isi baris data di bawah."),
    )
    year = blocks.IntegerBlock(label=_("tahun"), required=False, min_value=1990, max_value=2100)
    series_name = blocks.CharBlock(label=_("nama seri"), required=False, max_length=80)
    unit = blocks.CharBlock(label=_("satuan"), required=False, max_length=20, help_text=_("Misalnya %, orang, Rp."))
    rows = blocks.ListBlock(ChartRowBlock(), label=_("baris data"), min_num=0, max_num=60, default=[])
    source_note = blocks.CharBlock(label=_("sumber"), required=False, max_length=200)

    class Meta:
        icon = "table"
        template = "home/blocks/chart_block.html"
        label = _("Grafik")
        preview_value = {
            "title": "Dokumen per tahun",
            "chart_type": "bar",
            "rows": [{"label": "2024", "value": 4}, {"label": "2025", "value": 7}],
        }

    def clean(self, value):
        value = super().clean(value)
        rows = list(value.get("rows") or [])
        errors = {}
        if value.get("provider") and rows:
            errors["rows"] = ValidationError(_("Pilih sumber data otomatis atau isi baris data, bukan keduanya."))
        elif not value.get("provider") and not rows:
            errors["rows"] = ValidationError(_("Isi minimal satu baris data atau pilih sumber data otomatis."))
        if value.get("chart_type") == "donut" and any(row["value"] < 0 for row in rows):
            errors["rows"] = ValidationError(_("Grafik donat tidak dapat menampilkan nilai negatif."))
        if value.get("chart_type") not in CHART_TYPES:
            errors["chart_type"] = ValidationError(_("Jenis grafik tidak dikenal."))
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value

    def get_data(self, value) -> ChartData | None:
        """The chart's data: from the provider (live) or from the rows the editor typed."""
        if value.get("provider"):
            data = providers.chart_data(value["provider"], year=value.get("year"))
            if data is None:
                return None
            return ChartData(
                title=value["title"] or data.title,
                labels=data.labels,
                series=data.series,
                unit=value.get("unit") or data.unit,
                description=value.get("description") or data.description,
                source=value.get("source_note") or data.source,
            )
        rows = list(value.get("rows") or [])
        return ChartData(
            title=value["title"],
            labels=tuple(row["label"] for row in rows),
            series=(Series(value.get("series_name") or _("Nilai"), tuple(float(row["value"]) for row in rows)),),
            unit=value.get("unit") or "",
            description=value.get("description") or "",
            source=value.get("source_note") or "",
        )

    def is_live(self, value) -> bool:
        return bool(value.get("provider"))

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        parent_context = parent_context or {}
        block_id = parent_context.get("block_id") or ""
        chart_id = f"chart-{block_id or 'x'}"
        data = self.get_data(value)
        context.update(
            {"chart_id": chart_id, "data": data, "svg": None, "rows": [], "legend": [], "csv_url": "", "json_url": ""}
        )
        if data is not None and not data.is_empty:
            context["svg"] = render_chart(value["chart_type"], data, chart_id=chart_id)
            if value["chart_type"] == "donut":
                context["legend"] = donut_slices(data)
            context["rows"] = [(label, [format_value(v, data.unit) for v in vals]) for label, vals in data.rows()]
        page = parent_context.get("page")
        if data is not None and block_id and page is not None and hasattr(page, "chart_data_url"):
            context["csv_url"] = page.chart_data_url(block_id, "csv")
            context["json_url"] = page.chart_data_url(block_id, "json")
        return context


class FigureItemBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("label"), max_length=120)
    value = blocks.DecimalBlock(label=_("nilai"), required=False, decimal_places=2, max_digits=14)
    unit = blocks.CharBlock(label=_("satuan"), required=False, max_length=20)
    provider = blocks.ChoiceBlock(
        choices=providers.figure_provider_choices, required=False, label=_("sumber angka otomatis")
    )
    year = blocks.IntegerBlock(label=_("tahun"), required=False, min_value=1990, max_value=2100)
    note = blocks.CharBlock(label=_("keterangan"), required=False, max_length=160)

    class Meta:
        icon = "pick"
        label = _("Angka")

    def clean(self, value):
        value = super().clean(value)
        if value.get("value") is None and not value.get("provider"):
            raise StructBlockValidationError(
                block_errors={"value": ValidationError(_("Isi nilai atau pilih sumber angka otomatis."))}
            )
        return value


class FiguresBlock(blocks.StructBlock):
    """Key figures in large type (e.g. documents published, complaints answered on time)."""

    heading = blocks.CharBlock(label=_("judul"), required=False, max_length=200)
    items = blocks.ListBlock(FigureItemBlock(), label=_("angka"), min_num=1, max_num=8)

    class Meta:
        icon = "pick"
        template = "home/blocks/figures_block.html"
        label = _("Angka utama")

    def is_live(self, value) -> bool:
        return any(item.get("provider") for item in value.get("items") or [])

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        figures = []
        for item in value.get("items") or []:
            number, unit, note = item.get("value"), item.get("unit") or "", item.get("note") or ""
            if item.get("provider"):
                figure = providers.figure_value(item["provider"], year=item.get("year"))
                number = figure.value if figure else None
                unit = unit or (figure.unit if figure else "")
                note = note or (figure.note if figure else "")
            shown = format_value(float(number), unit) if number is not None else "–"
            figures.append({"label": item["label"], "value": shown, "note": note})
        context["figures"] = figures
        return context


class LatestNewsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("judul"), default=_("Berita terbaru"), max_length=200)
    count = blocks.IntegerBlock(label=_("jumlah"), default=3, min_value=1, max_value=12)

    class Meta:
        icon = "doc-full"
        template = "home/blocks/latest_news_block.html"
        label = _("Berita terbaru")

    def is_live(self, value) -> bool:
        return True

    def get_context(self, value, parent_context=None):
        from .selectors import news_list

        context = super().get_context(value, parent_context=parent_context)
        context["items"] = list(news_list(limit=value.get("count") or 3))
        return context


class BaseStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        icon="pilcrow",
        label=_("Paragraf"),
        features=["bold", "italic", "link", "ol", "ul", "h3", "h4", "document-link"],
    )
    image = ImageBlock(label=_("Gambar"))
    quote = blocks.BlockQuoteBlock(label=_("Kutipan"))
    chart = ChartBlock()
    figures = FiguresBlock()


class HomeStreamBlock(BaseStreamBlock):
    latest_news = LatestNewsBlock()
