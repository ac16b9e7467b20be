"""Demo contracts: 8 OPDs, 60 contracts, each built from a template of one state on ``today``."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import F
from django.db.models.functions import Coalesce
from stdnum import luhn

from audit.bulk import bulk_create_tracked

from .models import (
    BudgetLine,
    Contract,
    ContractParty,
    ContractStage,
    FiscalYear,
    PartyRole,
    ProcurementCategory,
    ProcurementMethod,
    ProcurementPackage,
    ProgressReport,
    Provider,
    StageKind,
)

CONTRACT_OPDS = ["DPUPR", "Dinkes", "Disdikbud", "Disperkim", "RSUD Nunukan", "Dishub", "DLH", "Diskominfotik"]
PROVIDERS = [
    "CV Karya Nunukan Mandiri",
    "PT Borneo Konstruksi Utama",
    "CV Sebatik Jaya Abadi",
    "PT Kaltara Medika Sejahtera",
    "CV Krayan Bangun Persada",
    "PT Tunon Taka Engineering",
    "CV Lumbis Teknik",
    "PT Sembakung Prima Karya",
    "CV Mitra Perbatasan",
    "PT Nusa Utara Digital",
]
WORKS = ["Pembangunan", "Rehabilitasi", "Peningkatan", "Pengadaan", "Pemeliharaan"]
OBJECTS = ["Jalan Lingkar Sebatik", "Puskesmas Sei Menggaris", "SD Negeri 005 Krayan", "Drainase Nunukan Timur",
           "Dermaga Sungai Nyamuk", "Gedung Rawat Inap", "Jaringan Fiber Optik", "Lampu Penerangan Jalan",
           "Alat Kesehatan", "Rumah Layak Huni", "Jembatan Tulin Onsoi", "TPS Terpadu"]  # fmt: skip


@dataclass(frozen=True)
class Template:
    """One state: offsets (days from today) and the progress at today."""

    state: str
    start: int
    end: int
    planned: int
    actual: int
    completed: int | None = None  # completion offset from today
    open_stage: StageKind | None = None  # the stage left open (late) …
    open_offset: int = 0  # … planned this many days from today


TEMPLATES = [
    Template("done", -200, -40, 100, 100, completed=-43),
    Template("on_time", -60, 20, 50, 50),
    Template("late_treasurer", -150, -30, 100, 100, completed=-32, open_stage=StageKind.SP2D, open_offset=-10),
    Template("late_provider", -90, 25, 60, 55, open_stage=StageKind.PROGRESS, open_offset=-12),
    Template("critical", -100, 22, 65, 45, open_stage=StageKind.PROGRESS, open_offset=-20),
    Template("critical_high", -150, 15, 85, 78, open_stage=StageKind.PROGRESS, open_offset=-5),
    Template("penalised", -180, -15, 100, 92, open_stage=StageKind.HANDOVER, open_offset=-15),
]


def _npwp(rng: random.Random) -> str:
    head = "0" + "".join(str(rng.randint(0, 9)) for _ in range(7))
    return head + luhn.calc_check_digit(head) + "091000"


def _providers(rng: random.Random) -> list[Provider]:
    found = {p.name: p for p in Provider.objects.filter(name__in=PROVIDERS)}
    new = [Provider(name=n, npwp=_npwp(rng)) for n in PROVIDERS if n not in found]
    bulk_create_tracked(Provider, new)
    return list(Provider.objects.filter(name__in=PROVIDERS).order_by("name"))


def load_contracts(*, year: FiscalYear, today: dt.date, users: dict) -> None:
    rng = random.Random(year.year * 7)  # noqa: S311 (demo figures)
    done = set(
        Contract.objects.filter(package__line__opd_budget__fiscal_year=year).values_list(
            "package__line__opd_budget__opd__acronym", flat=True
        )
    )
    providers = _providers(rng)
    lines = {
        line.opd_budget.opd.acronym: line
        for line in BudgetLine.objects.filter(opd_budget__fiscal_year=year, opd_budget__opd__acronym__in=CONTRACT_OPDS)
        .select_related("opd_budget__opd")
        .order_by(Coalesce(F("revised_amount"), F("original_amount")).asc())
    }  # the largest line of each OPD wins (last in ascending order)
    built = []
    for index, acronym in enumerate(CONTRACT_OPDS):
        line = lines.get(acronym)
        if line is None or acronym in done:
            continue
        templates = TEMPLATES + ([TEMPLATES[1]] if index < 4 else [])
        for number, template in enumerate(templates, start=1):
            value = min(int(line.pagu * rng.uniform(0.02, 0.1)), 12_000_000_000) // 1000 * 1000
            built.append((acronym, number, template, line, value, providers[rng.randrange(len(providers))]))
    if not built:
        return
    packages = bulk_create_tracked(
        ProcurementPackage,
        [
            ProcurementPackage(
                line=line,
                name=f"{rng.choice(WORKS)} {rng.choice(OBJECTS)}",
                method=ProcurementMethod.TENDER if value > 1_000_000_000 else ProcurementMethod.E_PURCHASING,
                category=ProcurementCategory.WORKS if value > 1_000_000_000 else ProcurementCategory.GOODS,
                estimated_value=int(value * 1.05),
            )
            for (_a, _n, _t, line, value, _p) in built
        ],
    )
    day = lambda offset: today + dt.timedelta(days=offset)  # noqa: E731
    contracts = bulk_create_tracked(
        Contract,
        [
            Contract(
                package=package,
                number=f"027/{number:02d}/SPK-{acronym.replace(' ', '')}/{year.year}",
                provider=provider,
                value=value,
                vat_amount=value * 11 // 111,
                penalty_before_vat=number % 2 == 0,
                signed_on=day(t.start - 2),
                start_on=day(t.start),
                end_on=day(t.end),
                completed_on=day(t.completed) if t.completed is not None else None,
            )
            for package, (acronym, number, t, _l, value, provider) in zip(packages, built, strict=True)
        ],
    )
    parties, stages, reports = [], [], []
    for contract, (acronym, _n, t, _l, value, provider) in zip(contracts, built, strict=True):
        parties += _parties(contract=contract, provider=provider, acronym=acronym, users=users, rng=rng)
        stages += _stages(contract=contract, template=t, value=value, today=today)
        reports += _progress(contract=contract, template=t, today=today)
    bulk_create_tracked(ContractParty, parties)
    bulk_create_tracked(ContractStage, stages)
    bulk_create_tracked(ProgressReport, reports)


def _phone(rng: random.Random) -> str:
    return f"+62812{rng.randint(10_000_000, 99_999_999)}"


def _parties(*, contract, provider, acronym, users, rng) -> list[ContractParty]:
    treasurer_user = users.get("bendahara.dinkes") if acronym == "Dinkes" else None
    return [
        ContractParty(contract=contract, role=PartyRole.PPK, name=f"PPK {acronym}", phone=_phone(rng)),
        ContractParty(contract=contract, role=PartyRole.PPTK, name=f"PPTK {acronym}", phone=_phone(rng)),
        ContractParty(
            contract=contract,
            role=PartyRole.TREASURER,
            name=f"Bendahara {acronym}",
            user=treasurer_user,
            phone=_phone(rng),
        ),
        ContractParty(contract=contract, role=PartyRole.PROVIDER, name=f"Direktur {provider.name}", phone=_phone(rng)),
    ]


def _stages(*, contract, template: Template, value: int, today: dt.date) -> list[ContractStage]:
    start, end = contract.start_on, contract.end_on
    middle = start + (end - start) / 2
    plan = [
        (StageKind.SIGNED, "Penandatanganan kontrak", PartyRole.PPK, contract.signed_on, 0),
        (StageKind.DOWN_PAYMENT, "Pembayaran uang muka 20%", PartyRole.TREASURER, start + dt.timedelta(14), value // 5),
        (StageKind.PROGRESS, "Kemajuan fisik 50%", PartyRole.PROVIDER, middle, 0),
        (StageKind.HANDOVER, "Serah terima pekerjaan (BAST)", PartyRole.PROVIDER, end, 0),
        (StageKind.INVOICE, "Tagihan pelunasan", PartyRole.PROVIDER, end + dt.timedelta(5), 0),
        (StageKind.SPM, "Penerbitan SPM", PartyRole.PPK, end + dt.timedelta(12), 0),
        (StageKind.SP2D, "Penerbitan SP2D pelunasan", PartyRole.TREASURER, end + dt.timedelta(20), value * 4 // 5),
    ]
    stages, waiting = [], False
    for kind, name, role, planned, amount in plan:
        done = planned - dt.timedelta(days=1) if planned < today else None
        if kind == template.open_stage:
            planned, done, waiting = today + dt.timedelta(template.open_offset), None, True
        elif waiting:  # a later stage waits for the open one: not due yet
            planned, done = max(planned, today + dt.timedelta(days=7 + len(stages))), None
        stages.append(
            ContractStage(
                contract=contract,
                kind=kind,
                name=name,
                responsible=role,
                planned_on=planned,
                done_on=done,
                amount=amount,
            )
        )
    return stages


def _progress(*, contract, template: Template, today: dt.date) -> list[ProgressReport]:
    """Monthly S-curve points up to today, ending on today's planned/actual values."""
    points, ends = [], []
    month_end = contract.start_on
    last = min(today, contract.completed_on or today)
    while True:
        following = month_end + dt.timedelta(days=1)
        month_end = (following.replace(day=1) + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
        if month_end >= last:
            break
        ends.append(month_end)
    ends.append(last)
    span = max((last - contract.start_on).days, 1)
    for end in ends:
        share = Decimal(max((end - contract.start_on).days, 0)) / span
        shape = share ** Decimal("1.3") if share > 0 else Decimal(0)
        planned = (template.planned * shape).quantize(Decimal("0.01"))
        actual = (template.actual * shape).quantize(Decimal("0.01"))
        points.append(
            ProgressReport(
                contract=contract,
                period_end=end,
                planned_pct=planned,
                actual_pct=actual,
                financial_pct=(actual * Decimal("0.8")).quantize(Decimal("0.01")),
            )
        )
    return points
