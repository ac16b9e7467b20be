"""Build planning's default LKjIP template (a docxtpl .docx) with python-docx.

Run: ``python scripts/build_lkjip_template.py``. An editor replaces it by uploading a Word
document titled "Templat LKjIP" to the Wagtail documents (same tags as this one).
"""

from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

OUT = Path(__file__).resolve().parent.parent / "planning" / "templates" / "planning" / "lkjip_template.docx"


def table(doc, headers, loop, cells):
    t = doc.add_table(rows=4, cols=len(headers))
    t.style = "Table Grid"
    for cell, text in zip(t.rows[0].cells, headers, strict=True):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    t.rows[1].cells[0].text = "{%tr for r in " + loop + " %}"
    for cell, text in zip(t.rows[2].cells, cells, strict=True):
        cell.text = text
    t.rows[3].cells[0].text = "{%tr endfor %}"


def main() -> None:
    doc = Document()
    doc.styles["Normal"].font.name = "Arial"
    doc.styles["Normal"].font.size = Pt(11)
    title = doc.add_heading("LAPORAN KINERJA INSTANSI PEMERINTAH (LKjIP)", level=0)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p = doc.add_paragraph("{{ pemda }} — Tahun {{ year }}")
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_paragraph("Draf disusun otomatis oleh Sepakat pada {{ generated }} dari {{ plan }}.")
    doc.add_heading("BAB III. AKUNTABILITAS KINERJA", level=1)
    doc.add_heading("A. Capaian kinerja organisasi", level=2)
    doc.add_paragraph(
        "Capaian kinerja Pemda tahun {{ year }}: {{ achievement }} (predikat {{ rating }}); tahun sebelumnya "
        "{{ previous }}; terhadap target akhir RPJMD {{ five_year }}."
    )
    doc.add_heading("Tabel 3.1 Capaian indikator kinerja utama per sasaran", level=3)
    table(doc, ["Sasaran", "Indikator", "Satuan", "Target", "Realisasi", "Capaian", "Predikat",
                "Capaian tahun lalu", "Terhadap target akhir"],
          "sasaran", ["{{ r.sasaran }}", "{{ r.indicator }}", "{{ r.unit }}", "{{ r.target }}", "{{ r.realisation }}",
                      "{{ r.achievement }}", "{{ r.rating }}", "{{ r.previous }}", "{{ r.five_year }}"])  # fmt: skip
    doc.add_heading("B. Capaian kinerja dan efisiensi per OPD", level=2)
    opd_cells = ["{{ r.opd }}", "{{ r.achievement }}", "{{ r.rating }}", "{{ r.previous }}", "{{ r.efficiency }}"]
    table(doc, ["OPD", "Capaian", "Predikat", "Capaian tahun lalu", "Efisiensi anggaran"], "opds", opd_cells)
    doc.add_paragraph("Efisiensi anggaran kosong (—) bila data serapan anggaran belum tersedia.")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    doc.save(OUT)
    print(OUT)


if __name__ == "__main__":
    main()
