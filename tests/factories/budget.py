"""Budget worlds for tests: a few OPDs with the demo's budgets and contracts, on a fixed day."""

__all__ = ["BUDGET_TODAY", "budget_world"]

import datetime as dt

from budget.demo import load_demo
from budget.demo_contracts import CONTRACT_OPDS
from organizations.models import OPD, OPDKind

from .organizations import PemdaFactory

#: The day every budget test is evaluated on (figures up to mid-October, contracts around it).
BUDGET_TODAY = dt.date(2026, 10, 15)


def budget_world(*, opds: int = 3, with_contracts: int = 1, today: dt.date = BUDGET_TODAY):
    """``opds`` OPDs with budgets; the first ``with_contracts`` get the demo's 7–8 contracts each."""
    PemdaFactory()
    for index in range(opds):
        acronym = CONTRACT_OPDS[index] if index < with_contracts else f"UJI{index}"
        name = "Dinas Kesehatan" if acronym == "Dinkes" else f"Dinas Uji {acronym}"
        OPD.objects.get_or_create(name=name, defaults={"acronym": acronym, "kind": OPDKind.DINAS})
    return load_demo(today=today)
