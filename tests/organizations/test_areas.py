"""Kecamatan, kelurahan and desa: Kemendagri area codes, the demo's area list, and desa (areas,
not agencies) kept out of every agency picker while a complaint may name one as its location."""

import pytest
from django.core.exceptions import ValidationError
from django.forms.models import apply_limit_choices_to_to_formfield

from complaints.models import Complaint
from organizations.demo import load_areas, read_wilayah
from organizations.models import AGENCY_KIND_CHOICES, OPD, OPDKind
from tests.factories import CategoryFactory, OPDFactory, UserFactory

pytestmark = pytest.mark.django_db

SUBMIT = """mutation($input: SubmitComplaintInput!) { submitComplaint(input: $input) { trackingCode } }"""


CODE_FORMAT = "Kode wilayah harus berbentuk PP.KK.CC (kecamatan) atau PP.KK.CC.DDDD (kelurahan/desa)."
VILLAGE_DIGIT = "Kode kelurahan diawali 1 (PP.KK.CC.1xxx), kode desa diawali 2 (PP.KK.CC.2xxx)."


@pytest.mark.parametrize(
    ("kind", "code", "error"),
    [
        (OPDKind.KECAMATAN, "65.03.02", None),
        (OPDKind.KELURAHAN, "65.03.02.1001", None),
        (OPDKind.DESA, "65.03.01.2001", None),
        (OPDKind.DESA, "65.03.01", "Kelurahan/desa memakai kode PP.KK.CC.DDDD."),
        (OPDKind.DESA, "65.03.02.1001", VILLAGE_DIGIT),
        (OPDKind.KELURAHAN, "65.03.01.2001", VILLAGE_DIGIT),
        (OPDKind.KECAMATAN, "65.03.02.1001", "Kecamatan memakai kode PP.KK.CC, misalnya 65.03.02."),
        (OPDKind.DINAS, "65.03.02", "Kode wilayah hanya untuk kecamatan, kelurahan, dan desa."),
        (OPDKind.DESA, "65.3.1.2001", CODE_FORMAT),
        (OPDKind.DESA, "65.03.01.201\n", CODE_FORMAT),
    ],
)  # fmt: skip
def test_region_code_format_and_kind(kind, code, error):
    opd = OPD(name="Uji Wilayah", kind=kind, region_code=code)
    if error is None:
        opd.full_clean()
        return
    with pytest.raises(ValidationError) as exc:
        opd.full_clean()
    assert exc.value.message_dict["region_code"] == [error]


def test_region_code_is_unique_and_empty_is_none():
    OPDFactory(name="Desa A", kind=OPDKind.DESA, region_code="65.03.01.2001")
    OPDFactory(name="Dinas B", region_code=None)
    OPDFactory(name="Dinas C", region_code=None)  # several OPDs without a code
    with pytest.raises(ValidationError) as exc:
        OPD(name="Desa D", kind=OPDKind.DESA, region_code="65.03.01.2001").full_clean()
    assert "region_code" in exc.value.message_dict


def test_area_file_is_the_whole_kabupaten():
    rows = read_wilayah()
    kinds = [kind for _code, _name, kind in rows]
    assert (kinds.count("kecamatan"), kinds.count("kelurahan"), kinds.count("desa")) == (21, 8, 232)
    assert len({code for code, _n, _k in rows}) == len(rows)
    assert all(code.startswith("65.03.") for code, _n, _k in rows)
    for code, _name, kind in rows:  # every code valid for its kind, under a listed kecamatan
        OPD(name="x", kind=kind, region_code=code)._clean_region_code()
        assert kind == "kecamatan" or any(c == code[:8] for c, _n, k in rows if k == "kecamatan")


