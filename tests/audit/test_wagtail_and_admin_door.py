"""The Wagtail admin door (modeladmin, Wagtail users) and Wagtail's own logs/revisions in the timeline."""

import pytest
from django.urls import reverse
from wagtail.models import Page, PageLogEntry

from audit.actors import Door
from audit.models import AuditEvent, EventSource
from audit.verify import verify_chain
from organizations.models import OPD
from tests.factories import OPDFactory

pytestmark = pytest.mark.django_db


def test_modeladmin_edit_records_admin_door_and_user(client, superuser):
    opd = OPDFactory(name="Dinas Kominfo", acronym="KOMINFO", kind="dinas")
    client.force_login(superuser)
    url = f"/admin/organizations/opd/edit/{opd.pk}/"
    page = client.get(url)
    assert page.status_code == 200
    data = {
        "name": "Dinas Komunikasi dan Informatika",
        "acronym": "DISKOMINFO",
        "kind": "dinas",
        "parent": "",
        "is_active": "on",
        "email": "",
        "phone": "",
        "address": "",
        "website": "",
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    row = OPD.history.filter(id=opd.pk).latest()
    assert (row.history_door, row.history_actor, row.history_user_id) == (Door.ADMIN, "admin", superuser.pk)
    event = AuditEvent.objects.filter(model="organizations.opd", object_id=str(opd.pk), action="update").get()
    assert (event.door, event.actor, event.user_id) == (Door.ADMIN, "admin", superuser.pk)
    assert set(event.changed_fields) == {"name", "acronym"}


def test_wagtail_user_edit_joins_history_and_wagtail_log(client, superuser, auditor):
    from django.contrib.auth import get_user_model

    target = get_user_model().objects.create_user("operator.lama", email="lama@nunukankab.go.id")
    client.force_login(superuser)
    url = reverse("wagtailusers_users:edit", args=[target.pk])
    form = client.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and not isinstance(v, list | tuple)}
    data.update(
        {
            "username": "operator.lama",
            "email": "baru@nunukankab.go.id",
            "first_name": "Operator",
            "last_name": "Lama",
            "is_active": "on",
            "password1": "",
            "password2": "",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    events = AuditEvent.objects.filter(model="auth.user", object_id=str(target.pk)).order_by("id")
    sources = {(e.source, e.action, e.door, e.actor) for e in events if e.door == Door.ADMIN}
    assert (EventSource.HISTORY, "update", Door.ADMIN, "admin") in sources
    assert (EventSource.MODEL_LOG, "wagtail.edit", Door.ADMIN, "admin") in sources
    # the auditor sees both in the user's record history; the password hash never appears
    client.force_login(auditor)
    body = client.get(reverse("audit_record", args=["auth.user", target.pk])).content.decode()
    from audit.labels import action_label

    assert "wagtail.edit" not in body  # the action's label, in Indonesian, not its key
    assert action_label("wagtail.edit") in body
    assert "baru@nunukankab.go.id" in body
    assert "md5$" not in body
    assert "pbkdf2" not in body
    assert verify_chain().ok


def test_wagtail_user_listing_links_to_history(client, superuser):
    client.force_login(superuser)
    body = client.get(reverse("wagtailusers_users:index")).content.decode()
    assert f"/admin/audit/record/auth.user/{superuser.pk}/" in body


def test_page_revisions_and_log_entries_join_the_timeline_with_diffs(client, superuser, auditor):
    root = Page.get_first_root_node()
    page = root.add_child(instance=Page(title="Profil Daerah", slug="profil-daerah-uji"))
    page.save_revision(user=superuser, log_action=True).publish(user=superuser)
    page.title = "Profil Kabupaten Nunukan"
    page.save_revision(user=superuser, log_action=True).publish(user=superuser)
    logs = PageLogEntry.objects.filter(page=page)
    assert logs.exists()
    events = AuditEvent.objects.filter(source=EventSource.PAGE_LOG, object_id=str(page.pk))
    assert events.count() == logs.count()
    assert {e.action for e in events} >= {"wagtail.edit", "wagtail.publish"}
    assert superuser.pk in {e.user_id for e in events}
    client.force_login(auditor)
    label = events.first().model
    response = client.get(reverse("audit_record", args=[label, page.pk]))
    assert response.status_code == 200
    diffs = [d for entry in response.context["history"].entries for d in entry.diffs if d.name == "title"]
    assert any(d.old == "Profil Daerah" and d.new == "Profil Kabupaten Nunukan" for d in diffs)
    assert verify_chain().ok


def test_page_listing_and_header_link_to_history(superuser):
    from audit.wagtail_hooks import page_header_history_button

    page = Page.get_first_root_node().add_child(instance=Page(title="Berita", slug="berita-uji"))
    buttons = page_header_history_button(page=page, user=superuser)
    assert buttons
    assert f"/{page.pk}/" in buttons[0].url


def test_modeladmin_button_helper_mixin_adds_history_button(rf, auditor, opd_member):
    from wagtail_modeladmin.helpers import ButtonHelper

    from audit.wagtail_hooks import AuditHistoryButtonHelperMixin
    from organizations.wagtail_hooks import OPDAdmin

    class OPDButtonHelper(AuditHistoryButtonHelperMixin, ButtonHelper):
        pass

    opd = OPDFactory()
    model_admin = OPDAdmin()
    for user, shown in ((auditor, True), (opd_member, False)):
        request = rf.get("/admin/organizations/opd/")
        request.user = user
        view = model_admin.index_view_class(model_admin=model_admin)
        view.request = request
        urls = [b["url"] for b in OPDButtonHelper(view, request).get_buttons_for_obj(opd)]
        assert (f"/admin/audit/record/organizations.opd/{opd.pk}/" in urls) is shown
