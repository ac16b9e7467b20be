"""Reference data: the kinds of wrongdoing a WBS report can be about (editable afterwards)."""

from django.db import migrations

CATEGORIES = [
    ("korupsi", "Korupsi", "Perbuatan yang merugikan keuangan negara/daerah untuk keuntungan pribadi atau pihak lain."),
    ("gratifikasi", "Gratifikasi", "Pemberian uang, barang atau fasilitas yang berhubungan dengan jabatan."),
    ("konflik-kepentingan", "Benturan kepentingan", "Kepentingan pribadi yang memengaruhi keputusan jabatan."),
    ("penyalahgunaan-wewenang", "Penyalahgunaan wewenang", "Tindakan di luar atau melampaui kewenangan jabatan."),
    ("pelanggaran-disiplin", "Pelanggaran disiplin ASN", "Pelanggaran kewajiban atau larangan disiplin ASN."),
    ("pengadaan", "Penyimpangan pengadaan barang/jasa", "Kecurangan dalam proses pengadaan barang/jasa."),
    ("lainnya", "Pelanggaran lainnya", "Pelanggaran lain oleh ASN yang tidak termasuk kategori di atas."),
]


def add_categories(apps, schema_editor):
    WbsCategory = apps.get_model("wbs", "WbsCategory")
    for order, (slug, name, description) in enumerate(CATEGORIES):
        WbsCategory.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description, "sort_order": order * 10}
        )


def remove_categories(apps, schema_editor):
    WbsCategory = apps.get_model("wbs", "WbsCategory")
    WbsCategory.objects.filter(slug__in=[c[0] for c in CATEGORIES]).delete()


class Migration(migrations.Migration):
    dependencies = [("wbs", "0001_initial")]

    operations = [migrations.RunPython(add_categories, remove_categories)]
