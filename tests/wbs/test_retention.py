"""Retention: closed reports lose their content after the period; the deletion is recorded."""

import datetime

import pytest
from django.test import override_settings
from django.utils import timezone
from django_q.models import Schedule
from django_q.tasks import async_task

from tests.factories import wbs_report
from wbs import investigation
from wbs.errors import ReceiptNotFoundError
from wbs.models import IdentityRequest, WbsMessage, WbsNote, WbsReport, WbsReportContent, WbsReporterIdentity
from wbs.retention import PURGED_TEXT
from wbs.services import report_by_receipt

pytestmark = pytest.mark.django_db


def _close(report, actor, when):
    import time_machine

    with time_machine.travel(when, tick=False):
        investigation.report_change_status(
            report=report, status="tidak_terbukti", reason="Tidak terbukti.", actor=actor
        )


@override_settings(WBS_RETENTION_DAYS=30)
def test_job_purges_expired_content_and_records_it(report, opds, category, inspector_a, inspector_b):
    old, code = report
    investigation.message_send(report=old, actor=inspector_a, body="Pesan")
    investigation.note_add(report=old, actor=inspector_a, body="Catatan rahasia")
    req = investigation.identity_request_create(
        report=old, actor=inspector_a, reason="Alasan memuat kutipan isi laporan."
    )
    investigation.identity_request_decide(identity_request=req, actor=inspector_b, approve=True, note="ok sah")
    _close(old, inspector_a, timezone.now() - datetime.timedelta(days=31))
    recent, recent_code = wbs_report(opd=opds["dinkes"], category=category)
    _close(recent, inspector_a, timezone.now() - datetime.timedelta(days=29))
    open_report, _ = wbs_report(opd=opds["dinkes"], category=category)

    async_task("wbs.tasks.purge_expired_reports")  # sync in tests: runs the real django-q2 task path

    old.refresh_from_db()
    assert old.content_purged_at is not None
    assert old.secret_hash == ""
    for model in (WbsReportContent, WbsReporterIdentity, WbsMessage, WbsNote):
        assert not model.objects.filter(report=old).exists()
    assert IdentityRequest.objects.get(pk=req.pk).reason == PURGED_TEXT
    history_fields = {f.name for f in IdentityRequest.history.model._meta.fields}
    assert not {"reason", "decision_note"} & history_fields  # the reasons never reach history
    last = old.history.first()
    assert (last.history_door, last.history_actor) == ("job", "job:wbs_retention")
    assert last.history_change_reason.startswith("Retensi: isi laporan dihapus")
    with pytest.raises(ReceiptNotFoundError):
        report_by_receipt(code=code)
    # Not yet due, or still open: untouched.
    assert WbsReportContent.objects.filter(report=recent).exists()
    assert WbsReportContent.objects.filter(report=open_report).exists()
    assert report_by_receipt(code=recent_code).pk == recent.pk
    assert WbsReport.objects.filter(content_purged_at__isnull=False).count() == 1


def test_retention_is_scheduled_daily(db):
    schedule = Schedule.objects.get(name="wbs_retention")
    assert schedule.func == "wbs.tasks.purge_expired_reports"
    assert schedule.schedule_type == Schedule.DAILY
