"""Snippet edit views link to the record's audit trail ("Jejak audit"), as snippet listings do."""

import pytest
from django.urls import reverse

from organizations.roles import GlobalRole
from tests.factories import UserFactory, make_form

pytestmark = pytest.mark.django_db


def _edit_url(form):
    return reverse("wagtailsnippets_forms_builder_formdefinition:edit", args=[form.pk])


def _trail_url(form):
    return reverse("audit_record", args=["forms_builder.formdefinition", str(form.pk)])


@pytest.mark.parametrize(
    ("who", "shown"),
    [
        ("superuser", True),
        ("editor_auditor", True),  # edits forms and reads the audit trail
        ("editor", False),  # edits forms, may not read the audit trail
    ],
)
def test_snippet_edit_view_links_to_the_audit_trail_for_audit_readers(client, superuser, who, shown):
    users = {
        "superuser": superuser,
        "editor_auditor": UserFactory(roles=[GlobalRole.KOMINFO_EDITOR, GlobalRole.AUDITOR]),
        "editor": UserFactory(roles=[GlobalRole.KOMINFO_EDITOR]),
    }
    form = make_form()
    client.force_login(users[who])
    response = client.get(_edit_url(form))
    assert response.status_code == 200
    body = response.content.decode()
    assert (_trail_url(form) in body) is shown
    assert ("Jejak audit" in body) is shown
    # the listing shows the same link to the same users
    listing = client.get(reverse("wagtailsnippets_forms_builder_formdefinition:list")).content.decode()
    assert (_trail_url(form) in listing) is shown
    trail = client.get(_trail_url(form))
    if shown:
        assert trail.status_code == 200
        assert form.title in trail.content.decode()
    else:
        assert trail.status_code in (302, 403, 404)
