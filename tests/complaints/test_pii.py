"""Personal data in public complaint text: detected, highlighted for the desk, redacted in
every public door (REST, GraphQL, the public tracking page, Open311); the original stays
with the desk only."""

import pytest
from django.urls import reverse

from complaints import pii
from complaints.services import complaint_assign, complaint_verify
from tests.complaints.test_pages import pages  # noqa: F401 - the pages fixture
from tests.factories import submit_complaint

pytestmark = pytest.mark.django_db

TEXT = (
    "Saya Siti Aminah (NIK 6503014507850002), rumah di Jl. Pelabuhan RT 05. Jalan berlubang sejak Maret, "
    "truk KT 1234 AB sering lewat. Hubungi saya di 0812-3456-7890 atau siti.aminah@gmail.com. "
    "Panjang kerusakan 120 meter, lebar 4 m, sudah 3 kali lapor ke kelurahan."
)
ORIGINALS = ("6503014507850002", "0812-3456-7890", "siti.aminah@gmail.com", "KT 1234 AB")


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("NIK saya 6503014507850002.", ["nik"]),
        ("NIK 3171 0141 0190 0003 ditulis berkelompok", ["nik"]),
        ("nomor 1234567890123456 bukan NIK (kode provinsi 12? tanggal 78)", []),
        ("WA +62 811-5432-100 atau (0556) 21234", ["phone", "phone"]),
        ("tagihan Rp 2.500.000 dan 120 meter, RT 05 RW 03, tahun 2024", []),
        ("mobil B 1234 XYZ dan motor KT 5678 Q", ["plate", "plate"]),
        ("kirim ke warga.nunukan@yahoo.co.id ya", ["email"]),
    ],
)
def test_detection_on_indonesian_texts(text, kinds):
    assert [f.kind for f in pii.detect(text)] == kinds


def test_redaction_and_highlight():
    redacted = pii.redact(TEXT)
    for original in ORIGINALS:
        assert original not in redacted
    assert "[NIK disamarkan]" in redacted
    assert "[nomor telepon disamarkan]" in redacted
    assert "120 meter" in redacted
    assert "RT 05" in redacted
    html = str(pii.highlight("<b>" + TEXT))
    assert "&lt;b&gt;" in html
    assert '<mark class="pii pii-nik"' in html


def _public(world):
    r = submit_complaint(category=world.category, title="Jalan rusak, hubungi 081234567890", description=TEXT)
    complaint_verify(complaint=r.complaint, actor=world.desk, door="admin")
    complaint_assign(complaint=r.complaint, actor=world.desk, door="admin", opd=world.dinas)
    return r


def test_every_public_door_shows_only_the_redacted_text(world, client, api_client, pages):  # noqa: F811
    r = _public(world)
    code = r.complaint.tracking_code
    bodies = {
        "rest": api_client.get(f"/api/v1/complaints/public/{code}/").content.decode(),
        "rest-list": api_client.get("/api/v1/complaints/public/").content.decode(),
        "graphql": api_client.post(
            "/graphql/",
            {"query": "{ publicComplaints { items { title description } } }"},
            format="json",
        ).content.decode(),
        "page": client.get(pages["track"].url, {"kode": code}).content.decode(),
        "open311": client.get("/open311/v2/requests.json").content.decode(),
        "stats": client.get(pages["stats"].url).content.decode(),
    }
    for door, body in bodies.items():
        assert "disamarkan" in body, door
        for original in (*ORIGINALS, "081234567890"):
            assert original not in body, (door, original)
    # the reporter still sees their own text; the desk sees the original, highlighted
    tracked = api_client.post("/api/v1/complaints/track/", {"code": code, "secret": r.secret}, format="json")
    assert "6503014507850002" in tracked.json()["description"]
    client.force_login(world.desk)
    page = client.get(reverse("complaints_admin_detail", args=[r.complaint.pk])).content.decode()
    assert '<mark class="pii pii-nik" title="NIK">6503014507850002</mark>' in page
    assert "pii-warning" in page


def test_desk_redaction_is_checked_and_published(world, api_client):
    r = _public(world)
    c = r.complaint
    api_client.force_authenticate(world.desk)
    url = f"/api/v1/complaints/staff/{c.pk}/redact/"
    bad = api_client.post(url, {"title": "Jalan rusak", "description": "hubungi 0812-3456-7890"}, format="json")
    assert bad.status_code == 400
    assert "nomor telepon" in bad.json()["errors"]["description"][0]
    ok = api_client.post(url, {"title": "Jalan rusak di Jl. Pelabuhan", "description": "Jalan berlubang."})
    assert ok.status_code == 200, ok.content
    public = api_client.get(f"/api/v1/complaints/public/{c.tracking_code}/").json()
    assert (public["title"], public["description"]) == ("Jalan rusak di Jl. Pelabuhan", "Jalan berlubang.")
    api_client.force_authenticate(world.opd_op)
    assert api_client.post(url, {"title": "a", "description": "b"}).status_code == 403
