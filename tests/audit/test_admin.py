"""The audit area in the Wagtail admin: who may read it, filters, diffs, exports, read-only."""

import datetime as dt
import io

import pytest
from django.contrib import admin as django_admin
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from audit.actors import Door, acting_as
from audit.models import AuditEvent, ChainHead, SensitiveRead
from audit.registry import RESTRICTED_MODELS
from organizations.models import Membership
from tests.factories import OPDFactory, UserFactory

pytestmark = pytest.mark.django_db
TIMELINE = "/admin/audit/"


def login(client, user):
    client.force_login(user)
    return client


def test_menu_and_timeline_for_auditor(client, auditor):
    OPDFactory(name="Dinas Perhubungan")
    response = login(client, auditor).get(TIMELINE)
    assert response.status_code == 200
    assert "Dinas Perhubungan" in response.content.decode()
    assert '"/admin/audit/"' in client.get("/admin/").content.decode()


@pytest.mark.parametrize("path", [TIMELINE, "/admin/audit/export/?format=csv", "/admin/audit/chain/"])
def test_opd_user_is_forbidden_and_anonymous_is_sent_to_login(client, opd_member, path):
    response = client.get(path)
    assert response.status_code == 302
    assert "/login/" in response.url
    # Wagtail turns PermissionDenied into a redirect to the dashboard with an error message.
    response = login(client, opd_member).get(path)
    assert response.status_code == 302
    assert response.url == "/admin/"
    assert not SensitiveRead.objects.exists()
    assert '"/admin/audit/"' not in client.get("/admin/").content.decode()


def test_record_view_forbidden_for_opd_user(client, opd_member, opd):
    response = login(client, opd_member).get(reverse("audit_record", args=["organizations.opd", opd.pk]))
    assert response.status_code == 302
    assert response.url == "/admin/"


def test_timeline_is_read_only(client, auditor):
    login(client, auditor)
    for path in (TIMELINE, "/admin/audit/export/", "/admin/audit/record/organizations.opd/1/"):
        assert client.post(path, {"x": "1"}).status_code == 405
        assert client.delete(path).status_code == 405
    assert AuditEvent not in django_admin.site._registry
    assert SensitiveRead not in django_admin.site._registry
    assert ChainHead not in django_admin.site._registry
    assert AuditEvent._meta.default_permissions == ("view",)


def test_filters_model_record_door_actor_user_opd_action_and_dates(client, inspector, auditor):
    a = OPDFactory(name="Dinas Sosial")
    b = OPDFactory(name="Dinas Pertanian")
    with acting_as("job:rename", door=Door.JOB):
        b.acronym = "DISTAN"
        b.save()
    login(client, auditor)

    def names(**params):
        response = client.get(TIMELINE, params)
        assert response.status_code == 200, response.content
        return [e.object_id for e in response.context["events"]]

    assert set(names(model="organizations.opd")) == {str(a.pk), str(b.pk)}
    assert names(model="ORGANIZATIONS.OPD", object_id=a.pk) == [str(a.pk)]
    assert names(door="job") == [str(b.pk)]
    assert names(actor="job:rename") == [str(b.pk)]
    assert names(model="organizations.opd", action="update") == [str(b.pk)]
    assert names(opd=a.pk) == [str(a.pk)]
    today = timezone.localdate()
    assert set(names(date_from=today, date_to=today)) >= {str(a.pk), str(b.pk)}
    assert names(date_from=today + dt.timedelta(days=1)) == []
    assert names(date_to=today - dt.timedelta(days=1)) == []


def test_filter_by_user(client, auditor):
    kepala = UserFactory(username="kepala.dinsos")
    opd = OPDFactory()
    with acting_as("kepala.dinsos", door=Door.ADMIN, user=kepala):
        opd.phone = "0556-22"
        opd.save()
    response = login(client, auditor).get(TIMELINE, {"user": kepala.pk})
    assert [e.object_id for e in response.context["events"]] == [str(opd.pk)]


