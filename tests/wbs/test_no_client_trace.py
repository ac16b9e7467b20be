"""The reporter's IP address and user agent are stored nowhere.

Every WBS door is used (public page, REST, GraphQL; submit, evidence upload, follow-up, reply, errors; the
Inspektorat's reads and the retention job) by a client with a distinctive address, proxy
headers and user agent; then every table of the database (all columns, history, django-q2,
sessions, idempotency keys, audit events), the cache, the log records and the mail outbox
are searched for them.
"""

import logging
import pickle
import uuid

import pytest
from django.core import mail
from django.core.cache import cache
from django.db import connection
from django.test import Client, override_settings
from django_q.tasks import async_task

from tests.complaints.uploads import upload
from tests.factories import gps_jpeg, inspector

from .conftest import CLIENT_IP, CLIENT_META, CLIENT_UA, FORWARDED_IP
from .doors import (
    CASE_QUERY,
    CASES_QUERY,
    FOLLOW_UP_QUERY,
    SUBMIT_MUTATION,
    client_for,
    gql,
    gql_input,
    page_form,
    submit_payload,
)

pytestmark = pytest.mark.django_db(transaction=False)

REPLY_WITH_EVIDENCE = (
    "mutation($code: String!, $body: String!, $evidence: [String!]){ wbsReporterReply(receiptCode: $code,"
    " body: $body, evidence: $evidence){ followUp{ status } } }"
)
NEEDLES = [CLIENT_IP, FORWARDED_IP, CLIENT_UA, "wbs-scan-7f3a2c", "203.0.113", "198.51.100"]


def _scan_database(*extra: str) -> list[str]:
    hits = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608 — introspected names
            for row in cursor.fetchall():
                text = " ".join(
                    bytes(v).decode("latin-1") if isinstance(v, bytes | memoryview) else str(v) for v in row
                )
                hits += [f"{table}: {n}" for n in (*NEEDLES, *extra) if n in text]
    return hits


def _scan_cache() -> list[str]:
    store = getattr(cache, "_cache", {})
    hits = []
    for key, value in store.items():
        blob = key + " " + (value if isinstance(value, bytes) else pickle.dumps(value)).decode("latin-1")
        hits += [f"cache {key}: {n}" for n in NEEDLES if n in blob]
    return hits


def _scan_logs(records) -> list[str]:
    hits = []
    for record in records:
        parts = [record.getMessage(), str(record.args)]
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "META"):
            parts.append(str(request.META))
        parts.extend(str(v) for k, v in vars(record).items() if k not in ("request", "args", "msg"))
        text = " ".join(parts)
        hits += [f"log {record.name}: {n}" for n in NEEDLES if n in text]
    return hits


def _use_every_door(opds, category, pages) -> None:
    opd = opds["dinkes"]
    anonymous = client_for()
    # Public page door: form (valid and invalid), follow-up, reply.
    html = anonymous.post(pages["form"].url, page_form(opd, category, identity_name="Budi")).content.decode()
    page_code = html.split('id="receipt-code">')[1].split("<")[0]
    anonymous.post(pages["form"].url, page_form(opd, category, title=""))
    anonymous.post(pages["follow"].url, {"receipt_code": page_code})
    anonymous.post(pages["follow"].url, {"receipt_code": page_code, "body": "Tambahan dari halaman."})
    anonymous.post(pages["follow"].url, {"receipt_code": "SALAH-KODE"})
    # REST door.
    anonymous.get("/api/v1/wbs/categories/")
    rest = anonymous.post(
        "/api/v1/wbs/reports/",
        submit_payload(opd, category),
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY=str(uuid.uuid4()),
    ).json()
    anonymous.post("/api/v1/wbs/reports/", {"title": ""}, content_type="application/json")
    anonymous.post("/api/v1/wbs/follow-up/", {"receipt_code": rest["receipt_code"]}, content_type="application/json")
    anonymous.post("/api/v1/wbs/follow-up/", {"receipt_code": "salah"}, content_type="application/json")
    anonymous.post(
        "/api/v1/wbs/follow-up/reply/",
        {"receipt_code": rest["receipt_code"], "body": "Tambahan REST."},
        content_type="application/json",
    )
    # GraphQL door, with evidence sent ahead (the upload door: a good file, a refused one).
    tokens = [
        anonymous.post(
            "/api/v1/wbs/uploads/", {"file": upload("/home/siti/bukti.jpg", gps_jpeg(), "image/jpeg")}
        ).json()["token"]
        for _ in range(3)  # the third stays pending: the scan reads its row too
    ]
    anonymous.post("/api/v1/wbs/uploads/", {"file": upload("skrip.pdf", b"#!/bin/sh\n", "application/pdf")})
    anonymous.post("/api/v1/wbs/uploads/", {})
    data = gql(
        anonymous,
        SUBMIT_MUTATION,
        {"input": {**gql_input(opd, category), "evidence": tokens[:1]}},
        HTTP_IDEMPOTENCY_KEY=str(uuid.uuid4()),
    )
    gql_code = data["data"]["wbsSubmitReport"]["receiptCode"]
    gql(anonymous, FOLLOW_UP_QUERY, {"code": gql_code})
    gql(anonymous, REPLY_WITH_EVIDENCE, {"code": gql_code, "body": "Tambahan GraphQL.", "evidence": tokens[1:2]})
    gql(anonymous, REPLY_WITH_EVIDENCE, {"code": gql_code, "body": "Token terpakai.", "evidence": tokens[1:2]})
    gql(anonymous, FOLLOW_UP_QUERY, {"code": "salah"})
    # The Inspektorat's doors (its own address is not the point, but nothing may leak either way).
    staff = client_for(inspector(username="inspektur.scan"))
    from wbs.models import WbsReport

    report = WbsReport.objects.order_by("pk").first()
    staff.get("/admin/wbs/")
    staff.get(f"/admin/wbs/{report.pk}/")
    staff.get("/api/v1/wbs/cases/")
    staff.get(f"/api/v1/wbs/cases/{report.pk}/")
    staff.post(f"/api/v1/wbs/cases/{report.pk}/messages/", {"body": "Pesan Inspektorat."})
    gql(staff, CASES_QUERY)
    gql(staff, CASE_QUERY, {"id": report.pk})
    async_task("wbs.tasks.purge_expired_reports")


