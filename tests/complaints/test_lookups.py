"""Anonymous lookups for complaint apps (REST and GraphQL): OPDs with public fields only,
kecamatan with their kelurahan/desa, categories with their extra-field forms; flat query counts."""

import pytest

from organizations.models import OPDKind
from tests.factories import CategoryFactory, OPDFactory, make_form

pytestmark = pytest.mark.django_db

GQL = """{ lookupOpds { id name acronym kind kindLabel parent }
  lookupAreas { id name kelurahan { id name parent } }
  complaintCategories { slug name handlingLabel extraForm { version schema } } }"""


def _grow(world, size: int) -> None:
    form = make_form()
    for n in range(size):
        OPDFactory(name=f"Dinas Uji {n}", acronym=f"DU{n}", email=f"rahasia{n}@example.com")
        kec = OPDFactory(name=f"Kecamatan Uji {n}", acronym=f"KU{n}", kind=OPDKind.KECAMATAN)
        OPDFactory(name=f"Kelurahan Uji {n}", acronym=f"KL{n}", kind=OPDKind.KELURAHAN, parent=kec)
        OPDFactory(name=f"Desa Uji {n}", acronym="", kind=OPDKind.DESA, parent=kec, region_code=f"65.03.99.2{n:03d}")
        CategoryFactory(name=f"Kategori {n}", slug=f"kategori-{n}", extra_form=form if n % 2 else None)


def test_lookups_rest_and_graphql_agree_and_show_public_fields_only(world, api_client):
    _grow(world, 2)
    opds = api_client.get("/api/v1/complaints/lookups/opds/").json()["results"]
    assert {"Dinas PU", "Sekretariat Daerah"} <= {o["name"] for o in opds}
    assert all(o["kind"] not in ("kecamatan", "kelurahan") for o in opds)
    assert "email" not in opds[0]
    areas = api_client.get("/api/v1/complaints/lookups/areas/").json()["results"]
    nunukan = next(a for a in areas if a["name"] == "Kecamatan Nunukan")
    assert [k["name"] for k in nunukan["kelurahan"]] == ["Kelurahan Nunukan Barat"]
    cats = api_client.get("/api/v1/complaints/lookups/categories/").json()["results"]
    with_form = next(c for c in cats if c["slug"] == "kategori-1")
    assert with_form["extra_form"]["version"] == 1
    assert with_form["extra_form"]["schema"]
    data = api_client.post("/graphql/", {"query": GQL}, format="json").json()
    assert "errors" not in data, data
    assert len(data["data"]["lookupOpds"]) == len(opds)
    assert len(data["data"]["lookupAreas"]) == len(areas)
    assert {c["slug"] for c in data["data"]["complaintCategories"]} == {c["slug"] for c in cats}


@pytest.mark.parametrize("size", [3, 30])
def test_lookup_query_counts_are_flat(world, api_client, django_assert_max_num_queries, size):
    _grow(world, size)
    # one query per list (two for categories: their form versions) + one the request itself makes
    for path, bound in (("opds", 2), ("areas", 2), ("categories", 3)):
        with django_assert_max_num_queries(bound):
            assert api_client.get(f"/api/v1/complaints/lookups/{path}/").status_code == 200
    with django_assert_max_num_queries(5):
        assert "errors" not in api_client.post("/graphql/", {"query": GQL}, format="json").json()
