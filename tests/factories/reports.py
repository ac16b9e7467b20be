"""Factories and helpers for periodic reporting (assignments, submissions).

``make_report_form()`` publishes a small form whose fields cover every reporting rule:
a public field, a private field, a carry-forward field, a required field, a file field
and a table. ``make_assignment()`` assigns it (through the service) and creates the
expected submissions.
"""

__all__ = [
    "AssignmentFactory",
    "SubmissionFactory",
    "editor_user",
    "make_assignment",
    "make_report_form",
    "pdf_upload",
    "png_upload",
    "report_schema",
    "report_slot",
    "reviewer_user",
]

import io
import os
from types import SimpleNamespace

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from organizations.models import MembershipRole
from organizations.roles import GlobalRole
from reporting.models import Assignment, PeriodType, Submission, SubmissionStatus
from reporting.periods import deadline_for, periods_ensure

from .forms import make_form
from .organizations import OPDFactory, UserFactory, opd_user


def report_schema(key: str = "laporan_uji", **overrides) -> dict:
    """Fields: ``nama_kegiatan`` (required, public), ``jumlah_pegawai`` (public, carry_forward),
    ``catatan_internal`` (private), ``dokumen`` (file, pdf/png up to 1 MB), table ``realisasi``
    (public, carry_forward; ``kegiatan`` required, ``pagu``, ``realisasi``, computed ``serapan``),
    computed ``total_pagu`` (public)."""
    schema = {
        "schema_version": 1,
        "key": key,
        "title": "Laporan Uji",
        "description": "",
        "fields": [
            {
                "key": "profil",
                "type": "section",
                "label": "Profil",
                "fields": [
                    {
                        "key": "nama_kegiatan",
                        "type": "short_text",
                        "label": "Nama kegiatan",
                        "required": True,
                        "public": True,
                    },
                    {
                        "key": "jumlah_pegawai",
                        "type": "integer",
                        "label": "Jumlah pegawai",
                        "public": True,
                        "carry_forward": True,
                    },
                    {"key": "catatan_internal", "type": "long_text", "label": "Catatan internal"},
                    {
                        "key": "dokumen",
                        "type": "file",
                        "label": "Dokumen pendukung",
                        "allowed_types": ["pdf", "png"],
                        "max_size_mb": 1,
                        "public": True,  # must still never reach public pages
                    },
                ],
            },
            {
                "key": "realisasi",
                "type": "table",
                "label": "Realisasi anggaran",
                "public": True,
                "carry_forward": True,
                "max_rows": 10,
                "columns": [
                    {"key": "kegiatan", "type": "short_text", "label": "Kegiatan", "required": True},
                    {"key": "pagu", "type": "rupiah", "label": "Pagu"},
                    {"key": "realisasi", "type": "rupiah", "label": "Realisasi"},
                    {
                        "key": "serapan",
                        "type": "computed",
                        "label": "Serapan",
                        "formula": "realisasi / pagu * 100",
                        "decimals": 2,
                    },
                ],
            },
            {
                "key": "total_pagu",
                "type": "computed",
                "label": "Total pagu",
                "formula": "sum(realisasi.pagu)",
                "public": True,
            },
        ],
        "rules": [],
        "scoring": {},
    }
    schema.update(overrides)
    return schema


def make_report_form(key: str = "laporan_uji", **overrides):
    """A published ``FormDefinition`` with ``report_schema`` (its version is ``form.versions.get()``)."""
    return make_form(report_schema(key, **overrides))


def editor_user(**kwargs):
    return UserFactory(roles=[GlobalRole.KOMINFO_EDITOR], **kwargs)


def reviewer_user(**kwargs):
    return UserFactory(roles=[GlobalRole.BAPPEDA_REVIEWER], **kwargs)


