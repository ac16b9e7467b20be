"""What each REST operation does, in the words its readers (app developers at the Pemda) use.

drf-spectacular takes an operation's description from its view's docstring, so views that share a
class (a viewset's list and detail, a reporter's tracking actions) shared one text, some had none,
and some were the code's English notes. The postprocessing hook :func:`describe_operations` gives
each operation listed here its own Indonesian text; operations whose view already documents them in
Indonesian (``extend_schema(description=…)``) are not listed. ``tests/api/test_schema.py`` fails on
an operation without a description or with another operation's description.
"""

DESCRIPTIONS: dict[str, str] = {
    "GET /api/v1/audit/events/": (
        "Jejak audit, terbaru dulu (berhalaman, jumlah dibatasi). Saring dengan model, object_id, user, actor, "
        "opd, action, door, source dan rentang tanggal. Hanya auditor dan peran yang berhak; data WBS hanya untuk "
        "Inspektorat."
    ),
    "GET /api/v1/audit/events/{id}/": "Satu peristiwa audit beserta perubahan per isian dan segel rantainya.",
    "GET /api/v1/audit/records/{model_label}/{object_id}/": (
        "Riwayat satu rekaman dengan perbedaan per isian (label, bukan kunci). ``model_label`` berbentuk "
        "``aplikasi.model``, misalnya ``organizations.opd``."
    ),
    "POST /api/v1/auth/token/": (
        "Tukar nama pengguna dan kata sandi dengan token API (kirim sebagai ``Authorization: Token <token>``). "
        "Salah berulang kali mengunci akun dan alamat klien sementara."
    ),
    "GET /api/v1/complaints/attachments/{uuid}/": (
        "Unduh lampiran pengaduan: lampiran pengaduan publik untuk siapa saja, lainnya hanya untuk petugas yang "
        "berhak melihat pengaduannya. Selalu sebagai unduhan."
    ),
    "GET /api/v1/complaints/public/": (
        "Pengaduan publik yang sudah diverifikasi (teks yang sudah disamarkan, tanpa identitas pelapor), terbaru "
        "dulu. ``q`` mencari kata: yang memuat semua kata lebih dulu, lalu yang memuat sebagian besar kata."
    ),
    "GET /api/v1/complaints/public/{code}/": (
        "Satu pengaduan publik menurut kode pelacakannya, dengan linimasa publiknya (404 bila tidak publik)."
    ),
    "POST /api/v1/complaints/public/{code}/support/": (
        "Dukung pengaduan publik (\u201csaya juga mengalami\u201d); satu dukungan per klien, tanpa menyimpan alamatnya."
    ),
    "GET /api/v1/complaints/staff/": (
        "Pengaduan yang boleh dilihat petugas (meja pengaduan semua; OPD hanya miliknya), dengan saringan status, "
        "kategori, OPD, kecamatan, tanggal, terlambat dan pencarian ``q`` (semua kata)."
    ),
    "GET /api/v1/complaints/staff/{id}/": (
        "Satu pengaduan untuk petugas: isi, lokasi, tenggat, linimasa lengkap dan catatan internal."
    ),
    "POST /api/v1/complaints/staff/{id}/{action}/": (
        "Tindakan petugas atas pengaduan: verify, reject, assign, start, note, answer, close, merge, decline, "
        "recategorize, forward-wbs, redact dan lainnya; aturan dan tenggat ditegakkan oleh layanan yang sama "
        "dengan admin."
    ),
    "POST /api/v1/complaints/track/": (
        "Pelapor melihat pengaduannya dengan kode pelacakan dan kode rahasia. Pasangan yang salah selalu "
        "dijawab 404 yang sama; tebakan berulang dibatasi."
    ),
    "POST /api/v1/complaints/track/confirm/": (
        "Pelapor menyatakan jawaban sudah menyelesaikan masalahnya (kode pelacakan dan kode rahasia)."
    ),
    "POST /api/v1/complaints/track/information/": (
        "Pelapor menambah keterangan atau lampiran (token unggahan) saat petugas memintanya."
    ),
    "POST /api/v1/complaints/track/rate/": "Pelapor menilai penanganan (1\u20135) dengan komentar opsional.",
    "POST /api/v1/complaints/track/reopen/": (
        "Pelapor membuka kembali pengaduan yang dijawab atau ditutup, dengan alasan, dalam batas waktu yang berlaku."
    ),
    "POST /api/v1/complaints/uploads/": (
        "Unggah satu berkas (multipart ``file``) sebelum mengirim pengaduan: pemeriksaan isi sama, metadata "
        "dihapus; jawaban memuat token sekali pakai untuk ``attachments``."
    ),
    "GET /api/v1/forms/": "Formulir yang boleh dilihat pengguna, dengan versi terbit terakhirnya.",
    "GET /api/v1/forms/{id}/": (
        "Satu formulir dengan skema versi terbit terakhir (isian, syarat, rumus, skor, predikat)."
    ),
    "POST /api/v1/forms/{id}/evaluate/": (
        "Hitung jawaban contoh terhadap formulir: isian yang tampil atau wajib, nilai terhitung, skor, predikat "
        "dan kesalahan per isian (tidak menyimpan apa pun)."
    ),
    "GET /api/v1/me/": "Pengguna yang masuk: nama, email, peran Pemda dan keanggotaan OPD.",
    "GET /api/v1/opds/": (
        "OPD yang boleh dilihat pengguna: pengguna OPD melihat OPD-nya dan turunannya, peran tingkat Pemda semua."
    ),
    "GET /api/v1/opds/{id}/": "Satu OPD (404 bila tidak boleh dilihat).",
    "GET /api/v1/reports/current/": (
        "Yang harus dilaporkan OPD pengguna pada periode berjalan: belum dimulai, draf, dikembalikan, menunggu "
        "verifikasi, dengan tenggatnya."
    ),
    "GET /api/v1/reports/submissions/": (
        "Laporan yang boleh dilihat pengguna (pengguna OPD: milik OPD-nya; pembaca tingkat Pemda: semua), dengan "
        "saringan periode, formulir, OPD dan status."
    ),
    "GET /api/v1/reports/submissions/{id}/": (
        "Satu laporan dengan jawaban, nilai terhitung, status alur kerja dan ETag untuk ``If-Match``."
    ),
    "PATCH /api/v1/reports/submissions/{id}/": (
        "Simpan jawaban draf (sebagian). Wajib ``If-Match`` dengan ETag terakhir; 412 bila laporan sudah diubah "
        "orang lain. Isian terkunci (mis. data platform) ditolak bila diubah."
    ),
    "POST /api/v1/reports/submissions/{id}/attachments/": (
        "Unggah berkas untuk satu isian berkas laporan (multipart); berkas disaring dan metadata dihapus."
    ),
    "GET /api/v1/reports/submissions/{id}/attachments/{uuid}/": (
        "Unduh lampiran laporan yang boleh dilihat pengguna (tidak pernah publik)."
    ),
    "POST /api/v1/reports/submissions/{id}/publish/": "Bappeda menerbitkan laporan terverifikasi ke halaman publik.",
    "POST /api/v1/reports/submissions/{id}/return/": (
        "Verifikator mengembalikan laporan dengan catatan; ``reopen_fields`` membuka isian tertentu (berkas juga)."
    ),
    "POST /api/v1/reports/submissions/{id}/submit/": (
        "Operator mengajukan laporan untuk diverifikasi; semua syarat isian diperiksa di server."
    ),
    "POST /api/v1/reports/submissions/{id}/verify/": "Kepala OPD (verifikator) menyetujui laporan yang diajukan.",
    "GET /api/v1/wbs/cases/": (
        "Kasus WBS untuk Inspektorat (tanpa konflik kepentingan): daftar dengan status dan tenggat."
    ),
    "GET /api/v1/wbs/cases/{id}/": (
        "Satu kasus WBS: uraian, pesan, catatan dan daftar bukti; setiap pembacaan dicatat. Bukan untuk superuser."
    ),
    "POST /api/v1/wbs/cases/{id}/assign/": "Tugaskan kasus WBS kepada pemeriksa Inspektorat.",
    "POST /api/v1/wbs/cases/{id}/identity-requests/": (
        "Ajukan permintaan membuka identitas pelapor, dengan alasan; perlu persetujuan pejabat lain."
    ),
    "POST /api/v1/wbs/cases/{id}/messages/": "Kirim pesan kepada pelapor (dibaca pelapor lewat kode tanda terima).",
    "POST /api/v1/wbs/cases/{id}/notes/": "Tambah catatan internal pemeriksaan (tidak terlihat pelapor).",
    "POST /api/v1/wbs/cases/{id}/reveal-identity/": (
        "Buka identitas pelapor setelah permintaan disetujui; tercatat di jejak audit."
    ),
    "POST /api/v1/wbs/cases/{id}/status/": "Ubah status kasus WBS dengan alasan (tercatat di riwayat kasus).",
    "GET /api/v1/wbs/categories/": (
        "Kategori pelanggaran yang dapat dilaporkan lewat WBS. Tanpa login, tanpa jejak klien."
    ),
    "POST /api/v1/wbs/follow-up/": (
        "Pelapor melihat status dan pesan laporannya dengan kode tanda terima (dikirim lewat POST agar tidak "
        "tercatat di URL). Tebakan salah berulang mengunci sementara."
    ),
    "POST /api/v1/wbs/follow-up/reply/": (
        "Pelapor membalas pesan Inspektorat dengan kode tanda terima, boleh dengan bukti (multipart)."
    ),
    "POST /api/v1/wbs/uploads/": (
        "Unggah satu berkas bukti WBS (multipart ``file``) sebelum laporan atau balasan dikirim, untuk klien "
        "tanpa multipart seperti GraphQL: diperiksa dan dibersihkan seperti bukti laporan, disimpan terenkripsi, "
        "tanpa jejak klien. Jawabannya token sekali pakai untuk ``evidence`` pada ``wbsSubmitReport`` atau "
        "``wbsReporterReply``; token kedaluwarsa setelah ``expires_at``."
    ),
    "GET /api/v1/wbs/identity-requests/": "Permintaan membuka identitas pelapor yang menunggu keputusan pejabat.",
    "POST /api/v1/wbs/identity-requests/{id}/decide/": (
        "Setujui atau tolak permintaan membuka identitas pelapor, dengan alasan; pemohon tidak boleh memutus sendiri."
    ),
}

_METHODS = {"get", "put", "post", "delete", "patch"}


def describe_operations(result, generator, request, public):
    """Postprocessing hook: each listed operation gets its own description."""
    for path, item in result.get("paths", {}).items():
        for method, operation in item.items():
            if method in _METHODS and (text := DESCRIPTIONS.get(f"{method.upper()} {path}")):
                operation["description"] = text
    return result
