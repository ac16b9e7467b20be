"""The designer's edit page stays light: under 250 KB of HTML for a 50-field form (issue 16).

Measured through the door the editor uses (the snippet edit page); the figure is printed so a
regression shows how far it went.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from organizations.roles import GlobalRole
from tests.factories import UserFactory, make_form, simple_schema

pytestmark = pytest.mark.django_db

LIMIT = 250 * 1024


def fifty_fields() -> dict:
    """Five sections of ten fields of the common kinds, a choice scale, a condition, a formula."""
    sections = []
    for s in range(5):
        fields = []
        for i in range(10):
            key = f"b{s}_isian_{i}"
            kind = ("short_text", "integer", "yes_no", "single_choice", "computed")[i % 5]
            spec = {"key": key, "type": kind, "label": f"Isian {s}.{i}"}
            if kind == "single_choice":
                spec["choices"] = [{"value": str(n), "label": f"Tingkat {n}", "score": n} for n in range(1, 6)]
                spec["weight"] = 1
            if kind == "computed":
                spec["formula"] = f"b{s}_isian_{i - 3} * 2"
            if kind == "short_text" and i:
                spec["show_if"] = f"b{s}_isian_{i - 3}"
            fields.append(spec)
        sections.append({"key": f"bagian_{s}", "type": "section", "label": f"Bagian {s}", "fields": fields})
    return simple_schema("lima_puluh", fields=sections)


def test_designer_page_of_a_fifty_field_form_is_under_250_kb(client):
    form = make_form(fifty_fields())
    client.force_login(UserFactory(roles=[GlobalRole.KOMINFO_EDITOR]))
    response = client.get(reverse("wagtailsnippets_forms_builder_formdefinition:edit", args=[form.pk]))
    assert response.status_code == 200
    size = len(response.content)
    print(f"designer edit page, 50 fields: {size / 1024:.0f} KB")
    assert size < LIMIT, f"{size / 1024:.0f} KB"
