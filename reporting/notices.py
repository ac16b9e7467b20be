"""Notices about periodic reports: returned, submitted, verified, reminders, overdue, locked.

Every notice goes through ``notifications.services.notify`` (in-admin list + email, and any
channel added later) with a dedupe key that names the event, so calling a notice twice for
the same event (a retried job, two workers, a repeated transition hook) sends nothing new.

Recipients are the OPD's members by role (``Membership.role``): operators fill the report,
verifiers (the head of the OPD or their delegate) review it. Callers that notify many
submissions prefetch ``opd__memberships`` (see ``memberships_prefetch``) so no notice queries
the members again.

Texts are Indonesian (the installation's language, whatever language the acting user's
request had), with dates in the Pemda's own time zone (WIB/WITA/WIT).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Prefetch
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cms.formatting import format_datetime
from notifications.services import notify
from organizations.models import Membership, MembershipRole
from organizations.roles import GlobalRole

from .answers import spec_for_path
from .models import Submission, SubmissionStatus
from .periods import local_zone, period_label

OPERATORS = (MembershipRole.OPERATOR,)
VERIFIERS = (MembershipRole.VERIFIER,)
EVERYONE = (MembershipRole.OPERATOR, MembershipRole.VERIFIER)


def memberships_prefetch(prefix: str = "opd__") -> Prefetch:
    """Active members of a submission's OPD with their users, for notices in bulk."""
    return Prefetch(
        f"{prefix}memberships",
        queryset=Membership.objects.filter(user__is_active=True).select_related("user").order_by("pk"),
    )


def submission_admin_url(submission: Submission) -> str:
    """The admin page where the report is filled or reviewed (the admin home as a fallback)."""
    try:
        return reverse("reporting_submission_edit", args=[submission.pk])
    except NoReverseMatch:
        return reverse("wagtailadmin_home")


def recipients_for(submission: Submission, roles: Iterable[str]) -> list:
    """Active users who are members of the submission's OPD with one of ``roles``."""
    wanted = {str(r) for r in roles}
    members = submission.opd.memberships.all()  # prefetched by the jobs; one query otherwise
    return [m.user for m in members if m.role in wanted and m.user.is_active]


def _reviewers_fallback() -> list:
    """Reviewer Bappeda, for an OPD that has no verifier yet (a report must not wait unseen)."""
    User = get_user_model()
    return list(User.objects.filter(is_active=True, groups__name=str(GlobalRole.BAPPEDA_REVIEWER)).distinct())


def local_day(moment: dt.datetime, zone=None) -> dt.date:
    return moment.astimezone(zone or local_zone()).date()


def _facts(submission: Submission, zone=None) -> dict[str, str]:
    zone = zone or local_zone()
    return {
        "form": submission.assignment.form.title,
        "period": str(period_label(submission.period)),
        "opd": str(submission.opd),
        "due": format_datetime(submission.due_at, tz=zone, language="id"),
        "locks": format_datetime(submission.locks_at, tz=zone, language="id"),
    }


def field_label(schema: dict, path: str) -> str:
    """``Nama kegiatan`` for ``nama_kegiatan``; ``Realisasi baris 2, Pagu`` for ``realisasi.1.pagu``."""
    parts = path.split(".")
    try:
        spec = spec_for_path(schema, path) if schema else None
        if spec is None:
            return path
        if len(parts) == 1:
            return str(spec.get("label") or path)
        table = spec_for_path(schema, ".".join(parts[:2])) or {}
        label = _("%(table)s baris %(n)d") % {"table": table.get("label") or parts[0], "n": int(parts[1]) + 1}
        return f"{label}, {spec.get('label') or parts[2]}" if len(parts) == 3 else label
    except (KeyError, TypeError, ValueError):  # an odd path never stops the notice
        return path


def _send(*, submission: Submission, recipients: list, subject: str, body: str, dedupe_key: str) -> int:
    if not recipients:
        return 0
    created = notify(
        recipients=recipients,
        subject=subject,
        body=body,
        url=submission_admin_url(submission),
        dedupe_key=dedupe_key,
    )
    return len(created)


