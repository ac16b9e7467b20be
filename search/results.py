"""Search over public pages, public documents and public complaints, with safe highlighted snippets.

Complaints come from ``complaints.selectors.complaint_public_list`` (public, verified, redacted text,
ranked by how many of the words each holds), so the site search never shows more than the public
complaint list does."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from cms.counting import capped_count
from complaints import exposure
from complaints.models import Complaint
from complaints.selectors import complaint_public_list
from home.complaint_pages import ComplaintTrackPage
from home.selectors import public_documents

SNIPPET_WORDS = 40
MIN_TERM_LENGTH = 2
MAX_TERMS = 8
WORD_RE = re.compile(r"\w+", re.UNICODE)


def query_terms(query: str) -> list[str]:
    """Words to highlight: prefixes of the query's words (the stemmer matches their variants)."""
    terms = [w for w in WORD_RE.findall(query.lower()) if len(w) >= MIN_TERM_LENGTH]
    return sorted(set(terms), key=len, reverse=True)[:MAX_TERMS]


def highlight(text: str, terms: list[str]) -> SafeString:
    """Escape ``text`` and wrap words starting with any of ``terms`` in ``<mark>``."""
    if not terms:
        return mark_safe(escape(text))  # noqa: S308 (escaped)
    stems = [t[:5] if len(t) > 5 else t for t in terms]
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(t) for t in stems) + r")\w*", re.IGNORECASE | re.UNICODE)
    out, last = [], 0
    for match in pattern.finditer(text):
        out.append(escape(text[last : match.start()]))
        out.append(f"<mark>{escape(match.group(0))}</mark>")
        last = match.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out))  # noqa: S308 (every piece is escaped)


@dataclass
class Hit:
    kind: str  # "page" | "document" | "complaint"
    kind_label: str
    title: SafeString
    url: str
    snippet: SafeString
    meta: str
    note: str = ""


class ChainedResults:
    """Pages, documents, then complaints as one sliceable sequence, so one Paginator spans them.

    Complaints are counted as every list of them is (``cms.counting``): the count their search
    learnt, or at most ``LIST_COUNT_CAP`` + 1 rows. A common word found in 200,000 complaints is
    then "more than" a number (``capped``, ``count_floor``), not an exact COUNT(*) over them."""

    def __init__(self, *parts):
        self.parts = [p for p in parts if p is not None]
        self._counts = None
        self.capped = False

    def counts(self) -> list[int]:
        if self._counts is None:
            self._counts = [self._count(p) for p in self.parts]
        return self._counts

    def _count(self, part) -> int:
        if not isinstance(part, QuerySet):  # a search backend's results (pages, documents)
            return part.count()
        counted = capped_count(part)
        self.capped = self.capped or counted.capped
        return counted.count

    @property
    def count_floor(self) -> int:
        """With ``capped``: the number there are more than (the capped part counts its cap)."""
        return self.count() - 1 if self.capped else self.count()

    def count(self) -> int:
        return sum(self.counts())

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, item):
        if not isinstance(item, slice):
            raise TypeError("ChainedResults hanya mendukung slice")
        start, stop = item.start or 0, item.stop if item.stop is not None else self.count()
        out, offset = [], 0
        for part, size in zip(self.parts, self.counts(), strict=True):
            lo, hi = max(start - offset, 0), min(stop - offset, size)
            if lo < hi:
                out.extend(part[lo:hi])
            offset += size
        return out


def _year_range(year: int) -> tuple[datetime, datetime]:
    """1 January of ``year`` to 1 January of the next, in the Pemda's time zone."""
    tz = timezone.get_current_timezone()
    return timezone.make_aware(datetime(year, 1, 1), tz), timezone.make_aware(datetime(year + 1, 1, 1), tz)


def search_public(
    *, query: str, kind: str = "", year: int | None = None, autocomplete: bool = False, complaints: bool = True
):
    """The result sets, already restricted to live, public content. ``autocomplete`` matches prefixes
    (complaint search always does). ``complaints=False`` leaves complaints out (suggestions show
    titles as stored, and a complaint's stored title is not its public, redacted one)."""
    method = "autocomplete" if autocomplete else "search"
    pages = docs = None
    if kind in ("", "page"):
        qs = Page.objects.live().public().exclude(depth__lte=1)
        if year:
            start, end = _year_range(year)
            qs = qs.filter(first_published_at__gte=start, first_published_at__lt=end)
        pages = getattr(qs, method)(query)
    if kind in ("", "document"):
        qs = public_documents()
        if year:
            qs = qs.filter(year=year)
        docs = getattr(qs, method)(query)
    found = None
    if complaints and kind in ("", "complaint"):
        start, end = _year_range(year) if year else (None, None)
        found = complaint_public_list(q=query, start=start, end=end)
    return ChainedResults(pages, docs, found)


