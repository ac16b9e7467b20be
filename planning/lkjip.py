"""The LKjIP draft: DOCX from a template an editor can replace (docxtpl), and a PDF (fpdf2),
filled from the cascade (achievement per sasaran, comparisons, efficiency).

Each draft is stored as NEW Wagtail documents (kind LKjIP) in the private "Draf LKjIP"
collection: a published LKjIP is never overwritten. The template is the latest Wagtail
document titled "Templat LKjIP", else the default shipped with the app
(``scripts/build_lkjip_template.py``).
"""

from __future__ import annotations

import io
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

from organizations.selectors import current_pemda

from .achievement import Cascade
from .display import DASH, number_text, percent_text
from .permissions import can_plan
from .plan_models import NodeLevel

DEFAULT_TEMPLATE = Path(__file__).parent / "templates" / "planning" / "lkjip_template.docx"
TEMPLATE_TITLE = "Templat LKjIP"
COLLECTION = "Draf LKjIP"


def lkjip_context(cascade: Cascade) -> dict:
    pemda = current_pemda()
    sasaran = []
    for tujuan in cascade.roots:
        for node in (c for c in tujuan.children if c.level == NodeLevel.SASARAN_PEMDA):
            for ind in node.indicators or [None]:
                sasaran.append({
                    "sasaran": f"{node.code} {node.name}",
                    "indicator": ind.name if ind else DASH, "unit": (ind.unit if ind else "") or DASH,
                    "target": ind.target_text if ind else DASH,
                    "realisation": number_text(ind.realisation) if ind else DASH,
                    "achievement": percent_text(ind.achievement if ind else node.achievement),
                    "rating": (ind.rating if ind else node.rating) or _("belum ada data"),
                    "previous": percent_text(ind.previous if ind else node.previous),
                    "five_year": percent_text(ind.final_achievement if ind else node.final_achievement),
                })  # fmt: skip
    opds = [
        {"opd": o.name, "achievement": percent_text(o.achievement), "rating": o.rating or _("belum ada data"),
         "previous": percent_text(o.previous), "efficiency": percent_text(o.efficiency)}
        for o in cascade.opds
    ]  # fmt: skip
    return {
        "pemda": pemda.name if pemda else _("Pemerintah Daerah"),
        "year": cascade.year,
        "plan": cascade.rpjmd.name,
        "generated": formats.date_format(timezone.localdate(), "j F Y"),
        "achievement": percent_text(cascade.achievement),
        "rating": cascade.rating or _("belum ada data"),
        "previous": percent_text(cascade.previous),
        "five_year": percent_text(cascade.final_achievement),
        "sasaran": sasaran,
        "opds": opds,
    }


def _template_file():
    document = get_document_model().objects.filter(title=TEMPLATE_TITLE).order_by("-created_at").first()
    if document is not None:
        return document.file.open("rb")
    return DEFAULT_TEMPLATE.open("rb")


def lkjip_docx(*, context: dict) -> bytes:
    from docxtpl import DocxTemplate

    with _template_file() as handle:
        template = DocxTemplate(io.BytesIO(handle.read()))
    try:
        template.render(context, autoescape=True)
    except Exception as exc:  # a replaced template with a broken tag: say so, never a 500
        raise ValidationError(_("Templat LKjIP tidak dapat diisi: %(e)s") % {"e": exc}) from None
    out = io.BytesIO()
    template.save(out)
    return out.getvalue()


def _latin(text) -> str:
    replace = {"—": "-", "–": "-", "…": "...", "·": "-", "≤": "<=", "≥": ">=", "“": '"', "”": '"', "’": "'"}
    text = str(text)
    for a, b in replace.items():
        text = text.replace(a, b)
    return text.encode("latin-1", "replace").decode("latin-1")


def lkjip_pdf(*, context: dict) -> bytes:
    """A plain A4 landscape PDF with the same tables (core fonts: no system font needed)."""
    from fpdf import FPDF

    pdf = FPDF(orientation="L", format="A4")
    pdf.set_auto_page_break(auto=True, margin=12)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 14)
    pdf.multi_cell(
        0, 8, _latin(f"LKjIP {context['pemda']} - Tahun {context['year']} (draf)"), new_x="LMARGIN", new_y="NEXT"
    )
    pdf.set_font("Helvetica", "", 10)
    lead = _("Capaian kinerja Pemda: %(a)s (%(r)s); tahun sebelumnya %(p)s; terhadap target akhir RPJMD %(f)s.") % {
        "a": context["achievement"],
        "r": context["rating"],
        "p": context["previous"],
        "f": context["five_year"],
    }
    pdf.multi_cell(0, 6, _latin(lead), new_x="LMARGIN", new_y="NEXT")  # fmt: skip
    for title, rows, keys, headers in (
        (_("Capaian indikator kinerja utama per sasaran"), context["sasaran"],
         ("sasaran", "indicator", "target", "realisation", "achievement", "rating"),
         (_("Sasaran"), _("Indikator"), _("Target"), _("Realisasi"), _("Capaian"), _("Predikat"))),
        (_("Capaian kinerja dan efisiensi per OPD"), context["opds"],
         ("opd", "achievement", "rating", "previous", "efficiency"),
         (_("OPD"), _("Capaian"), _("Predikat"), _("Tahun lalu"), _("Efisiensi"))),
    ):  # fmt: skip
        pdf.ln(3)
        pdf.set_font("Helvetica", "B", 11)
        pdf.multi_cell(0, 7, _latin(title), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "", 8)
        with pdf.table() as table:
            table.row([_latin(h) for h in headers])
            for row in rows:
                table.row([_latin(row[k]) for k in keys])
    return bytes(pdf.output())


def _private_collection() -> Collection:
    collection = Collection.objects.filter(name=COLLECTION).first()
    if collection is None:
        collection = Collection.get_first_root_node().add_child(name=COLLECTION)
        CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.LOGIN
        )
    return collection


@transaction.atomic
def lkjip_draft_create(*, cascade: Cascade, actor) -> list:
    """Store a new DOCX and PDF draft (new documents, numbered); returns them."""
    if not can_plan(actor):
        raise PermissionDenied(_("Hanya Bappeda yang dapat menyusun draf LKjIP."))
    context = lkjip_context(cascade)
    Document = get_document_model()
    collection = _private_collection()
    number = Document.objects.filter(collection=collection, title__startswith=f"Draf LKjIP {cascade.year}").count()
    number = number // 2 + 1
    made = []
    for ext, body in (("docx", lkjip_docx(context=context)), ("pdf", lkjip_pdf(context=context))):
        title = f"Draf LKjIP {cascade.year} versi {number} ({ext.upper()})"
        document = Document(title=title, collection=collection, uploaded_by_user=actor)
        extra = {"year": cascade.year, "kind": "lkjip"}
        for field, value in extra.items():
            if hasattr(document, field):
                setattr(document, field, value)
        document.file.save(f"draf-lkjip-{cascade.year}-v{number}.{ext}", ContentFile(body), save=False)
        document.save()
        made.append(document)
    return made
