"""Alerts: newly late stages, critical contracts and absorption below the red threshold.

Each alert is one ``Alert`` row (unique per kind and subject) and goes once: the row is created
once, ``notify`` is called with a dedupe key, so a re-run or a retried job sends nothing twice. An
alert still open after ``BudgetRules.escalation_days`` goes (once) to the OPD head and the leaders.
During the Pemda's quiet hours nothing is sent: the alerts wait (``sent_at`` empty) and the scan
runs again when the quiet hours end. ``notify`` is the only way out: in-app and email for accounts
(plus SMS/WhatsApp when they opted in), and one phone channel for ``tel:`` recipients (parties
without an account).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from notifications.channels import PhoneChannel, active_channels
from notifications.services import notify
from organizations.models import Membership, MembershipRole
from organizations.roles import GlobalRole

from .absorption import absorption_rows, display_pct
from .clock import as_of_month, local_now
from .contracts import contract_views
from .models import Alert, AlertKind, BudgetRules, ContractParty, ContractStage, FiscalYear, PartyRole
from .rules import rules_in_force, stage_days_late


@dataclass
class ScanResult:
    opened: int = 0
    sent: int = 0
    escalated: int = 0
    closed: int = 0
    deferred: bool = False
    resume_at: dt.datetime | None = None
    kinds: dict[str, int] = field(default_factory=dict)


def in_quiet_hours(*, moment: dt.datetime, rules: BudgetRules) -> dt.datetime | None:
    """When ``moment`` (local) is in the quiet hours, the local time they end; else ``None``."""
    start, end, now = rules.quiet_hours_start, rules.quiet_hours_end, moment.timetz().replace(tzinfo=None)
    if start == end:
        return None
    quiet = (start <= now or now < end) if start > end else (start <= now < end)
    if not quiet:
        return None
    day = moment.date() if now < end else moment.date() + dt.timedelta(days=1)
    return dt.datetime.combine(day, end, tzinfo=moment.tzinfo)


def scan(*, now: dt.datetime | None = None) -> ScanResult:
    """Open new alerts, close the resolved ones, send and escalate (unless in quiet hours)."""
    now = now or local_now()
    today = now.date()
    rules = rules_in_force(on=today)
    result = ScanResult()
    with transaction.atomic():
        wanted = _open_subjects(today=today, rules=rules)
        existing = {(a.kind, a.subject_key): a for a in Alert.objects.filter(closed_on__isnull=True)}
        new = [
            Alert(kind=kind, subject_key=key, opd_id=opd_id, opened_on=today)
            for (kind, key), opd_id in wanted.items()
            if (kind, key) not in existing
        ]
        Alert.objects.bulk_create(new, ignore_conflicts=True)
        result.opened = len(new)
        gone = [a.pk for k, a in existing.items() if k not in wanted]
        result.closed = Alert.objects.filter(pk__in=gone).update(closed_on=today)
    resume = in_quiet_hours(moment=now, rules=rules)
    if resume is not None:
        result.deferred, result.resume_at = True, resume
        return result
    for alert in Alert.objects.filter(closed_on__isnull=True, sent_at__isnull=True).select_related("opd"):
        if _send(alert, escalate=False):
            result.sent += 1
    due = today - dt.timedelta(days=rules.escalation_days)
    for alert in Alert.objects.filter(
        closed_on__isnull=True, escalated_at__isnull=True, sent_at__isnull=False, opened_on__lte=due
    ).select_related("opd"):
        if _send(alert, escalate=True):
            result.escalated += 1
    return result


def _open_subjects(*, today: dt.date, rules: BudgetRules) -> dict[tuple[str, str], int]:
    """Every subject that deserves an alert today: (kind, key) → OPD id."""
    wanted: dict[tuple[str, str], int] = {}
    for year in FiscalYear.objects.filter(year__in=(today.year - 1, today.year)).values_list("year", flat=True):
        for view in contract_views(user=None, year=year, today=today):
            opd_id = view.opd.pk
            for late in view.late_stages:
                wanted[(AlertKind.LATE_STAGE, f"stage:{late.stage.pk}")] = opd_id
            if view.critical:
                wanted[(AlertKind.CRITICAL_CONTRACT, f"contract:{view.contract.pk}")] = opd_id
        month = as_of_month(year=year, today=today)
        if year == today.year and month:
            for row in absorption_rows(user=None, year=year, month=month):
                if row.status == "red":
                    wanted[(AlertKind.LOW_ABSORPTION, f"absorption:{year}:{month}:{row.key}")] = int(row.key)
    return wanted


def _send(alert: Alert, *, escalate: bool) -> bool:
    message = _message(alert)
    if message is None:
        return False
    recipients, subject, body, url = message
    if escalate:
        recipients = _escalation_recipients(alert)
        subject = _("Eskalasi: %(subject)s") % {"subject": subject}
    key = f"budget:{'escalate' if escalate else 'alert'}:{alert.kind}:{alert.subject_key}"
    numbers = [r for r in recipients if isinstance(r, str) and r.startswith("tel:")]
    people = [r for r in recipients if not (isinstance(r, str) and r.startswith("tel:"))]
    notify(recipients=people, subject=subject, body=body, url=url, dedupe_key=key)
    if numbers:
        notify(recipients=numbers, subject=subject, body=body, url=url, dedupe_key=key, channels=_phone_channel())
    field_name = "escalated_at" if escalate else "sent_at"
    Alert.objects.filter(pk=alert.pk).update(**{field_name: timezone.now()})
    return True


def _phone_channel() -> list[str]:
    """A party without an account is reached on ONE phone channel: the first active one in
    ``NOTIFICATION_CHANNELS`` (list WhatsApp before SMS to prefer it). ``notify`` would use every
    active phone channel for a bare number, so a Pemda with both configured sent each contractor the
    same alert twice (once by WhatsApp, once by SMS)."""
    return [c.name for c in active_channels() if isinstance(c, PhoneChannel)][:1]


def _party_recipients(parties: list[ContractParty]) -> list:
    """The party's account when it has one, else its phone as ``tel:`` (the SMS/WhatsApp channels)."""
    out: list = []
    for party in parties:
        if party.user_id:
            out.append(party.user)
        elif party.phone:
            out.append(f"tel:{party.phone}")
    return out


