"""Scheduled audit jobs run through django-q2 (sync mode) and report tampering."""

import pytest
from django.db import connection
from django_q.models import Schedule
from django_q.tasks import async_task, result

from audit.models import PruneRun
from tests.audit.db_superuser import bypass_append_only_guard
from tests.factories import OPDFactory

pytestmark = pytest.mark.django_db


def test_jobs_are_scheduled_by_migration():
    names = set(Schedule.objects.values_list("name", flat=True))
    assert {"audit.verify_chain", "audit.prune_history"} <= names


def test_verify_job_reports_ok_then_broken(caplog):
    OPDFactory()
    task_id = async_task("audit.tasks.verify_chain_job", sync=True)
    outcome = result(task_id)
    assert outcome["ok"] is True
    assert outcome["seq"] >= 1
    assert len(outcome["hash"]) == 64
    with connection.cursor() as cursor:
        bypass_append_only_guard(cursor)  # act as the database's owner
        cursor.execute("UPDATE audit_auditevent SET actor = 'palsu'")
    task_id = async_task("audit.tasks.verify_chain_job", sync=True)
    assert result(task_id)["ok"] is False
    assert "AUDIT CHAIN BROKEN" in caplog.text


def test_prune_job_does_nothing_without_a_policy(settings):
    settings.AUDIT_RETENTION_DAYS = {}
    OPDFactory()
    task_id = async_task("audit.tasks.prune_history_job", sync=True)
    assert result(task_id) == 0
    assert not PruneRun.objects.exists()
