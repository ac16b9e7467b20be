"""A history row's audit digest is taken from its INSERT … RETURNING (``audit.history``), not from a
second read: the two must be the same values, for every kind of column the tracked models have
(text, JSON answers, StreamField schemas, decimals, dates, files, foreign keys)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from simple_history.signals import post_create_historical_record

from audit.chain import row_digest
from audit.history import row_as_inserted
from budget.models import Contract
from tests.factories import make_form, submit_complaint
from tests.factories.budget import budget_world
from tests.factories.complaints import gps_jpeg
from tests.factories.planning import plan_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def inserted_rows():
    rows = []

    def keep(sender, history_instance, **kwargs):
        rows.append((type(history_instance), history_instance.pk, row_as_inserted(history_instance)))

    post_create_historical_record.connect(keep, dispatch_uid="test-returned-rows")
    yield rows
    post_create_historical_record.disconnect(dispatch_uid="test-returned-rows")


def test_the_row_an_insert_returns_is_the_row_a_read_gives(inserted_rows, django_capture_on_commit_callbacks):
    from django.core.files.uploadedfile import SimpleUploadedFile

    make_form()  # StreamField schema, JSON
    with django_capture_on_commit_callbacks(execute=True):
        submit_complaint(  # JSON answers, decimals (lat/long), an attachment (file), dates
            lat="-4.1", long="117.6", files=[SimpleUploadedFile("foto.jpg", gps_jpeg(), "image/jpeg")]
        )
    budget_world(opds=1, with_contracts=1)  # money (decimals), contract dates
    plan_world(opds=1)  # planning nodes, indicators
    assert Contract.history.exists()
    models = {model for model, _pk, _row in inserted_rows}
    assert len(models) >= 10, models
    for model, pk, returned in inserted_rows:
        assert returned is not None, model
        read = model.objects.filter(pk=pk).values().get()
        assert returned.keys() == read.keys(), model
        # (a StreamValue has no equality of its own: compare what the audit chain hashes)
        assert row_digest(returned) == row_digest(read), model


def test_a_tracked_write_does_not_read_its_history_row_back():
    with CaptureQueriesContext(connection) as queries:
        submit_complaint()
    history_reads = [q["sql"] for q in queries if q["sql"].startswith("SELECT") and "historicalcomplaint" in q["sql"]]
    assert history_reads == []