def _message(alert: Alert):
    kind, _prefix, ident = alert.kind, *alert.subject_key.split(":", 1)
    if kind == AlertKind.LATE_STAGE:
        stage = ContractStage.objects.select_related("contract__package").filter(pk=ident).first()
        if stage is None:
            return None
        contract = stage.contract
        parties = list(contract.parties.select_related("user").filter(role__in=[stage.responsible, PartyRole.PPK]))
        days = stage_days_late(stage=stage, today=alert.opened_on, rules=rules_in_force(on=alert.opened_on))
        subject = _("Tahap terlambat: %(stage)s (%(number)s)") % {"stage": stage.name, "number": contract.number}
        body = _("Tahap “%(stage)s” kontrak %(number)s (%(package)s) terlambat %(days)s hari; penanggung jawab: "
                 "%(role)s.") % {"stage": stage.name, "number": contract.number, "package": contract.package.name,
                                "days": days, "role": stage.get_responsible_display()}  # fmt: skip
        return _party_recipients(parties), subject, body, reverse("budget:contract", args=[contract.pk])
    if kind == AlertKind.CRITICAL_CONTRACT:
        parties = list(
            ContractParty.objects.select_related("user", "contract__package").filter(
                contract_id=ident, role__in=[PartyRole.PPK, PartyRole.PROVIDER]
            )
        )
        if not parties:
            return None
        contract = parties[0].contract
        subject = _("Kontrak kritis: %(number)s") % {"number": contract.number}
        body = _(
            "Kontrak %(number)s (%(package)s) berstatus kontrak kritis: realisasi fisik tertinggal dari rencana."
        ) % {"number": contract.number, "package": contract.package.name}
        return _party_recipients(parties), subject, body, reverse("budget:contract", args=[contract.pk])
    year, month, opd_id = ident.split(":")
    rows = absorption_rows(user=None, year=int(year), month=int(month), opd_id=int(opd_id))
    pct = display_pct(rows[0].pct) if rows else "–"
    subject = _("Serapan di bawah ambang: %(opd)s") % {"opd": alert.opd.name}
    body = _("Serapan anggaran %(opd)s s.d. bulan %(month)s/%(year)s baru %(pct)s, di bawah ambang merah.") % {
        "opd": alert.opd.name, "month": month, "year": year, "pct": pct}  # fmt: skip
    return _heads(alert.opd_id), subject, body, reverse("budget:opd", args=[alert.opd_id])


def _heads(opd_id: int) -> list:
    return [
        m.user for m in Membership.objects.filter(opd_id=opd_id, role=MembershipRole.VERIFIER).select_related("user")
    ]


def _escalation_recipients(alert: Alert) -> list:
    leaders = list(get_user_model().objects.filter(groups__name=str(GlobalRole.LEADER), is_active=True))
    return [*_heads(alert.opd_id), *leaders]
