"""GraphQL types of Serap, resolved from the dataclasses of ``budget.absorption``/``contracts``/``slowness``."""

import graphene

from api.graphql.pagination import paginated_type


class Grouping(graphene.Enum):
    OPD = "opd"
    PROGRAM = "program"
    FUNDING_SOURCE = "funding_source"


class AbsorptionType(graphene.ObjectType):
    class Meta:
        name = "BudgetAbsorption"

    key = graphene.String(required=True)
    label = graphene.String(required=True)
    pagu = graphene.Float(required=True, description="Rupiah (pagu perubahan bila ada).")
    realised = graphene.Float(required=True)
    planned = graphene.Float(required=True, description="Anggaran kas kumulatif.")
    deviation = graphene.Float(required=True, description="Realisasi kumulatif − anggaran kas kumulatif.")
    pct = graphene.Decimal()
    planned_pct = graphene.Decimal()
    status = graphene.String(required=True)
    status_label = graphene.String(required=True)


class TrendPointType(graphene.ObjectType):
    class Meta:
        name = "BudgetTrendPoint"

    month = graphene.Int(required=True)
    planned = graphene.Float(required=True)
    realised = graphene.Float()
    planned_pct = graphene.Decimal()
    realised_pct = graphene.Decimal()


class LateStageType(graphene.ObjectType):
    class Meta:
        name = "BudgetLateStage"

    name = graphene.String(required=True)
    responsible = graphene.String(required=True)
    responsible_label = graphene.String(required=True)
    planned_on = graphene.Date(required=True)
    days = graphene.Int(required=True)
    amount = graphene.Float(required=True)

    def resolve_name(late, info):
        return late.stage.name

    def resolve_responsible(late, info):
        return late.stage.responsible

    def resolve_planned_on(late, info):
        return late.stage.planned_on

    def resolve_amount(late, info):
        return late.stage.amount


class ContractType(graphene.ObjectType):
    class Meta:
        name = "BudgetContract"

    id = graphene.ID(required=True)
    number = graphene.String(required=True)
    title = graphene.String(required=True)
    opd_id = graphene.ID(required=True)
    opd_name = graphene.String(required=True)
    provider = graphene.String(required=True)
    value = graphene.Float(required=True)
    end_on = graphene.Date(required=True)
    planned_pct = graphene.Decimal()
    actual_pct = graphene.Decimal()
    financial_pct = graphene.Decimal()
    critical = graphene.Boolean(required=True)
    state = graphene.String(required=True)
    state_label = graphene.String(required=True)
    penalty_days = graphene.Int(required=True)
    penalty_amount = graphene.Float(required=True)
    late_stages = graphene.List(graphene.NonNull(LateStageType), required=True)

    def resolve_id(view, info):
        return view.contract.pk

    def resolve_number(view, info):
        return view.contract.number

    def resolve_title(view, info):
        return view.contract.package.name

    def resolve_opd_id(view, info):
        return view.opd.pk

    def resolve_opd_name(view, info):
        return view.opd.name

    def resolve_provider(view, info):
        return view.contract.provider.name

    def resolve_value(view, info):
        return view.contract.value

    def resolve_end_on(view, info):
        return view.contract.end_on

    def resolve_penalty_days(view, info):
        return view.penalty.days

    def resolve_penalty_amount(view, info):
        return view.penalty.amount


ContractPage = paginated_type(ContractType, name="BudgetContractPage")


class SlowPartyType(graphene.ObjectType):
    class Meta:
        name = "BudgetSlowParty"

    opd_id = graphene.ID(required=True)
    opd_name = graphene.String(required=True)
    role = graphene.String(required=True)
    role_label = graphene.String(required=True)
    side = graphene.String(required=True)
    side_label = graphene.String(required=True)
    late_stages = graphene.Int(required=True)
    days_late = graphene.Int(required=True)
    max_days_late = graphene.Int(required=True)
    money_stuck = graphene.Float(required=True)


class DashboardType(graphene.ObjectType):
    class Meta:
        name = "BudgetDashboard"

    year = graphene.Int(required=True)
    month = graphene.Int(required=True)
    generated_at = graphene.DateTime(required=True)
    total = graphene.Field(AbsorptionType, required=True)
    opds = graphene.List(graphene.NonNull(AbsorptionType), required=True)
    trend = graphene.List(graphene.NonNull(TrendPointType), required=True)
    critical = graphene.List(graphene.NonNull(ContractType), required=True)
    slow = graphene.List(graphene.NonNull(SlowPartyType), required=True)
