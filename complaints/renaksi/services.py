"""Changes to the Renaksi: each takes the acting user, checks ``access``, runs in a transaction and
records who and why in the audit trail (``acting_as`` with a reason).

A change that moves an action's goalposts in a running plan (its due date or owner OPD) needs a
reason, and so does correcting a quarter already reported: the history shows why.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.actors import Door, acting_as

from ..attachments import clean_uploads, max_files
from ..deadlines import local_today
from ..errors import PermissionDenied, ValidationError
from ..uploads import take_uploads
from . import access
from .models import Action, ActionEvidence, ActionPlan, ActionProgress, PlanStatus
from .status import quarter_choices_for

#: Fields of an action whose change in a running plan needs a recorded reason.
GOALPOST_FIELDS = ("due_date", "opd_id")


def _as(actor, door: str, reason: str):
    return acting_as(f"user:{actor.get_username()}", door=door, user=actor, reason=reason)


def _full_clean(instance, *, exclude=None) -> None:
    instance.full_clean(exclude=exclude, validate_unique=True)


def plan_save(*, plan: ActionPlan, actor, door: str = Door.ADMIN, reason: str = "") -> ActionPlan:
    """Create or change a plan (plan editors only); closing or reopening a plan needs a reason."""
    if not access.can_edit_plan(actor):
        raise PermissionDenied(_("Hanya Meja Pengaduan atau Bappeda yang dapat mengubah rencana aksi."))
    old = ActionPlan.objects.filter(pk=plan.pk).values("status").first() if plan.pk else None
    status_changed = old is not None and old["status"] != plan.status
    reason = (reason or "").strip()
    if status_changed and old["status"] != PlanStatus.DRAFT and not reason:
        raise ValidationError({"reason": [_("Sebutkan alasan mengubah status rencana aksi yang sudah berjalan.")]})
    _full_clean(plan)
    default = _("rencana aksi dibuat") if plan.pk is None else _("rencana aksi diubah")
    with _as(actor, door, reason or str(default)), transaction.atomic():
        plan.save()
    return plan


def action_save(*, action: Action, actor, door: str = Door.ADMIN, reason: str = "") -> Action:
    """Create or change an action (plan editors only)."""
    if not access.can_edit_plan(actor):
        raise PermissionDenied(_("Hanya Meja Pengaduan atau Bappeda yang dapat mengubah aksi."))
    reason = (reason or "").strip()
    if action.pk:
        old = Action.objects.select_related("plan").get(pk=action.pk)
        moved = [f for f in GOALPOST_FIELDS if getattr(old, f) != getattr(action, f)]
        if moved and old.plan.status == PlanStatus.ACTIVE and not reason:
            raise ValidationError(
                {"reason": [_("Sebutkan alasan mengubah batas waktu atau OPD penanggung jawab pada rencana berjalan.")]}
            )
    _full_clean(action)
    default = _("aksi dibuat") if action.pk is None else _("aksi diubah")
    with _as(actor, door, reason or str(default)), transaction.atomic():
        action.save()
    return action


def progress_report(
    *,
    action: Action,
    actor,
    year: int,
    quarter: int,
    percent: int,
    narrative: str,
    files=(),
    uploads=(),
    reason: str = "",
    door: str = Door.ADMIN,
) -> ActionProgress:
    """Report (or correct, with a reason) one quarter's progress of ``action`` with evidence files:
    uploaded with it (``files``) or kept from an earlier attempt that failed (``uploads``: tokens
    of ``complaints.uploads``, taken once inside the saving transaction).

    Only the owner OPD's people may report, only for quarters of the plan that have started, and
    every evidence file passes ``safefiles`` (type by content, size, metadata stripped)."""
    if not access.can_report(actor, action):
        raise PermissionDenied(_("Hanya OPD penanggung jawab yang dapat melaporkan kemajuan aksi ini."))
    errors: dict[str, list] = {}
    try:
        year, quarter, percent = int(year), int(quarter), int(percent)
    except (TypeError, ValueError):
        raise ValidationError({"percent": [_("Tahun, triwulan dan capaian harus berupa angka.")]}) from None
    if (year, quarter) not in quarter_choices_for(action.plan, today=local_today()):
        errors["quarter"] = [_("Triwulan ini belum dimulai atau di luar tahun rencana aksi.")]
    if not 0 <= percent <= 100:
        errors["percent"] = [_("Capaian harus antara 0 dan 100.")]
    narrative = (narrative or "").strip()
    if not narrative:
        errors["narrative"] = [_("Uraikan kemajuan triwulan ini.")]
    existing = ActionProgress.objects.filter(action=action, year=year, quarter=quarter).first()
    reason = (reason or "").strip()
    if existing is not None and not reason:
        errors["reason"] = [_("Triwulan ini sudah dilaporkan; sebutkan alasan koreksinya.")]
    if errors:
        raise ValidationError(errors)
    cleaned = clean_uploads(files)  # raises ValidationError({"attachments": …}) on a bad file
    uploads = [t for t in (uploads or []) if t]
    if len(cleaned) + len(uploads) > max_files():
        raise ValidationError({"attachments": [_("Paling banyak %(n)s lampiran.") % {"n": max_files()}]})
    if existing is None and not cleaned and not uploads and percent > 0:
        raise ValidationError({"attachments": [_("Lampirkan minimal satu bukti dukung.")]})
    default = _("kemajuan %(p)s dilaporkan") % {"p": f"TW {quarter} {year}"}
    with _as(actor, door, reason or str(default)), transaction.atomic():
        progress = existing or ActionProgress(action=action, year=year, quarter=quarter)
        progress.percent, progress.narrative = percent, narrative
        progress.reported_by, progress.reported_at = actor, timezone.now()
        progress.save()
        for item in [*cleaned, *take_uploads(uploads)]:
            evidence = ActionEvidence(progress=progress, content_type=item.content_type, size=item.size)
            evidence.file.save(item.content.name, item.content, save=False)
            evidence.save()
    return progress


def evidence_for_download(*, evidence: ActionEvidence, user) -> ActionEvidence:
    """An evidence file for a staff member who may see its action (else ``PermissionDenied``)."""
    if not access.can_see(user, evidence.progress.action):
        raise PermissionDenied(_("Anda tidak berhak melihat bukti ini."))
    return evidence
