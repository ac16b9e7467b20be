"""Anonymous read-only lists for complaint apps: OPDs (public fields), kecamatan with their
kelurahan/desa, and complaint categories with their extra-field forms. Plain dicts, the same
for REST and GraphQL; a fixed number of queries whatever the sizes."""

from forms_builder.models import FormVersion
from organizations.models import OPD, REGION_KINDS, VILLAGE_KINDS, OPDKind
from organizations.selectors import public_areas, public_kecamatan, public_opds, public_villages

from .selectors import category_list


def _opd(o) -> dict:
    return {
        "id": o.pk,
        "name": o.name,
        "acronym": o.acronym,
        "kind": o.kind,
        "kind_label": str(o.get_kind_display()),
        "parent": o.parent_id,
        "region_code": o.region_code,
    }


def lookup_opds() -> list[dict]:
    """Active agencies (no kecamatan, kelurahan or desa): public fields only. One query."""
    return [_opd(o) for o in public_opds().exclude(kind__in=REGION_KINDS)]


def lookup_areas() -> list[dict]:
    """Active kecamatan, each with its active kelurahan and desa. One query."""
    rows = list(public_areas())
    villages: dict[int, list[dict]] = {}
    for o in rows:
        if o.kind in VILLAGE_KINDS and o.parent_id:
            villages.setdefault(o.parent_id, []).append(_opd(o))
    return [{**_opd(o), "kelurahan": villages.get(o.pk, [])} for o in rows if o.kind == OPDKind.KECAMATAN]


def location_choice(*, field: str, pk: int) -> OPD | None:
    """The active kecamatan (``field="kecamatan"``) or kelurahan/desa (``"kelurahan"``) a
    complaint names as its location, or None when there is no such place. One query."""
    if field == "kecamatan":
        return public_kecamatan().filter(pk=pk).first()
    return public_villages().filter(pk=pk).first()


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
