"""Helpers to go through the WBS doors over HTTP in tests."""

import json

from django.test import Client

from .conftest import CLIENT_META

CASES_QUERY = (
    "query($status: String){ wbsCases(status: $status, pageSize: 100){ totalCount"
    " items{ id number title status category reportedOpd assignee } } }"
)
CASE_QUERY = (
    "query($id: ID!){ wbsCase(id: $id){ id number title description reportedPerson"
    " messages{ body sender } notes{ body } identityRequests{ id status } } }"
)
SUBMIT_MUTATION = (
    """mutation($input: WbsReportInput!){ wbsSubmitReport(input: $input){ number receiptCode status replayed } }"""
)
FOLLOW_UP_QUERY = (
    "query($code: String!){ wbsFollowUp(receiptCode: $code){ number status title messages{ sender body } } }"
)
REPLY_MUTATION = (
    "mutation($code: String!, $body: String!){ wbsReporterReply(receiptCode: $code, body: $body)"
    "{ followUp{ status messages{ body } } } }"
)


def client_for(user=None) -> Client:
    client = Client(**CLIENT_META)
    if user is not None:
        client.force_login(user)
    return client


def gql(client: Client, query: str, variables: dict | None = None, **extra) -> dict:
    response = client.post(
        "/graphql/",
        data=json.dumps({"query": query, "variables": variables or {}}),
        content_type="application/json",
        **extra,
    )
    return response.json()


def submit_payload(opd, category, **overrides) -> dict:
    return {
        "category": category.pk,
        "reported_opd": opd.pk,
        "reported_person": "Kepala Bidang Perizinan",
        "title": "Dugaan gratifikasi perizinan",
        "description": "Pemohon izin diminta memberi uang terima kasih agar izin cepat terbit.",
        "incident_date": "2026-10-01",
        "location": "Kantor DPMPTSP",
        **overrides,
    }


def gql_input(opd, category, **overrides) -> dict:
    data = submit_payload(opd, category, **overrides)
    return {
        "category": str(data["category"]),
        "reportedOpd": str(data["reported_opd"]),
        "reportedPerson": data["reported_person"],
        "title": data["title"],
        "description": data["description"],
        "incidentDate": data["incident_date"],
        "location": data["location"],
        **({"identityName": data["identity_name"]} if "identity_name" in data else {}),
    }


def page_form(opd, category, **overrides) -> dict:
    return submit_payload(opd, category, **overrides)
