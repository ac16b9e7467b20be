import json

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from organizations.models import MembershipRole, OPDKind
from organizations.roles import GlobalRole
from tests.factories import OPDFactory, UserFactory, opd_user


def token_client(user) -> APIClient:
    client = APIClient()
    token, _ = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def gql(client, query: str, variables: dict | None = None, path: str = "/graphql/", **extra):
    """POST a GraphQL query over HTTP; returns (status, parsed body)."""
    body = {"query": query, "variables": variables or {}}
    response = client.post(path, data=json.dumps(body), content_type="application/json", **extra)
    return response.status_code, response.json()


@pytest.fixture
def tree(db):
    """Dinkes → Puskesmas → Pustu → Posyandu unit, plus a sibling Disdikbud and Kecamatan."""
    dinkes = OPDFactory(name="Dinas Kesehatan", acronym="DINKES", kind=OPDKind.DINAS)
    puskesmas = OPDFactory(name="UPT Puskesmas Nunukan", acronym="PKM-NNK", kind=OPDKind.OTHER, parent=dinkes)
    pustu = OPDFactory(name="Pustu Binusan", acronym="PUSTU-BNS", kind=OPDKind.OTHER, parent=puskesmas)
    disdik = OPDFactory(name="Dinas Pendidikan dan Kebudayaan", acronym="DISDIKBUD", kind=OPDKind.DINAS)
    kecamatan = OPDFactory(name="Kecamatan Nunukan", acronym="KEC-NNK", kind=OPDKind.KECAMATAN)
    kelurahan = OPDFactory(name="Kelurahan Nunukan Timur", acronym="KEL-NT", kind=OPDKind.KELURAHAN, parent=kecamatan)
    inactive = OPDFactory(name="Kantor Lama", acronym="KL", kind=OPDKind.KANTOR, is_active=False)
    return {
        "dinkes": dinkes,
        "puskesmas": puskesmas,
        "pustu": pustu,
        "disdik": disdik,
        "kecamatan": kecamatan,
        "kelurahan": kelurahan,
        "inactive": inactive,
    }


@pytest.fixture
def users(tree):
    return {
        "superuser": UserFactory(username="root", is_superuser=True, is_staff=True),
        "auditor": UserFactory(username="auditor", roles=[GlobalRole.AUDITOR]),
        "editor": UserFactory(username="editor", roles=[GlobalRole.KOMINFO_EDITOR]),
        "bappeda": UserFactory(username="bappeda", roles=[GlobalRole.BAPPEDA_REVIEWER]),
        "inspektur": UserFactory(username="inspektur", roles=[GlobalRole.INSPECTORATE]),
        "pengaduan": UserFactory(username="pengaduan", roles=[GlobalRole.COMPLAINT_DESK]),
        "operator.dinkes": opd_user(tree["dinkes"], username="operator.dinkes", first_name="Sari", last_name="Dewi"),
        "kepala.dinkes": opd_user(tree["dinkes"], MembershipRole.VERIFIER, username="kepala.dinkes"),
        "operator.puskesmas": opd_user(tree["puskesmas"], username="operator.puskesmas"),
        "operator.kecamatan": opd_user(tree["kecamatan"], username="operator.kecamatan"),
        "nobody": UserFactory(username="tanpa.opd"),
    }
