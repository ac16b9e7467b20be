"""Demo: Kabupaten Nunukan FY 2026 — every OPD's budget, a back-loaded realisation curve, and 8 OPDs
with 60 contracts in every state (on time, late at the Pemda's side, late at the provider, critical,
penalised). Deterministic (a seeded generator, dates relative to the day it is first loaded, so the
states hold on that day), idempotent (nothing is created twice) and fast (bulk writes).
"""

from __future__ import annotations

import datetime as dt
import random
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from audit.bulk import bulk_create_tracked
from organizations.demo import DEMO_PASSWORD
from organizations.models import OPD, VILLAGE_KINDS, OPDKind
from organizations.roles import GlobalRole
from planning.demo import demo_nomenclature_version
from planning.models import NomenclatureLevel, NomenclatureNode

from .clock import local_today
from .demo_contracts import CONTRACT_OPDS, load_contracts
from .models import AbsorptionThreshold, BudgetLine, CashPlan, FiscalYear, FundingSource, OPDBudget, Realisation

YEAR = 2026
SOURCES = [
    ("PAD", "Pendapatan Asli Daerah"),
    ("DAU", "Dana Alokasi Umum"),
    ("DAK-F", "Dana Alokasi Khusus Fisik"),
    ("DAK-NF", "Dana Alokasi Khusus Non Fisik"),
    ("DBH", "Dana Bagi Hasil"),
]
#: Share of the year's cash plan per month (back-loaded, as APBD spending usually is), in percent.
CURVE = [2, 3, 5, 6, 7, 8, 8, 9, 10, 11, 13, 18]
#: Pagu range per OPD kind, in billions of rupiah (demo figures of a Pemda of Nunukan's size).
PAGU_BILLIONS = {
    OPDKind.DINAS: (15, 60),
    OPDKind.BADAN: (10, 35),
    OPDKind.SEKRETARIAT_DAERAH: (60, 90),
    OPDKind.SEKRETARIAT_DPRD: (30, 50),
    OPDKind.INSPEKTORAT: (8, 15),
    OPDKind.RSUD: (80, 120),
    OPDKind.KECAMATAN: (3, 7),
}
BIG = {"DPUPR": 3.0, "Disdikbud": 2.2, "Dinkes": 1.8}
#: Demo accounts of this app: username → (first, last, role).
USERS = {
    "bupati": ("Irwan", "Bupati", GlobalRole.LEADER),
    "sekda": ("Serfianus", "Sekda", GlobalRole.LEADER),
    "anggaran": ("Ratna", "BPKAD", GlobalRole.BUDGET_MANAGER),
    "bendahara.dinkes": ("Nur", "Bendahara Dinkes", None),
}


def demo_users() -> dict:
    User = get_user_model()
    show = settings.SEPAKAT_SHOW_DEMO_PASSWORDS
    users = {}
    for username, (first, last, role) in USERS.items():
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"first_name": first, "last_name": last, "email": f"{username}@nunukankab.go.id"},
        )
        if created:
            user.set_password(DEMO_PASSWORD if show else secrets.token_urlsafe(24))
            user.save()
        if role:
            user.groups.add(Group.objects.get_or_create(name=str(role))[0])
        users[username] = user
    return users


def _sub_kegiatan(version) -> list[NomenclatureNode]:
    return list(NomenclatureNode.objects.filter(version=version, level=NomenclatureLevel.SUB_KEGIATAN).order_by("code"))


def load_budgets(*, today: dt.date) -> FiscalYear:
    version = demo_nomenclature_version()
    year, _created = FiscalYear.objects.get_or_create(year=YEAR, defaults={"nomenclature": version})
    sources = {}
    for code, name in SOURCES:
        sources[code] = FundingSource.objects.get_or_create(code=code, defaults={"name": name})[0]
    cumulative = 0
    for month, share in enumerate(CURVE, start=1):
        cumulative += share
        AbsorptionThreshold.objects.get_or_create(
            month=month, defaults={"green_from": round(cumulative * 0.9, 2), "amber_from": round(cumulative * 0.7, 2)}
        )
    opds = list(OPD.objects.exclude(kind__in=VILLAGE_KINDS).order_by("name"))  # no budget of their own
    have = set(OPDBudget.objects.filter(fiscal_year=year).values_list("opd_id", flat=True))
    missing = [o for o in opds if o.pk not in have]
    if not missing:
        return year
    rng = random.Random(YEAR)  # noqa: S311 (demo figures, not security)
    budgets = bulk_create_tracked(OPDBudget, [OPDBudget(fiscal_year=year, opd=o) for o in missing])
    subs = _sub_kegiatan(version)
    lines: list[BudgetLine] = []
    for budget in budgets:
        low, high = PAGU_BILLIONS.get(budget.opd.kind, (10, 40))
        total = rng.uniform(low, high) * BIG.get(budget.opd.acronym, 1.0) * 1e9
        picks = rng.sample(subs, k=rng.randint(4, 7))
        weights = [rng.uniform(1, 5) for _ in picks]
        for sub, weight in zip(picks, weights, strict=True):
            amount = int(total * weight / sum(weights)) // 1000 * 1000
            line = BudgetLine(
                opd_budget=budget,
                sub_kegiatan=sub,
                funding_source=sources[rng.choice(list(sources))],
                original_amount=amount,
            )
            if today >= dt.date(YEAR, 9, 15) and rng.random() < 0.3:
                line.revised_amount, line.revised_on = (
                    int(amount * rng.uniform(0.9, 1.15)) // 1000 * 1000,
                    dt.date(YEAR, 9, 15),
                )
            lines.append(line)
    lines = bulk_create_tracked(BudgetLine, lines)
    _figures(lines=lines, today=today, rng=rng)
    return year


def _figures(*, lines: list[BudgetLine], today: dt.date, rng: random.Random) -> None:
    """Cash plan on the back-loaded curve; realisation behind it by an OPD-specific pace."""
    pace: dict[int, float] = {}
    plans, realised = [], []
    last_month = 12 if today.year > YEAR else (today.month if today.year == YEAR else 0)
    for line in lines:
        speed = pace.setdefault(line.opd_budget_id, rng.uniform(0.55, 1.02))
        pagu = line.pagu
        spent = 0
        for month, share in enumerate(CURVE, start=1):
            plan = pagu * share // 100
            plans.append(CashPlan(line=line, month=month, amount=plan))
            if month > last_month:
                continue
            partial = min(today.day / 30, 1) if (month == last_month and today.year == YEAR) else 1
            amount = min(int(plan * speed * rng.uniform(0.8, 1.2) * partial), pagu - spent)
            spent += amount
            realised.append(Realisation(line=line, month=month, amount=amount))
    # budget.CashPlan/Realisation are untracked bulk figures (audit/registry.py); the scan is by name
    # and planning has a tracked Realisation too.
    CashPlan.objects.bulk_create(plans, batch_size=2000)
    Realisation.objects.bulk_create(realised, batch_size=2000)  # audit: bulk-ok


def load_demo(*, today: dt.date | None = None) -> FiscalYear:
    today = today or local_today()
    users = demo_users()
    year = load_budgets(today=today)
    load_contracts(year=year, today=min(today, dt.date(YEAR, 12, 31)), users=users)
    return year


def load(*, stdout, style) -> None:
    year = load_demo()
    budgets = OPDBudget.objects.filter(fiscal_year=year).count()
    stdout.write(
        f"Serap {year.year}: {budgets} anggaran OPD; kontrak demo di {len(CONTRACT_OPDS)} OPD. "
        "Akun: bupati, sekda (Pimpinan), anggaran (Pengelola Anggaran)."
    )
