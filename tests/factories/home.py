"""Builders for the public site: pages under the default site's home page, and documents."""

__all__ = [
    "make_chart_page",
    "make_document",
    "make_document_library",
    "make_news",
    "make_news_index",
    "make_standard_page",
    "site_home",
]

import datetime
import itertools

from django.core.files.base import ContentFile
from wagtail.models import Collection, Site

from home.documents import DocumentKind, SepakatDocument
from home.models import DocumentLibraryPage, HomePage, NewsIndexPage, NewsPage, StandardPage
from home.pdf import simple_pdf

_seq = itertools.count(1)


def site_home() -> HomePage:
    return Site.objects.get(is_default_site=True).root_page.specific


def _publish(parent, page, *, live: bool = True):
    parent.add_child(instance=page)
    revision = page.save_revision()
    if live:
        revision.publish()
        page.refresh_from_db()
    else:
        page.live = False
        page.save(update_fields=["live"])
    return page


def make_news_index(parent=None, *, title: str = "Berita", slug: str = "berita") -> NewsIndexPage:
    return _publish(parent or site_home(), NewsIndexPage(title=title, slug=slug))


def make_news(
    index: NewsIndexPage,
    *,
    title: str | None = None,
    intro: str = "Ringkasan berita.",
    date: datetime.date | None = None,
    body: str = "Isi berita.",
    image=None,
    live: bool = True,
) -> NewsPage:
    n = next(_seq)
    page = NewsPage(
        title=title or f"Berita nomor {n}",
        slug=f"berita-{n}",
        intro=intro,
        date=date or datetime.date(2026, 1, 1) + datetime.timedelta(days=n % 300),
        body=[("paragraph", f"<p>{body}</p>")],
        image=image,
    )
    return _publish(index, page, live=live)


def make_standard_page(*, title: str, body: list | None = None, intro: str = "", parent=None, live=True):
    n = next(_seq)
    page = StandardPage(title=title, slug=f"halaman-{n}", intro=intro, body=body or [])
    return _publish(parent or site_home(), page, live=live)


def make_chart_page(*, title: str = "Statistik", rows=None, chart_type: str = "bar", provider: str = ""):
    rows = rows if rows is not None else [{"label": "Dinas Kesehatan", "value": 12}, {"label": "Disdikbud", "value": 7}]
    block = {
        "title": "Jumlah layanan per OPD",
        "chart_type": chart_type,
        "provider": provider,
        "rows": [] if provider else rows,
        "series_name": "Layanan",
        "unit": "",
        "description": "",
        "source_note": "Data uji",
    }
    return make_standard_page(title=title, body=[("chart", block)])


def make_document_library(*, title: str = "Pustaka Dokumen", slug: str = "dokumen") -> DocumentLibraryPage:
    return _publish(site_home(), DocumentLibraryPage(title=title, slug=slug))


def make_document(
    *,
    title: str | None = None,
    year: int | None = 2025,
    opd=None,
    kind: str = DocumentKind.LKJIP,
    description: str = "",
    collection: Collection | None = None,
) -> SepakatDocument:
    n = next(_seq)
    doc = SepakatDocument(
        title=title or f"Dokumen uji {n}",
        year=year,
        opd=opd,
        kind=kind,
        description=description,
        collection=collection or Collection.get_first_root_node(),
    )
    doc.file.save(f"dokumen-{n}.pdf", ContentFile(simple_pdf(doc.title, ["uji"])), save=False)
    doc._set_document_file_metadata()
    doc.save()
    return doc
