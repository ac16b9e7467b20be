"""The escalation job: late complaints are escalated once per stage, then once more.

Level 1 (past the stage deadline): the OPD head (verifier members of the assigned OPD) and
the complaint desk are notified. Level 2 (still late ``grace`` working days after level 1):
the Sekda (verifier members of the Sekretariat Daerah) and the Inspektorat role. Each level
is written on the complaint inside a row lock and each notification has a dedupe key, so
two runs (or two workers) never escalate or notify twice.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.actors import Door
from notifications.services import notify
from organizations.models import MembershipRole, OPDKind
from organizations.roles import GlobalRole

from .deadlines import local_date, local_today, working_days_between
from .models import OPEN_STATUSES, Complaint, ComplaintEvent, EventKind, Status
from .workflow import complaint_close, complaint_url, desk_users, opd_users


def grace_days() -> int:
    """Working days between level 1 and level 2 (Pemda policy, configurable)."""
    return settings.COMPLAINT_ESCALATION_GRACE_WORKING_DAYS


def _top_recipients() -> list:
    User = get_user_model()
    sekda = User.objects.filter(
        is_active=True,
        opd_memberships__opd__kind=OPDKind.SEKRETARIAT_DAERAH,
        opd_memberships__role=MembershipRole.VERIFIER,
    )
    inspektorat = User.objects.filter(is_active=True, groups__name=str(GlobalRole.INSPECTORATE))
    return list((sekda | inspektorat).distinct())


def _escalate(pk: int, *, level: int, today) -> bool:
    with transaction.atomic():
        c = Complaint.objects.select_for_update().filter(pk=pk).first()
        if c is None or c.status not in OPEN_STATUSES or c.due_date is None or c.due_date >= today:
            return False
        if c.escalation_level != level - 1:
            return False
        if level == 2 and working_days_between(local_date(c.escalated_at), today) <= grace_days():
            return False
        c.escalation_level, c.escalated_at = level, timezone.now()
        c.save()
        ComplaintEvent.objects.create(
            complaint=c,
            kind=EventKind.ESCALATED,
            public=False,
            status=c.status,
            body=str(_("Eskalasi tingkat %(n)s: lewat batas waktu %(d)s.") % {"n": level, "d": c.due_date}),
        )
        if level == 1:
            recipients = desk_users() + (opd_users(c.opd_id, heads_only=True) if c.opd_id else [])
        else:
            recipients = _top_recipients()
        notify(
            recipients=recipients,
            subject=_("Pengaduan terlambat (eskalasi %(n)s): %(code)s") % {"n": level, "code": c.tracking_code},
            body=str(c.title),
            url=complaint_url(c),
            dedupe_key=f"complaint:{c.pk}:escalate:{level}:{c.due_date}:{c.status}",
        )
        return True


def complaints_escalate() -> dict[str, int]:
    """Run by the django-q2 schedule ``complaints.escalate`` (``complaints.tasks``, as ``job:escalate_complaints``)."""
    counts = {"level1": 0, "level2": 0, "closed": 0}
    today = local_today()
    late = Complaint.objects.filter(status__in=OPEN_STATUSES, due_date__lt=today)
    for pk in list(late.filter(escalation_level=0).values_list("pk", flat=True)):
        counts["level1"] += _escalate(pk, level=1, today=today)
    for pk in list(late.filter(escalation_level=1).values_list("pk", flat=True)):
        counts["level2"] += _escalate(pk, level=2, today=today)
    silent = Complaint.objects.filter(status=Status.ANSWERED, due_date__lt=today)
    for complaint in silent:
        complaint_close(
            complaint=complaint,
            actor=None,
            door=Door.JOB,
            reason=str(_("Ditutup otomatis: tidak ada tanggapan pelapor.")),
        )
        counts["closed"] += 1
    return counts
