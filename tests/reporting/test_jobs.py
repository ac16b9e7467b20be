"""Report reminders, overdue/locked notices and workflow notices (issue 5).

Jobs run directly and as real django-q2 tasks (synchronous cluster in tests); every
message must go out once even when a job runs twice, on the Pemda's local days.
"""

import datetime as dt
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_q.models import Schedule
from django_q.tasks import async_task, result

from notifications.models import Delivery, Notification
from ops.schedules import schedules_sync
from organizations.models import Membership, MembershipRole, TimeZone
from reporting import notices
from reporting import schedules as report_schedules
from reporting.jobs import send_due_reminders, send_overdue_notices
from reporting.models import PeriodType, Submission, SubmissionStatus
from tests.factories import OPDFactory, PemdaFactory, UserFactory, make_assignment, opd_user

pytestmark = pytest.mark.django_db

WITA = ZoneInfo("Asia/Makassar")
WIB = ZoneInfo("Asia/Jakarta")


def local(y, m, d, h=10, mi=0, zone=WITA):
    return dt.datetime(y, m, d, h, mi, tzinfo=zone)


def travel(moment):
    return time_machine.travel(moment, tick=False)


def staffed_opd(name):
    opd = OPDFactory(name=name)
    operator = opd_user(opd, MembershipRole.OPERATOR, username=f"op.{name.lower().replace(' ', '')}")
    verifier = opd_user(opd, MembershipRole.VERIFIER, username=f"kepala.{name.lower().replace(' ', '')}")
    return SimpleNamespace(opd=opd, operator=operator, verifier=verifier)


def make_world(zone=TimeZone.WITA, **assignment_kwargs):
    """Q1 2026, due 10 days after 31 March (10 April, local end of day), grace 5 (locks 15 April)."""
    PemdaFactory(timezone=zone)
    a, b = staffed_opd("Dinas Satu"), staffed_opd("Dinas Dua")
    kwargs = {"due_days": 10, "grace_days": 5, "reminder_days": [7, 1], **assignment_kwargs}
    with travel(local(2026, 3, 1)):
        assignment = make_assignment(opds=[a.opd, b.opd], year=2026, numbers=[1], **kwargs)
    subs = {s.opd_id: s for s in Submission.objects.filter(assignment=assignment)}
    return SimpleNamespace(assignment=assignment, a=a, b=b, sub_a=subs[a.opd.pk], sub_b=subs[b.opd.pk])


@pytest.fixture
def world():
    return make_world()


def keys(prefix=""):
    return sorted(Notification.objects.filter(dedupe_key__startswith=prefix).values_list("dedupe_key", flat=True))


def recipients(key_prefix):
    return sorted(
        Notification.objects.filter(dedupe_key__startswith=key_prefix).values_list("recipient__username", flat=True)
    )


# --- schedules -------------------------------------------------------------------------------


def test_schedules_registered_once_and_admin_changes_survive():
    reminders = Schedule.objects.get(name=report_schedules.REMINDER_SCHEDULE)
    overdue = Schedule.objects.get(name=report_schedules.OVERDUE_SCHEDULE)
    assert reminders.func == "reporting.jobs.send_due_reminders"
    assert overdue.func == "reporting.jobs.send_overdue_notices"
    assert reminders.schedule_type == Schedule.HOURLY
    assert reminders.repeats == -1
    reminders.schedule_type = Schedule.DAILY
    reminders.save()
    schedules_sync()
    schedules_sync()
    assert Schedule.objects.filter(name__startswith="reporting.report_").count() == 2
    assert Schedule.objects.get(name=report_schedules.REMINDER_SCHEDULE).schedule_type == Schedule.DAILY


# --- reminders -------------------------------------------------------------------------------


