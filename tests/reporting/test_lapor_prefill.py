"""The SP4N-LAPOR self-assessment opens with the platform's own complaint counts (issue 17):
counted for the OPD and the period, locked copies, a reason needed to change a figure."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from complaints.lapor import lapor_figures
from complaints.models import Complaint, Status
from forms_builder.form_templates import lapor as lapor_template
from forms_builder.services import form_evaluate_schema
from reporting.models import PeriodType, Submission
from reporting.workflow import submission_save_draft
from tests.factories import ComplaintFactory, OPDFactory, opd_user
from tests.factories.forms import make_form
from tests.factories.reports import make_assignment

pytestmark = pytest.mark.django_db


@pytest.fixture
def opd_with_complaints():
    dinas, other = OPDFactory(name="Dinas PU"), OPDFactory(name="Dinas Kesehatan")
    now = timezone.now()
    made = [
        ComplaintFactory(opd=dinas, status=Status.ANSWERED, answered_on_time=True, rating=4),
        ComplaintFactory(opd=dinas, status=Status.CLOSED, answered_on_time=True, rating=5),
        ComplaintFactory(opd=dinas, status=Status.ASSIGNED),
        ComplaintFactory(opd=dinas, status=Status.REJECTED, answered_on_time=True),  # not counted
        ComplaintFactory(opd=other, status=Status.ANSWERED, answered_on_time=True),  # another OPD
    ]
    # verified the same day (on time) for the first two, after ten days (late) for the third
    Complaint.objects.filter(pk__in=[made[0].pk, made[1].pk]).update(created_at=now, verified_at=now)
    Complaint.objects.filter(pk=made[2].pk).update(created_at=now, verified_at=now + dt.timedelta(days=10))
    return dinas


def test_figures_count_the_opds_complaints_of_the_period(opd_with_complaints):
    year = timezone.localdate().year
    figures = lapor_figures(opd=opd_with_complaints, start=dt.date(year, 1, 1), end=dt.date(year, 12, 31))
    assert figures["aduan_diterima"] == figures["data_aduan_diterima"] == 3
    assert figures["aduan_terverifikasi_tepat_waktu"] == figures["data_aduan_terverifikasi_tepat_waktu"] == 2
    assert figures["aduan_tepat_waktu"] == figures["data_aduan_tepat_waktu"] == 2
    assert figures["data_kepuasan"] == 4.5
    last_year = lapor_figures(opd=opd_with_complaints, start=dt.date(year - 1, 1, 1), end=dt.date(year - 1, 12, 31))
    assert last_year["aduan_diterima"] == 0
    assert last_year["data_kepuasan"] is None


def test_a_started_self_assessment_opens_with_the_counts_and_keeps_them_locked(opd_with_complaints):
    form = make_form(lapor_template.schema())
    year = timezone.localdate().year
    assignment = make_assignment(form=form, opds=[opd_with_complaints], period_type=PeriodType.ANNUAL, year=year)
    submission = Submission.objects.get(assignment=assignment, opd=opd_with_complaints)
    operator = opd_user(opd_with_complaints)

    submission = submission_save_draft(submission=submission, actor=operator, answers={"periode": str(year)})
    answers = submission.answers
    assert (answers["aduan_diterima"], answers["data_aduan_diterima"]) == (3, 3)
    assert (answers["aduan_tepat_waktu"], answers["data_aduan_tepat_waktu"]) == (2, 2)

    with pytest.raises(ValidationError) as refused:
        submission_save_draft(submission=submission, actor=operator, answers={"data_aduan_diterima": 9})
    assert "data_aduan_diterima" in refused.value.message_dict
    submission.refresh_from_db()
    assert submission.answers["data_aduan_diterima"] == 3
    # an app that sends every answer back unchanged is not refused for the locked copies
    submission = submission_save_draft(
        submission=submission, actor=operator, answers={"data_aduan_diterima": 3, "periode": str(year)}
    )

    # the operator corrects a figure: allowed, but the form then requires a reason
    submission = submission_save_draft(submission=submission, actor=operator, answers={"aduan_diterima": 4})
    schema = submission.form_version.schema
    without = form_evaluate_schema(schema=schema, answers=submission.answers)
    assert "alasan_koreksi" in without["errors"]
    with_reason = form_evaluate_schema(
        schema=schema, answers={**submission.answers, "alasan_koreksi": "Satu pengaduan diterima lewat surat."}
    )
    assert "alasan_koreksi" not in with_reason["errors"]
    same = form_evaluate_schema(schema=schema, answers={**submission.answers, "aduan_diterima": 3})
    assert "alasan_koreksi" not in same["errors"]


def test_the_fill_page_shows_the_counts_before_the_first_save_and_locks_the_copies(opd_with_complaints, client):
    import re

    from django.urls import reverse

    form = make_form(lapor_template.schema())
    year = timezone.localdate().year
    assignment = make_assignment(form=form, opds=[opd_with_complaints], period_type=PeriodType.ANNUAL, year=year)
    submission = Submission.objects.get(assignment=assignment, opd=opd_with_complaints)
    client.force_login(opd_user(opd_with_complaints))
    page = client.get(reverse("reporting_submission_edit", args=[submission.pk])).content.decode()
    assert re.search(r'name="f-aduan_diterima"[^>]*value="3"', page), "the editable figure starts at the count"
    # the platform's copy is shown, not editable
    assert re.search(r'name="f-data_aduan_diterima"[^>]*value="3" disabled>', page)
    assert not re.search(r'name="f-aduan_diterima"[^>]*disabled>', page)
    assert "Pengaduan diterima menurut data Sepakat" in page
