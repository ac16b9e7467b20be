"""Models that moved app (forms_builder → reporting) keep their trail readable.

Events written before the move name the old label and are sealed in the hash chain, so
they are never rewritten: the timeline's model filter and a record's history read the old
label as an alias of the new one, and new events use the new label.
"""

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.chain import append_event
from audit.models import AuditEvent
from audit.registry import MOVED_MODELS, canonical_label, history_table_name, label_aliases
from audit.selectors import audit_events, record_history
from reporting.models import Assignment, Submission
from tests.factories import make_assignment

pytestmark = pytest.mark.django_db


def _old_event(*, model: str, object_id: str) -> None:
    append_event(
        source_digest="x",
        source="history",
        source_id=None,
        action="update",
        model=model,
        object_id=object_id,
        object_repr="sebelum pemindahan",
        occurred_at=timezone.now(),
        door="admin",
        actor="editor",
        user_id=None,
        opd_id=None,
        changed_fields=["status"],
        reason="",
    )


def test_aliases_map_old_labels_to_new_ones():
    assert canonical_label("forms_builder.Submission") == "reporting.submission"
    assert canonical_label("reporting.submission") == "reporting.submission"
    assert canonical_label("organizations.opd") == "organizations.opd"
    assert label_aliases("reporting.Submission") == ["reporting.submission", "forms_builder.submission"]
    assert label_aliases("forms_builder.submission") == ["reporting.submission", "forms_builder.submission"]
    assert history_table_name("reporting.Submission") == "forms_builder_historicalsubmission"
    from django.apps import apps

    for new in MOVED_MODELS:
        assert apps.get_model(new)._meta.db_table.startswith("forms_builder_")


def test_history_and_m2m_history_keep_their_tables():
    assert Submission.history.model._meta.db_table == "forms_builder_historicalsubmission"
    assert Assignment.history.model._meta.db_table == "forms_builder_historicalassignment"
    m2m = {f.name: f.remote_field.through._meta.db_table for f in Assignment._meta.many_to_many}
    assert m2m == {"periods": "forms_builder_assignment_periods", "opds": "forms_builder_assignment_opds"}
    from django.apps import apps

    tables = {m._meta.db_table for m in apps.get_app_config("reporting").get_models()}
    assert {"forms_builder_historicalassignment_periods", "forms_builder_historicalassignment_opds"} <= tables
    assert not any(t.startswith("reporting_") for t in tables)


def test_old_and_new_events_of_one_record_read_together(client, auditor):
    assignment = make_assignment()
    submission = Submission.objects.filter(assignment=assignment).first()
    _old_event(model="forms_builder.submission", object_id=str(submission.pk))
    submission.reopen_reason = "sesudah pemindahan"
    submission.save()
    new_labels = set(
        AuditEvent.objects.filter(object_id=str(submission.pk), model__endswith=".submission").values_list(
            "model", flat=True
        )
    )
    assert new_labels == {"forms_builder.submission", "reporting.submission"}

    for label in ("reporting.submission", "forms_builder.submission"):
        history = record_history(user=auditor, model_label=label, object_id=str(submission.pk))
        assert history.model_label == "reporting.submission"
        assert {e.event.model for e in history.entries if e.event} == new_labels

    client.force_login(auditor)
    for label in ("reporting.submission", "forms_builder.submission"):
        page = client.get(reverse("audit_timeline"), {"model": label, "object_id": str(submission.pk)})
        assert page.status_code == 200
        assert "sebelum pemindahan" in page.content.decode()
        assert reverse("audit_record", args=["reporting.submission", submission.pk]) in page.content.decode()
    assert audit_events(user=auditor).filter(model="forms_builder.submission").count() == 1
