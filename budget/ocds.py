"""Contracts as an OCDS 1.1 release package (one release per contract; ``ocid`` = prefix + package).

Public data only: the buyer OPD, the provider's name (and NPWP for companies, never for
individuals), the tender, award, contract, milestones (stages) and transactions (paid stages).
No phone, no person's name. Codes come from the OCDS 1.1.5 codelists copied in
``budget/standards/ocds-1.1.5`` (validated in the tests against the official schema).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.utils import timezone

from organizations.selectors import current_pemda

from .contracts import ContractView
from .models import ContractStage, ProcurementCategory, ProcurementMethod, StageKind

OCDS_VERSION = "1.1"
CURRENCY = "IDR"
METHODS = {
    ProcurementMethod.TENDER: "open",
    ProcurementMethod.SELECTION: "selective",
    ProcurementMethod.E_PURCHASING: "limited",
    ProcurementMethod.DIRECT_PROCUREMENT: "direct",
    ProcurementMethod.DIRECT_APPOINTMENT: "direct",
}
CATEGORIES = {
    ProcurementCategory.GOODS: "goods",
    ProcurementCategory.WORKS: "works",
    ProcurementCategory.SERVICES: "services",
    ProcurementCategory.CONSULTING: "services",
}
MILESTONE_TYPES = {
    StageKind.SIGNED: "approval",
    StageKind.DOWN_PAYMENT: "payment",
    StageKind.PROGRESS: "delivery",
    StageKind.HANDOVER: "delivery",
    StageKind.INVOICE: "payment",
    StageKind.SPM: "payment",
    StageKind.SP2D: "payment",
}
PAYMENT_STAGES = {StageKind.DOWN_PAYMENT, StageKind.SP2D}


def _iso(day: dt.date) -> str:
    return dt.datetime.combine(day, dt.time(0, 0), tzinfo=dt.UTC).isoformat().replace("+00:00", "Z")


def _value(amount: int) -> dict:
    return {"amount": amount, "currency": CURRENCY}


def _milestone(stage: ContractStage, today: dt.date) -> dict:
    status = "met" if stage.done_on else ("notMet" if stage.planned_on < today else "scheduled")
    milestone = {
        "id": f"stage-{stage.pk}",
        "title": stage.name,
        "type": MILESTONE_TYPES[stage.kind],
        "dueDate": _iso(stage.planned_on),
        "status": status,
    }
    if stage.done_on:
        milestone["dateMet"] = _iso(stage.done_on)
    return milestone


def release(view: ContractView, *, prefix: str, today: dt.date) -> dict:
    contract = view.contract
    package = contract.package
    opd = view.opd
    buyer = {"id": f"opd-{opd.pk}", "name": opd.name}
    supplier = {"id": f"provider-{contract.provider_id}", "name": contract.provider.name}
    supplier_party = {**supplier, "roles": ["supplier", "payee"]}
    if not contract.provider.is_individual:
        supplier_party["identifier"] = {"scheme": "ID-NPWP", "id": contract.provider.npwp}
    ocid = f"{prefix}-{package.pk}"
    award_id = f"{ocid}-award-{contract.pk}"
    stages = list(contract.stages.all())
    status = "terminated" if contract.completed_on else "active"
    return {
        "ocid": ocid,
        "id": f"{ocid}-contract-{contract.pk}",
        "date": _iso(today),
        "tag": ["contract", "implementation"],
        "initiationType": "tender",
        "language": "id",
        "parties": [{**buyer, "roles": ["buyer", "procuringEntity", "payer"]}, supplier_party],
        "buyer": buyer,
        "tender": {
            "id": f"{ocid}-tender",
            "title": package.name,
            "status": "complete",
            "procurementMethod": METHODS[package.method],
            "procurementMethodDetails": package.get_method_display(),
            "mainProcurementCategory": CATEGORIES[package.category],
            "value": _value(package.estimated_value),
            "procuringEntity": buyer,
        },
        "awards": [
            {
                "id": award_id,
                "status": "active",
                "date": _iso(contract.signed_on),
                "value": _value(contract.value),
                "suppliers": [supplier],
            }
        ],
        "contracts": [
            {
                "id": f"{ocid}-contract-{contract.pk}",
                "awardID": award_id,
                "title": package.name,
                "status": status,
                "period": {"startDate": _iso(contract.start_on), "endDate": _iso(contract.end_on)},
                "value": _value(contract.value),
                "dateSigned": _iso(contract.signed_on),
                "implementation": {
                    "milestones": [_milestone(s, today) for s in stages],
                    "transactions": [
                        {
                            "id": f"stage-{s.pk}-payment",
                            "source": "SP2D",
                            "date": _iso(s.done_on),
                            "value": _value(s.amount),
                            "payer": buyer,
                            "payee": supplier,
                        }
                        for s in stages
                        if s.kind in PAYMENT_STAGES and s.done_on and s.amount
                    ],
                },
            }
        ],
    }


def release_package(*, views: Iterable[ContractView], uri: str, today: dt.date) -> dict:
    pemda = current_pemda()
    prefix = settings.OCDS_OCID_PREFIX
    return {
        "uri": uri,
        "version": OCDS_VERSION,
        "publishedDate": timezone.now().replace(microsecond=0).isoformat().replace("+00:00", "Z"),
        "publisher": {"name": pemda.name if pemda else "Sepakat"},
        "license": "https://creativecommons.org/licenses/by/4.0/",
        "releases": [release(v, prefix=prefix, today=today) for v in views],
    }