def test_reminders_each_day_once_to_operators(world, django_capture_on_commit_callbacks):
    sub = world.sub_a
    assert sub.due_at == dt.datetime(2026, 4, 10, 23, 59, 59, 999999, tzinfo=WITA)
    with django_capture_on_commit_callbacks(execute=True):
        assert send_due_reminders(now=local(2026, 4, 2, 23, 59))["reminders"] == 0  # 8 days left
        assert send_due_reminders(now=local(2026, 4, 3, 0, 5))["reminders"] == 2  # 7 days: both OPDs
        assert send_due_reminders(now=local(2026, 4, 3, 0, 5))["reminders"] == 0  # run twice
        assert send_due_reminders(now=local(2026, 4, 5))["reminders"] == 0
        assert send_due_reminders(now=local(2026, 4, 9, 8))["reminders"] == 2  # 1 day
        assert send_due_reminders(now=local(2026, 4, 9, 20))["reminders"] == 0
        assert send_due_reminders(now=local(2026, 4, 10, 20))["reminders"] == 0  # due day: no 0-day reminder
        assert send_due_reminders(now=local(2026, 4, 11, 1))["reminders"] == 0  # past due: overdue's job
    assert keys(f"report:reminder:{sub.pk}:") == [
        f"report:reminder:{sub.pk}:2026-04-10:1",
        f"report:reminder:{sub.pk}:2026-04-10:7",
    ]
    assert recipients(f"report:reminder:{sub.pk}:") == ["op.dinassatu", "op.dinassatu"]  # not the verifier
    assert len(mail.outbox) == 4
    mine = sorted((m for m in mail.outbox if m.to == [world.a.operator.email]), key=lambda m: m.subject)
    assert mine[0].subject == "Pengingat: Laporan Uji — Triwulan I 2026 jatuh tempo 7 hari lagi"
    assert mine[1].subject == "Pengingat: Laporan Uji — Triwulan I 2026 jatuh tempo besok"
    assert "10 April 2026 23.59 WITA" in mine[0].body
    assert "Dinas Satu" in mine[0].body
    assert f"http://testserver{reverse('reporting_submission_edit', args=[sub.pk])}" in mine[0].body


def test_reminders_skip_submitted_verified_and_inactive(world, django_capture_on_commit_callbacks):
    Submission.objects.filter(pk=world.sub_b.pk).update(status=SubmissionStatus.SUBMITTED)
    with django_capture_on_commit_callbacks(execute=True):
        assert send_due_reminders(now=local(2026, 4, 3))["reminders"] == 1
    assert recipients("report:reminder:") == ["op.dinassatu"]
    world.assignment.is_active = False
    world.assignment.save()
    with django_capture_on_commit_callbacks(execute=True):
        assert send_due_reminders(now=local(2026, 4, 9)) == {"reminders": 0, "failed": 0}


def test_returned_report_is_reminded_too(world, django_capture_on_commit_callbacks):
    Submission.objects.filter(pk=world.sub_a.pk).update(status=SubmissionStatus.RETURNED)
    Submission.objects.filter(pk=world.sub_b.pk).update(status=SubmissionStatus.VERIFIED)
    with django_capture_on_commit_callbacks(execute=True):
        assert send_due_reminders(now=local(2026, 4, 9))["reminders"] == 1
    assert recipients("report:reminder:") == ["op.dinassatu"]


def test_late_run_sends_only_the_most_urgent_reminder(world, django_capture_on_commit_callbacks):
    """The worker was down from 1 to 9 April: only the 1-day reminder goes, not the stale 7-day one."""
    with django_capture_on_commit_callbacks(execute=True):
        assert send_due_reminders(now=local(2026, 4, 9, 12))["reminders"] == 2
        assert send_due_reminders(now=local(2026, 4, 10, 1))["reminders"] == 0
    assert keys(f"report:reminder:{world.sub_a.pk}:") == [f"report:reminder:{world.sub_a.pk}:2026-04-10:1"]


def test_late_first_reminder_says_how_many_days_are_really_left(django_capture_on_commit_callbacks):
    make_world(reminder_days=[7])
    with django_capture_on_commit_callbacks(execute=True):
        assert send_due_reminders(now=local(2026, 4, 6))["reminders"] == 2
    assert "4 hari lagi" in mail.outbox[0].subject


