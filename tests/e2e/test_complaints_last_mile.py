"""The complaints' last mile in real chromium: a citizen on a phone goes from the home page to
a filed complaint with a map location; the desk is notified, the OPD is preselected, an OPD
without staff is refused, the OPD declines, the desk forwards another complaint to WBS; the
text with a NIK and a phone number is published redacted; a GraphQL client retries a
submission with the same Idempotency-Key and gets the same working secret. Every public page
passes axe-core (no serious or critical violation) at phone size. Screenshots go to
/tmp/complaints/."""

import re
import uuid
from pathlib import Path

import pytest

from complaints.models import Complaint, ContactPoint, RejectReason, Status
from complaints.selectors import complaint_track
from complaints.services import complaint_assign, complaint_verify
from notifications.models import Notification
from organizations.models import OPDKind
from tests.factories import (
    CategoryFactory,
    OPDFactory,
    UserFactory,
    WbsCategoryFactory,
    desk_user,
    opd_user,
    site_home,
    submit_complaint,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
PASSWORD = "rahasia-uji-123"
AXE = Path(__file__).parent / "vendor" / "axe.min.js"
SHOTS = Path("/tmp/complaints")
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}
NIK, PHONE_NO = "6503014507850002", "0812-3456-7890"


def _publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def world(transactional_db):
    from home.complaint_pages import ComplaintFormPage, ComplaintStatsPage, ComplaintTrackPage
    from home.wbs_pages import WbsFormPage

    home = site_home()
    pages = {
        "form": _publish(home, ComplaintFormPage(title="Sampaikan Pengaduan", slug="sampaikan-pengaduan")),
        "track": _publish(home, ComplaintTrackPage(title="Lacak Pengaduan", slug="lacak-pengaduan")),
        "stats": _publish(home, ComplaintStatsPage(title="Statistik Pengaduan", slug="statistik-pengaduan")),
        "wbs": _publish(home, WbsFormPage(title="Whistleblowing", slug="wbs")),
    }
    dinas = OPDFactory(name="Dinas Pekerjaan Umum", acronym="DPU")
    empty = OPDFactory(name="Dinas Tanpa Akun", acronym="DTA")
    kec = OPDFactory(name="Kecamatan Nunukan", acronym="Kec. Nunukan", kind=OPDKind.KECAMATAN)
    sebatik = OPDFactory(name="Kecamatan Sebatik", acronym="Kec. Sebatik", kind=OPDKind.KECAMATAN)
    OPDFactory(name="Desa Tanjungkarang", acronym="", kind=OPDKind.DESA, parent=sebatik, region_code="65.03.01.2001")
    kel = OPDFactory(name="Kelurahan Nunukan Barat", acronym="Kel. NB", kind=OPDKind.KELURAHAN, parent=kec)
    category = CategoryFactory(name="Jalan dan jembatan", slug="jalan", default_opd=dinas)
    operator = opd_user(dinas, username="operator.dpu")
    ContactPoint.objects.create(opd=dinas, user=operator)
    return {
        **pages,
        "dinas": dinas,
        "empty": empty,
        "kec": kec,
        "kel": kel,
        "category": category,
        "desk": desk_user(username="meja.pengaduan", email="meja@nunukankab.go.id"),
        "operator": operator,
        "wbs_category": WbsCategoryFactory(name="Pungutan liar", slug="pungli"),
        "inspektur": UserFactory(username="inspektur.e2e"),
    }


def _axe(page, name: str) -> None:
    page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        """async () => (await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}))
        .violations.filter(v => ['serious', 'critical'].includes(v.impact))
        .map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(' | '))"""
    )
    assert found == [], (name, found)