def _language():
    return translation.override(settings.LANGUAGE_CODE or "id")


# --- workflow notices (called by reporting.workflow inside the transition) ---------------


def notify_returned(*, submission: Submission) -> int:
    """Tell the OPD's operators that a report came back, with the verifier's field comments."""
    with _language():
        facts = _facts(submission)
        schema = submission.form_version.schema if submission.form_version_id else {}
        returned = sorted((submission.returned_fields or {}).items())
        lines = [f"- {field_label(schema, path)}" + (f": {comment}" if comment else "") for path, comment in returned]
        last = submission.transitions.filter(to_status=SubmissionStatus.RETURNED).order_by("-at", "-id").first()
        body = _("Laporan %(form)s %(opd)s periode %(period)s dikembalikan oleh verifikator untuk diperbaiki.") % facts
        if last is not None and last.comment:
            body += "\n\n" + _("Catatan verifikator: %(comment)s") % {"comment": last.comment}
        if lines:
            body += "\n\n" + _("Isian yang perlu diperbaiki:") + "\n" + "\n".join(lines)
        body += "\n\n" + _("Perbaiki isian tersebut lalu kirim ulang.")
        if submission.due_at > timezone.now():
            body += " " + _("Batas waktu: %(due)s.") % facts
        recipients = recipients_for(submission, OPERATORS) or recipients_for(submission, EVERYONE)
        return _send(
            submission=submission,
            recipients=recipients,
            subject=_("Laporan dikembalikan: %(form)s — %(period)s") % facts,
            body=body,
            dedupe_key=f"report:returned:{submission.pk}:{submission.round}",
        )


def notify_submitted(*, submission: Submission) -> int:
    """Tell the OPD's verifiers that a report waits for their review."""
    with _language():
        facts = _facts(submission)
        recipients = recipients_for(submission, VERIFIERS) or _reviewers_fallback()
        body = _("Laporan %(form)s %(opd)s periode %(period)s telah dikirim dan menunggu verifikasi.") % facts
        return _send(
            submission=submission,
            recipients=recipients,
            subject=_("Laporan menunggu verifikasi: %(form)s — %(period)s") % facts,
            body=body,
            dedupe_key=f"report:submitted:{submission.pk}:{submission.round}",
        )


def notify_verified(*, submission: Submission) -> int:
    """Tell the OPD's operators that their report was verified."""
    with _language():
        facts = _facts(submission)
        body = _("Laporan %(form)s %(opd)s periode %(period)s telah diverifikasi. Terima kasih.") % facts
        return _send(
            submission=submission,
            recipients=recipients_for(submission, OPERATORS),
            subject=_("Laporan diverifikasi: %(form)s — %(period)s") % facts,
            body=body,
            dedupe_key=f"report:verified:{submission.pk}:{submission.round}",
        )


# --- deadline notices (called by reporting.jobs) ---------------------------------


def assigned_key(assignment_id: int, opd_id: int) -> str:
    return f"report:assigned:{assignment_id}:{opd_id}"


def notify_assigned(*, assignment, new: list[Submission]) -> int:
    """Tell each OPD's operators, once per assignment and OPD, that new reports are expected of it.

    ``new`` are the expected submissions just created (their periods loaded). One query for
    the members of all OPDs concerned; one notice per OPD whatever the number of periods.
    """
    by_opd: dict[int, list[Submission]] = {}
    for sub in new:
        by_opd.setdefault(sub.opd_id, []).append(sub)
    if not by_opd:
        return 0
    members: dict[int, list] = {}
    for m in Membership.objects.filter(
        opd_id__in=list(by_opd), role=MembershipRole.OPERATOR, user__is_active=True
    ).select_related("user", "opd"):
        members.setdefault(m.opd_id, []).append(m)
    sent = 0
    with _language():
        zone = local_zone()
        try:
            url = reverse("reporting_reports")
        except NoReverseMatch:
            url = reverse("wagtailadmin_home")
        for opd_id, subs in by_opd.items():
            found = members.get(opd_id) or []
            if not found:
                continue
            subs.sort(key=lambda s: s.due_at)
            periods = ", ".join(str(period_label(s.period)) for s in subs)
            facts = {
                "title": assignment.title,
                "form": assignment.form.title,
                "opd": found[0].opd.name,
                "periods": periods,
                "due": format_datetime(subs[0].due_at, tz=zone, language="id"),
            }
            body = (
                _(
                    "%(opd)s mendapat penugasan laporan baru: %(title)s (formulir %(form)s).\n\n"
                    "Periode: %(periods)s.\nBatas waktu terdekat: %(due)s."
                )
                % facts
            )
            sent += len(
                notify(
                    recipients=[m.user for m in found],
                    subject=_("Penugasan laporan baru: %(title)s") % facts,
                    body=body,
                    url=url,
                    dedupe_key=assigned_key(assignment.pk, opd_id),
                )
            )
    return sent


