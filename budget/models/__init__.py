from .alerts import Alert, AlertKind
from .budgets import BudgetLine, CashPlan, FigureRevision, FiscalYear, FundingSource, OPDBudget, Realisation
from .config import AbsorptionThreshold, BudgetRules, DayKind
from .contracts import (
    WORK_STAGES,
    Contract,
    ContractParty,
    ContractStage,
    PartyRole,
    ProcurementCategory,
    ProcurementMethod,
    ProcurementPackage,
    ProgressReport,
    Provider,
    StageKind,
)
from .imports import BatchStatus, ImportBatch, ImportKind, ImportProfile

__all__ = [
    "WORK_STAGES",
    "AbsorptionThreshold",
    "Alert",
    "AlertKind",
    "BatchStatus",
    "BudgetLine",
    "BudgetRules",
    "CashPlan",
    "Contract",
    "ContractParty",
    "ContractStage",
    "DayKind",
    "FigureRevision",
    "FiscalYear",
    "FundingSource",
    "ImportBatch",
    "ImportKind",
    "ImportProfile",
    "OPDBudget",
    "PartyRole",
    "ProcurementCategory",
    "ProcurementMethod",
    "ProcurementPackage",
    "ProgressReport",
    "Provider",
    "Realisation",
    "StageKind",
]
