"""History capture: every door records the right actor; no-op saves write nothing; m2m tracked."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command

from audit.actors import Door, acting_as
from audit.jobs import AuditedCommand, audited_job
from audit.models import AuditEvent, EventSource
from audit.signals import process_actor
from organizations.models import OPD, Membership, MembershipRole
from tests.factories import OPDFactory

pytestmark = pytest.mark.django_db


def events_for(obj):
    return AuditEvent.objects.filter(model=obj._meta.label_lower, object_id=str(obj.pk)).order_by("id")


def test_create_update_delete_write_history_rows_and_events():
    opd = OPDFactory(name="Dinas Pendidikan")
    opd.name = "Dinas Pendidikan dan Kebudayaan"
    opd.save()
    events = list(events_for(opd))
    assert [e.action for e in events] == ["create", "update"]
    assert events[1].changed_fields == ["name"]
    assert events[0].opd_id == opd.pk  # an OPD is its own OPD
    assert all(e.source == EventSource.HISTORY for e in events)

    membership = Membership.objects.create(user=get_user_model().objects.create_user("op"), opd=opd)
    membership.role = MembershipRole.VERIFIER
    membership.save()
    pk = membership.pk
    membership.delete()
    assert list(Membership.history.filter(id=pk).order_by("history_id").values_list("history_type", flat=True)) == [
        "+",
        "~",
        "-",
    ]
    events = list(AuditEvent.objects.filter(model="organizations.membership", object_id=str(pk)).order_by("id"))
    assert [e.action for e in events] == ["create", "update", "delete"]
    assert {e.opd_id for e in events} == {opd.pk}  # found through the membership's opd field


def test_noop_save_writes_no_history_row_and_no_event():
    opd = OPDFactory()
    before_history, before_events = OPD.history.filter(id=opd.pk).count(), events_for(opd).count()
    opd.save()  # nothing changed (updated_at is auto_now and does not count)
    OPD.objects.get(pk=opd.pk).save()
    assert OPD.history.filter(id=opd.pk).count() == before_history == 1
    assert events_for(opd).count() == before_events == 1
    opd.phone = "0556-21001"
    opd.save()
    assert OPD.history.filter(id=opd.pk).count() == 2


def test_shell_default_actor_and_process_detection():
    opd = OPDFactory()
    row = OPD.history.get(id=opd.pk)
    assert (row.history_door, row.history_actor) == (Door.SHELL, "shell")
    assert process_actor(["manage.py", "shell"]) == (Door.SHELL, "shell")
    assert process_actor(["/srv/manage.py", "load_demo"]) == (Door.COMMAND, "command:load_demo")
    assert process_actor(["manage.py", "qcluster"]) == (Door.JOB, "job:qcluster")
    assert process_actor(["python"]) == (Door.SHELL, "shell")


def test_job_actor_with_reason_through_django_q2(settings):
    from django_q.tasks import async_task

    opd = OPDFactory()
    async_task("tests.audit.jobs_for_tests.deactivate_opd", opd.pk, sync=True)
    row = OPD.history.filter(id=opd.pk).latest()
    assert (row.history_door, row.history_actor) == (Door.JOB, "job:deactivate_opds")
    assert row.history_change_reason == "OPD dilebur"
    event = events_for(opd).last()
    assert (event.door, event.actor, event.reason) == (Door.JOB, "job:deactivate_opds", "OPD dilebur")


def test_audited_job_decorator_names_the_actor():
    @audited_job("rename")
    def rename(pk):
        opd = OPD.objects.get(pk=pk)
        opd.acronym = "BARU"
        opd.save()

    opd = OPDFactory()
    rename(opd.pk)
    assert events_for(opd).last().actor == "job:rename"


class RenameOPDCommand(AuditedCommand):
    audit_name = "rename_opd"

    def add_arguments(self, parser):
        parser.add_argument("pk", type=int)
        parser.add_argument("acronym")

    def handle(self, *args, **options):
        opd = OPD.objects.get(pk=options["pk"])
        opd.acronym = options["acronym"]
        opd.save()


def test_command_actor():
    opd = OPDFactory(acronym="LAMA")
    call_command(RenameOPDCommand(), opd.pk, "BARU")
    row = OPD.history.filter(id=opd.pk).latest()
    assert (row.history_door, row.history_actor) == (Door.COMMAND, "command:rename_opd")
    assert events_for(opd).last().actor == "command:rename_opd"


def test_acting_as_user_and_change_reason():
    user = get_user_model().objects.create_user("kepala.dinkes")
    opd = OPDFactory()
    with acting_as("service:opd_rename", door=Door.ADMIN, user=user):
        opd.name = "Dinas Baru"
        opd._change_reason = "Perda nomor 5 tahun 2026"
        opd.save()
    event = events_for(opd).last()
    assert event.user_id == user.pk
    assert event.reason == "Perda nomor 5 tahun 2026"


def test_user_groups_m2m_is_tracked_and_password_is_not():
    user = get_user_model().objects.create_user("operator.baru", password="rahasia-uji-123")
    group = Group.objects.create(name="Pengguna OPD Uji")
    user.groups.add(group)
    history = user.history.order_by("history_id")
    latest = history.last()
    assert list(latest.groups.values_list("group_id", flat=True)) == [group.pk]
    assert not hasattr(latest, "password")
    event = AuditEvent.objects.filter(model="auth.user", object_id=str(user.pk)).order_by("id").last()
    assert event.changed_fields == ["groups"]
    count = history.count()
    user.groups.add(group)  # already a member: no change, no row
    user.save()
    assert user.history.count() == count
    user.groups.remove(group)
    assert user.history.count() == count + 1


def test_records_with_confidential_fields_get_an_opaque_label(monkeypatch):
    from audit.registry import EXCLUDED_FIELDS

    monkeypatch.setitem(EXCLUDED_FIELDS, "organizations.OPD", ["phone"])
    opd = OPDFactory(name="Nama Rahasia")
    event = events_for(opd).get()
    assert "Nama Rahasia" not in event.object_repr
    assert event.object_repr.endswith(f"#{opd.pk}")
