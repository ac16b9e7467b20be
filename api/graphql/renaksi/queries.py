"""Renaksi queries: ``renaksiPlans`` and ``renaksiPlan`` (anyone, no login)."""

import graphene

from complaints.renaksi.public import plan_data, public_plan_get, public_plans

from .types import RenaksiPlanType


class RenaksiQuery(graphene.ObjectType):
    renaksi_plans = graphene.List(
        graphene.NonNull(RenaksiPlanType),
        required=True,
        description="Rencana aksi pengelolaan pengaduan yang berjalan atau ditutup, terbaru dulu. Tanpa login.",
    )
    renaksi_plan = graphene.Field(
        RenaksiPlanType,
        id=graphene.ID(required=True),
        description="Satu rencana aksi publik dengan aksi dan capaian triwulannya; null bila tidak ada.",
    )

    def resolve_renaksi_plans(root, info):
        return [plan_data(p, with_actions=False) for p in public_plans()]

    def resolve_renaksi_plan(root, info, id):
        plan = public_plan_get(plan_id=id)
        return plan_data(plan) if plan else None
