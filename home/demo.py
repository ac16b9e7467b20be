"""Demo pages: home page, standard pages, news, document library and documents (idempotent)."""

import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.core.files.base import ContentFile
from django.db.models import Max
from wagtail.models import Site

from forms_builder.models import FormDefinition
from organizations.models import OPD
from reporting.models import Submission, SubmissionStatus

from .budget_pages import BudgetResultsPage
from .documents import DocumentKind, SepakatDocument
from .models import DocumentLibraryPage, HomePage, NewsIndexPage, NewsPage, StandardPage
from .pdf import simple_pdf
from .planning_pages import PerformancePage
from .result_pages import PublishedReportPage, SakipResultsPage
from .spbe_spm_pages import SpbeResultsPage, SpmResultsPage

PAGES = [
    (
        "tentang-sepakat",
        "Tentang Sepakat",
        "Sepakat adalah sistem akuntabilitas Pemerintah Kabupaten Nunukan: laporan kinerja OPD, "
        "pengaduan masyarakat, dan data publik dalam satu tempat.",
    ),
    (
        "cara-menyampaikan-pengaduan",
        "Cara Menyampaikan Pengaduan",
        "Sampaikan pengaduan Anda secara terbuka, rahasia, atau anonim. Simpan kode pelacakan untuk memantau "
        'tindak lanjutnya.</p><p><a href="/sampaikan-pengaduan/">Sampaikan pengaduan sekarang</a> · '
        '<a href="/lacak-pengaduan/">Lacak pengaduan</a>',
    ),
    (
        "kebijakan-privasi",
        "Kebijakan Privasi",
        "Identitas pelapor rahasia hanya dapat dilihat oleh petugas meja pengaduan; pelapor anonim tidak disimpan "
        "identitasnya.",
    ),
]

NEWS = [
    (
        "pelayanan-kesehatan-di-pulau-sebatik",
        "Pelayanan Kesehatan Keliling Menjangkau Desa di Pulau Sebatik",
        datetime.date(2026, 10, 14),
        "Dinas Kesehatan menambah jadwal puskesmas keliling ke desa-desa perbatasan di Pulau Sebatik.",
        "Tim puskesmas keliling Dinas Kesehatan Kabupaten Nunukan kini datang dua kali sebulan ke desa-desa di "
        "Kecamatan Sebatik Utara dan Sebatik Timur. Pemeriksaan ibu hamil, imunisasi anak, dan pemeriksaan "
        "tekanan darah dilayani tanpa biaya. Warga dapat menyampaikan masukan tentang pelayanan melalui kanal "
        "pengaduan Sepakat.",
        "Dinkes",
    ),
    (
        "penyerahan-lkjip-2025",
        "Pemkab Nunukan Menyerahkan LKjIP 2025 Tepat Waktu",
        datetime.date(2026, 2, 27),
        "Laporan Kinerja Instansi Pemerintah (LKjIP) Kabupaten Nunukan tahun 2025 telah diserahkan dan dipublikasikan.",
        "Bagian Organisasi Sekretariat Daerah bersama Inspektorat menyelesaikan reviu LKjIP 2025 sebelum batas "
        "waktu. Dokumen lengkap dapat diunduh di Pustaka Dokumen. Seluruh OPD diminta menindaklanjuti rekomendasi "
        "evaluasi SAKIP tahun sebelumnya.",
        "Setda",
    ),
    (
        "sosialisasi-kanal-pengaduan-kecamatan",
        "Sosialisasi Kanal Pengaduan Masyarakat di Kecamatan Nunukan Selatan",
        datetime.date(2026, 9, 3),
        "Warga Nunukan Selatan diperkenalkan cara menyampaikan pengaduan secara daring dan memantau tindak lanjutnya.",
        "Kegiatan sosialisasi dihadiri perangkat kelurahan, tokoh masyarakat, dan pelaku usaha. Petugas meja "
        "pengaduan menjelaskan pilihan pengaduan terbuka, rahasia, dan anonim, serta kode pelacakan yang dipakai "
        "untuk memantau jawaban OPD.",
        "Setda",
    ),
]

