"""Types of the published SAKIP, SPBE and SPM results: the same data as ``/api/v1/results/sakip|spbe|spm/``
(``reporting.results``), resolved from its plain dicts by graphene's default resolver."""

import graphene


class YearScore(graphene.ObjectType):
    year = graphene.Int(required=True)
    score = graphene.Float()


class SakipIndicator(graphene.ObjectType):
    name = graphene.String(required=True)
    unit = graphene.String(required=True)
    direction = graphene.String(required=True)
    target = graphene.String(required=True)
    realisation = graphene.Float()
    achievement = graphene.Float(description="Capaian (%), dibulatkan untuk tampilan.")
    rating = graphene.String(description="Kategori capaian, dibaca pada nilai tepat.")


class SakipRow(graphene.ObjectType):
    opd_id = graphene.Int()
    opd = graphene.String(required=True)
    score = graphene.Float(description="Nilai SAKIP, dibulatkan untuk tampilan.")
    grade = graphene.String(description="Predikat (AA … D), dibaca pada nilai tepat.")
    meaning = graphene.String()
    change = graphene.Float()
    previous_year = graphene.Int()
    history = graphene.List(graphene.NonNull(YearScore), required=True)
    indicators = graphene.List(graphene.NonNull(SakipIndicator), required=True)


class GradeCount(graphene.ObjectType):
    grade = graphene.String(required=True)
    count = graphene.Int(required=True)


class SakipResults(graphene.ObjectType):
    year = graphene.Int(required=True)
    years = graphene.List(graphene.NonNull(graphene.Int), required=True)
    pemda_basis = graphene.String(required=True, description="opd, mean (rata-rata OPD) atau none.")
    pemda = graphene.Field(SakipRow)
    opds = graphene.List(graphene.NonNull(SakipRow), required=True)
    grade_counts = graphene.List(graphene.NonNull(GradeCount), required=True)


class SpbeScore(graphene.ObjectType):
    key = graphene.String(required=True)
    label = graphene.String(required=True)
    index = graphene.Float(description="Indeks 1–5, dibulatkan untuk tampilan.")
    predikat = graphene.String(description="Dibaca pada indeks tepat.")
    domain = graphene.String(description="Domain sebuah aspek.")


class SpbeEntry(graphene.ObjectType):
    opd_id = graphene.Int(required=True)
    opd = graphene.String(required=True)
    year = graphene.Int(required=True)
    index = graphene.Float()
    predikat = graphene.String()
    domains = graphene.List(graphene.NonNull(SpbeScore), required=True)
    aspects = graphene.List(graphene.NonNull(SpbeScore), required=True)


class SpbeHistory(graphene.ObjectType):
    opd_id = graphene.Int(required=True)
    opd = graphene.String(required=True)
    year = graphene.Int(required=True)
    index = graphene.Float()
    predikat = graphene.String()


class SpbeResults(graphene.ObjectType):
    year = graphene.Int(required=True)
    years = graphene.List(graphene.NonNull(graphene.Int), required=True)
    results = graphene.List(graphene.NonNull(SpbeEntry), required=True)
    history = graphene.List(graphene.NonNull(SpbeHistory), required=True)


class SpmService(graphene.ObjectType):
    key = graphene.String(required=True)
    label = graphene.String(required=True)
    target = graphene.Float(description="Jumlah sasaran (orang).")
    served = graphene.Float(description="Terlayani sesuai standar (orang).")
    achievement = graphene.Float(description="Capaian (%), dibulatkan untuk tampilan.")
    category = graphene.String(description="Kategori SPM, dibaca pada nilai tepat.")


class SpmReport(graphene.ObjectType):
    opd_id = graphene.Int(required=True)
    opd = graphene.String(required=True)
    period = graphene.String(required=True)
    services = graphene.List(graphene.NonNull(SpmService), required=True)


class SpmResults(graphene.ObjectType):
    year = graphene.Int(required=True)
    years = graphene.List(graphene.NonNull(graphene.Int), required=True)
    services = graphene.List(graphene.NonNull(SpmService), required=True)
    reports = graphene.List(graphene.NonNull(SpmReport), required=True)