@pytest.mark.parametrize(
    ("zone", "abbreviation", "sends_at_1630_utc"),
    [(TimeZone.WITA, "WITA", True), (TimeZone.WIB, "WIB", False)],
)
def test_reminder_day_starts_at_local_midnight(
    zone, abbreviation, sends_at_1630_utc, django_capture_on_commit_callbacks
):
    """16:30 UTC on 2 April is 00:30 on 3 April in WITA (7 days before the 10th) but 23:30 in WIB."""
    world = make_world(zone=zone)
    with django_capture_on_commit_callbacks(execute=True):
        sent = send_due_reminders(now=dt.datetime(2026, 4, 2, 16, 30, tzinfo=dt.UTC))["reminders"]
        assert sent == (2 if sends_at_1630_utc else 0)
        later = send_due_reminders(now=dt.datetime(2026, 4, 2, 17, 30, tzinfo=dt.UTC))["reminders"]  # 00:30 WIB
        assert later == (0 if sends_at_1630_utc else 2)
    assert keys(f"report:reminder:{world.sub_a.pk}:") == [f"report:reminder:{world.sub_a.pk}:2026-04-10:7"]
    assert f"10 April 2026 23.59 {abbreviation}" in mail.outbox[0].body


# --- overdue ----------------------------------------------------------------------------------


