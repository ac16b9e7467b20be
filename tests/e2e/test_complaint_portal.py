"""A citizen files a complaint with a photo in real chromium (JavaScript off), tracks it; the desk
verifies and assigns it in the Wagtail admin; the OPD answers; the citizen sees the answer."""

import re

import pytest
from django.conf import settings
from PIL import Image
from wagtail.models import Locale, Page, Site

from complaints.models import Attachment, Complaint, Status
from tests.factories import CategoryFactory, OPDFactory, desk_user, gps_jpeg, opd_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
PASSWORD = "rahasia-uji-123"


def _site_root() -> Page:
    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is not None:
        return site.root_page
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
    home = root.add_child(instance=Page(title="Beranda", slug="beranda"))
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    return home


@pytest.fixture
def setup(transactional_db, tmp_path):
    from home.complaint_pages import ComplaintFormPage, ComplaintTrackPage

    root = _site_root()
    form = root.add_child(instance=ComplaintFormPage(title="Sampaikan Pengaduan", slug="lapor-e2e"))
    track = root.add_child(instance=ComplaintTrackPage(title="Lacak Pengaduan", slug="lacak-e2e"))
    opd = OPDFactory(name="Dinas Pekerjaan Umum E2E", acronym="DPU")
    CategoryFactory(name="Jalan rusak e2e", slug="jalan-e2e")
    photo = tmp_path / "jalan.jpg"
    photo.write_bytes(gps_jpeg((120, 90)))
    return {
        "form": form,
        "track": track,
        "opd": opd,
        "photo": photo,
        "desk": desk_user(username="meja.e2e"),
        "opd_user": opd_user(opd, username="operator.dpu.e2e"),
    }


def _login(browser, live_server, username):
    context = browser.new_context(locale="id-ID")
    page = context.new_page()
    page.goto(live_server.url + "/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("form button[type=submit] >> nth=-1")
    page.wait_for_url(re.compile(r".*/admin/$"))
    return context, page


def test_citizen_files_tracks_desk_assigns_opd_answers(browser, live_server, setup):
    citizen = browser.new_context(locale="id-ID", java_script_enabled=False)
    page = citizen.new_page()
    page.goto(live_server.url + setup["form"].url)
    page.select_option("#id_category", label="Jalan rusak e2e")
    page.fill("#id_title", "Jalan berlubang di depan SD 003")
    page.fill("#id_description", "Lubang besar, membahayakan anak sekolah.")
    page.fill("#id_reporter_name", "Wati Warga")
    page.set_input_files("#id_attachments", str(setup["photo"]))
    page.click("#complaint-submit")
    page.wait_for_selector("#tracking-code")
    code = page.inner_text("#tracking-code").strip()
    secret = page.inner_text("#tracking-secret").strip()
    assert re.fullmatch(r"ADU-[2-9A-Z]{4}-[2-9A-Z]{4}", code)
    complaint = Complaint.objects.get(tracking_code=code)
    stored = Attachment.objects.get(complaint=complaint)
    assert b"KameraRahasia" not in stored.file.read()
    assert not Image.open(stored.file.path).getexif()

    page.goto(live_server.url + setup["track"].url)
    page.fill("#id_code", code)
    page.fill("#id_secret", secret)
    page.click("#track-submit")
    assert page.inner_text("#tracked-status") == "Diterima"

    desk_ctx, desk = _login(browser, live_server, "meja.e2e")
    desk.goto(live_server.url + "/admin/complaints/complaint/")
    desk.click(f"text={code}")
    assert "Wati Warga" in desk.inner_text("#reporter")
    desk.click("button[name=do-verify]")
    desk.wait_for_selector("button[name=do-assign]")
    desk.select_option("#assign-opd", label="Dinas Pekerjaan Umum E2E")
    desk.click("button[name=do-assign]")
    desk.wait_for_selector("#status:has-text('Didisposisikan')")
    desk_ctx.close()

    opd_ctx, opd = _login(browser, live_server, "operator.dpu.e2e")
    opd.goto(live_server.url + "/admin/complaints/complaint/")
    opd.click(f"text={code}")
    opd.fill("#answer-body", "Lubang sudah ditambal pada hari ini.")
    opd.click("button[name=do-answer]")
    opd.wait_for_selector("#status:has-text('Dijawab')")
    opd_ctx.close()

    page.goto(live_server.url + setup["track"].url)
    page.fill("#id_code", code)
    page.fill("#id_secret", secret)
    page.click("#track-submit")
    assert page.inner_text("#tracked-status") == "Dijawab"
    assert "Lubang sudah ditambal pada hari ini." in page.inner_text("#timeline")
    citizen.close()
    complaint.refresh_from_db()
    assert (complaint.status, complaint.opd) == (Status.ANSWERED, setup["opd"])