def make_assignment(
    *,
    form=None,
    opds=None,
    opd_kinds=(),
    period_type: str = PeriodType.QUARTERLY,
    year: int | None = None,
    numbers=None,
    actor=None,
    **kwargs,
) -> Assignment:
    """Assign ``form`` (default: a new ``make_report_form``) through ``assignment_create``.

    ``numbers`` picks periods of ``year`` (default: all of the current year's)."""
    from reporting.assignments import assignment_create

    form = form or make_report_form(key=f"laporan_{Assignment.objects.count() + 1}_{timezone.now():%H%M%S%f}")
    year = year or timezone.localdate().year
    periods = periods_ensure(period_type=period_type, year=year)
    if numbers is not None:
        periods = [p for p in periods if p.number in set(numbers)]
    if opds is None and not opd_kinds:
        opds = [OPDFactory()]
    return assignment_create(
        actor=actor or editor_user(),
        form=form,
        title=kwargs.pop("title", f"Penugasan {form.title}"),
        period_type=period_type,
        periods=periods,
        opds=opds or (),
        opd_kinds=opd_kinds,
        **kwargs,
    )


def report_slot(*, year: int | None = None, number: int = 1, opd=None, form=None, **kwargs) -> SimpleNamespace:
    """One expected quarterly submission plus the people around it.

    Returns a namespace with ``submission``, ``assignment``, ``form``, ``opd``, ``operator``
    and ``verifier`` (members of that OPD). The default year is next year, so the period is
    still open (not locked) whatever today is; pass a past year for a locked one.
    """
    opd = opd or OPDFactory()
    year = year or timezone.localdate().year + 1
    assignment = make_assignment(form=form, opds=[opd], year=year, numbers=[number], **kwargs)
    submission = Submission.objects.get(assignment=assignment, opd=opd)
    return SimpleNamespace(
        submission=submission,
        assignment=assignment,
        form=assignment.form,
        opd=opd,
        operator=opd_user(opd),
        verifier=opd_user(opd, role=MembershipRole.VERIFIER),
    )


class AssignmentFactory(factory.django.DjangoModelFactory):
    """A bare assignment row (no periods, no expected rows); prefer ``make_assignment``."""

    class Meta:
        model = Assignment

    title = factory.Sequence(lambda n: f"Penugasan {n}")
    form = factory.LazyFunction(
        lambda: make_report_form(key=f"laporan_f{Assignment.objects.count()}_{timezone.now():%H%M%S%f}")
    )
    period_type = PeriodType.QUARTERLY
    reminder_days = factory.LazyFunction(lambda: [7, 1])


def _deadlines(obj, index: int):
    return deadline_for(period=obj.period, due_days=obj.assignment.due_days, grace_days=obj.assignment.grace_days)[
        index
    ]


class SubmissionFactory(factory.django.DjangoModelFactory):
    """One expected submission (not started) of an assignment × period × OPD."""

    class Meta:
        model = Submission

    assignment = factory.SubFactory(AssignmentFactory)
    period = factory.LazyFunction(
        lambda: periods_ensure(period_type=PeriodType.QUARTERLY, year=timezone.localdate().year)[0]
    )
    opd = factory.SubFactory(OPDFactory)
    status = SubmissionStatus.NOT_STARTED
    due_at = factory.LazyAttribute(lambda o: _deadlines(o, 0))
    locks_at = factory.LazyAttribute(lambda o: _deadlines(o, 1))


def _png_bytes() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, format="PNG")
    return buffer.getvalue()


def pdf_upload(name: str = "laporan.pdf", size: int = 0) -> SimpleUploadedFile:
    """A small real PDF of one blank page (padded inside a stream to about ``size`` bytes)."""
    import pikepdf

    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(200, 200))
    if size:
        pdf.Root.Padding = pdf.make_stream(os.urandom(size))  # incompressible
    out = io.BytesIO()
    pdf.save(out)
    return SimpleUploadedFile(name, out.getvalue(), content_type="application/pdf")


def png_upload(name: str = "foto.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, _png_bytes(), content_type="image/png")
