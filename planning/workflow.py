"""Realisation and the Perjanjian Kinerja: the OPD enters, Bappeda verifies; a signed agreement
freezes its targets and changes only through a revision with a reason.

Realisation is cumulative to the end of its quarter (Q4 is the year's figure). A verified
quarter is what the public pages, the API and the LKjIP count.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from forms_builder.field_base import FieldError
from forms_builder.uploads import File

from .models import (
    AgreementItem,
    AgreementRevision,
    AgreementStatus,
    Evidence,
    Indicator,
    IndicatorTarget,
    PerformanceAgreement,
    Realisation,
    RealisationStatus,
)
from .performance_models import QUARTERS
from .permissions import can_enter_realisation, can_plan, can_verify
from .services import _audited

#: Evidence: the same content-sniffed checks as a form's file field.
EVIDENCE_SPEC = {"key": "bukti", "allowed_types": ["pdf", "jpg", "png", "xlsx", "docx"], "max_size_mb": 10}


def evidence_check(upload) -> dict:
    """``{name, size, mime}`` of an acceptable evidence file, else a ``ValidationError``."""
    try:
        return File().clean(upload, EVIDENCE_SPEC, None)
    except FieldError as exc:
        raise ValidationError({"evidence": [str(exc)]}) from None


@transaction.atomic
def realisation_submit(
    *,
    indicator: Indicator,
    year: int,
    quarter: int,
    value: Decimal | None,
    actor,
    plan_value: Decimal | None = None,
    note: str = "",
    files: Iterable = (),
) -> Realisation:
    """The OPD's figure for a quarter (with evidence), sent to Bappeda for verification."""
    opd_id = indicator.node.opd_id or indicator.responsible_opd_id  # a Pemda IKU: its responsible OPD
    if not can_enter_realisation(actor, opd_id):
        raise PermissionDenied(_("Anda tidak dapat mengisi realisasi OPD ini."))
    if quarter not in QUARTERS:
        raise ValidationError({"quarter": [_("Triwulan harus 1 sampai 4.")]})
    if value is None:
        raise ValidationError({"value": [_("Isi realisasi.")]})
    if value < 0:
        raise ValidationError({"value": [_("Realisasi tidak boleh negatif.")]})
    checked = [(f, evidence_check(f)) for f in files]
    real = Realisation.objects.select_for_update().filter(indicator=indicator, year=year, quarter=quarter).first()
    if real is not None and real.status == RealisationStatus.VERIFIED:
        raise ValidationError({"value": [_("Realisasi yang sudah diverifikasi tidak dapat diubah.")]})
    real = real or Realisation(indicator=indicator, year=year, quarter=quarter)
    real.value, real.note, real.status, real.entered_by = value, note, RealisationStatus.SUBMITTED, actor
    if plan_value is not None:
        real.plan_value = plan_value
    _audited(real, actor=actor, reason=_("Realisasi triwulan diajukan")).save()
    for upload, meta in checked:
        evidence = Evidence(realisation=real, uploaded_by=actor, **meta)
        evidence.file.save(meta["name"] or "bukti", upload, save=False)
        _audited(evidence, actor=actor, reason=_("Bukti dukung diunggah")).save()
    return real


@transaction.atomic
def realisation_review(*, realisation: Realisation, actor, approve: bool, note: str = "") -> Realisation:
    """Bappeda verifies a submitted quarter, or returns it with a note to the OPD."""
    if not can_verify(actor):
        raise PermissionDenied(_("Hanya Bappeda yang dapat memverifikasi realisasi."))
    real = Realisation.objects.select_for_update().get(pk=realisation.pk)
    if real.status != RealisationStatus.SUBMITTED:
        raise ValidationError({"status": [_("Hanya realisasi yang diajukan yang dapat diverifikasi.")]})
    if not approve and not note.strip():
        raise ValidationError({"note": [_("Tulis alasan pengembalian.")]})
    real.status = RealisationStatus.VERIFIED if approve else RealisationStatus.RETURNED
    real.review_note = note
    real.verified_by, real.verified_at = (actor, timezone.now()) if approve else (None, None)
    reason = _("Realisasi diverifikasi") if approve else _("Realisasi dikembalikan: %(n)s") % {"n": note}
    _audited(real, actor=actor, reason=reason).save()
    return real


def _targets_snapshot(agreement: PerformanceAgreement) -> dict:
    return {
        str(i.indicator_id): [str(v) if v is not None else None for v in (i.value, i.value_min, i.value_max)]
        for i in agreement.items.all()
    }


@transaction.atomic
def agreement_sign(*, agreement: PerformanceAgreement, signatory: str, signed_on, actor) -> PerformanceAgreement:
    """Sign the year's agreement: the OPD's indicator targets of that year are frozen in it."""
    if not (can_plan(actor) or can_enter_realisation(actor, agreement.opd_id)):
        raise PermissionDenied(_("Anda tidak dapat menandatangani perjanjian kinerja OPD ini."))
    if agreement.status == AgreementStatus.SIGNED:
        raise ValidationError({"status": [_("Perjanjian kinerja sudah ditandatangani; ubah melalui revisi.")]})
    if not signatory.strip():
        raise ValidationError({"signatory": [_("Isi nama penanda tangan.")]})
    targets = IndicatorTarget.objects.filter(
        indicator__node__opd_id=agreement.opd_id, indicator__node__rpjmd_id=agreement.rpjmd_id, year=agreement.year
    )
    have = {i.indicator_id: i for i in agreement.items.all()}
    for t in targets:
        item = have.get(t.indicator_id) or AgreementItem(agreement=agreement, indicator_id=t.indicator_id)
        item.value, item.value_min, item.value_max = t.value, t.value_min, t.value_max
        _audited(item, actor=actor, reason=_("Target dibekukan saat penandatanganan")).save()
    agreement.status, agreement.signatory, agreement.signed_on = AgreementStatus.SIGNED, signatory, signed_on
    _audited(agreement, actor=actor, reason=_("Perjanjian kinerja ditandatangani")).save()
    return agreement


@transaction.atomic
def agreement_revise(
    *, agreement: PerformanceAgreement, targets: dict[int, tuple], reason: str, actor
) -> PerformanceAgreement:
    """Change a signed agreement's targets ``{indicator id: (value, a, b)}``, keeping what they were."""
    if not can_plan(actor):
        raise PermissionDenied(_("Hanya Bappeda yang dapat merevisi perjanjian kinerja."))
    if agreement.status != AgreementStatus.SIGNED:
        raise ValidationError({"status": [_("Hanya perjanjian yang sudah ditandatangani yang direvisi.")]})
    if not reason.strip():
        raise ValidationError({"reason": [_("Tulis alasan revisi.")]})
    items = {i.indicator_id: i for i in agreement.items.select_for_update()}
    unknown = set(targets) - set(items)
    if unknown:
        raise ValidationError({"targets": [_("Indikator tidak ada dalam perjanjian ini.")]})
    agreement.revision += 1
    AgreementRevision.objects.create(
        agreement=agreement,
        number=agreement.revision,
        reason=reason,
        previous_targets=_targets_snapshot(agreement),
        created_by=actor,
    )
    for indicator_id, (value, low, high) in targets.items():
        item = items[indicator_id]
        item.value, item.value_min, item.value_max = value, low, high
        _audited(item, actor=actor, reason=reason).save()
    _audited(agreement, actor=actor, reason=_("Revisi %(n)d: %(r)s") % {"n": agreement.revision, "r": reason}).save()
    return agreement
