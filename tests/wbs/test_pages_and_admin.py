"""Public WBS pages (no JavaScript needed) and the Inspektorat's admin screens."""

import re

import pytest

from audit.models import SensitiveRead
from wbs.models import IdentityRequest, WbsMessage, WbsNote, WbsReport

from .doors import client_for, page_form

pytestmark = pytest.mark.django_db


def _code(html: str) -> str:
    return re.search(r'id="receipt-code">([^<]+)<', html).group(1)


def test_form_page_files_report_and_shows_code_once(wbs_pages, opds, category):
    client = client_for()
    url = wbs_pages["form"].url
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="website"' in page.content.decode()
    response = client.post(url, page_form(opds["dinkes"], category))
    assert response.status_code == 200, response.content.decode()[:2000]
    assert "no-store" in response["Cache-Control"]
    code = _code(response.content.decode())
    assert WbsReport.objects.get().lookup_id == code[:8]
    # The follow-up page opens it and lets the reporter reply, all with plain POSTs.
    follow_url = wbs_pages["follow"].url
    shown = client.post(follow_url, {"receipt_code": code})
    assert shown.status_code == 200
    assert "Diterima" in shown.content.decode()
    replied = client.post(follow_url, {"receipt_code": code, "body": "Saya lampirkan kronologi."})
    assert replied.status_code == 200
    assert "Saya lampirkan kronologi." in replied.content.decode()
    assert WbsMessage.objects.filter(sender="pelapor").count() == 1


def test_form_page_shows_field_errors(wbs_pages, opds, category):
    response = client_for().post(wbs_pages["form"].url, page_form(opds["dinkes"], category, title="", description="x"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Kolom ini  harus diisi." in html  # Django's Indonesian message, next to the field
    assert not WbsReport.objects.exists()


def test_form_page_honeypot(wbs_pages, opds, category):
    response = client_for().post(wbs_pages["form"].url, page_form(opds["dinkes"], category, website="spam"))
    assert response.status_code == 400
    assert not WbsReport.objects.exists()


def test_follow_up_page_wrong_code(wbs_pages):
    response = client_for().post(wbs_pages["follow"].url, {"receipt_code": "AAAA-BBBB"})
    assert response.status_code == 404
    assert "Kode tanda terima tidak dikenal" in response.content.decode()


def test_admin_screens_for_inspector(report, inspector_a, inspector_b):
    obj, _ = report
    client = client_for(inspector_a)
    index = client.get("/admin/wbs/")
    assert index.status_code == 200
    assert obj.lookup_id in index.content.decode()
    assert not SensitiveRead.objects.exists()
    detail = client.get(f"/admin/wbs/{obj.pk}/")
    assert detail.status_code == 200
    assert "Pemohon izin diminta" in detail.content.decode()
    assert SensitiveRead.objects.filter(action="wbs.read", door="admin", user=inspector_a).count() == 1

    assert client.post(f"/admin/wbs/{obj.pk}/note/", {"note-body": "Catatan"}).status_code == 302
    assert client.post(f"/admin/wbs/{obj.pk}/message/", {"message-body": "Mohon bukti"}).status_code == 302
    assert client.post(f"/admin/wbs/{obj.pk}/assign/", {"assignee": inspector_b.pk}).status_code == 302
    assert client.post(f"/admin/wbs/{obj.pk}/status/", {"status": "ditelaah", "reason": ""}).status_code == 302
    obj.refresh_from_db()
    assert (obj.assignee, obj.status) == (inspector_b, "ditelaah")
    assert WbsNote.objects.count() == 1
    assert WbsMessage.objects.count() == 1

    client.post(f"/admin/wbs/{obj.pk}/identity-request/", {"reason": "Klarifikasi saksi utama."})
    req = IdentityRequest.objects.get()
    own = client.post(f"/admin/wbs/identity-requests/{req.pk}/decide/", {"approve": "1"})
    assert own.status_code == 404
    assert client.post(f"/admin/wbs/{obj.pk}/identity/").status_code == 403
    other = client_for(inspector_b)
    assert (
        other.post(f"/admin/wbs/identity-requests/{req.pk}/decide/", {"approve": "1", "note": "ok"}).status_code == 302
    )
    revealed = client.post(f"/admin/wbs/{obj.pk}/identity/")
    assert revealed.status_code == 200
    assert "Siti Pelapor" in revealed.content.decode()
    assert SensitiveRead.objects.filter(action="wbs.reveal_identity", door="admin").count() == 1


def test_admin_refuses_conflicted_assignee(report, opds, inspector_a):
    from organizations.models import Membership
    from tests.factories import inspector

    obj, _ = report
    conflicted = inspector(username="inspektur.dinkes")
    Membership.objects.create(user=conflicted, opd=opds["dinkes"])
    client = client_for(inspector_a)
    response = client.post(f"/admin/wbs/{obj.pk}/assign/", {"assignee": conflicted.pk})
    assert response.status_code == 302
    obj.refresh_from_db()
    assert obj.assignee is None
    assert f'value="{conflicted.pk}"' not in client.get(f"/admin/wbs/{obj.pk}/").content.decode()


def test_admin_shows_service_errors(report, inspector_a):
    obj, _ = report
    client = client_for(inspector_a)
    response = client.post(f"/admin/wbs/{obj.pk}/status/", {"status": "terbukti", "reason": ""}, follow=True)
    assert "Wajib diisi." in response.content.decode()
    obj.refresh_from_db()
    assert obj.status == "diterima"