def test_no_ip_or_user_agent_anywhere(opds, category, wbs_pages, caplog):
    caplog.set_level(logging.DEBUG)
    _use_every_door(opds, category, wbs_pages)
    from wbs.models import WbsEvidence, WbsMessage, WbsPendingEvidence, WbsReport

    assert WbsReport.objects.count() == 3
    assert WbsMessage.objects.count() == 4
    assert WbsEvidence.objects.count() == 2  # sent ahead through the upload door, taken once
    assert WbsPendingEvidence.objects.count() == 1
    assert _scan_database() == []
    assert _scan_cache() == []
    assert _scan_logs(caplog.records) == []
    assert all(not any(n in m.body + m.subject for n in NEEDLES) for m in mail.outbox)


def test_scanner_would_find_a_stored_address(opds, category):
    """The scan is not vacuous: a value written somewhere is found."""
    from wbs.models import WbsReport

    cache.set("probe", {"ip": CLIENT_IP})
    assert _scan_cache()
    from tests.factories import wbs_report

    report, _ = wbs_report(opd=opds["dinkes"], category=category, location=CLIENT_UA)
    assert WbsReport.objects.filter(pk=report.pk).exists()
    assert any(CLIENT_UA in hit or "wbs-scan" in hit for hit in _scan_database())


@override_settings(ADMINS=[("Ops", "ops@sepakat.local")], WBS_IDENTITY_KEYS=["bukan-kunci-fernet"])
def test_error_reports_carry_no_client_address(opds, category, wbs_pages):
    """A server error in a WBS door (a broken identity key) is e-mailed to admins without the client's trace."""
    client = Client(raise_request_exception=False, **CLIENT_META)
    response = client.post(wbs_pages["form"].url, page_form(opds["dinkes"], category, identity_name="Budi"))
    assert response.status_code == 500
    assert mail.outbox, "the error report was e-mailed"
    for message in mail.outbox:
        text = message.subject + message.body + "".join(str(a[1]) for a in message.alternatives)
        assert not [n for n in NEEDLES if n in text]


def test_signed_in_reporter_is_anonymous_too(opds, category, wbs_pages, users):
    """A member of staff filing a report while signed in leaves no trace of who they are."""
    from api.models import IdempotencyKey
    from wbs.models import WbsReport

    staff = users["opd_operator"]
    client = client_for(staff)
    opd = opds["kec"]
    client.post(wbs_pages["form"].url, page_form(opd, category))
    client.post(
        "/api/v1/wbs/reports/",
        submit_payload(opd, category),
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY=str(uuid.uuid4()),
    )
    gql(client, SUBMIT_MUTATION, {"input": gql_input(opd, category)}, HTTP_IDEMPOTENCY_KEY=str(uuid.uuid4()))
    assert WbsReport.objects.count() == 3
    for report in WbsReport.objects.all():
        row = report.history.earliest()
        assert row.history_user_id is None
        assert row.history_actor == "anonim"
    assert set(IdempotencyKey.objects.values_list("scope", flat=True)) == {"anon"}
    tables = {h.split(":")[0] for h in _scan_database(staff.username)}
    assert not [t for t in tables if t.startswith(("wbs_", "api_", "audit_sensitiveread"))]
    from audit.models import AuditEvent

    wbs_events = AuditEvent.objects.filter(model__startswith="wbs.")
    assert wbs_events.exists()
    assert not wbs_events.filter(user=staff).exists()
    assert not [e for e in wbs_events if staff.username in e.payload + e.actor]
