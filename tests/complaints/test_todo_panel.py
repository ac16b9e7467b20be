"""The admin home's "Pengaduan yang menunggu" panel: each role sees what waits for it, only what it may see."""

import datetime as dt
import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from complaints.models import Complaint
from complaints.selectors import complaint_todo
from complaints.services import complaint_assign, complaint_verify
from tests.factories import submit_complaint

pytestmark = pytest.mark.django_db


_clients = itertools.count(1)


def _complaint(world, *, verify=False, opd=None, title="Jalan berlubang"):
    # A client address each, so the per-device submission limit does not interfere.
    c = submit_complaint(category=world.category, title=title, client=f"10.0.0.{next(_clients)}").complaint
    if verify or opd:
        complaint_verify(complaint=c, actor=world.desk, door="admin")
    if opd:
        complaint_assign(complaint=c, actor=world.desk, door="admin", opd=opd)
    c.refresh_from_db()
    return c


def _counts(user, **kw):
    return {name: group["count"] for name, group in complaint_todo(user=user, **kw).items()}


def test_each_role_sees_its_own_groups(world):
    _complaint(world, title="Belum diverifikasi")
    _complaint(world, verify=True, title="Belum didisposisikan")
    mine = _complaint(world, opd=world.dinas, title="Untuk Dinas PU")
    _complaint(world, opd=world.other, title="Untuk Dinkes")

    assert _counts(world.desk) == {"overdue": 0, "to_verify": 1, "to_assign": 1}
    assert _counts(world.opd_op) == {"overdue": 0, "to_follow_up": 1}
    assert [c.pk for c in complaint_todo(user=world.opd_op)["to_follow_up"]["rows"]] == [mine.pk]
    assert _counts(world.other_op) == {"overdue": 0, "to_follow_up": 1}
    assert _counts(world.inspektur) == {"overdue": 0, "escalated": 0}
    assert complaint_todo(user=world.editor) == {}


def test_past_deadline_is_overdue_for_whoever_sees_it(world):
    late = _complaint(world, opd=world.dinas, title="Lampu jalan padam")
    after = late.due_date + dt.timedelta(days=1)
    assert _counts(world.opd_op, today=after)["overdue"] == 1
    assert _counts(world.other_op, today=after)["overdue"] == 0
    assert _counts(world.desk, today=after)["overdue"] == 1
    assert _counts(world.opd_op, today=late.due_date)["overdue"] == 0


def test_queries_do_not_grow_with_complaints(world):
    def queries():
        with CaptureQueriesContext(connection) as ctx:
            complaint_todo(user=world.desk)
        return len(ctx)

    for _ in range(2):
        _complaint(world)
        _complaint(world, verify=True)
    small = queries()
    for _ in range(8):
        _complaint(world)
        _complaint(world, verify=True)
    assert Complaint.objects.count() == 20
    assert queries() == small


def test_panel_on_the_admin_home_per_role(world, client):
    c = _complaint(world, opd=world.dinas, title="Saluran tersumbat")
    client.force_login(world.opd_op)
    page = client.get("/admin/").content.decode()
    assert "Pengaduan yang menunggu" in page
    assert "Menunggu tindak lanjut OPD Anda (1)" in page
    assert c.tracking_code in page
    assert f"/admin/complaints/complaint/inspect/{c.pk}/" in page

    client.force_login(world.other_op)
    page = client.get("/admin/").content.decode()
    assert "Pengaduan yang menunggu" in page
    assert c.tracking_code not in page
    assert "Tidak ada pengaduan yang menunggu Anda saat ini." in page

    client.force_login(world.editor)
    assert "Pengaduan yang menunggu" not in client.get("/admin/").content.decode()
