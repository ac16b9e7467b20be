"""Types of staff planning data (the same selector as ``/api/v1/planning/indicators/``)."""

import graphene


class RealisationQuarter(graphene.ObjectType):
    quarter = graphene.Int(required=True)
    plan_value = graphene.Float(description="Target rencana aksi triwulan.")
    value = graphene.Float(description="Realisasi kumulatif sampai akhir triwulan.")
    status = graphene.String(required=True)
    status_label = graphene.String(required=True)

    def resolve_status_label(root, info):
        return root.get_status_display()


class PlanningIndicator(graphene.ObjectType):
    id = graphene.ID(required=True)
    name = graphene.String(required=True)
    unit = graphene.String(required=True)
    direction = graphene.String(required=True)
    opd = graphene.String(required=True)
    quarters = graphene.List(graphene.NonNull(RealisationQuarter), required=True)

    def resolve_opd(root, info):
        return root.node.opd.name

    def resolve_quarters(root, info):
        return root.year_realisations