def test_bad_filters_give_400_with_indonesian_errors(client, auditor):
    response = login(client, auditor).get(TIMELINE, {"door": "pintu-belakang", "date_from": "kemarin"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Pilih pilihan yang valid" in body or "pilihan yang valid" in body.lower()
    assert "tanggal" in body.lower()
    response = client.get(TIMELINE, {"date_from": "2026-02-02", "date_to": "2026-01-01"})
    assert response.status_code == 400
    assert "Tanggal akhir tidak boleh sebelum tanggal awal" in response.content.decode()


def test_restricted_models_are_hidden_from_auditor_but_not_inspectorate(client, auditor, inspector, opd, monkeypatch):
    monkeypatch.setitem(RESTRICTED_MODELS, "organizations.Membership", ("Inspektorat",))
    membership = Membership.objects.create(user=UserFactory(), opd=opd)
    url = reverse("audit_record", args=["organizations.membership", membership.pk])
    login(client, auditor)
    assert all(e.model != "organizations.membership" for e in client.get(TIMELINE).context["events"])
    assert client.get(TIMELINE, {"model": "organizations.membership"}).context["events"] == []
    assert client.get(url).status_code == 404
    csv = b"".join(client.get("/admin/audit/export/", {"format": "csv"}).streaming_content).decode()
    assert "organizations.membership" not in csv
    login(client, inspector)
    assert [e.object_id for e in client.get(TIMELINE, {"model": "organizations.membership"}).context["events"]] == [
        str(membership.pk)
    ]
    assert client.get(url).status_code == 200


def test_wbs_is_restricted_to_inspectorate_by_configuration(auditor, inspector):
    from django.apps import apps

    from audit.selectors import hidden_models_filter, may_read_model

    assert RESTRICTED_MODELS["wbs"] == ("Inspektorat",)
    for model in apps.get_app_config("wbs").get_models():
        assert not may_read_model(user=auditor, model_label=model._meta.label_lower)
        assert may_read_model(user=inspector, model_label=model._meta.label_lower)
    assert hidden_models_filter(inspector) is None
    assert AuditEvent.objects.filter(hidden_models_filter(auditor)).query is not None
    # an event of a WBS model never reaches the auditor's timeline, whatever the filter
    from audit.chain import append_event

    append_event(
        source_digest="x",
        source="read",
        source_id=None,
        action="wbs.read",
        model="wbs.wbsreport",
        object_id="1",
        object_repr="",
        occurred_at=timezone.now(),
        door="admin",
        actor="inspektur",
        user_id=inspector.pk,
        opd_id=None,
        changed_fields=[],
        reason="",
    )
    from audit.selectors import audit_events

    assert not audit_events(user=auditor).filter(model="wbs.wbsreport").exists()
    assert audit_events(user=inspector).filter(model="wbs.wbsreport").exists()


def test_record_history_shows_field_diffs_with_long_text(client, auditor):
    opd = OPDFactory(name="Dinas Lingkungan Hidup", address="Jl. Ujang Dewa\nNunukan Selatan\nKalimantan Utara")
    with acting_as("operator", door=Door.ADMIN):
        opd.name = "Dinas Lingkungan Hidup dan Kehutanan"
        opd.address = "Jl. Ujang Dewa No. 7\nNunukan Selatan\nKalimantan Utara"
        opd._change_reason = "Perubahan nomenklatur"
        opd.save()
    response = login(client, auditor).get(reverse("audit_record", args=["organizations.opd", opd.pk]))
    assert response.status_code == 200
    entries = response.context["history"].entries
    assert [e.event.action for e in entries] == ["create", "update"]
    diffs = {d.name: d for d in entries[1].diffs}
    assert set(diffs) == {"name", "address"}
    assert (diffs["name"].old, diffs["name"].new) == ("Dinas Lingkungan Hidup", "Dinas Lingkungan Hidup dan Kehutanan")
    assert diffs["address"].kind == "text"
    assert ("-", "Jl. Ujang Dewa") in diffs["address"].lines
    assert ("+", "Jl. Ujang Dewa No. 7") in diffs["address"].lines
    body = response.content.decode()
    assert "Perubahan nomenklatur" in body
    # inline, word level: the unchanged words once, only the added ones marked
    assert diffs["address"].segments[:2] == [(" ", "Jl. Ujang Dewa"), ("+", " No. 7")]
    assert [tag for tag, _text in diffs["address"].segments] == [" ", "+", " "]
    assert '<ins title="ditambahkan"> No. 7</ins>' in body
    assert "<del" not in body.split('class="audit-text-diff"')[1].split("</p>")[0]


def test_csv_export_is_streamed_and_logged_as_sensitive_read(client, auditor):
    OPDFactory(name='=HYPERLINK("http://jahat")')
    OPDFactory(name="Badan Pendapatan Daerah")
    response = login(client, auditor).get("/admin/audit/export/", {"format": "csv", "model": "organizations.opd"})
    assert response.status_code == 200
    assert response.streaming
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    lines = body.strip().splitlines()
    assert lines[0].startswith("Waktu,")
    assert len(lines) == 3
    assert "Badan Pendapatan Daerah" in body
    assert "'=HYPERLINK" in body  # formula neutralised
    read = SensitiveRead.objects.get(action="audit.export")
    assert read.user_id == auditor.pk
    assert "model=organizations.opd" in read.detail
    assert read.door == Door.ADMIN


def test_xlsx_export(client, auditor):
    OPDFactory(name="Badan Kepegawaian Daerah")
    response = login(client, auditor).get("/admin/audit/export/", {"format": "xlsx"})
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    rows = list(workbook.active.iter_rows(values_only=True))
    assert rows[0][0] == "Waktu"
    assert rows[0][4:8] == ("Jenis data", "Model", "ID rekaman", "Rekaman")
    opd_rows = [r for r in rows[1:] if "Badan Kepegawaian Daerah" in (r[7] or "")]
    assert opd_rows
    assert (opd_rows[0][3], opd_rows[0][4], opd_rows[0][5]) == ("dibuat", "OPD", "organizations.opd")
    assert SensitiveRead.objects.filter(action="audit.export", detail__startswith="xlsx").exists()


def test_export_rejects_bad_format_and_filters(client, auditor):
    login(client, auditor)
    assert client.get("/admin/audit/export/", {"format": "pdf"}).status_code == 400
    assert client.get("/admin/audit/export/", {"format": "csv", "opd": "satu"}).status_code == 400
    assert not SensitiveRead.objects.exists()


@pytest.mark.parametrize("size", [5, 50])
def test_timeline_query_count_is_flat(client, auditor, size, django_assert_max_num_queries):
    users = [UserFactory() for _ in range(3)]
    for i in range(size):
        with acting_as(f"u{i}", door=Door.ADMIN, user=users[i % 3]):
            OPDFactory(name=f"Kelurahan {i}")
    login(client, auditor)
    client.get(TIMELINE, {"model": "organizations.opd"})  # warm the session/user caches
    # 22 whatever the number of events (the admin menu asks once whether the user is an OPD member;
    # the integrity check adds the chain's cutover, refused events, the page's source rows per
    # model, chained prune runs and the unsealed count; the user and OPD selects of the filter
    # read their names once each; the capped count of matching events, cms.counting; the Renaksi
    # menu items ask once which OPDs the user reports for).
    with django_assert_max_num_queries(22):
        response = client.get(TIMELINE, {"model": "organizations.opd"})
    assert len(response.context["events"]) == min(size, 50)


def test_chain_page_shows_head(client, auditor, sealed):
    OPDFactory()
    sealed()
    head = ChainHead.objects.get(pk=1)
    response = login(client, auditor).get("/admin/audit/chain/")
    assert head.hash in response.content.decode()


def test_pagination_without_count(client, auditor):
    for i in range(55):
        OPDFactory(name=f"Desa {i}")
    login(client, auditor)
    first = client.get(TIMELINE, {"model": "organizations.opd"})
    assert len(first.context["events"]) == 50
    assert first.context["next_query"]
    second = client.get(TIMELINE, {"model": "organizations.opd", "p": 2})
    assert len(second.context["events"]) == 5
    assert not second.context["next_query"]