def test_demo_areas_load_once_and_old_rows_get_their_code(django_assert_max_num_queries):
    # the demo before codes: a kecamatan and a kelurahan typed by name
    kec = OPDFactory(name="Kecamatan Nunukan Selatan", acronym="Kec. Nunukan Selatan", kind=OPDKind.KECAMATAN)
    kel = OPDFactory(name="Kelurahan Mansapa", acronym="Kel. Mansapa", kind=OPDKind.KELURAHAN, parent=kec)
    areas = load_areas()
    kec.refresh_from_db()
    kel.refresh_from_db()
    assert (kec.region_code, kel.region_code, kel.parent_id) == ("65.03.09", "65.03.09.1003", kec.pk)
    assert areas["Kecamatan Nunukan Selatan"] == kec
    counts = {k: OPD.objects.filter(kind=k).count() for k in (OPDKind.KECAMATAN, OPDKind.KELURAHAN, OPDKind.DESA)}
    assert counts == {OPDKind.KECAMATAN: 21, OPDKind.KELURAHAN: 8, OPDKind.DESA: 232}
    assert OPD.objects.filter(region_code__isnull=True).count() == 0
    # two desa share a name: each names its kecamatan (OPD names are unique)
    assert OPD.objects.get(region_code="65.03.03.2007").name == "Desa Labuk (Sembakung)"
    assert OPD.objects.get(region_code="65.03.15.2027").name == "Desa Labuk (Lumbis Ogong)"
    assert OPD.objects.get(region_code="65.03.04.2021").name == "Desa Pa'loo"
    desa = OPD.objects.get(region_code="65.03.01.2001")
    assert (desa.name, desa.parent.region_code, desa.acronym, desa.email) == ("Desa Tanjungkarang", "65.03.01", "", "")
    assert desa.history.count() == 1  # bulk-created with its history
    with django_assert_max_num_queries(4):  # a second load reads, writes nothing
        again = load_areas()
    assert again == areas
    assert OPD.objects.count() == 261


@pytest.fixture
def places(db):
    kec = OPDFactory(name="Kecamatan Krayan", acronym="Kec. Krayan", kind=OPDKind.KECAMATAN, region_code="65.03.05")
    desa = OPDFactory(name="Desa Long Bawan", acronym="", kind=OPDKind.DESA, parent=kec, region_code="65.03.05.2001")
    kel = OPDFactory(name="Kelurahan Uji", acronym="Kel. Uji", kind=OPDKind.KELURAHAN, parent=kec)
    dinas = OPDFactory(name="Dinas Kesehatan", acronym="Dinkes")
    return kec, kel, desa, dinas


def _agency_pickers(admin) -> dict[str, set[int]]:
    """Every list of agencies a person picks from, as OPD ids (a new picker belongs here)."""
    from audit.filters import AdminTimelineFilter
    from budget.access import admin_opds, budget_opds
    from budget.models import OPDBudget
    from complaints.actions import AssignInput, ForwardWbsInput
    from complaints.lookups import lookup_opds
    from complaints.models import Category, ContactPoint
    from complaints.renaksi.admin import ActionFilterSet
    from complaints.renaksi.admin import ActionForm as RenaksiActionForm
    from complaints.renaksi.models import Action
    from complaints.routing import opd_coverage
    from forms_builder.field_base import CleanContext
    from home.documents import SepakatDocument
    from home.result_pages import SakipResultsPage
    from home.wbs_pages import WbsReportForm
    from organizations.selectors import public_opds
    from planning.models import Indicator, PerformanceAgreement, PlanNode
    from reporting.views.assignments import AssignmentForm

    complaint = Complaint(opd=None)

    def ids(queryset) -> set[int]:
        return set(queryset.values_list("pk", flat=True))

    def model_field_ids(model, name) -> set[int]:  # the choices a ModelForm of ``model`` offers
        formfield = model._meta.get_field(name).formfield()
        apply_limit_choices_to_to_formfield(formfield)
        return ids(formfield.queryset)

    def choice_ids(choices) -> set[int]:
        return {int(value) for value, _label in choices if value not in ("", None)}

    return {
        "public_opds": ids(public_opds()),
        "lookups opds": {o["id"] for o in lookup_opds()},
        "complaint assign": ids(AssignInput(complaint=complaint).fields["opd"].queryset),
        "complaint forward to WBS": ids(ForwardWbsInput(complaint=complaint).fields["reported_opd"].queryset),
        "complaint coverage": ids(opd_coverage()),
        "WBS page reported OPD": ids(WbsReportForm().fields["reported_opd"].queryset),
        "reporting assignment": ids(AssignmentForm(for_user=admin).fields["opds"].queryset),
        "renaksi action": ids(RenaksiActionForm().fields["opd"].queryset),
        "renaksi action filter": ids(ActionFilterSet(queryset=Action.objects.all()).filters["opd"].queryset),
        "renaksi action OPD (model)": model_field_ids(Action, "opd"),
        "OPD parent": model_field_ids(OPD, "parent"),
        "SAKIP page Pemda OPD": model_field_ids(SakipResultsPage, "pemda_opd"),
        "public document OPD": model_field_ids(SepakatDocument, "opd"),
        "complaint category default OPD": model_field_ids(Category, "default_opd"),
        "complaint liaison OPD": model_field_ids(ContactPoint, "opd"),
        "complaint OPD (model)": model_field_ids(Complaint, "opd"),
        "plan node OPD": model_field_ids(PlanNode, "opd"),
        "indicator responsible OPD": model_field_ids(Indicator, "responsible_opd"),
        "performance agreement OPD": model_field_ids(PerformanceAgreement, "opd"),
        "OPD budget": model_field_ids(OPDBudget, "opd"),
        "budget OPDs": ids(budget_opds(admin)),
        "budget admin OPDs": ids(admin_opds(admin)),
        "form engine OPD choice": CleanContext().opd_ids(),
        "audit timeline filter": choice_ids(AdminTimelineFilter(data={}, reader=admin).form.fields["opd"].choices),
    }


