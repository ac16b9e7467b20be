"""Demo data for complaints: categories, this year's cuti bersama, public pages, sample complaints.

Idempotent. Pages are created through the app registry so this domain app does not import
``home``. Cuti bersama 2026 follow the joint ministerial decree (SKB 3 Menteri) for 2026 as
published; the Pemda admin must check and correct them in "Pengaduan → Cuti bersama".
"""

import datetime as dt

from django.apps import apps
from django.contrib.auth import get_user_model
from wagtail.models import Site

from audit.actors import Door, acting_as
from organizations.models import OPD

from .models import Category, Complaint, DayOff, Handling, Privacy
from .renaksi import demo as renaksi_demo
from .services import complaint_add_note, complaint_answer, complaint_assign, complaint_submit, complaint_verify

CATEGORIES = [
    ("Jalan dan jembatan", "jalan-jembatan", Handling.INSPECTION, "DPUPR"),
    ("Layanan kesehatan", "layanan-kesehatan", Handling.NO_INSPECTION, "Dinkes"),
    ("Pendidikan", "pendidikan", Handling.NO_INSPECTION, "Disdikbud"),
    ("Administrasi kependudukan", "adminduk", Handling.SIMPLE, "Disdukcapil"),
    ("Kebersihan dan sampah", "kebersihan", Handling.NO_INSPECTION, "DLH"),
    ("Permintaan informasi publik", "informasi-publik", Handling.SIMPLE, "Diskominfotik"),
]

#: Cuti bersama 2026 (SKB 3 Menteri for 2026; verify against the published decree).
CUTI_BERSAMA = [
    (dt.date(2026, 2, 16), "Cuti bersama Tahun Baru Imlek"),
    (dt.date(2026, 3, 18), "Cuti bersama Hari Suci Nyepi"),
    (dt.date(2026, 3, 20), "Cuti bersama Idulfitri"),
    (dt.date(2026, 3, 23), "Cuti bersama Idulfitri"),
    (dt.date(2026, 3, 24), "Cuti bersama Idulfitri"),
    (dt.date(2026, 5, 15), "Cuti bersama Kenaikan Yesus Kristus"),
    (dt.date(2026, 5, 28), "Cuti bersama Iduladha"),
    (dt.date(2026, 12, 24), "Cuti bersama Hari Raya Natal"),
]

PAGES = [
    ("ComplaintFormPage", "sampaikan-pengaduan", "Sampaikan Pengaduan",
     "<p>Sampaikan pengaduan, aspirasi atau permintaan informasi. Pilih publik, rahasia, atau anonim.</p>"),
    ("ComplaintTrackPage", "lacak-pengaduan", "Lacak Pengaduan",
     "<p>Masukkan kode pelacakan dan kode rahasia Anda.</p>"),
    ("ComplaintStatsPage", "statistik-pengaduan", "Statistik Pengaduan",
     "<p>Jumlah pengaduan per kategori, OPD dan status, serta ketepatan waktu jawaban.</p>"),
]  # fmt: skip


def _pages(stdout, style) -> None:
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return
    home = site.root_page
    for model_name, slug, title, intro in PAGES:
        if home.get_children().filter(slug=slug).exists():
            continue
        page = apps.get_model("home", model_name)(title=title, slug=slug, intro=intro)
        home.add_child(instance=page)
        page.save_revision().publish()
    stdout.write(style.SUCCESS("Pengaduan: halaman formulir, pelacakan, statistik."))


def _samples(stdout, style) -> None:
    if Complaint.objects.exists():
        return
    User = get_user_model()
    desk = User.objects.filter(username="pengaduan").first()
    operator = User.objects.filter(username="operator.dinkes").first()
    dinkes = OPD.objects.filter(acronym="Dinkes").first()
    if not (desk and operator and dinkes):
        return
    samples = [
        ("layanan-kesehatan", "Antrean puskesmas sangat panjang", Privacy.PUBLIC, True),
        ("layanan-kesehatan", "Obat kosong di puskesmas pembantu", Privacy.RAHASIA, False),
        ("jalan-jembatan", "Jembatan kayu di Sebatik rusak", Privacy.PUBLIC, False),
        ("kebersihan", "Sampah menumpuk di pasar", Privacy.ANONIM, False),
    ]
    for slug, title, privacy, answered in samples:
        result = complaint_submit(
            data={"category": slug, "title": title, "description": f"Contoh demo: {title.lower()}.",
                  "privacy": privacy, "reporter_name": "Warga Demo", "reporter_email": "warga.demo@example.com"},
            client="demo", door=Door.COMMAND,
        )  # fmt: skip
        c = result.complaint
        if slug == "jalan-jembatan":
            continue
        complaint_verify(complaint=c, actor=desk, door=Door.COMMAND)
        complaint_assign(complaint=c, actor=desk, door=Door.COMMAND, opd=dinkes)
        complaint_add_note(complaint=c, actor=operator, door=Door.COMMAND, body="Catatan internal contoh.")
        if answered:
            complaint_answer(complaint=c, actor=operator, door=Door.COMMAND, body="Jadwal layanan ditambah.")
        stdout.write(f"  {c.tracking_code} ({privacy})")
    stdout.write(style.SUCCESS("Pengaduan: contoh pengaduan."))


def load(*, stdout, style) -> None:
    with acting_as("command:load_demo", door=Door.COMMAND):
        opds = {o.acronym: o for o in OPD.objects.all()}
        for order, (name, slug, handling, acronym) in enumerate(CATEGORIES):
            Category.objects.update_or_create(
                slug=slug,
                defaults={"name": name, "handling": handling, "default_opd": opds.get(acronym), "order": order},
            )
        for date, name in CUTI_BERSAMA:
            DayOff.objects.get_or_create(date=date, defaults={"name": name})
        stdout.write(style.SUCCESS("Pengaduan: kategori dan cuti bersama."))
        _pages(stdout, style)
        _samples(stdout, style)
    renaksi_demo.load(stdout=stdout, style=style)
