"""Sensitive-read log and the history-aware bulk helpers."""

import pytest

from audit.actors import Door, acting_as
from audit.bulk import bulk_create_tracked, bulk_update_tracked, update_tracked
from audit.models import AuditEvent, EventSource, SensitiveRead
from audit.reads import log_sensitive_read
from audit.verify import verify_chain
from organizations.models import OPD
from tests.factories import OPDFactory

pytestmark = pytest.mark.django_db


def test_sensitive_read_is_logged_and_chained_without_ip(auditor, opd):
    log_sensitive_read(user=auditor, obj=opd, action="forms.export", door=Door.REST, detail="ekspor 12 baris")
    read = SensitiveRead.objects.get()
    assert (read.user_id, read.action, read.door, read.model, read.object_id) == (
        auditor.pk,
        "forms.export",
        Door.REST,
        "organizations.opd",
        str(opd.pk),
    )
    field_names = {f.name for f in SensitiveRead._meta.fields}
    assert not field_names & {"ip", "ip_address", "user_agent", "remote_addr"}
    event = AuditEvent.objects.get(source=EventSource.READ)
    assert (event.actor, event.door, event.opd_id, event.reason) == ("auditor", Door.REST, opd.pk, "ekspor 12 baris")
    assert verify_chain().ok


def test_sensitive_read_by_a_job_names_the_job(opd):
    with acting_as("job:export", door=Door.JOB):
        log_sensitive_read(user=None, obj=opd, action="forms.export", door=Door.JOB)
    assert SensitiveRead.objects.get().actor == "job:export"


def test_bulk_create_writes_history_and_events_with_actor():
    with acting_as("job:import_opd", door=Door.JOB):
        created = bulk_create_tracked(OPD, [OPD(name=f"Desa {i}", kind="kelurahan") for i in range(5)])
    assert all(o.pk for o in created)
    rows = OPD.history.filter(id__in=[o.pk for o in created])
    assert rows.count() == 5
    assert set(rows.values_list("history_actor", flat=True)) == {"job:import_opd"}
    events = AuditEvent.objects.filter(model="organizations.opd", object_id__in=[str(o.pk) for o in created])
    assert events.count() == 5
    assert {e.action for e in events} == {"create"}
    assert verify_chain().ok


def test_bulk_update_records_only_really_changed_objects():
    opds = [OPDFactory(is_active=True) for _ in range(4)]
    opds[0].is_active = False
    opds[1].is_active = False
    changed = bulk_update_tracked(opds, ["is_active"], reason="Penataan OPD")
    assert changed == 2
    assert OPD.objects.filter(is_active=False).count() == 2
    updates = AuditEvent.objects.filter(model="organizations.opd", action="update")
    assert {e.object_id for e in updates} == {str(opds[0].pk), str(opds[1].pk)}
    assert {tuple(e.changed_fields) for e in updates} == {("is_active",)}
    assert {e.reason for e in updates} == {"Penataan OPD"}
    assert verify_chain().ok


def test_update_tracked_replaces_queryset_update():
    opds = [OPDFactory(kind="kelurahan") for _ in range(3)]
    n = update_tracked(OPD.objects.filter(pk__in=[o.pk for o in opds[:2]]), is_active=False, reason="Dilebur")
    assert n == 2
    assert update_tracked(OPD.objects.filter(pk__in=[o.pk for o in opds[:2]]), is_active=False) == 0  # no-op
    assert OPD.history.filter(history_type="~").count() == 2
    assert verify_chain().ok


def test_bulk_helpers_refuse_untracked_models():
    with pytest.raises(TypeError):
        bulk_create_tracked(AuditEvent, []) or bulk_update_tracked([SensitiveRead(pk=1)], ["detail"])


def test_update_tracked_accepts_f_expressions():
    from django.db.models import F, Value
    from django.db.models.functions import Concat

    opd = OPDFactory(acronym="DIN")
    assert update_tracked(OPD.objects.filter(pk=opd.pk), acronym=Concat(F("acronym"), Value("KES"))) == 1
    opd.refresh_from_db()
    assert opd.acronym == "DINKES"
    assert OPD.history.filter(id=opd.pk).latest().acronym == "DINKES"
    assert verify_chain().ok


def test_read_of_many_records_without_an_object_shows_in_the_timeline(client, auditor):
    log_sensitive_read(user=auditor, obj=None, action="forms.export", door=Door.ADMIN, detail="semua OPD")
    log_sensitive_read(user=auditor, obj=OPD, action="forms.export", door=Door.ADMIN, detail="OPD")
    client.force_login(auditor)
    response = client.get("/admin/audit/", {"action": "forms.export"})
    assert response.status_code == 200
    assert len(response.context["events"]) == 2
    assert verify_chain().ok
