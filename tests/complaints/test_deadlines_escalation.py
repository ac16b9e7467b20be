import datetime as dt

import pytest
import time_machine
from django.core import mail

from complaints.deadlines import add_working_days, is_working_day, working_days_between
from complaints.models import Complaint, ComplaintEvent, EventKind, Handling, Status
from complaints.services import complaint_answer, complaint_assign, complaint_verify, complaints_escalate
from complaints.tasks import SCHEDULE_NAME, escalate_complaints
from notifications.models import Notification
from tests.factories import DayOffFactory, submit_complaint

pytestmark = pytest.mark.django_db
WITA = dt.timezone(dt.timedelta(hours=8))


def at(y, m, d, h=10):
    return time_machine.travel(dt.datetime(y, m, d, h, tzinfo=WITA), tick=False)


def test_working_days_skip_weekends_national_holidays_and_days_off(db):
    assert not is_working_day(dt.date(2026, 5, 14))  # Kenaikan Isa Almasih
    assert not is_working_day(dt.date(2026, 5, 16))  # Saturday
    assert is_working_day(dt.date(2026, 5, 15))
    # Tue 12 May + 3: Wed 13, (Thu 14 holiday), Fri 15, (weekend), Mon 18
    assert add_working_days(dt.date(2026, 5, 12), 3) == dt.date(2026, 5, 18)
    DayOffFactory(date=dt.date(2026, 5, 15), name="Cuti bersama Kenaikan")
    assert not is_working_day(dt.date(2026, 5, 15))
    assert add_working_days(dt.date(2026, 5, 12), 3) == dt.date(2026, 5, 19)
    assert working_days_between(dt.date(2026, 5, 12), dt.date(2026, 5, 19)) == 3


def test_stage_deadlines_over_a_period_with_holidays(world):
    DayOffFactory(date=dt.date(2026, 5, 15), name="Cuti bersama Kenaikan")
    with at(2026, 5, 12):
        c = submit_complaint(category=world.category).complaint
    assert c.due_date == dt.date(2026, 5, 19)  # verification: 3 working days
    with at(2026, 5, 19):
        complaint_verify(complaint=c, actor=world.desk, door="admin")
        complaint_assign(complaint=c, actor=world.desk, door="admin", opd=world.dinas)
    # 14 working days from Tue 19 May skipping Idul Adha (27 May) and Hari Pancasila (1 Jun)
    assert c.handling == Handling.NO_INSPECTION
    assert c.due_date == dt.date(2026, 6, 10)
    with at(2026, 6, 10, 16):
        complaint_answer(complaint=c, actor=world.opd_op, door="admin", body="Selesai")
    assert c.answered_on_time is True


@pytest.mark.parametrize(("handling", "due"), [(Handling.SIMPLE, dt.date(2026, 5, 25)), (Handling.INSPECTION, None)])
def test_handling_classes(world, handling, due):
    with at(2026, 5, 18):
        c = submit_complaint(category=world.category).complaint
        complaint_verify(complaint=c, actor=world.desk, door="admin", handling=handling)
        complaint_assign(complaint=c, actor=world.desk, door="admin", opd=world.dinas)
    if due:
        assert c.due_date == due  # 5 working days: 19, 20, 21, 22, 25 May
    else:
        assert working_days_between(dt.date(2026, 5, 18), c.due_date) == 60


def test_escalation_once_then_further_and_safe_to_run_twice(world, django_capture_on_commit_callbacks):
    with at(2026, 5, 18):
        c = submit_complaint(category=world.category).complaint
        complaint_verify(complaint=c, actor=world.desk, door="admin", handling=Handling.SIMPLE)
        complaint_assign(complaint=c, actor=world.desk, door="admin", opd=world.dinas)
    due = c.due_date
    with at(due.year, due.month, due.day, 20):
        assert complaints_escalate()["level1"] == 0  # not late on the deadline day itself
    with at(2026, 5, 27), django_capture_on_commit_callbacks(execute=True):  # Idul Adha, but past due
        assert escalate_complaints()["level1"] == 1
        assert complaints_escalate() == {"level1": 0, "level2": 0, "closed": 0}
    c.refresh_from_db()
    assert c.escalation_level == 1
    level1 = {n.recipient.username for n in Notification.objects.filter(dedupe_key__contains="escalate:1")}
    assert level1 == {"meja", "kepala.dpu"}  # the desk and the OPD head, not the operator
    assert len(mail.outbox) == 2
    assert c.history.first().history_door == "job"
    assert c.history.first().history_actor == "job:escalate_complaints"
    with at(2026, 5, 29):  # only 2 working days later (27 May holiday): not yet level 2
        assert complaints_escalate()["level2"] == 0
    with at(2026, 6, 3), django_capture_on_commit_callbacks(execute=True):
        assert complaints_escalate()["level2"] == 1
        assert complaints_escalate()["level2"] == 0
    level2 = {n.recipient.username for n in Notification.objects.filter(dedupe_key__contains="escalate:2")}
    assert level2 == {"sekda", "inspektur"}
    assert ComplaintEvent.objects.filter(complaint=c, kind=EventKind.ESCALATED).count() == 2
    with at(2026, 6, 4):
        complaint_answer(complaint=c, actor=world.opd_op, door="admin", body="Maaf terlambat")
    c.refresh_from_db()
    assert (c.answered_on_time, c.escalation_level) == (False, 0)


def test_silent_answered_complaints_close(world, settings):
    settings.COMPLAINT_CONFIRM_WORKING_DAYS = 2
    with at(2026, 5, 18):
        c = submit_complaint(category=world.category).complaint
        complaint_verify(complaint=c, actor=world.desk, door="admin")
        complaint_assign(complaint=c, actor=world.desk, door="admin", opd=world.dinas)
        complaint_answer(complaint=c, actor=world.opd_op, door="admin", body="Sudah")
    with at(2026, 5, 20):
        assert complaints_escalate()["closed"] == 0
    with at(2026, 5, 21):
        assert complaints_escalate()["closed"] == 1
    assert Complaint.objects.get(pk=c.pk).status == Status.CLOSED


def test_schedule_exists(db):
    from django_q.models import Schedule

    assert Schedule.objects.filter(name=SCHEDULE_NAME, func="complaints.tasks.escalate_complaints").count() == 1
