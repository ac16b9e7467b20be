"""Renaksi reminders and overdue notices through the django-q2 task: who gets them, and once only
per (action, period) however often the job runs."""

import pytest
from django.core import mail
from django_q.models import Schedule
from django_q.tasks import async_task, result

from complaints.renaksi.models import ActionNotice, NoticeKind
from complaints.schedules import RENAKSI_SCHEDULE
from notifications.models import Notification
from ops.schedules import schedules_sync
from tests.complaints.renaksi_world import add_progress, make_world, travel

pytestmark = pytest.mark.django_db

TASK = "complaints.tasks.renaksi_reminders"


def _run(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return result(async_task(TASK))


def test_the_daily_schedule_is_declared():
    schedules_sync()
    schedule = Schedule.objects.get(name=RENAKSI_SCHEDULE)
    assert (schedule.func, schedule.schedule_type) == (TASK, "D")


def test_quarter_reminders_go_to_the_owner_opd_once(pemda, django_capture_on_commit_callbacks):
    w = make_world()
    add_progress(w.actions[1], 2026, 1, 30)  # already reported this quarter: no reminder
    with travel(2026, 3, 30):  # Q1 2026 progress due 10 April: inside the 14-day window
        first = _run(django_capture_on_commit_callbacks)
        second = _run(django_capture_on_commit_callbacks)
    # actions[0] (Dinkes) and both Disdik actions are reminded; nothing is late yet
    assert first == {"reminders": 3, "overdue": 0}
    assert second == {"reminders": 0, "overdue": 0}
    notes = Notification.objects.filter(dedupe_key__startswith=f"renaksi:{w.action.pk}:reminder:")
    assert {n.recipient.username for n in notes} == {"op.dinkes", "kepala.dinkes", "penghubung"}
    assert not Notification.objects.filter(dedupe_key__startswith=f"renaksi:{w.actions[1].pk}:").exists()
    assert not Notification.objects.filter(
        recipient__username__in=["meja", "op.disdik"], dedupe_key__contains=f":{w.action.pk}:"
    ).exists()
    assert ActionNotice.objects.filter(kind=NoticeKind.REMINDER, period="2026-TW1").count() == 3
    assert len(mail.outbox) == Notification.objects.filter(recipient__email__gt="").count()


def test_no_reminder_between_windows_and_none_for_a_draft_plan(pemda, django_capture_on_commit_callbacks):
    make_world()
    with travel(2026, 5, 1):
        assert _run(django_capture_on_commit_callbacks) == {"reminders": 0, "overdue": 0}
    assert not ActionNotice.objects.exists()


def test_overdue_notice_once_per_action_and_due_date(pemda, django_capture_on_commit_callbacks):
    w = make_world()
    late, done = w.other_actions  # both due 30 June 2026
    add_progress(done, 2026, 2, 100)
    add_progress(late, 2026, 2, 60)
    with travel(2026, 7, 20):  # between windows: only overdue notices
        assert _run(django_capture_on_commit_callbacks) == {"reminders": 0, "overdue": 1}
        assert _run(django_capture_on_commit_callbacks) == {"reminders": 0, "overdue": 0}
    notes = Notification.objects.filter(dedupe_key__startswith=f"renaksi:{late.pk}:overdue:")
    assert [n.recipient.username for n in notes] == ["op.disdik"]
    assert "terlambat" in notes[0].subject
    # a new due date is a new period: one more notice once it passes too
    late.due_date = late.due_date.replace(month=9)
    late.save()
    with travel(2026, 10, 20):
        assert _run(django_capture_on_commit_callbacks)["overdue"] == 1
    assert ActionNotice.objects.filter(action=late, kind=NoticeKind.OVERDUE).count() == 2


def test_the_job_writes_as_the_job_actor(pemda, django_capture_on_commit_callbacks):
    w = make_world()
    with travel(2026, 3, 30):
        _run(django_capture_on_commit_callbacks)
    history = Notification.history.filter(dedupe_key__startswith=f"renaksi:{w.action.pk}:").first()
    assert (history.history_actor, history.history_door) == ("job:renaksi_reminders", "job")
