"""Demo data: Kabupaten Nunukan (Kalimantan Utara, 65.03, WITA), its OPDs and demo users.

Idempotent: rows are matched by name/username and updated in place.
"""

import csv
import secrets
from collections import Counter
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from audit.bulk import bulk_create_tracked

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

#: Kecamatan, kelurahan and desa of Kabupaten Nunukan with their Kemendagri codes (source and
#: licence in the file's header).
WILAYAH = Path(__file__).resolve().parent / "data" / "nunukan_wilayah.csv"
AREA_PREFIX = {K.KECAMATAN: ("Kecamatan", "Kec."), K.KELURAHAN: ("Kelurahan", "Kel."), K.DESA: ("Desa", "")}

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


def read_wilayah() -> list[tuple[str, str, str]]:
    """(code, name, kind) rows of the checked-in area list, kecamatan first."""
    with WILAYAH.open(encoding="utf-8", newline="") as f:
        lines = (line for line in f if not line.startswith("#"))
        rows = [(r["code"], r["name"], r["kind"]) for r in csv.DictReader(lines)]
    return sorted(rows, key=lambda r: (r[0].count("."), r[0]))


def _area_names(rows: list[tuple[str, str, str]]) -> dict[str, str]:
    """code → OPD name ("Desa Labuk"); a name two areas share names its kecamatan too, since OPD
    names are unique ("Desa Labuk (Sembakung)")."""
    kecamatan = {code: name for code, name, kind in rows if kind == K.KECAMATAN}
    names = {code: f"{AREA_PREFIX[kind][0]} {name}" for code, name, kind in rows}
    counts = Counter(n.lower() for n in names.values())
    return {
        code: f"{name} ({kecamatan[code[:8]]})" if counts[name.lower()] > 1 and code[:8] in kecamatan else name
        for code, name in names.items()
    }


def load_areas() -> dict[str, OPD]:
    """Kecamatan, kelurahan and desa from ``WILAYAH``, matched by code (a row the demo made before
    the codes, matched by name, gets its code). New rows are bulk-created with their history."""
    rows = read_wilayah()
    names = _area_names(rows)
    by_code = {o.region_code: o for o in OPD.objects.filter(region_code__in=names)}
    by_name = {
        o.name.lower(): o
        for o in OPD.objects.filter(kind__in=list(AREA_PREFIX), region_code__isnull=True)
        if o.name.lower() in {n.lower() for n in names.values()}
    }
    for level in (2, 3):  # kecamatan (PP.KK.CC), then the villages under them
        new: list[OPD] = []
        for code, _name, kind in (r for r in rows if r[0].count(".") == level):
            name, acronym = names[code], AREA_PREFIX[kind][1] and f"{AREA_PREFIX[kind][1]} {_name}"
            parent = by_code[code[:8]] if level == 3 else None
            opd = by_code.get(code) or by_name.get(name.lower())
            if opd is None:
                email = f"{acronym.lower().replace(' ', '').replace('-', '')}@nunukankab.go.id" if acronym else ""
                new.append(OPD(name=name, acronym=acronym, kind=kind, parent=parent, region_code=code, email=email))
                continue
            wanted = (name, acronym, kind, getattr(parent, "pk", None), code)
            if (opd.name, opd.acronym, opd.kind, opd.parent_id, opd.region_code) != wanted:
                opd.name, opd.acronym, opd.kind, opd.parent, opd.region_code = name, acronym, kind, parent, code
                opd.save()
            by_code[code] = opd
        for opd in bulk_create_tracked(OPD, new, reason="Data demo: wilayah Kemendagri"):
            by_code[opd.region_code] = opd
    return {names[code]: by_code[code] for code, _n, _k in rows}


def load_opds() -> dict[str, OPD]:
    by_key: dict[str, OPD] = {}
    for name, acronym, kind in OPDS:
        by_key[acronym] = _opd(name, acronym, kind)
    by_key.update(load_areas())
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
    kinds = Counter(o.kind for o in opds.values())
    areas = ", ".join(f"{kinds[kind]} {label.lower()}" for kind, (label, _a) in AREA_PREFIX.items())
    agencies = len(opds) - sum(kinds[kind] for kind in AREA_PREFIX)
    stdout.write(style.SUCCESS(f"Pemda: {pemda.name}; {agencies} OPD; {areas}."))
    stdout.write("Akun demo (username / peran / kata sandi):")
    for username, label, password in rows:
        stdout.write(f"  {username:<22} {label:<40} {password}")