DOCUMENTS = [
    (
        "LKjIP Kabupaten Nunukan Tahun 2025",
        DocumentKind.LKJIP,
        2025,
        "Setda",
        "Laporan Kinerja Instansi Pemerintah Kabupaten Nunukan tahun 2025: capaian indikator kinerja utama "
        "dan sasaran strategis.",
    ),
    (
        "Renstra Dinas Kesehatan 2025-2029",
        DocumentKind.RENSTRA,
        2025,
        "Dinkes",
        "Rencana Strategis Dinas Kesehatan Kabupaten Nunukan periode 2025-2029: tujuan, sasaran, dan program "
        "pelayanan kesehatan.",
    ),
    (
        "Ringkasan LPPD Kabupaten Nunukan Tahun 2024",
        DocumentKind.LPPD,
        2024,
        None,
        "Ringkasan Laporan Penyelenggaraan Pemerintahan Daerah tahun 2024 untuk masyarakat.",
    ),
]


def _home_body() -> list:
    return [
        (
            "figures",
            {
                "heading": "Sekilas angka",
                "items": [
                    {"label": "Dokumen publik", "provider": "jumlah_dokumen_publik", "note": "Di pustaka dokumen"},
                    {
                        "label": "OPD terhubung",
                        "value": OPD.objects.agencies().filter(is_active=True).count(),
                        "unit": "OPD",
                    },
                ],
            },
        ),
        ("latest_news", {"heading": "Berita terbaru", "count": 3}),
        (
            "chart",
            {
                "title": "Dokumen publik per jenis",
                "chart_type": "donut",
                "provider": "dokumen_per_jenis",
                "rows": [],
                "description": "Jumlah dokumen di pustaka dokumen menurut jenisnya.",
            },
        ),
    ]


def _load_news(home) -> int:
    index = NewsIndexPage.objects.child_of(home).first()
    if index is None:
        index = NewsIndexPage(title="Berita", slug="berita", intro="<p>Kabar terbaru Pemkab Nunukan.</p>")
        index.show_in_menus = True
        home.add_child(instance=index)
        index.save_revision().publish()
    for slug, title, date, intro, body, _opd in NEWS:
        if NewsPage.objects.child_of(index).filter(slug=slug).exists():
            continue
        page = NewsPage(title=title, slug=slug, date=date, intro=intro, body=[("paragraph", f"<p>{body}</p>")])
        index.add_child(instance=page)
        page.save_revision().publish()
    return len(NEWS)


def _load_documents(home) -> int:
    library = DocumentLibraryPage.objects.child_of(home).first()
    if library is None:
        library = DocumentLibraryPage(
            title="Pustaka Dokumen",
            slug="dokumen",
            intro="<p>LKjIP, Renstra, RPJMD, dan ringkasan LPPD Pemerintah Kabupaten Nunukan.</p>",
        )
        library.show_in_menus = True
        home.add_child(instance=library)
        library.save_revision().publish()
    opds = {opd.acronym: opd for opd in OPD.objects.filter(acronym__in={d[3] for d in DOCUMENTS if d[3]})}
    for title, kind, year, acronym, description in DOCUMENTS:
        if SepakatDocument.objects.filter(title=title).exists():
            continue
        doc = SepakatDocument(title=title, kind=kind, year=year, opd=opds.get(acronym), description=description)
        pdf = simple_pdf(title, [description[:90], "Dokumen demo Sepakat."])
        doc.file.save(f"{kind}-{year}.pdf", ContentFile(pdf), save=False)
        doc._set_document_file_metadata()
        doc.save()
    return len(DOCUMENTS)


def _load_results(home) -> int:
    """A SAKIP results page and a published report page, fed by the published demo submissions."""

    published = Submission.objects.filter(status=SubmissionStatus.PUBLISHED)
    made = 0
    sakip = FormDefinition.objects.filter(key="lke_sakip").first()
    if sakip is not None and not SakipResultsPage.objects.child_of(home).exists():
        setda = OPD.objects.filter(acronym="Setda").first()
        has_setda = setda is not None and published.filter(assignment__form=sakip, opd=setda).exists()
        page = SakipResultsPage(
            title="Hasil Evaluasi SAKIP",
            slug="hasil-sakip",
            intro="<p>Nilai dan predikat evaluasi SAKIP Pemerintah Kabupaten Nunukan dan setiap OPD.</p>",
            form=sakip,
            years_back=3,
            pemda_opd=setda if has_setda else None,
        )
        page.show_in_menus = True
        home.add_child(instance=page)
        page.save_revision().publish()
        made += 1
    if not PublishedReportPage.objects.child_of(home).exists():
        latest = (
            published.exclude(assignment__form__key__in=["lke_sakip", "spbe_mandiri"])  # they have their own pages
            .values("assignment__form")
            .annotate(year=Max("period__year"))
            .order_by("assignment__form")
            .first()
        )
        if latest is not None:
            form = FormDefinition.objects.get(pk=latest["assignment__form"])
            page = PublishedReportPage(
                title=f"Laporan OPD: {form.title}",
                slug="laporan-opd",
                intro="<p>Ringkasan laporan OPD yang telah diverifikasi dan dipublikasikan.</p>",
                form=form,
                year=latest["year"],
            )
            page.show_in_menus = True
            home.add_child(instance=page)
            page.save_revision().publish()
            made += 1
    made += _load_performance(home)
    made += _load_budget_results(home)
    made += _load_spbe_spm(home)
    return made


