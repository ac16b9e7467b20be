"""Demo data for WBS: the public pages and one anonymous report (idempotent).

The pages are created through the app registry (``apps.get_model``) so this domain app
does not import ``home``. The receipt code of the demo report is printed in development
only (``SEPAKAT_SHOW_DEMO_PASSWORDS``); it cannot be shown again later.
"""

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from wagtail.models import Site

from audit.actors import Door, acting_as
from organizations.models import OPD

from .investigation import message_send, report_assign
from .models import WbsCategory, WbsReport
from .services import report_submit

PAGES = [
    (
        "WbsFormPage",
        "lapor-pelanggaran",
        "Lapor Pelanggaran (WBS)",
        "<p>Laporkan dugaan korupsi, gratifikasi, benturan kepentingan, penyalahgunaan wewenang atau pelanggaran "
        "disiplin oleh ASN. Anda tidak perlu membuat akun dan boleh tetap anonim.</p>",
    ),
    (
        "WbsFollowUpPage",
        "pantau-laporan-wbs",
        "Pantau Laporan WBS",
        "<p>Masukkan kode tanda terima untuk melihat status laporan dan berkirim pesan dengan Inspektorat.</p>",
    ),
]


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
    stdout.write(style.SUCCESS("WBS: halaman formulir dan pemantauan."))


def load(*, stdout, style) -> None:
    with acting_as("command:load_demo", door=Door.COMMAND):
        _pages(stdout, style)
        if WbsReport.objects.exists():
            return
        opd = OPD.objects.filter(acronym="Dinkes").first() or OPD.objects.first()
        category = WbsCategory.objects.filter(slug="gratifikasi").first() or WbsCategory.objects.first()
        if opd is None or category is None:
            return
        submitted = report_submit(
            category_id=category.pk,
            reported_opd_id=opd.pk,
            reported_person="Pejabat pengadaan (contoh)",
            title="Contoh: dugaan gratifikasi pengadaan alat kesehatan",
            description="Contoh laporan demo: penyedia disebut memberi hadiah kepada panitia sebelum pengumuman.",
        )
        inspector = get_user_model().objects.filter(username="inspektur").first()
        if inspector is not None:
            report_assign(report=submitted.report, assignee=inspector, actor=inspector)
            message_send(
                report=submitted.report, actor=inspector, body="Terima kasih. Mohon kirim bukti bila ada (contoh)."
            )
        shown = submitted.receipt_code if settings.SEPAKAT_SHOW_DEMO_PASSWORDS else "(disembunyikan)"
        stdout.write(style.SUCCESS(f"WBS: 1 laporan contoh {submitted.report.lookup_id}; kode tanda terima {shown}."))