def reminder_key(submission: Submission, days_before: int, zone=None) -> str:
    """One reminder per submission, reminder day and due day (a moved deadline reminds again)."""
    return f"report:reminder:{submission.pk}:{local_day(submission.due_at, zone).isoformat()}:{days_before}"


def overdue_key(submission: Submission, zone=None) -> str:
    return f"report:overdue:{submission.pk}:{local_day(submission.due_at, zone).isoformat()}"


def locked_key(submission: Submission, zone=None) -> str:
    return f"report:locked:{submission.pk}:{local_day(submission.locks_at, zone).isoformat()}"


def remind_due(*, submission: Submission, days_before: int, today: dt.date | None = None, zone=None) -> int:
    """Remind the OPD's operators that a report is due soon (the ``days_before`` reminder).

    ``today`` (local) lets the text say how many days are really left when a reminder is
    sent late (the worker was down on the reminder day).
    """
    zone = zone or local_zone()
    with _language():
        facts = _facts(submission, zone)
        left = days_before if today is None else (local_day(submission.due_at, zone) - today).days
        when = _("hari ini") if left <= 0 else (_("besok") if left == 1 else _("%(n)s hari lagi") % {"n": left})
        body = _("Laporan %(form)s %(opd)s periode %(period)s belum dikirim. Batas waktunya %(when)s: %(due)s.") % {
            **facts,
            "when": when,
        }
        body += "\n\n" + _("Lengkapi dan kirim laporan sebelum batas waktu.")
        return _send(
            submission=submission,
            recipients=recipients_for(submission, OPERATORS),
            subject=_("Pengingat: %(form)s — %(period)s jatuh tempo %(when)s") % {**facts, "when": when},
            body=body,
            dedupe_key=reminder_key(submission, days_before, zone),
        )


def notify_overdue(*, submission: Submission, zone=None) -> int:
    """Tell operators and verifiers of the OPD that a report is past its due date."""
    zone = zone or local_zone()
    with _language():
        facts = _facts(submission, zone)
        body = (
            _("Laporan %(form)s %(opd)s periode %(period)s belum dikirim dan telah melewati batas waktu %(due)s.")
            % facts
        )
        body += "\n\n" + _("Laporan masih dapat dikirim sampai %(locks)s; setelah itu periode dikunci.") % facts
        return _send(
            submission=submission,
            recipients=recipients_for(submission, EVERYONE),
            subject=_("Terlambat: %(form)s — %(period)s") % facts,
            body=body,
            dedupe_key=overdue_key(submission, zone),
        )


def notify_locked(*, submission: Submission, zone=None) -> int:
    """Tell operators and verifiers that the period locked without the report."""
    zone = zone or local_zone()
    with _language():
        facts = _facts(submission, zone)
        body = (
            _(
                "Masa tenggang laporan %(form)s %(opd)s periode %(period)s berakhir %(locks)s dan laporan belum "
                "dikirim. Periode kini terkunci; hubungi admin untuk membukanya kembali dengan alasan."
            )
            % facts
        )
        return _send(
            submission=submission,
            recipients=recipients_for(submission, EVERYONE),
            subject=_("Periode terkunci: %(form)s — %(period)s") % facts,
            body=body,
            dedupe_key=locked_key(submission, zone),
        )