def _shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _login(browser, live_server, username):
    context = browser.new_context(locale="id-ID", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(live_server.url + "/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("form button[type=submit] >> nth=-1")
    page.wait_for_url(re.compile(r".*/admin/$"))
    return context, page


def test_citizen_on_a_phone_to_the_desk_the_opd_and_wbs(browser, live_server, world):
    phone = browser.new_context(
        locale="id-ID",
        geolocation={"latitude": 4.137412, "longitude": 117.666781},
        permissions=["geolocation"],
        bypass_csp=True,  # lets the test inject axe-core; the site itself runs under its CSP
        **PHONE,
    )
    page = phone.new_page()
    page.goto(live_server.url + "/")
    _axe(page, "home")
    _shot(page, "phone-home")
    # one tap from the home page to the form
    page.locator(".citizen-actions .citizen-submit").tap()
    page.wait_for_url(re.compile(r".*/sampaikan-pengaduan/$"))
    _axe(page, "form")
    title = page.locator("#id_title")
    assert title.bounding_box()["width"] > 330  # full width on a 390 px screen
    assert page.locator("#complaint-submit").bounding_box()["height"] >= 44
    assert page.locator("#id_reporter_phone").get_attribute("type") == "tel"
    assert "---------" not in page.content()
    page.select_option("#id_category", "jalan")
    page.fill("#id_title", "Jalan berlubang di depan pasar")
    page.fill(
        "#id_description",
        f"Lubang besar di Jl. Pelabuhan dekat pasar, sudah dua minggu. Saya warga RT 05, NIK {NIK}, "
        f"bisa dihubungi di {PHONE_NO}.",
    )
    # kecamatan → kelurahan/desa: only the chosen kecamatan's villages (and its group) are offered
    groups = "gs => gs.filter(g => !g.hidden).map(g => g.label)"
    assert page.eval_on_selector_all("#id_kelurahan optgroup", groups) == ["Kecamatan Nunukan", "Kecamatan Sebatik"]
    page.select_option("#id_kecamatan", str(world["kec"].pk))
    visible = page.eval_on_selector_all("#id_kelurahan option", "os => os.filter(o => !o.hidden).map(o => o.text)")
    assert visible == ["Pilih kelurahan/desa …", "Kelurahan Nunukan Barat (Kel. NB)"]
    assert page.eval_on_selector_all("#id_kelurahan optgroup", groups) == ["Kecamatan Nunukan"]
    page.select_option("#id_kelurahan", str(world["kel"].pk))
    # the map picker (Leaflet from our static files) and "use my location"
    assert page.locator("#map-picker .leaflet-container, #map-picker.leaflet-container").count() == 1
    page.locator("#use-my-location").tap()
    page.wait_for_function("document.getElementById('id_lat').value !== ''")
    assert page.input_value("#id_lat") == "4.137412"
    page.fill("#id_reporter_email", "warga@example.com")
    # the draft survives a reload (connection dropped before sending)
    page.reload()
    assert page.input_value("#id_title") == "Jalan berlubang di depan pasar"
    assert page.locator("#draft-note").is_visible()
    _shot(page, "phone-form")
    page.locator("#complaint-submit").tap()
    page.wait_for_selector("#complaint-receipt")
    _shot(page, "phone-receipt")
    code = page.inner_text("#tracking-code")
    complaint = Complaint.objects.get(tracking_code=code)
    assert (float(complaint.lat), float(complaint.long)) == (4.137412, 117.666781)
    assert complaint.kelurahan_id == world["kel"].pk
    # the desk is told (in-app and by e-mail through notify)
    assert Notification.objects.filter(
        recipient=world["desk"], dedupe_key=f"complaint:{complaint.pk}:desk-new"
    ).exists()
    # the tracking and WBS pages are accessible at phone size too
    page.goto(live_server.url + world["track"].url)
    _axe(page, "track")
    page.goto(live_server.url + world["wbs"].url)
    _axe(page, "wbs")
    _shot(page, "phone-wbs")

    # --- the desk (desktop): verify; the OPD is preselected; an OPD without staff is refused
    desk_ctx, desk = _login(browser, live_server, "meja.pengaduan")
    detail = f"{live_server.url}/admin/complaints/complaint/inspect/{complaint.pk}/"
    desk.goto(detail)
    assert desk.locator("#original-text mark.pii-nik").inner_text() == NIK
    desk.click("button[name=do-verify]")
    desk.wait_for_selector("#assign-opd")
    assert desk.input_value("#assign-opd") == str(world["dinas"].pk)
    desk.select_option("#assign-opd", str(world["empty"].pk))
    desk.click("button[name=do-assign]")
    desk.wait_for_selector("text=belum punya penghubung atau akun petugas aktif")
    complaint.refresh_from_db()
    assert complaint.opd_id is None
    _shot(desk, "desk-refused")
    desk.select_option("#assign-opd", str(world["dinas"].pk))
    desk.click("button[name=do-assign]")
    desk.wait_for_selector("text=Tersimpan.")
    complaint.refresh_from_db()
    assert (complaint.status, complaint.opd_id) == (Status.ASSIGNED, world["dinas"].pk)

    # --- the OPD declines ("bukan kewenangan"): back to the desk
    opd_ctx, opd = _login(browser, live_server, "operator.dpu")
    opd.goto(detail)
    opd.fill("#decline-reason", "Ruas jalan nasional, kewenangan BPJN")
    opd.click("button[name=do-decline]")
    opd.wait_for_url(re.compile(r".*/admin/complaints/complaint/$"))
    complaint.refresh_from_db()
    assert (complaint.status, complaint.opd_id) == (Status.VERIFIED, None)
    opd_ctx.close()

    # --- the desk forwards another complaint (about an official) to WBS
    other = submit_complaint(category=world["category"], title="Petugas meminta uang", description="x" * 40).complaint
    complaint_verify(complaint=other, actor=world["desk"], door="admin")
    desk.goto(f"{live_server.url}/admin/complaints/complaint/inspect/{other.pk}/")
    desk.click("#forward-wbs summary")
    desk.select_option("select[name=wbs_category]", str(world["wbs_category"].pk))
    desk.fill("input[name=reported_person]", "Petugas loket pasar")
    desk.click("#forward-wbs button[type=submit]")
    desk.wait_for_selector("text=Tersimpan.")
    other.refresh_from_db()
    assert (other.status, other.rejection_reason) == (Status.REJECTED, RejectReason.FORWARDED_WBS)
    assert other.wbs_reference
    _shot(desk, "desk-forwarded")
    desk_ctx.close()

    # --- published redacted: the public page shows no NIK, no phone number
    complaint_assign(complaint=complaint, actor=world["desk"], door="admin", opd=world["dinas"])
    page.goto(f"{live_server.url}{world['track'].url}?kode={code}")
    text = page.inner_text("#public-complaint")
    assert NIK not in text
    assert PHONE_NO not in text
    assert "[NIK disamarkan]" in text
    _shot(page, "phone-public-redacted")
    phone.close()


SUBMIT = """mutation($input: SubmitComplaintInput!) { submitComplaint(input: $input) {
  trackingCode secret status dueDate } }"""


def test_graphql_client_retries_with_the_same_key_and_gets_the_same_secret(browser, live_server, world):
    context = browser.new_context()
    key = str(uuid.uuid4())
    body = {
        "query": SUBMIT,
        "variables": {
            "input": {
                "category": "jalan",
                "title": "Lampu jalan mati",
                "description": "Tiga lampu mati di Jl. Tien Soeharto.",
            }
        },
    }
    answers = []
    for _ in range(2):
        r = context.request.post(f"{live_server.url}/graphql/", data=body, headers={"Idempotency-Key": key})
        assert r.ok
        answers.append(r.json())
    assert "errors" not in answers[0], answers[0]
    first, again = (a["data"]["submitComplaint"] for a in answers)
    assert first == again
    assert first["dueDate"]
    assert Complaint.objects.filter(tracking_code=first["trackingCode"]).count() == 1
    assert complaint_track(code=first["trackingCode"], secret=again["secret"]) is not None
    context.close()
