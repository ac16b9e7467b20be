import pytest
from django_q.models import Schedule

from ops import schedules


@pytest.mark.django_db
def test_declared_schedules_are_created_once_and_keep_an_admins_timing(monkeypatch):
    declared = [{"name": "uji.harian", "func": "ops.tasks.heartbeat", "schedule_type": Schedule.DAILY}]
    monkeypatch.setattr(schedules, "declared_schedules", lambda: declared)
    schedules.schedules_sync()
    schedules.schedules_sync()
    assert Schedule.objects.filter(name="uji.harian").count() == 1
    Schedule.objects.filter(name="uji.harian").update(schedule_type=Schedule.WEEKLY)
    declared[0]["func"] = "ops.tasks.other"
    schedules.schedules_sync()
    row = Schedule.objects.get(name="uji.harian")
    assert (row.schedule_type, row.func) == (Schedule.WEEKLY, "ops.tasks.other")
