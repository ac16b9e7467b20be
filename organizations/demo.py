"""Demo data: Kabupaten Nunukan (Kalimantan Utara, 65.03, WITA), its OPDs and demo users.

Idempotent: rows are matched by name/username and updated in place.
"""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from .models import OPD, Membership, MembershipRole, OPDKind, Pemda, PemdaKind, TimeZone
from .roles import OPD_MEMBER_GROUP, GlobalRole, ensure_role_groups

DEMO_PASSWORD = "Sepakat#Demo2026"  # noqa: S105 (printed in dev only; random elsewhere)

K = OPDKind
OPDS: list[tuple[str, str, str]] = [
    ("Sekretariat Daerah", "Setda", K.SEKRETARIAT_DAERAH),
    ("Sekretariat DPRD", "Setwan", K.SEKRETARIAT_DPRD),
    ("Inspektorat Daerah", "Itda", K.INSPEKTORAT),
    ("Badan Perencanaan Pembangunan, Penelitian dan Pengembangan Daerah", "Bappeda-Litbang", K.BADAN),
    ("Badan Pengelolaan Keuangan dan Aset Daerah", "BPKAD", K.BADAN),
    ("Badan Pendapatan Daerah", "Bapenda", K.BADAN),
    ("Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "BKPSDM", K.BADAN),
    ("Badan Penanggulangan Bencana Daerah", "BPBD", K.BADAN),
    ("Badan Kesatuan Bangsa dan Politik", "Kesbangpol", K.BADAN),
    ("Dinas Pendidikan dan Kebudayaan", "Disdikbud", K.DINAS),
    ("Dinas Kesehatan", "Dinkes", K.DINAS),
    ("Dinas Pekerjaan Umum dan Penataan Ruang", "DPUPR", K.DINAS),
    ("Dinas Perumahan Rakyat dan Kawasan Permukiman", "Disperkim", K.DINAS),
    ("Satuan Polisi Pamong Praja dan Pemadam Kebakaran", "Satpol PP-Damkar", K.DINAS),
    ("Dinas Sosial", "Dinsos", K.DINAS),
    ("Dinas Tenaga Kerja dan Transmigrasi", "Disnakertrans", K.DINAS),
    ("Dinas Pemberdayaan Perempuan dan Perlindungan Anak", "DP3A", K.DINAS),
    ("Dinas Pengendalian Penduduk dan Keluarga Berencana", "DPPKB", K.DINAS),
    ("Dinas Ketahanan Pangan", "DKP", K.DINAS),
    ("Dinas Lingkungan Hidup", "DLH", K.DINAS),
    ("Dinas Kependudukan dan Pencatatan Sipil", "Disdukcapil", K.DINAS),
    ("Dinas Pemberdayaan Masyarakat dan Desa", "DPMD", K.DINAS),
    ("Dinas Perhubungan", "Dishub", K.DINAS),
    ("Dinas Komunikasi, Informatika, Statistik dan Persandian", "Diskominfotik", K.DINAS),
    ("Dinas Koperasi, Usaha Kecil dan Menengah", "Dinkop UKM", K.DINAS),
    ("Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "DPMPTSP", K.DINAS),
    ("Dinas Kepemudaan, Olahraga dan Pariwisata", "Disporapar", K.DINAS),
    ("Dinas Perpustakaan dan Kearsipan", "Dispusip", K.DINAS),
    ("Dinas Perikanan", "Diskan", K.DINAS),
    ("Dinas Pertanian", "Distan", K.DINAS),
    ("Dinas Perdagangan", "Disdag", K.DINAS),
    ("Rumah Sakit Umum Daerah Nunukan", "RSUD Nunukan", K.RSUD),
]

KECAMATAN = [
    "Krayan", "Krayan Selatan", "Krayan Tengah", "Krayan Timur", "Krayan Barat",
    "Lumbis", "Lumbis Ogong", "Lumbis Hulu", "Lumbis Pansiangan", "Sembakung", "Sembakung Atulai",
    "Sebuku", "Tulin Onsoi", "Nunukan", "Nunukan Selatan", "Sei Menggaris",
    "Sebatik", "Sebatik Barat", "Sebatik Timur", "Sebatik Tengah", "Sebatik Utara",
]  # fmt: skip

KELURAHAN = {
    "Nunukan": ["Nunukan Barat", "Nunukan Tengah", "Nunukan Timur", "Nunukan Utara"],
    "Nunukan Selatan": ["Nunukan Selatan", "Mansapa", "Selisun", "Tanjung Harapan"],
}

#: username → (first name, last name, global role or None, (OPD acronym or kecamatan, OPD role) or None)
USERS = {
    "editor": ("Rina", "Kominfo", GlobalRole.KOMINFO_EDITOR, None),
    "bappeda": ("Bambang", "Perencana", GlobalRole.BAPPEDA_REVIEWER, None),
    "inspektur": ("Indah", "Inspektorat", GlobalRole.INSPECTORATE, None),
    "inspektur2": ("Iwan", "Pemeriksa", GlobalRole.INSPECTORATE, None),
    "auditor": ("Agus", "Auditor", GlobalRole.AUDITOR, None),
    "pengaduan": ("Putri", "Meja Pengaduan", GlobalRole.COMPLAINT_DESK, None),
    "operator.dinkes": ("Siti", "Operator Dinkes", None, ("Dinkes", MembershipRole.OPERATOR)),
    "kepala.dinkes": ("Hendra", "Kepala Dinkes", None, ("Dinkes", MembershipRole.VERIFIER)),
    "operator.disdikbud": ("Yohanes", "Operator Disdikbud", None, ("Disdikbud", MembershipRole.OPERATOR)),
    "operator.kec.nunukan": ("Ahmad", "Operator Kecamatan", None, ("Kecamatan Nunukan", MembershipRole.OPERATOR)),
}


def _opd(name: str, acronym: str, kind: str, parent: OPD | None = None) -> OPD:
    opd = OPD.objects.filter(name__iexact=name).first() or OPD(name=name)
    changed = opd.pk is None or (opd.acronym, opd.kind, opd.parent_id) != (acronym, kind, getattr(parent, "pk", None))
    if changed:
        opd.acronym, opd.kind, opd.parent = acronym, kind, parent
        opd.email = opd.email or f"{acronym.lower().replace(' ', '').replace('-', '')}@nunukankab.go.id"
        opd.save()
    return opd


def load_opds() -> dict[str, OPD]:
    by_key: dict[str, OPD] = {}
    for name, acronym, kind in OPDS:
        by_key[acronym] = _opd(name, acronym, kind)
    for kec in KECAMATAN:
        kecamatan = _opd(f"Kecamatan {kec}", f"Kec. {kec}", K.KECAMATAN)
        by_key[f"Kecamatan {kec}"] = kecamatan
        for kel in KELURAHAN.get(kec, []):
            by_key[f"Kelurahan {kel}"] = _opd(f"Kelurahan {kel}", f"Kel. {kel}", K.KELURAHAN, kecamatan)
    return by_key


def load_users(opds: dict[str, OPD], *, show_passwords: bool) -> list[tuple[str, str, str]]:
    User = get_user_model()
    rows = []
    password = DEMO_PASSWORD if show_passwords else None
    accounts = {"admin": ("Admin", "Sepakat", None, None), **USERS}
    for username, (first, last, role, membership) in accounts.items():
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"first_name": first, "last_name": last, "email": f"{username}@nunukankab.go.id"},
        )
        if created:
            user.set_password(password or secrets.token_urlsafe(24))
            if username == "admin":
                user.is_staff = user.is_superuser = True
            user.save()
        if role:
            user.groups.add(Group.objects.get(name=str(role)))
        if membership:
            opd = opds[membership[0]]
            Membership.objects.get_or_create(user=user, opd=opd, defaults={"role": membership[1]})
            user.groups.add(Group.objects.get(name=OPD_MEMBER_GROUP))
        label = role.label if role else (f"{membership[1].label} {membership[0]}" if membership else "Superuser")
        rows.append((username, str(label), password or "(acak, tidak ditampilkan)"))
    return rows


def load(*, stdout, style) -> None:
    ensure_role_groups()
    pemda = Pemda.objects.order_by("id").first() or Pemda(region_code="65.03")
    pemda.name, pemda.kind, pemda.timezone = "Pemerintah Kabupaten Nunukan", PemdaKind.KABUPATEN, TimeZone.WITA
    pemda.address = pemda.address or "Jl. Ujang Dewa, Nunukan Selatan, Kalimantan Utara"
    pemda.website = pemda.website or "https://nunukankab.go.id"
    pemda.save()
    opds = load_opds()
    show = settings.SEPAKAT_SHOW_DEMO_PASSWORDS
    rows = load_users(opds, show_passwords=show)
    stdout.write(style.SUCCESS(f"Pemda: {pemda.name}; {len(opds)} OPD."))
    stdout.write("Akun demo (username / peran / kata sandi):")
    for username, label, password in rows:
        stdout.write(f"  {username:<22} {label:<40} {password}")
