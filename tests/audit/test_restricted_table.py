"""(role, door) → the WBS audit trail shown or not: only the Inspectorate, superusers included in the ban.

Doors: REST events list (filtered and unfiltered), REST record history, GraphQL ``auditEvents``
and ``auditRecord``, the admin timeline, the admin record history (diffs), CSV and XLSX exports,
the "Jejak audit" link builder.
"""

import io
import json

import pytest
from django.contrib.auth import get_user_model
from openpyxl import load_workbook
from rest_framework.authtoken.models import Token

from audit.selectors import may_read_model
from organizations.roles import GlobalRole
from tests.factories import OPDFactory, UserFactory, WbsCategoryFactory, wbs_report

pytestmark = pytest.mark.django_db

LABEL = "wbs.wbsreport"
#: role -> sees the WBS trail
TABLE = {"superuser": False, "auditor": False, "inspektur": True}


def make_user(role):
    if role == "superuser":
        return get_user_model().objects.create_superuser("admin", "admin@nunukankab.go.id", "rahasia-uji-123")
    roles = {"auditor": [GlobalRole.AUDITOR], "inspektur": [GlobalRole.INSPECTORATE]}[role]
    return UserFactory(username=f"{role}.tabel", roles=roles)


@pytest.fixture
def report(settings):
    settings.WBS_SCRYPT_N = 2**10
    category = WbsCategoryFactory(name="Gratifikasi uji", slug="gratifikasi-uji")
    return wbs_report(opd=OPDFactory(name="Dinas Kesehatan"), category=category)[0]


def gql(client, query, headers):
    return client.post("/graphql/", json.dumps({"query": query}), content_type="application/json", **headers).json()


@pytest.mark.parametrize("role", list(TABLE))
def test_wbs_trail_through_every_door(client, role, report):
    user = make_user(role)
    allowed = TABLE[role]
    pk = str(report.pk)
    token, _created = Token.objects.get_or_create(user=user)
    headers = {"HTTP_AUTHORIZATION": f"Token {token.key}"}

    # REST: list filtered on the model, unfiltered list, record history
    body = client.get("/api/v1/audit/events/", {"model": LABEL}, **headers).json()
    assert bool([e for e in body["results"] if e["model"] == LABEL]) is allowed
    body = client.get("/api/v1/audit/events/", {"page_size": 200}, **headers).json()
    assert any(e["model"].startswith("wbs.") for e in body["results"]) is allowed
    record = client.get(f"/api/v1/audit/records/{LABEL}/{pk}/", **headers)
    assert record.status_code == (200 if allowed else 404)

    # GraphQL: list and record
    data = gql(client, f'{{ auditEvents(model: "{LABEL}") {{ items {{ model }} }} }}', headers)
    assert "errors" not in data, data
    assert bool(data["data"]["auditEvents"]["items"]) is allowed
    data = gql(client, f'{{ auditRecord(model: "{LABEL}", objectId: "{pk}") {{ model }} }}', headers)
    if allowed:
        assert data["data"]["auditRecord"]["model"] == LABEL
    else:
        assert data["data"]["auditRecord"] is None
        assert data["errors"][0]["extensions"]["status"] == 404

    # Admin: timeline, record history with diffs, exports
    client.force_login(user)
    events = client.get("/admin/audit/", {"model": LABEL}).context["events"]
    assert bool(events) is allowed
    assert client.get(f"/admin/audit/record/{LABEL}/{pk}/").status_code == (200 if allowed else 404)
    csv = b"".join(client.get("/admin/audit/export/", {"format": "csv"}).streaming_content).decode()
    assert (LABEL in csv) is allowed
    xlsx = client.get("/admin/audit/export/", {"format": "xlsx"})
    rows = list(load_workbook(io.BytesIO(b"".join(xlsx.streaming_content)), read_only=True).active.values)
    assert any(LABEL in str(cell) for row in rows for cell in row) is allowed
    # the "Jejak audit" buttons use the same rule
    assert may_read_model(user=user, model_label=LABEL) is allowed
