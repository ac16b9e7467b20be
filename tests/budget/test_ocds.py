"""The OCDS export validates against the official 1.1.5 schema (local copies, no network) and uses
only codelist values; it carries no personal data."""

import csv
import json
from pathlib import Path

import pytest
from jsonschema import Draft4Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4
from rest_framework.test import APIClient

from budget.models import Provider

pytestmark = pytest.mark.django_db

STANDARD = Path(__file__).resolve().parents[2] / "budget" / "standards" / "ocds-1.1.5"
BASE = "https://standard.open-contracting.org/schema/1__1__5/"


def _schema(name: str) -> dict:
    return json.loads((STANDARD / name).read_text(encoding="utf-8"))


def _validator() -> Draft4Validator:
    registry = Registry().with_resources(
        (BASE + name, Resource.from_contents(_schema(name), default_specification=DRAFT4))
        for name in ("release-package-schema.json", "release-schema.json")
    )
    return Draft4Validator(_schema("release-package-schema.json"), registry=registry)


def _codelists() -> dict[str, set[str]]:
    return {
        path.name: {row["Code"] for row in csv.DictReader(path.open(encoding="utf-8"))}
        for path in (STANDARD / "codelists").glob("*.csv")
    }


def _codelist_fields(schema: dict) -> list[tuple[str, str]]:
    """(property path inside a release, codelist file) for every field that names a codelist."""
    found = []

    def walk(node, path):
        if isinstance(node, dict):
            if "codelist" in node:
                found.append((path, node["codelist"]))
            for key, value in node.items():
                walk(value, f"{path}/{key}")

    walk(schema, "")
    return found


def _values(release: dict, definition_path: str) -> list:
    """Values in ``release`` at a schema path such as /definitions/Milestone/properties/status (by name)."""
    key = definition_path.rsplit("/", 1)[-1]
    out = []

    def walk(node):
        if isinstance(node, dict):
            for k, v in node.items():
                if k == key and isinstance(v, (str, list)):
                    out.extend(v if isinstance(v, list) else [v])
                walk(v)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(release)
    return out


@pytest.fixture
def package(world):
    Provider.objects.filter(pk=Provider.objects.filter(contracts__isnull=False).order_by("pk").first().pk).update(
        is_individual=True
    )  # audit: bulk-ok
    response = APIClient().get("/api/v1/budget/ocds/?year=2026")
    assert response.status_code == 200
    return response.json()


def test_export_validates_against_the_official_schema(package):
    errors = sorted(_validator().iter_errors(package), key=lambda e: list(e.path))
    assert [f"{list(e.path)}: {e.message}" for e in errors] == []
    assert len(package["releases"]) == 16
    release = package["releases"][0]
    assert release["ocid"].startswith("ocds-sepakat-6503-")
    implementation = release["contracts"][0]["implementation"]
    assert implementation["milestones"]


def test_the_validator_does_see_errors(package):
    broken = json.loads(json.dumps(package))
    del broken["releases"][0]["ocid"]
    broken["releases"][1]["contracts"][0]["status"] = 42
    assert len(list(_validator().iter_errors(broken))) >= 2


def test_every_coded_value_is_in_its_codelist(package):
    lists = _codelists()
    names = {"status", "procurementMethod", "mainProcurementCategory", "currency", "roles", "type", "tag",
             "initiationType"}  # fmt: skip
    fields = [(p, c) for p, c in _codelist_fields(_schema("release-schema.json")) if p.rsplit("/", 1)[-1] in names]
    checked = 0
    for path, codelist in fields:
        codes = lists.get(codelist.removeprefix("+"))
        if codes is None:
            continue
        owner = path.split("/")[2] if path.startswith("/definitions/") else None
        for release in package["releases"]:
            scope = _scoped(release, owner)
            for value in _values(scope, path):
                assert value in codes, (path, value)
                checked += 1
    assert checked > 100


def _scoped(release: dict, owner: str | None):
    """The parts of a release a definition's fields live in (so ``status`` of a Milestone is checked
    against milestoneStatus, not contractStatus)."""
    contract = release["contracts"][0]
    return {
        None: {k: release[k] for k in ("tag", "initiationType")},
        "Tender": {k: v for k, v in release["tender"].items() if k != "value"},
        "Award": [{k: v for k, v in a.items() if k not in ("value", "suppliers")} for a in release["awards"]],
        "Contract": {k: v for k, v in contract.items() if k in ("status",)},
        "Milestone": contract["implementation"]["milestones"],
        "Value": [release["tender"]["value"], contract["value"]],
        "Organization": release["parties"],
    }.get(owner, [])


def test_no_personal_data_in_the_export(package):
    text = json.dumps(package)
    individual = Provider.objects.get(is_individual=True)
    assert individual.npwp not in text
    for personal in ("+62", "PPK ", "Bendahara "):
        assert personal not in text