def to_hits(objects: list, terms: list[str], *, words: int = 0) -> list[Hit]:
    """Turn a page of raw results into display rows (one query per page type, not per row)."""
    page_ids = [o.pk for o in objects if isinstance(o, Page)]
    specific = {p.pk: p for p in Page.objects.filter(pk__in=page_ids).specific()} if page_ids else {}
    doc_ids = [o.pk for o in objects if not isinstance(o, Page | Complaint)]
    docs = {}
    if doc_ids:
        model = type(next(o for o in objects if not isinstance(o, Page | Complaint)))
        docs = {d.pk: d for d in model.objects.filter(pk__in=doc_ids).select_related("opd")}
    track_url = _track_url() if any(isinstance(o, Complaint) for o in objects) else ""
    hits = []
    for obj in objects:
        if isinstance(obj, Complaint):
            hits.append(_complaint_hit(obj, terms, track_url, words))
        elif isinstance(obj, Page):
            page = specific.get(obj.pk, obj)
            snippet = _page_snippet(page)
            date = getattr(page, "date", None) or (
                timezone.localtime(page.first_published_at).date() if page.first_published_at else None
            )
            hits.append(
                Hit(
                    kind="page",
                    kind_label=str(page._meta.verbose_name),
                    title=highlight(page.title, terms),
                    url=page.url or "",
                    snippet=highlight(snippet, terms),
                    meta=date_format(date, "j F Y") if date else "",
                )
            )
        else:
            doc = docs.get(obj.pk, obj)
            meta = " · ".join(str(x) for x in (doc.get_kind_display(), doc.year, doc.opd.name if doc.opd else "") if x)
            hits.append(
                Hit(
                    kind="document",
                    kind_label=str(_("Dokumen")),
                    title=highlight(doc.title, terms),
                    url=doc.url,
                    snippet=highlight(Truncator(doc.description).words(SNIPPET_WORDS), terms),
                    meta=meta,
                )
            )
    return hits


def _page_snippet(page) -> str:
    text = page.search_description or ""
    if not text:
        intro = getattr(page, "intro", "") or ""
        text = strip_tags(str(intro))
    return Truncator(text.strip()).words(SNIPPET_WORDS)


def _track_url() -> str:
    page = ComplaintTrackPage.objects.live().public().first()
    return (page.url or "") if page else ""


def searched_in(kind: str) -> str:
    """What a search looked through, in words for the results page ("halaman, dokumen dan pengaduan publik")."""
    names = {
        "page": _("halaman situs"),
        "document": _("dokumen publik"),
        "complaint": _("pengaduan publik yang sudah diverifikasi"),
    }
    chosen = [str(label) for key, label in names.items() if kind in ("", key)]
    return (
        chosen[0]
        if len(chosen) == 1
        else _("%(first)s dan %(last)s")
        % {
            "first": ", ".join(chosen[:-1]),
            "last": chosen[-1],
        }
    )


def _complaint_hit(complaint: Complaint, terms: list[str], track_url: str, words: int) -> Hit:
    """A public complaint as a result: its public (redacted) text, status and OPD, linked to its
    public page on the tracking page (``?kode=``)."""
    public = exposure.public_dict(complaint)
    created = timezone.localtime(public["created_at"]).date()
    meta = " · ".join(
        str(x) for x in (date_format(created, "j F Y"), public["status_label"], (public["opd"] or {}).get("name")) if x
    )
    return Hit(
        kind="complaint",
        kind_label=str(_("Pengaduan")),
        title=highlight(public["title"], terms),
        url=f"{track_url}?kode={public['tracking_code']}" if track_url else "",
        snippet=highlight(Truncator(public["description"]).words(SNIPPET_WORDS), terms),
        meta=meta,
        note=_partial_note(getattr(complaint, "matched_words", words), words),
    )


def _partial_note(matched: int, words: int) -> str:
    if not words or matched >= words:
        return ""
    return str(_("Memuat %(matched)s dari %(words)s kata yang dicari") % {"matched": matched, "words": words})
