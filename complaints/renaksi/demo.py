"""Demo Renaksi: "Renaksi Pengelolaan Pengaduan 2025–2027" (marked as demo data) with eight actions
across a few OPDs, some quarterly progress with a small evidence image, and its public page.

Idempotent (matched by the plan's title). Progress rows are written directly as the demo command
(``acting_as``), not through ``progress_report``: demo OPDs may have no member to act for them.
"""

from __future__ import annotations

import datetime as dt
import io

from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image
from wagtail.models import Site

from audit.actors import Door, acting_as
from organizations.models import OPD

from ..attachments import clean_upload
from .models import Action, ActionEvidence, ActionPlan, ActionProgress, PlanStatus

PLAN_TITLE = "Renaksi Pengelolaan Pengaduan 2025–2027"

#: code, title, owner OPD acronym, output, indicator, due date, [(year, quarter, percent, narrative)]
ACTIONS = [
    ("1.1", "Menetapkan SK tim pengelola pengaduan SP4N-LAPOR dan penghubung di setiap OPD", "Diskominfotik",
     "SK Bupati tentang tim pengelola dan penghubung pengaduan", "SK ditetapkan; 100% OPD punya penghubung",
     dt.date(2025, 6, 30), [(2025, 1, 40, "Draf SK disusun bersama Bagian Hukum."),
                            (2025, 2, 100, "SK Bupati ditetapkan dan disosialisasikan.")]),
    ("1.2", "Menyusun SOP penanganan pengaduan lintas OPD", "Diskominfotik",
     "SOP penanganan pengaduan (verifikasi, disposisi, tindak lanjut, penutupan)", "SOP disahkan dan dipakai 39 OPD",
     dt.date(2025, 12, 31), [(2025, 2, 30, "Rapat penyusunan SOP dengan 10 OPD."),
                             (2025, 4, 80, "SOP final menunggu pengesahan Sekda.")]),
    ("2.1", "Sosialisasi kanal pengaduan kepada masyarakat di 21 kecamatan", "Diskominfotik",
     "Sosialisasi tatap muka dan media sosial", "21 kecamatan tersosialisasi",
     dt.date(2026, 12, 31), [(2026, 1, 25, "Sosialisasi di 5 kecamatan."),
                             (2026, 2, 50, "Sosialisasi di 11 kecamatan."),
                             (2026, 3, 70, "Sosialisasi di 15 kecamatan.")]),
    ("2.2", "Layanan pengaduan kesehatan terpadu di puskesmas", "Dinkes",
     "Kotak dan QR pengaduan di setiap puskesmas", "100% puskesmas memasang kanal pengaduan",
     dt.date(2026, 9, 30), [(2026, 1, 30, "Kanal terpasang di 6 puskesmas."),
                            (2026, 2, 60, "Kanal terpasang di 12 puskesmas.")]),
    ("2.3", "Penanganan pengaduan layanan pendidikan di sekolah", "Disdikbud",
     "Petugas pengaduan di setiap satuan pendidikan", "Waktu tindak lanjut rata-rata ≤ 10 hari kerja",
     dt.date(2026, 12, 31), [(2026, 2, 20, "Pelatihan petugas pengaduan angkatan pertama.")]),
    ("3.1", "Peningkatan kompetensi admin pengaduan OPD", "BKPSDM",
     "Pelatihan pengelolaan pengaduan bagi admin OPD", "80 admin OPD terlatih",
     dt.date(2027, 6, 30), []),
    ("3.2", "Evaluasi kepuasan pelapor atas penanganan pengaduan", "Itda",
     "Survei kepuasan pelapor dan laporan evaluasi tahunan", "Indeks kepuasan ≥ 80",
     dt.date(2027, 12, 31), [(2026, 3, 10, "Kuesioner survei disusun.")]),
    ("3.3", "Integrasi data pengaduan dengan perencanaan (Bappeda)", "Bappeda-Litbang",
     "Rekap pengaduan menjadi masukan Renja OPD", "Rekap tahunan dipakai dalam forum OPD",
     dt.date(2027, 9, 30), []),
]  # fmt: skip

PAGE = ("RenaksiPage", "renaksi-pengaduan", "Kemajuan Rencana Aksi Pengaduan",
        "<p>Kemajuan rencana aksi (Renaksi) pengelolaan pengaduan SP4N-LAPOR: setiap aksi, OPD penanggung "
        "jawab, batas waktu dan capaian triwulanan.</p>")  # fmt: skip


def _evidence_file() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (26, 127, 55)).save(buffer, "PNG")
    return SimpleUploadedFile("bukti.png", buffer.getvalue(), content_type="image/png")


def _page(home, plan: ActionPlan) -> bool:
    model_name, slug, title, intro = PAGE
    if home.get_children().filter(slug=slug).exists():
        return False
    page = apps.get_model("home", model_name)(title=title, slug=slug, intro=intro, plan=plan)
    page.show_in_menus = True
    home.add_child(instance=page)
    page.save_revision().publish()
    return True


def load(*, stdout, style) -> None:
    with acting_as("command:load_demo", door=Door.COMMAND, reason="data demo Renaksi"):
        plan, created = ActionPlan.objects.get_or_create(
            title=PLAN_TITLE,
            defaults={
                "start_year": 2025,
                "end_year": 2027,
                "status": PlanStatus.ACTIVE,
                "is_demo": True,
                "description": "Contoh data demo: rencana aksi penguatan pengelolaan pengaduan SP4N-LAPOR.",
            },
        )
        if created:
            opds = {o.acronym: o for o in OPD.objects.filter(acronym__in={a[2] for a in ACTIONS})}
            for order, (code, title, acronym, output, indicator, due, progress) in enumerate(ACTIONS):
                if acronym not in opds:
                    continue
                action = Action.objects.create(
                    plan=plan, code=code, title=title, opd=opds[acronym], output=output,
                    indicator=indicator, due_date=due, order=order,
                )  # fmt: skip
                for year, quarter, percent, narrative in progress:
                    reported = timezone.make_aware(dt.datetime(year + (quarter == 4), quarter * 3 % 12 + 1, 5, 10))
                    row = ActionProgress.objects.create(
                        action=action, year=year, quarter=quarter, percent=percent,
                        narrative=f"{narrative} (data demo)", reported_at=reported,
                    )  # fmt: skip
                    clean = clean_upload(_evidence_file())
                    evidence = ActionEvidence(progress=row, content_type=clean.content_type, size=clean.size)
                    evidence.file.save(clean.content.name, clean.content, save=False)
                    evidence.save()
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        page = site is not None and _page(site.root_page, plan)
    stdout.write(
        style.SUCCESS(f"Renaksi: {plan.title} ({plan.actions.count()} aksi){', halaman publik' if page else ''}.")
    )