def test_no_desa_in_any_agency_picker(places):
    _kec, _kel, desa, dinas = places
    admin = UserFactory(username="admin.uji", is_superuser=True, is_staff=True)
    for door, ids in _agency_pickers(admin).items():
        assert desa.pk not in ids, f"a desa is offered as an agency in: {door}"
        assert dinas.pk in ids, f"{door}: the picker lost its agencies"
    assert OPDKind.DESA not in dict(AGENCY_KIND_CHOICES)


def test_a_complaint_may_name_a_desa_through_every_door(places, api_client):
    kec, _kel, desa, dinas = places
    CategoryFactory(name="Jalan", slug="jalan")
    base = {"category": "jalan", "title": "Jalan desa rusak", "description": "Berlubang di depan sekolah."}
    r = api_client.post("/api/v1/complaints/", {**base, "kelurahan": desa.pk}, format="json")
    assert r.status_code == 201, r.content
    out = api_client.post(
        "/graphql/", {"query": SUBMIT, "variables": {"input": {**base, "kelurahan": str(desa.pk)}}}, format="json"
    ).json()
    assert "errors" not in out, out
    assert [(c.kecamatan_id, c.kelurahan_id) for c in Complaint.objects.all()] == [(kec.pk, desa.pk)] * 2
    # an agency is no location, and a desa is no kecamatan
    for field, pk in (("kelurahan", dinas.pk), ("kecamatan", desa.pk)):
        r = api_client.post("/api/v1/complaints/", {**base, field: pk}, format="json")
        assert r.status_code == 400
        assert r.json()["errors"][field] == ["Pilihan tidak dikenal."]
    other = OPDFactory(name="Kecamatan Sebuku", kind=OPDKind.KECAMATAN)
    r = api_client.post("/api/v1/complaints/", {**base, "kecamatan": other.pk, "kelurahan": desa.pk}, format="json")
    assert r.status_code == 400
    assert r.json()["errors"]["kelurahan"] == ["Kelurahan/desa tidak berada di kecamatan yang dipilih."]


def test_lookup_areas_list_desa_with_their_codes(places, api_client):
    kec = places[0]
    areas = api_client.get("/api/v1/complaints/lookups/areas/").json()["results"]
    krayan = next(a for a in areas if a["id"] == kec.pk)
    assert krayan["region_code"] == "65.03.05"
    assert [(v["name"], v["kind"], v["region_code"]) for v in krayan["kelurahan"]] == [
        ("Desa Long Bawan", "desa", "65.03.05.2001"),
        ("Kelurahan Uji", "kelurahan", None),
    ]
    opds = api_client.get("/api/v1/complaints/lookups/opds/").json()["results"]
    assert [o["name"] for o in opds] == ["Dinas Kesehatan"]
    q = "{ lookupAreas { regionCode kelurahan { name kind regionCode } } }"
    data = api_client.post("/graphql/", {"query": q}, format="json").json()["data"]["lookupAreas"]
    assert data == [
        {
            "regionCode": "65.03.05",
            "kelurahan": [
                {"name": "Desa Long Bawan", "kind": "desa", "regionCode": "65.03.05.2001"},
                {"name": "Kelurahan Uji", "kind": "kelurahan", "regionCode": None},
            ],
        }
    ]
