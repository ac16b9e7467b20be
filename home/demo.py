"""Demo pages: the home page and a few standard pages (idempotent)."""

from wagtail.models import Site

from .models import HomePage, StandardPage

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
        "tindak lanjutnya.",
    ),
    (
        "kebijakan-privasi",
        "Kebijakan Privasi",
        "Identitas pelapor rahasia hanya dapat dilihat oleh petugas meja pengaduan; pelapor anonim tidak disimpan "
        "identitasnya.",
    ),
]


def load(*, stdout, style) -> None:
    site = Site.objects.get(is_default_site=True)
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
    stdout.write(style.SUCCESS(f"Halaman: beranda dan {len(PAGES)} halaman standar."))