def test_overdue_only_when_late_once_then_locked_once(world, django_capture_on_commit_callbacks):
    Submission.objects.filter(pk=world.sub_b.pk).update(
        status=SubmissionStatus.SUBMITTED, first_submitted_at=local(2026, 4, 8)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert send_overdue_notices(now=local(2026, 4, 10, 23, 59)) == {"overdue": 0, "locked": 0, "failed": 0}
        assert send_overdue_notices(now=local(2026, 4, 11, 0, 1))["overdue"] == 1
        assert send_overdue_notices(now=local(2026, 4, 11, 0, 1))["overdue"] == 0  # run twice
        assert send_overdue_notices(now=local(2026, 4, 13))["overdue"] == 0
        assert send_overdue_notices(now=local(2026, 4, 15, 23))["locked"] == 0  # grace still running
        assert send_overdue_notices(now=local(2026, 4, 16, 0, 30)) == {"overdue": 0, "locked": 1, "failed": 0}
        assert send_overdue_notices(now=local(2026, 4, 17)) == {"overdue": 0, "locked": 0, "failed": 0}
    sub = world.sub_a
    sent = [k for k in keys("report:") if not k.startswith("report:assigned:")]
    assert sent == [f"report:locked:{sub.pk}:2026-04-15"] * 2 + [f"report:overdue:{sub.pk}:2026-04-10"] * 2
    # operators and the verifier/head of the late OPD; nobody of the OPD that submitted
    assert recipients("report:overdue:") == ["kepala.dinassatu", "op.dinassatu"]
    assert recipients("report:locked:") == ["kepala.dinassatu", "op.dinassatu"]
    assert len(mail.outbox) == 4
    overdue = next(m for m in mail.outbox if m.subject.startswith("Terlambat"))
    assert overdue.subject == "Terlambat: Laporan Uji — Triwulan I 2026"
    assert "10 April 2026 23.59 WITA" in overdue.body
    assert "15 April 2026 23.59 WITA" in overdue.body


def test_no_locked_notice_while_reopened_and_none_for_old_deadlines(world, django_capture_on_commit_callbacks):
    Submission.objects.filter(pk=world.sub_a.pk).update(reopened_until=local(2026, 4, 20), reopen_reason="Banjir")
    with django_capture_on_commit_callbacks(execute=True):
        counts = send_overdue_notices(now=local(2026, 4, 18))
    assert counts == {"overdue": 0, "locked": 1, "failed": 0}  # only the OPD that was not reopened
    assert recipients("report:locked:") == ["kepala.dinasdua", "op.dinasdua"]
    with django_capture_on_commit_callbacks(execute=True):  # a year later: nothing about last year's deadlines
        assert send_overdue_notices(now=local(2027, 4, 18)) == {"overdue": 0, "locked": 0, "failed": 0}


def test_without_grace_the_locked_notice_replaces_the_overdue_one(django_capture_on_commit_callbacks):
    world = make_world(grace_days=0)
    with django_capture_on_commit_callbacks(execute=True):
        assert send_overdue_notices(now=local(2026, 4, 11, 8)) == {"overdue": 0, "locked": 2, "failed": 0}
    assert not keys("report:overdue:")
    assert world.sub_a.locks_at == world.sub_a.due_at


# --- through django-q2 --------------------------------------------------------------------------


def test_jobs_as_django_q_tasks_send_each_message_once(world, django_capture_on_commit_callbacks):
    with travel(local(2026, 4, 9, 7)), django_capture_on_commit_callbacks(execute=True):
        first = async_task("reporting.jobs.send_due_reminders")
        second = async_task("reporting.jobs.send_due_reminders")
    assert result(first) == {"reminders": 2, "failed": 0}
    assert result(second) == {"reminders": 0, "failed": 0}
    with travel(local(2026, 4, 11, 7)), django_capture_on_commit_callbacks(execute=True):
        async_task("reporting.jobs.send_overdue_notices")
        async_task("reporting.jobs.send_overdue_notices")
    assert Notification.objects.exclude(dedupe_key__startswith="report:assigned:").count() == 2 + 4
    assert len(mail.outbox) == 6
    assert Delivery.objects.filter(channel="email", status="sent").count() == 6
    # the writes are recorded as the job, through the job door
    history = Notification.history.exclude(dedupe_key__startswith="report:assigned:").order_by("history_id").first()
    assert (history.history_actor, history.history_door) == ("job:send_report_reminders", "job")


def test_schedule_runs_the_job(world, django_capture_on_commit_callbacks):
    """The registered schedule's function, run as django-q2 would run it."""
    schedule = Schedule.objects.get(name=report_schedules.OVERDUE_SCHEDULE)
    with travel(local(2026, 4, 12)), django_capture_on_commit_callbacks(execute=True):
        task_id = async_task(schedule.func)
    assert result(task_id)["overdue"] == 2


def test_in_admin_notification_list_shows_the_reminder(world, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send_due_reminders(now=local(2026, 4, 3))
    client.force_login(world.a.operator)
    page = client.get(reverse("notifications_list"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Pengingat: Laporan Uji — Triwulan I 2026 jatuh tempo 7 hari lagi" in html
    assert reverse("reporting_submission_edit", args=[world.sub_a.pk]) in html
    client.force_login(world.a.verifier)
    assert "Pengingat" not in client.get(reverse("notifications_list")).content.decode()


# --- query counts ----------------------------------------------------------------------------------


def _many(count, *, operators=True):
    PemdaFactory()
    opds = []
    for i in range(count):
        opd = OPDFactory(name=f"Kecamatan Uji {i}")
        Membership.objects.create(opd=opd, user=UserFactory(username=f"kepala{i}"), role=MembershipRole.VERIFIER)
        if operators:
            Membership.objects.create(opd=opd, user=UserFactory(username=f"operator{i}"), role=MembershipRole.OPERATOR)
        opds.append(opd)
    with travel(local(2026, 3, 1)):
        make_assignment(opds=opds, year=2026, numbers=[1], reminder_days=[7, 1], period_type=PeriodType.QUARTERLY)


def _queries(func, **kwargs) -> list[str]:
    with CaptureQueriesContext(connection) as ctx:
        func(**kwargs)
    return [q["sql"] for q in ctx.captured_queries]


def _reads(queries: list[str]) -> list[str]:
    """Our job's reads (simple-history's read-back of the row it just wrote is the audit trail's)."""
    return [q for q in queries if q.startswith("SELECT") and "historicalnotification" not in q]


@pytest.mark.parametrize("size", [5, 50])
def test_query_counts_do_not_grow_with_submissions(size, django_assert_max_num_queries):
    _many(size)
    now = local(2026, 4, 3)
    queries = _queries(send_due_reminders, now=now)
    assert Notification.objects.exclude(dedupe_key__startswith="report:assigned:").count() == size
    assert len(_reads(queries)) <= 6, _reads(queries)  # same bound for 5 and 50 submissions
    # writes: only the notices themselves (notify: row, history, audit event, delivery, savepoints)
    assert len(queries) - len(_reads(queries)) <= 9 * size + 2
    with django_assert_max_num_queries(6):  # a second run reads, finds every key sent, writes nothing
        assert send_due_reminders(now=now)["reminders"] == 0
    with django_assert_max_num_queries(6):
        assert send_overdue_notices(now=now)["overdue"] == 0


@pytest.mark.parametrize("size", [5, 50])
def test_reading_members_costs_no_query_per_submission(size, django_assert_max_num_queries):
    """OPDs with only a verifier get no reminder: the run reads everything and writes nothing."""
    _many(size, operators=False)
    with django_assert_max_num_queries(6):
        assert send_due_reminders(now=local(2026, 4, 3))["reminders"] == 0
    assert Notification.objects.count() == 0


# --- workflow notices ------------------------------------------------------------------------------


def test_submitted_returned_verified_notices(world, client, django_capture_on_commit_callbacks):
    from reporting.workflow import submission_return, submission_save_draft, submission_submit, submission_verify

    a, sub = world.a, world.sub_a
    with travel(local(2026, 4, 5)), django_capture_on_commit_callbacks(execute=True):
        submission_save_draft(submission=sub, actor=a.operator, answers={"nama_kegiatan": "Rapat koordinasi"})
        submission_submit(submission=sub, actor=a.operator)
    assert recipients("report:submitted:") == ["kepala.dinassatu"]
    assert mail.outbox[-1].subject == "Laporan menunggu verifikasi: Laporan Uji — Triwulan I 2026"

    with travel(local(2026, 4, 6)), django_capture_on_commit_callbacks(execute=True):
        submission_return(
            submission=sub,
            actor=a.verifier,
            field_comments={"nama_kegiatan": "Tulis nama kegiatan lengkap"},
            comment="Mohon dilengkapi",
        )
        notices.notify_returned(submission=sub)  # a repeated hook sends nothing more
    assert keys("report:returned:") == [f"report:returned:{sub.pk}:1"]
    assert recipients("report:returned:") == ["op.dinassatu"]
    returned = mail.outbox[-1]
    assert returned.to == [a.operator.email]
    assert returned.subject == "Laporan dikembalikan: Laporan Uji — Triwulan I 2026"
    assert "- Nama kegiatan: Tulis nama kegiatan lengkap" in returned.body
    assert "Catatan verifikator: Mohon dilengkapi" in returned.body
    assert "10 April 2026 23.59 WITA" in returned.body
    assert reverse("reporting_submission_edit", args=[sub.pk]) in returned.body

    with travel(local(2026, 4, 7)), django_capture_on_commit_callbacks(execute=True):
        sub.refresh_from_db()
        submission_save_draft(submission=sub, actor=a.operator, answers={"nama_kegiatan": "Rapat koordinasi SPBE"})
        submission_submit(submission=sub, actor=a.operator)
        submission_return(submission=sub, actor=a.verifier, field_comments={"nama_kegiatan": "Masih kurang"})
        # a returned report is not reminded as "not submitted" by the overdue job
        assert send_overdue_notices(now=local(2026, 4, 11))["overdue"] == 1  # the other OPD only
    assert keys("report:returned:") == [f"report:returned:{sub.pk}:1", f"report:returned:{sub.pk}:2"]

    with travel(local(2026, 4, 8)), django_capture_on_commit_callbacks(execute=True):
        sub.refresh_from_db()
        submission_save_draft(submission=sub, actor=a.operator, answers={"nama_kegiatan": "Rapat koordinasi SPBE 2026"})
        submission_submit(submission=sub, actor=a.operator)
        submission_verify(submission=sub, actor=a.verifier)
    assert recipients("report:verified:") == ["op.dinassatu"]
    assert mail.outbox[-1].subject == "Laporan diverifikasi: Laporan Uji — Triwulan I 2026"

    client.force_login(a.operator)
    html = client.get(reverse("notifications_list")).content.decode()
    assert html.count("Laporan dikembalikan: Laporan Uji") == 2
    assert "Laporan diverifikasi" in html


def test_submitted_notice_goes_to_bappeda_when_the_opd_has_no_verifier(django_capture_on_commit_callbacks):
    from organizations.roles import GlobalRole
    from reporting.workflow import submission_save_draft, submission_submit

    PemdaFactory()
    opd = OPDFactory(name="Kecamatan Sebatik")
    operator = opd_user(opd, MembershipRole.OPERATOR, username="op.sebatik")
    UserFactory(username="bappeda", roles=[GlobalRole.BAPPEDA_REVIEWER])
    with travel(local(2026, 3, 1)):
        assignment = make_assignment(opds=[opd], year=2026, numbers=[1])
    sub = assignment.submissions.get()
    with travel(local(2026, 4, 5)), django_capture_on_commit_callbacks(execute=True):
        submission_save_draft(submission=sub, actor=operator, answers={"nama_kegiatan": "Musrenbang"})
        submission_submit(submission=sub, actor=operator)
    assert recipients("report:submitted:") == ["bappeda"]
