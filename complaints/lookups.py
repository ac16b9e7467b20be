"""Anonymous read-only lists for complaint apps: OPDs (public fields), kecamatan with their
kelurahan/desa, and complaint categories with their extra-field forms. Plain dicts, the same
for REST and GraphQL; a fixed number of queries whatever the sizes."""

from forms_builder.models import FormVersion
from organizations.models import OPDKind
from organizations.selectors import public_opds

from .selectors import category_list


def _opd(o) -> dict:
    return {
        "id": o.pk,
        "name": o.name,
        "acronym": o.acronym,
        "kind": o.kind,
        "kind_label": str(o.get_kind_display()),
        "parent": o.parent_id,
    }


def lookup_opds() -> list[dict]:
    """Active OPDs (no kecamatan/kelurahan): public fields only. One query."""
    return [_opd(o) for o in public_opds().exclude(kind__in=(OPDKind.KECAMATAN, OPDKind.KELURAHAN))]


def lookup_areas() -> list[dict]:
    """Active kecamatan, each with its active kelurahan/desa. One query."""
    rows = list(public_opds().filter(kind__in=(OPDKind.KECAMATAN, OPDKind.KELURAHAN)))
    villages: dict[int, list[dict]] = {}
    for o in rows:
        if o.kind == OPDKind.KELURAHAN and o.parent_id:
            villages.setdefault(o.parent_id, []).append(_opd(o))
    return [{**_opd(o), "kelurahan": villages.get(o.pk, [])} for o in rows if o.kind == OPDKind.KECAMATAN]


def lookup_categories() -> list[dict]:
    """Active categories with the latest published version of their extra-field form. Two queries."""
    categories = list(category_list())
    form_ids = {c.extra_form_id for c in categories if c.extra_form_id}
    latest: dict[int, FormVersion] = {}
    for v in FormVersion.objects.filter(form_id__in=form_ids).order_by("form_id", "-number"):
        latest.setdefault(v.form_id, v)
    return [
        {
            "slug": c.slug,
            "name": c.name,
            "description": c.description,
            "handling": c.handling,
            "handling_label": str(c.get_handling_display()),
            "extra_form": {"version": v.number, "schema": v.schema} if (v := latest.get(c.extra_form_id)) else None,
        }
        for c in categories
    ]
