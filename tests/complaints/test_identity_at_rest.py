"""Issue 12 item 11: no secret hash in complaint history; reporters' identities encrypted at rest."""

import pytest
from django.db import connection

from audit.models import SensitiveRead
from complaints.models import Complaint, Privacy, ReporterIdentity
from complaints.workflow import complaint_reveal_reporter
from tests.factories import submit_complaint

pytestmark = pytest.mark.django_db


def test_secret_hash_is_not_in_complaint_history(world, client):
    from organizations.roles import GlobalRole
    from tests.factories import UserFactory

    auditor = UserFactory(username="auditor", roles=[GlobalRole.AUDITOR])
    complaint = submit_complaint(category=world.category).complaint
    history = Complaint.history.model
    assert "secret_hash" not in {f.name for f in history._meta.get_fields()}
    with connection.cursor() as cursor:
        columns = {c.name for c in connection.introspection.get_table_description(cursor, history._meta.db_table)}
    assert "secret_hash" not in columns
    client.force_login(auditor)
    page = client.get(f"/admin/audit/record/complaints.complaint/{complaint.pk}/").content.decode()
    assert complaint.secret_hash not in page


def test_confidential_identity_is_encrypted_at_rest_and_read_only_by_the_desk_logged(world):
    result = submit_complaint(
        category=world.category,
        privacy=Privacy.RAHASIA,
        reporter_name="Siti Rahasia",
        reporter_email="siti.rahasia@example.com",
        reporter_phone="081234567890",
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, email, phone FROM complaints_reporteridentity")
        raw = " ".join(cursor.fetchone())
    for clear in ("Siti Rahasia", "siti.rahasia@example.com", "081234567890"):
        assert clear not in raw
    assert raw.startswith("gAAAAA")
    assert ReporterIdentity.objects.get().email == "siti.rahasia@example.com"  # the ORM decrypts
    identity = complaint_reveal_reporter(complaint=result.complaint, actor=world.desk, door="admin")
    assert identity.name == "Siti Rahasia"
    assert SensitiveRead.objects.filter(action="complaint.reveal_reporter", user=world.desk).count() == 1
