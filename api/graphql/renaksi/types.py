"""GraphQL types of the public Renaksi (public fields only: ``complaints.renaksi.public``)."""

import graphene

from complaints.renaksi.public import plan_data, public_plan_get


class RenaksiProgressType(graphene.ObjectType):
    year = graphene.Int(required=True)
    quarter = graphene.Int(required=True, description="Triwulan 1–4.")
    percent = graphene.Int(required=True, description="Capaian kumulatif sampai akhir triwulan (0–100).")
    reported_at = graphene.DateTime(required=True)


class RenaksiActionType(graphene.ObjectType):
    id = graphene.ID(required=True)
    code = graphene.String(required=True, description="Nomor aksi dalam rencana, misalnya 1.2.")
    title = graphene.String(required=True)
    opd = graphene.String(required=True, description="Nama OPD penanggung jawab.")
    opd_acronym = graphene.String(required=True)
    output = graphene.String(required=True, description="Keluaran / target.")
    indicator = graphene.String(required=True)
    due_date = graphene.Date(required=True)
    latest_percent = graphene.Int(description="Capaian laporan terakhir; null bila belum ada laporan.")
    status = graphene.String(required=True, description="belum_mulai, berjalan, selesai atau terlambat.")
    status_label = graphene.String(required=True)
    progress = graphene.List(graphene.NonNull(RenaksiProgressType), required=True)


class RenaksiStatusCountType(graphene.ObjectType):
    status = graphene.String(required=True)
    count = graphene.Int(required=True)


class RenaksiSummaryType(graphene.ObjectType):
    actions = graphene.Int(required=True)
    by_status = graphene.List(graphene.NonNull(RenaksiStatusCountType), required=True)
    average_percent = graphene.Int()

    def resolve_by_status(root, info):
        return [{"status": k, "count": v} for k, v in root["by_status"].items()]


def _full(root: dict) -> dict:
    """The plan's data with its actions (listed plans carry none until asked)."""
    if "actions" not in root:
        plan = public_plan_get(plan_id=root["id"])
        root.update(plan_data(plan) if plan else {"actions": [], "summary": None})
    return root


class RenaksiPlanType(graphene.ObjectType):
    id = graphene.ID(required=True)
    title = graphene.String(required=True)
    start_year = graphene.Int(required=True)
    end_year = graphene.Int(required=True)
    status = graphene.String(required=True, description="active atau closed.")
    status_label = graphene.String(required=True)
    description = graphene.String(required=True)
    is_demo = graphene.Boolean(required=True, description="Data demo, bukan data resmi Pemda.")
    actions = graphene.List(graphene.NonNull(RenaksiActionType), required=True)
    summary = graphene.Field(RenaksiSummaryType)

    def resolve_actions(root, info):
        return _full(root)["actions"]

    def resolve_summary(root, info):
        return _full(root)["summary"]
