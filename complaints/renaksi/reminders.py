"""The Renaksi job's rules: remind the owner OPD before a quarter's progress is due, and tell it
when an action is overdue. Run daily by the django-q2 schedule ``complaints.renaksi_reminders``
(``complaints.tasks.renaksi_reminders``).

Once only: each (action, kind, period) gets one ``ActionNotice`` row (unique), created in the same
transaction as its notifications; a second run, or a second worker, finds the row and sends
nothing. The notifications' dedupe keys say the same thing to the notifications app.

Recipients: the owner OPD's members (operators and heads) and its active complaint liaisons.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from cms.formatting import format_date
from notifications.services import notify
from organizations.models import Membership

from ..deadlines import local_today
from ..models import ContactPoint
from .models import Action, ActionNotice, ActionProgress, NoticeKind, PlanStatus
from .status import ActionStatus, progress_due_date, reporting_quarter, status_of, with_latest_percent

KIND_REMINDER = "complaints.renaksi_reminder"
KIND_OVERDUE = "complaints.renaksi_overdue"


def _recipients(opd_ids: set[int]) -> dict[int, list]:
    """OPD id -> active users to tell (members and liaisons), in two queries."""
    out: dict[int, dict] = defaultdict(dict)
    members = Membership.objects.filter(opd_id__in=opd_ids, user__is_active=True).select_related("user")
    liaisons = ContactPoint.objects.filter(opd_id__in=opd_ids, is_active=True, user__is_active=True)
    for row in [*members, *liaisons.select_related("user")]:
        out[row.opd_id][row.user_id] = row.user
    return {opd_id: list(users.values()) for opd_id, users in out.items()}


def _send(action: Action, *, kind: str, period: str, users: list, subject: str, body: str) -> bool:
    """Record the notice and notify, once: False when this (action, kind, period) was sent before."""
    try:
        with transaction.atomic():
            notice = ActionNotice.objects.create(action=action, kind=kind, period=period, recipients=len(users))
            notify(
                recipients=users,
                subject=subject,
                body=body,
                url=reverse("complaints_renaksi_mine"),
                dedupe_key=f"renaksi:{action.pk}:{kind}:{period}",
                kind=KIND_REMINDER if kind == NoticeKind.REMINDER else KIND_OVERDUE,
            )
    except IntegrityError:
        return False
    return notice.pk is not None


def renaksi_reminders_send(*, today: dt.date | None = None) -> dict[str, int]:
    """Send what is due today; returns how many reminders and overdue notices went out."""
    today = today or local_today()
    quarter = reporting_quarter(today)
    actions = list(
        with_latest_percent(Action.objects.filter(plan__status=PlanStatus.ACTIVE)).select_related("plan", "opd")
    )
    reported: set[int] = set()
    if quarter is not None:
        reported = set(
            ActionProgress.objects.filter(
                action__in=[a.pk for a in actions], year=quarter[0], quarter=quarter[1]
            ).values_list("action_id", flat=True)
        )
    sent_before = set(
        ActionNotice.objects.filter(action__in=[a.pk for a in actions]).values_list("action_id", "kind", "period")
    )
    recipients = _recipients({a.opd_id for a in actions})
    counts = {"reminders": 0, "overdue": 0}
    for action in actions:
        status = status_of(action, today=today)
        if status == ActionStatus.DONE:
            continue
        users = recipients.get(action.opd_id, [])
        label = f"{action.code} {action.title}"
        if status == ActionStatus.LATE:
            period = action.due_date.isoformat()
            if (action.pk, NoticeKind.OVERDUE, period) not in sent_before and _send(
                action,
                kind=NoticeKind.OVERDUE,
                period=period,
                users=users,
                subject=_("Aksi Renaksi terlambat: %(a)s") % {"a": label},
                body=_("Batas waktu %(d)s sudah lewat dan capaian belum 100%%. Laporkan kemajuannya.")
                % {"d": format_date(action.due_date, language="id")},
            ):
                counts["overdue"] += 1
        if quarter is None or quarter[0] not in action.plan.years or action.pk in reported:
            continue
        period = f"{quarter[0]}-TW{quarter[1]}"
        if (action.pk, NoticeKind.REMINDER, period) not in sent_before and _send(
            action,
            kind=NoticeKind.REMINDER,
            period=period,
            users=users,
            subject=_("Laporan kemajuan Renaksi TW %(q)s %(y)s: %(a)s")
            % {"q": quarter[1], "y": quarter[0], "a": label},
            body=_("Laporkan kemajuan aksi ini beserta bukti dukung paling lambat %(d)s.")
            % {"d": format_date(progress_due_date(*quarter), language="id")},
        ):
            counts["reminders"] += 1
    return counts
