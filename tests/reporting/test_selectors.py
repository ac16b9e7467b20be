"""Who sees which reports, with query counts that do not grow with the rows."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.utils import timezone

from organizations.models import Membership
from organizations.roles import GlobalRole
from reporting.models import Submission, SubmissionStatus
from reporting.selectors import my_current_submissions, published_submissions, submission_get, visible_submissions
from reporting.workflow import (
    submission_publish,
    submission_reopen,
    submission_return,
    submission_save_draft,
    submission_submit,
    submission_verify,
)
from tests.factories import OPDFactory, UserFactory, editor_user, make_assignment, opd_user, report_slot

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_opds():
    opd_a, opd_b = OPDFactory(), OPDFactory()
    assignment = make_assignment(opds=[opd_a, opd_b], numbers=[1, 2])
    return assignment, opd_a, opd_b


@pytest.mark.parametrize(
    ("role", "sees"),
    [
        (GlobalRole.KOMINFO_EDITOR, "all"),
        (GlobalRole.BAPPEDA_REVIEWER, "all"),
        (GlobalRole.INSPECTORATE, "all"),
        (GlobalRole.AUDITOR, "all"),
        (GlobalRole.COMPLAINT_DESK, "none"),
        ("superuser", "all"),
        ("member_a", "a"),
        ("kecamatan_parent", "none"),  # a parent OPD's member does not read its children's reports
        ("anonymous", "none"),
        ("inactive_member_a", "none"),
    ],
)
def test_visible_submissions_per_role(two_opds, role, sees):
    assignment, opd_a, opd_b = two_opds
    if role == "superuser":
        user = UserFactory(is_superuser=True)
    elif role == "member_a":
        user = opd_user(opd_a)
    elif role == "inactive_member_a":
        user = opd_user(opd_a, is_active=False)
    elif role == "kecamatan_parent":
        parent = OPDFactory()
        opd_a.parent = parent
        opd_a.save()
        user = opd_user(parent)
    elif role == "anonymous":
        user = AnonymousUser()
    else:
        user = UserFactory(roles=[role])
    expected = {
        "all": set(Submission.objects.filter(assignment=assignment).values_list("pk", flat=True)),
        "a": set(Submission.objects.filter(opd=opd_a).values_list("pk", flat=True)),
        "none": set(),
    }[sees]
    assert set(visible_submissions(user=user).values_list("pk", flat=True)) == expected
    other = Submission.objects.filter(opd=opd_b).first()
    if sees != "all":
        with pytest.raises(Http404):
            submission_get(user=user, pk=other.pk)
    else:
        assert submission_get(user=user, pk=other.pk) == other


@pytest.mark.parametrize("viewer", ["editor", "member"])
def test_visible_submissions_query_count_does_not_grow(viewer, django_assert_max_num_queries):
    def render(user):
        return [
            (s.assignment.form.title, str(s.period), s.opd.name, s.form_version_id, s.status)
            for s in visible_submissions(user=user)
        ]

    counts = []
    for size in (3, 15):
        opds = [OPDFactory() for _ in range(size)]
        make_assignment(opds=opds, numbers=[1, 2])
        user = editor_user() if viewer == "editor" else opd_user(opds[0])
        for opd in opds[1:]:
            if viewer == "member":
                Membership.objects.create(user=user, opd=opd)
        with django_assert_max_num_queries(2) as captured:
            rows = render(user)
        counts.append(len(captured))
        assert len(rows) >= 2 * size
    assert counts[0] == counts[1]


def test_my_current_submissions():
    today = timezone.localdate()
    opd = OPDFactory()
    operator = opd_user(opd)
    open_now = report_slot(opd=opd, year=today.year, number=(today.month - 1) // 3 + 1).submission
    future = report_slot(opd=opd).submission  # next year: not started yet
    locked = report_slot(opd=opd, year=2020)
    returned = locked.submission
    # a returned report stays on the list after the lock (reopen, submit, then return it)
    submission_reopen(
        submission=returned, actor=editor_user(), until=timezone.now() + dt.timedelta(hours=1), reason="uji"
    )
    submission_save_draft(submission=returned, actor=locked.operator, answers={"nama_kegiatan": "A"})
    submission_submit(submission=returned, actor=locked.operator)
    submission_return(submission=returned, actor=locked.verifier, field_comments={"nama_kegiatan": "?"})
    locked_quiet = report_slot(opd=opd, year=2021).submission
    elsewhere = report_slot(year=today.year, number=(today.month - 1) // 3 + 1).submission
    mine = set(my_current_submissions(user=operator))
    assert open_now in mine
    assert returned in mine
    assert future not in mine
    assert locked_quiet not in mine
    assert elsewhere not in mine
    # asking about a day in next year's first quarter shows that quarter's report
    assert future in set(my_current_submissions(user=operator, today=future.period.start))
    assert list(my_current_submissions(user=AnonymousUser())) == []


def test_published_submissions_only_published():
    form_slot = report_slot()
    form = form_slot.form
    second = report_slot(form=form, number=2)
    for slot in (form_slot, second):
        submission_save_draft(submission=slot.submission, actor=slot.operator, answers={"nama_kegiatan": "A"})
        submission_submit(submission=slot.submission, actor=slot.operator)
        submission_verify(submission=slot.submission, actor=slot.verifier)
    submission_publish(submission=form_slot.submission, actor=editor_user())
    assert list(published_submissions(form=form)) == [form_slot.submission]
    assert list(published_submissions(form=form, period=second.submission.period)) == []
    assert list(published_submissions(form=form, year=form_slot.submission.period.year)) == [form_slot.submission]
    assert Submission.objects.filter(status=SubmissionStatus.VERIFIED).count() == 1


@pytest.mark.parametrize(
    ("group", "has", "lacks"),
    [
        (GlobalRole.KOMINFO_EDITOR, ["add_assignment", "change_assignment", "view_submission"], ["change_submission"]),
        (GlobalRole.BAPPEDA_REVIEWER, ["view_assignment", "view_submission"], ["add_assignment", "change_submission"]),
        (GlobalRole.AUDITOR, ["view_submission", "view_submissiontransition"], ["change_submission"]),
        ("Pengguna OPD", ["view_submission", "view_submissionattachment"], ["change_submission", "add_assignment"]),
    ],
)
def test_role_groups_carry_the_reporting_model_permissions(group, has, lacks):
    from django.contrib.auth.models import Group

    from organizations.roles import ensure_role_groups

    ensure_role_groups()
    codenames = set(
        Group.objects.get(name=str(group))
        .permissions.filter(content_type__app_label="reporting")
        .values_list("codename", flat=True)
    )
    assert set(has) <= codenames
    assert not set(lacks) & codenames