def _load_spbe_spm(home) -> int:
    """The SPBE and SPM results pages, on the shipped templates' forms, once each."""

    made = 0
    pages = [
        (SpbeResultsPage, "spbe_mandiri", "Hasil Penilaian SPBE", "hasil-spbe",
         "<p>Indeks dan predikat Sistem Pemerintahan Berbasis Elektronik (SPBE) Kabupaten Nunukan, "
         "dengan indeks setiap domain dan aspek, per tahun.</p>"),
        (SpmResultsPage, "spm", "Capaian Standar Pelayanan Minimal", "capaian-spm",
         "<p>Capaian dan kategori enam layanan dasar SPM: pendidikan, kesehatan, pekerjaan umum, "
         "perumahan rakyat, trantibumlinmas dan sosial.</p>"),
    ]  # fmt: skip
    for model, key, title, slug, intro in pages:
        form = FormDefinition.objects.filter(key=key).first()
        if form is None or model.objects.child_of(home).exists():
            continue
        page = model(title=title, slug=slug, intro=intro, form=form)
        page.show_in_menus = True
        home.add_child(instance=page)
        page.save_revision().publish()
        made += 1
    return made


def _load_budget_results(home) -> int:
    """Serap's public page: absorption per OPD and the contract list."""

    if BudgetResultsPage.objects.child_of(home).exists():
        return 0
    page = BudgetResultsPage(
        title="Serapan Anggaran dan Kontrak",
        slug="serapan-anggaran",
        intro="<p>Serapan APBD per OPD dibanding anggaran kas, dan kemajuan kontrak pengadaan.</p>",
    )
    page.show_in_menus = True
    home.add_child(instance=page)
    page.save_revision().publish()
    return 1


def _load_performance(home) -> int:
    """The performance cascade page (planning's demo RPJMD), once."""

    if PerformancePage.objects.child_of(home).exists():
        return 0
    page = PerformancePage(
        title="Kinerja Daerah",
        slug="kinerja-daerah",
        intro="<p>Capaian tujuan dan sasaran RPJMD Kabupaten Nunukan, kinerja setiap OPD, dan pohon kinerja.</p>",
    )
    page.show_in_menus = True
    home.add_child(instance=page)
    page.save_revision().publish()
    return 1


def configure_site_host(site: Site) -> None:
    """The default site answers at ``WAGTAILADMIN_BASE_URL``'s host, so absolute URLs (the pages API's
    ``html_url``, links in mails) name the configured host, not the ``localhost`` of Wagtail's migration.
    Requests for other hosts still reach it (it stays the default site)."""

    base = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    if not base.hostname:
        return
    port = base.port or (443 if base.scheme == "https" else 80)
    if (site.hostname, site.port) != (base.hostname, port):
        site.hostname, site.port = base.hostname, port
        site.save()


def load(*, stdout, style) -> None:
    site = Site.objects.get(is_default_site=True)
    configure_site_host(site)
    home = site.root_page.specific
    if isinstance(home, HomePage) and home.title != "Beranda":
        home.title = "Beranda"
        home.intro = "<p>Portal akuntabilitas dan transparansi Pemerintah Kabupaten Nunukan.</p>"
        home.save_revision().publish()
    if site.site_name != "Sepakat Nunukan":
        site.site_name = "Sepakat Nunukan"
        site.save()
    for slug, title, intro in PAGES:
        if home.get_children().filter(slug=slug).exists():
            continue
        page = StandardPage(title=title, slug=slug, intro=f"<p>{intro}</p>")
        home.add_child(instance=page)
        page.save_revision().publish()
    news = _load_news(home)
    docs = _load_documents(home)
    results = _load_results(home)
    if isinstance(home, HomePage) and not home.body:
        home = HomePage.objects.get(pk=home.pk)
        home.body = _home_body()
        home.save_revision().publish()
    stdout.write(
        style.SUCCESS(
            f"Halaman: beranda, {len(PAGES)} halaman standar, {news} berita, {docs} dokumen publik, "
            f"{results} halaman hasil baru."
        )
    )
