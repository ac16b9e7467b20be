"""Types of the published performance figures (the same data as ``/api/v1/results/performance/``)."""

import graphene
from graphene.types.generic import GenericScalar


class PerformanceSummary(graphene.ObjectType):
    plan = graphene.String(required=True, description="Nama RPJMD.")
    year = graphene.Int(required=True)
    years = graphene.List(graphene.NonNull(graphene.Int), required=True)
    achievement = graphene.Float(description="Capaian Pemda (%), dibulatkan untuk tampilan.")
    rating = graphene.String(description="Predikat LKjIP, dibaca pada nilai tepat.")
    previous_achievement = graphene.Float()
    five_year_achievement = graphene.Float()


class PerformanceResults(graphene.ObjectType):
    summary = graphene.Field(PerformanceSummary, required=True)
    goals = GenericScalar(required=True, description="IKU Pemda per sasaran (sama dengan REST).")
    opds = GenericScalar(required=True, description="Capaian per OPD dan sasarannya (sama dengan REST).")
    tree = GenericScalar(required=True, description="Pohon kinerja bersarang.")
