import pytest
from django.urls import reverse

from audit.models import SensitiveRead
from complaints.models import Privacy, Status
from complaints.services import complaint_assign, complaint_verify
from tests.factories import submit_complaint

pytestmark = pytest.mark.django_db
INDEX = "/admin/complaints/complaint/"


def _assigned(world, **data):
    r = submit_complaint(category=world.category, reporter_name="Rudi Warga", reporter_email="rudi@x.id", **data)
    complaint_verify(complaint=r.complaint, actor=world.desk, door="admin")
    complaint_assign(complaint=r.complaint, actor=world.desk, door="admin", opd=world.dinas)
    return r.complaint


@pytest.mark.parametrize(
    ("who", "sees_list", "sees_own", "sees_other"),
    [
        ("desk", True, True, True),
        ("opd_op", True, True, False),
        ("other_op", True, False, True),
        ("inspektur", True, True, True),
    ],
)
def test_admin_list_visibility(world, client, who, sees_list, sees_own, sees_other):
    mine = _assigned(world)
    other = submit_complaint(category=world.category).complaint
    complaint_verify(complaint=other, actor=world.desk, door="admin")
    complaint_assign(complaint=other, actor=world.desk, door="admin", opd=world.other)
    client.force_login(getattr(world, who))
    r = client.get(INDEX)
    assert r.status_code == 200
    assert (mine.tracking_code in r.text, other.tracking_code in r.text) == (sees_own, sees_other)
    assert "Rudi Warga" not in r.text


def test_editor_has_no_complaint_list(world, client):
    _assigned(world)
    client.force_login(world.editor)
    r = client.get(INDEX)
    assert r.status_code in (302, 403)


@pytest.mark.parametrize(
    ("privacy", "who", "status", "name_shown"),
    [
        (Privacy.PUBLIC, "desk", 200, True),
        (Privacy.PUBLIC, "opd_op", 200, True),
        (Privacy.PUBLIC, "other_op", 404, False),
        (Privacy.RAHASIA, "desk", 200, False),
        (Privacy.RAHASIA, "opd_op", 200, False),
        (Privacy.RAHASIA, "inspektur", 200, False),
        (Privacy.ANONIM, "desk", 200, False),
        (Privacy.ANONIM, "opd_op", 200, False),
    ],
)
def test_admin_detail_privacy_table(world, client, privacy, who, status, name_shown):
    c = _assigned(world, privacy=privacy)
    client.force_login(getattr(world, who))
    r = client.get(reverse("complaints_admin_detail", args=[c.pk]))
    assert r.status_code == status
    assert ("Rudi Warga" in r.text) == name_shown


def test_admin_reveal_logged_and_denied_for_opd(world, client):
    c = _assigned(world, privacy=Privacy.RAHASIA)
    url = reverse("complaints_admin_action", args=[c.pk, "reveal"])
    client.force_login(world.opd_op)
    r = client.post(url, follow=True)
    assert "Rudi Warga" not in r.text
    assert not SensitiveRead.objects.exists()
    client.force_login(world.desk)
    r = client.post(url)
    assert "Rudi Warga" in r.text
    assert SensitiveRead.objects.get().door == "admin"


def test_admin_export_has_no_identity(world, client):
    _assigned(world)
    _assigned(world, privacy=Privacy.RAHASIA)
    client.force_login(world.desk)
    r = client.get(INDEX, {"export": "csv"})
    assert r.status_code == 200
    body = b"".join(r.streaming_content).decode() if r.streaming else r.text
    assert "tracking" in body.lower() or "kode" in body.lower()
    assert "Rudi" not in body
    assert "rudi@x.id" not in body


def test_admin_workflow_actions(world, client):
    c = submit_complaint(category=world.category).complaint
    client.force_login(world.desk)
    client.post(reverse("complaints_admin_action", args=[c.pk, "verify"]), {"handling": "simple"})
    client.post(reverse("complaints_admin_action", args=[c.pk, "assign"]), {"opd": world.dinas.pk})
    c.refresh_from_db()
    assert (c.status, c.opd) == (Status.ASSIGNED, world.dinas)
    client.force_login(world.opd_op)
    r = client.post(reverse("complaints_admin_action", args=[c.pk, "verify"]), follow=True)
    assert "Hanya Meja Pengaduan" in r.text
    client.post(reverse("complaints_admin_action", args=[c.pk, "answer"]), {"body": "Sudah beres"})
    c.refresh_from_db()
    assert c.status == Status.ANSWERED
    assert c.history.first().history_door == "admin"


def test_dashboard(world, client):
    _assigned(world)
    client.force_login(world.desk)
    r = client.get(reverse("complaints_dashboard"))
    assert r.status_code == 200
    assert "Median" in r.text
    client.force_login(world.editor)
    assert client.get(reverse("complaints_dashboard")).status_code in (302, 403)
