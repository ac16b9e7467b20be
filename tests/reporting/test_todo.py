"""The admin home's to-do panel, per role, through Django's test client."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from organizations.models import MembershipRole
from reporting.models import Submission, SubmissionStatus
from tests.factories import OPDFactory, PemdaFactory, opd_user
from tests.factories.reports import make_assignment, make_report_form, reviewer_user

pytestmark = pytest.mark.django_db

HOME = "wagtailadmin_home"


def _quarter() -> int:
    return (timezone.localdate().month - 1) // 3 + 1


def _assign(opds, title):
    form = make_report_form(f"todo_{title.lower().replace(' ', '_')}")
    assignment = make_assignment(form=form, opds=opds, numbers=[_quarter()], title=title)
    return list(Submission.objects.filter(assignment=assignment).order_by("opd__name"))


def _panel(html: str) -> str:
    start = html.index('id="reporting-todo"')
    return html[start : html.index("</section>", start)]


@pytest.fixture
def opds(db):
    PemdaFactory()
    return OPDFactory(name="Dinas A"), OPDFactory(name="Dinas B")


def test_operator_sees_due_overdue_returned_and_waiting_reports_of_own_opd(opds, client):
    opd_a, opd_b = opds
    due_a, due_b = _assign([opd_a, opd_b], "Laporan Due")
    (late,) = _assign([opd_a], "Laporan Telat")
    (back,) = _assign([opd_a], "Laporan Kembali")
    (sent,) = _assign([opd_a], "Laporan Kirim")
    past = timezone.now() - dt.timedelta(days=1)
    Submission.objects.filter(pk=late.pk).update(due_at=past)
    Submission.objects.filter(pk=back.pk).update(status=SubmissionStatus.RETURNED, returned_fields={"x": "y"})
    Submission.objects.filter(pk=sent.pk).update(status=SubmissionStatus.SUBMITTED)
    future = timezone.make_aware(dt.datetime(2030, 1, 14, 12, 0), timezone.get_fixed_timezone(7 * 60))
    Submission.objects.filter(pk=due_a.pk).update(due_at=future)

    client.force_login(opd_user(opd_a, username="operator.a"))
    panel = _panel(client.get(reverse(HOME)).content.decode())
    edit = lambda s: reverse("reporting_submission_edit", args=[s.pk])  # noqa: E731
    for name, sub in (("due", due_a), ("overdue", late), ("returned", back), ("submitted", sent)):
        group = panel[panel.index(f'data-todo="{name}"') :].split("</ul>")[0]
        assert edit(sub) in group, name
    assert edit(due_b) not in panel  # another OPD's report
    for title in ("Terlambat", "Dikembalikan untuk diperbaiki", "Menunggu verifikasi"):
        assert title in panel
    assert "14 Januari 2030" in panel  # Indonesian date in the Pemda's zone
    assert "Menunggu pemeriksaan Anda" not in panel  # an operator reviews nothing


def test_reviewer_sees_reports_waiting_for_review(opds, client):
    opd_a, opd_b = opds
    sub_a, sub_b = _assign([opd_a, opd_b], "Laporan Tinjau")
    Submission.objects.filter(pk=sub_a.pk).update(status=SubmissionStatus.SUBMITTED, submitted_at=timezone.now())
    client.force_login(reviewer_user())
    panel = _panel(client.get(reverse(HOME)).content.decode())
    group = panel[panel.index('data-todo="review"') :].split("</ul>")[0]
    assert reverse("reporting_submission_edit", args=[sub_a.pk]) in group
    assert reverse("reporting_submission_edit", args=[sub_b.pk]) not in group


def test_opd_verifier_sees_own_opd_queue(opds, client):
    opd_a, opd_b = opds
    sub_a, sub_b = _assign([opd_a, opd_b], "Laporan Verif")
    Submission.objects.filter(pk__in=[sub_a.pk, sub_b.pk]).update(status=SubmissionStatus.SUBMITTED)
    client.force_login(opd_user(opd_a, role=MembershipRole.VERIFIER, username="verifikator.a"))
    panel = _panel(client.get(reverse(HOME)).content.decode())
    group = panel[panel.index('data-todo="review"') :].split("</ul>")[0]
    assert reverse("reporting_submission_edit", args=[sub_a.pk]) in group
    assert reverse("reporting_submission_edit", args=[sub_b.pk]) not in group


def test_panel_absent_for_roles_without_reports(opds, client):
    from organizations.roles import GlobalRole
    from tests.factories import UserFactory

    client.force_login(UserFactory(roles=[GlobalRole.COMPLAINT_DESK]))
    assert 'id="reporting-todo"' not in client.get(reverse(HOME)).content.decode()


def test_home_query_count_does_not_grow_with_reports(opds, client):
    opd_a, _ = opds
    user = opd_user(opd_a, role=MembershipRole.VERIFIER, username="verifikator.a")
    client.force_login(user)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse(HOME)).status_code == 200
        return len(ctx.captured_queries)

    _assign([opd_a], "Laporan Satu")
    client.get(reverse(HOME))  # warm caches (site, locale)
    small = count()
    for i in range(6):
        (sub,) = _assign([opd_a], f"Laporan Banyak {i}")
        if i % 2:
            Submission.objects.filter(pk=sub.pk).update(status=SubmissionStatus.SUBMITTED)
    assert count() == small


def test_my_reports_list_shows_the_current_period_before_last_years_published(opds, client):
    opd_a, _ = opds
    form = make_report_form("todo_urutan")
    today = timezone.localdate()
    old = make_assignment(form=form, opds=[opd_a], year=today.year - 1, numbers=[4], title="Laporan Lama")
    new = make_assignment(form=form, opds=[opd_a], numbers=[_quarter()], title="Laporan Baru")
    old_sub = Submission.objects.get(assignment=old)
    new_sub = Submission.objects.get(assignment=new)
    # last year's report, published, still inside its lock window (it sorted first by deadline)
    Submission.objects.filter(pk=old_sub.pk).update(
        status=SubmissionStatus.PUBLISHED, locks_at=timezone.now() + dt.timedelta(days=30)
    )
    client.force_login(opd_user(opd_a, username="operator.a"))
    html = client.get(reverse("reporting_reports")).content.decode()
    first = html.index(f'data-submission="{new_sub.pk}"')
    assert first < html.index(f'data-submission="{old_sub.pk}"')
