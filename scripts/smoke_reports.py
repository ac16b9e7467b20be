"""Report notices against the real django-q2 worker, for ``scripts/smoke-production.sh``.

    python scripts/smoke_reports.py seed STATE.json       # before the cluster starts
    python scripts/smoke_reports.py check STATE.json LOG  # with the cluster running

``seed`` creates one OPD report due tomorrow (reminder day 1) and one overdue report.
``check`` enqueues both jobs twice on the broker, waits until the scheduler has also run
the hourly schedules once, then requires exactly one notification and one sent email per
notice (the worker's console email log shows each message once). Exits non-zero with a
reason otherwise.
"""

import datetime as dt
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.production")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.utils import timezone  # noqa: E402

SCHEMA = {
    "schema_version": 1,
    "key": "smoke_laporan",
    "title": "Laporan Smoke",
    "description": "",
    "fields": [{"key": "uraian", "type": "short_text", "label": "Uraian", "required": True}],
    "rules": [],
    "scoring": {},
}


def fail(message: str) -> None:
    print(f"SMOKE FAIL: {message}", file=sys.stderr)
    sys.exit(1)


def seed(state_path: str) -> None:
    from audit.actors import Door, acting_as
    from forms_builder.services import EXPORT_FORMAT, EXPORT_FORMAT_VERSION, form_import_json
    from organizations.models import OPD, Membership, MembershipRole, OPDKind, Pemda, PemdaKind, TimeZone
    from reporting.models import Assignment, PeriodType, Submission
    from reporting.periods import end_of_local_day, local_zone, period_containing

    with acting_as("command:smoke_reports", door=Door.COMMAND):
        if not Pemda.objects.exists():
            Pemda.objects.create(
                name="Pemerintah Kabupaten Smoke", kind=PemdaKind.KABUPATEN, region_code="65.03", timezone=TimeZone.WITA
            )
        zone = local_zone()
        today = timezone.now().astimezone(zone).date()
        form = form_import_json(
            data={"format": EXPORT_FORMAT, "format_version": EXPORT_FORMAT_VERSION, "form": SCHEMA},
            actor=None,
            publish=True,
        )
        period = period_containing(period_type=PeriodType.QUARTERLY, day=today)
        assignment = Assignment.objects.create(
            title="Penugasan Smoke", form=form, period_type=PeriodType.QUARTERLY, reminder_days=[1]
        )
        assignment.periods.add(period)
        state = {}
        for name, due_day in (("due", today + dt.timedelta(days=1)), ("overdue", today - dt.timedelta(days=1))):
            opd = OPD.objects.create(name=f"Dinas Smoke {name}", kind=OPDKind.DINAS)
            user = get_user_model().objects.create_user(f"smoke-op-{name}", email=f"op-{name}@smoke.invalid")
            Membership.objects.create(opd=opd, user=user, role=MembershipRole.OPERATOR)
            submission = Submission.objects.create(
                assignment=assignment,
                period=period,
                opd=opd,
                due_at=end_of_local_day(due_day, zone),
                locks_at=end_of_local_day(due_day + dt.timedelta(days=5), zone),
            )
            state[name] = submission.pk
    Path(state_path).write_text(json.dumps(state))
    print(f"seeded report submissions {state}")


def _wait(what: str, ready, timeout: float):
    deadline = time.monotonic() + timeout
    while True:
        value = ready()
        if value:
            return value
        if time.monotonic() > deadline:
            fail(f"{what} within {timeout:.0f}s")
        time.sleep(0.5)


def check(state_path: str, log_path: str, timeout: float) -> None:
    from django_q.models import Schedule, Task
    from django_q.tasks import async_task, result

    from notifications.models import Delivery, Notification
    from reporting.schedules import OVERDUE_SCHEDULE, REMINDER_SCHEDULE

    state = json.loads(Path(state_path).read_text())
    funcs = ["reporting.jobs.send_due_reminders", "reporting.jobs.send_overdue_notices"]
    for func in funcs * 2:  # each job twice on the broker, one after the other
        task_id = async_task(func)
        outcome = _wait(f"the worker did not run {func}", lambda t=task_id: Task.get_task(t), timeout)
        if not outcome.success:
            fail(f"{func} failed in the worker: {result(task_id)}")
        print(f"-- smoke: worker ran {func}: {outcome.result}")

    def scheduled_runs():
        schedules = list(Schedule.objects.filter(name__in=[REMINDER_SCHEDULE, OVERDUE_SCHEDULE]))
        done = [s for s in schedules if s.task and Task.objects.filter(id=s.task).exists()]
        return len(schedules) == 2 and len(done) == 2

    _wait("the scheduler did not run the hourly report schedules", scheduled_runs, timeout + 40)
    print("-- smoke: the scheduler ran both report schedules as well")

    keys = {"due": f"report:reminder:{state['due']}:", "overdue": f"report:overdue:{state['overdue']}:"}
    for name, prefix in keys.items():
        notes = Notification.objects.filter(dedupe_key__startswith=prefix)

        def sent(notes=notes):
            return notes.count() == 1 and Delivery.objects.filter(notification__in=notes, status="sent").count() == 1

        _wait(f"the {name} notice was not delivered", sent, timeout)
    reports = Notification.objects.filter(dedupe_key__startswith="report:")
    if reports.count() != 2 or Delivery.objects.filter(notification__in=reports).count() != 2:
        fail(f"expected exactly 2 report notices, got {list(reports.values_list('dedupe_key', flat=True))}")
    log = Path(log_path).read_text(errors="replace")
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    for name in state:
        url = f"{base}{Notification.objects.get(dedupe_key__startswith=keys[name]).url}"
        if log.count(url) != 1:
            fail(f"the {name} email (link {url}) appears {log.count(url)} times in the worker's mail log")
    print("-- smoke: a reminder and an overdue notice were emailed exactly once after 3 runs of each job")


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "seed" and len(sys.argv) == 3:
        seed(sys.argv[2])
    elif command == "check" and len(sys.argv) == 4:
        check(sys.argv[2], sys.argv[3], float(os.environ.get("SMOKE_TIMEOUT", "60")))
    else:
        fail(__doc__)
