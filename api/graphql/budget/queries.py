"""GraphQL queries of Serap: the same reads as REST, through ``budget``'s selectors."""

import graphene
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from api.graphql.auth import require_user
from api.graphql.pagination import page_arguments, paginate
from budget.absorption import absorption_rows
from budget.access import require_viewer
from budget.clock import as_of_month, local_today
from budget.contracts import contract_views, contracts_visible
from budget.dashboard import dashboard_data, fiscal_year_for
from budget.slowness import slow_parties

from .types import AbsorptionType, ContractPage, DashboardType, Grouping, SlowPartyType


class BudgetQuery(graphene.ObjectType):
    budget_dashboard = graphene.Field(
        DashboardType,
        required=True,
        year=graphene.Int(),
        opd=graphene.ID(),
        description="Dasbor pimpinan (serapan, tren, kontrak kritis, pihak yang lambat).",
    )
    budget_absorption = graphene.List(
        graphene.NonNull(AbsorptionType),
        required=True,
        year=graphene.Int(),
        by=Grouping(default_value=Grouping.OPD.value),
        opd=graphene.ID(),
        description="Serapan kumulatif per OPD, program atau sumber dana, paling rendah dulu.",
    )
    budget_contracts = graphene.Field(
        ContractPage, required=True, year=graphene.Int(), opd=graphene.ID(), description="Kontrak (berhalaman).",
        **page_arguments(),
    )  # fmt: skip
    budget_slow_parties = graphene.List(
        graphene.NonNull(SlowPartyType), required=True, year=graphene.Int(), opd=graphene.ID()
    )

    def resolve_budget_dashboard(root, info, year=None, opd=None):
        user = require_user(info)
        return dashboard_data(user=user, year=year, today=local_today(), opd_id=_id(opd))

    def resolve_budget_absorption(root, info, year=None, by=Grouping.OPD.value, opd=None):
        user = require_user(info)
        require_viewer(user)
        today = local_today()
        year = fiscal_year_for(year=year, today=today)
        grouping = by.value if hasattr(by, "value") else by
        month = as_of_month(year=year, today=today)
        return absorption_rows(user=user, year=year, month=month, by=grouping, opd_id=_id(opd))

    def resolve_budget_contracts(root, info, year=None, opd=None, page=1, page_size=None):
        user = require_user(info)
        require_viewer(user)
        today = local_today()
        year = fiscal_year_for(year=year, today=today)
        found = paginate(contracts_visible(user=user, year=year, opd_id=_id(opd)).order_by("pk"), page=page,
                         page_size=page_size)  # fmt: skip
        found.items = contract_views(user=user, year=year, today=today, contracts=found.items)
        return found

    def resolve_budget_slow_parties(root, info, year=None, opd=None):
        user = require_user(info)
        require_viewer(user)
        today = local_today()
        return slow_parties(user=user, year=fiscal_year_for(year=year, today=today), today=today, opd_id=_id(opd))


def _id(value) -> int | None:
    if value is None:
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ValidationError({"opd": [_("ID OPD harus berupa angka.")]}) from None
