"""The reporting admin: assignments (Wagtail ModelViewSet), the completeness matrix, reopening.

Through Django's test client with real Wagtail form posts; workflow steps go through the
services at chosen moments (``time_machine``) relative to each report's ``due_at``.
"""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from organizations.models import MembershipRole, OPDKind
from organizations.roles import GlobalRole
from reporting.matrix import CellState, completeness_matrix
from reporting.models import Assignment, PeriodType, ReportingPeriod, Submission, SubmissionStatus
from reporting.periods import periods_ensure
from reporting.workflow import (
    submission_publish,
    submission_return,
    submission_save_draft,
    submission_submit,
    submission_verify,
)
from tests.factories import (
    OPDFactory,
    UserFactory,
    editor_user,
    make_assignment,
    make_form,
    make_report_form,
    opd_user,
    reviewer_user,
    simple_schema,
)

pytestmark = pytest.mark.django_db

YEAR = 2026
ADD = "reporting_assignment:add"
INDEX = "reporting_assignment:index"
EDIT = "reporting_assignment:edit"


@pytest.fixture
def editor(pemda):
    return editor_user(username="editor.kominfo")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def _post(form, chosen, **extra):
    data = {
        "title": "SPM Triwulanan 2026",
        "form": form.pk,
        "period_type": PeriodType.QUARTERLY,
        "year": YEAR,
        "period_keys": ["quarterly:1", "quarterly:2"],
        "opds": [o.pk for o in chosen],
        "opd_kinds": [],
        "due_days": 10,
        "grace_days": 5,
        "reminder_text": "7, 1",
    }
    data.update(extra)
    return data


# --- assignments in the admin -----------------------------------------------------------------


def test_editor_creates_an_assignment_and_expected_reports_exist(editor_client, editor):
    form = make_report_form()
    chosen = [OPDFactory(name="Dinas Kesehatan"), OPDFactory(name="Dinas Sosial")]
    kecamatan = OPDFactory(name="Kecamatan Sebatik", kind=OPDKind.KECAMATAN)
    OPDFactory(name="Kecamatan Lama", kind=OPDKind.KECAMATAN, is_active=False)
    assert editor_client.get(reverse(ADD)).status_code == 200

    response = editor_client.post(reverse(ADD), _post(form, chosen, opd_kinds=[OPDKind.KECAMATAN]))

    assert response.status_code == 302, response.content.decode()[:3000]
    assignment = Assignment.objects.get()
    assert assignment.created_by == editor
    assert assignment.reminder_days == [7, 1]
    assert assignment.opd_kinds == [OPDKind.KECAMATAN]
    assert sorted(p.number for p in assignment.periods.all()) == [1, 2]
    rows = Submission.objects.filter(assignment=assignment)
    assert rows.count() == 6  # (2 chosen + 1 active kecamatan) × 2 quarters
    assert set(rows.values_list("opd_id", flat=True)) == {chosen[0].pk, chosen[1].pk, kecamatan.pk}
    assert set(rows.values_list("status", flat=True)) == {SubmissionStatus.NOT_STARTED}
    q1 = rows.filter(period__number=1).first()
    assert q1.due_at.date() == dt.date(YEAR, 4, 10)  # 10 days after 31 March, local day
    listing = editor_client.get(reverse(INDEX)).content.decode()
    assert "SPM Triwulanan 2026" in listing
    assert "Kelengkapan" in listing
    assert "Jejak audit" not in listing  # the editor is no audit reader
    editor_client.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))
    assert (
        reverse("audit_record", args=["reporting.assignment", assignment.pk])
        in editor_client.get(reverse(INDEX)).content.decode()
    )


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"period_keys": ["monthly:1"]}, "period_keys", "jenis periode yang dipilih"),
        ({"opds": []}, "opds", "Pilih OPD atau jenis OPD"),
        ({"period_keys": []}, "period_keys", ""),
        ({"reminder_text": "tujuh"}, "reminder_text", "bilangan hari"),
        ({"year": "abc"}, "year", ""),
    ],
)
def test_invalid_assignment_is_refused_with_field_errors(editor_client, change, field, message):
    form = make_report_form()
    response = editor_client.post(reverse(ADD), _post(form, [OPDFactory()], **change))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors
    assert message in " ".join(errors[field])
    assert not Assignment.objects.exists()
    assert not ReportingPeriod.objects.exists()  # validating a refused form writes nothing
    assert not Submission.objects.exists()


def test_only_forms_with_a_published_version_can_be_assigned(editor_client):
    draft = make_form(simple_schema("belum_terbit"), publish=False)
    response = editor_client.post(reverse(ADD), _post(draft, [OPDFactory()]))
    assert response.status_code == 200
    assert "form" in response.context["form"].errors
    assert not Assignment.objects.exists()


def test_editing_adds_periods_and_opds_but_never_drops_them(editor_client, editor):
    first, second = OPDFactory(), OPDFactory()
    assignment = make_assignment(opds=[first], year=YEAR, numbers=[1], actor=editor)
    url = reverse(EDIT, args=[assignment.pk])
    page = editor_client.get(url)
    assert page.status_code == 200
    assert page.context["form"].initial["period_keys"] == ["quarterly:1"]

    data = _post(assignment.form, [first, second], period_keys=["quarterly:1", "quarterly:3"], is_active="on")
    data["title"] = "Diubah"
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assignment.refresh_from_db()
    assert assignment.title == "Diubah"
    assert assignment.submissions.count() == 4  # 2 OPDs × quarters 1 and 3

    dropped = _post(assignment.form, [second], period_keys=["quarterly:3"], is_active="on")
    response = editor_client.post(url, dropped)
    assert response.status_code == 200
    assert {"period_keys", "opds"} <= set(response.context["form"].errors)
    assert assignment.periods.count() == 2
    assert assignment.opds.count() == 2

    # validation never writes: a refused edit naming another year creates none of its periods
    other_year = _post(assignment.form, [first, second], period_keys=["quarterly:3"], year=YEAR + 1, is_active="on")
    response = editor_client.post(url, other_year)
    assert response.status_code == 200
    assert "period_keys" in response.context["form"].errors
    assert not ReportingPeriod.objects.filter(year=YEAR + 1).exists()


def test_assignment_listing_query_count_does_not_grow(editor_client, editor, django_assert_max_num_queries):
    form = make_report_form()

    def make(n):
        for _ in range(n):
            make_assignment(form=form, opds=[OPDFactory(), OPDFactory()], year=YEAR, numbers=[1, 2], actor=editor)

    make(2)
    with django_assert_max_num_queries(20) as small:
        assert editor_client.get(reverse(INDEX)).status_code == 200
    make(10)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = editor_client.get(reverse(INDEX))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Triwulan I 2026, Triwulan II 2026" in html


def test_listing_counts_expected_and_submitted(editor_client, editor):
    opd = OPDFactory()
    operator = opd_user(opd)
    assignment = make_assignment(opds=[opd, OPDFactory()], year=YEAR, numbers=[1], actor=editor)
    row = assignment.submissions.get(opd=opd)
    with time_machine.travel(row.due_at - dt.timedelta(days=2), tick=False):
        submission_save_draft(submission=row, actor=operator, answers={"nama_kegiatan": "Posyandu"})
        submission_submit(submission=row, actor=operator)
    listed = editor_client.get(reverse(INDEX)).context["object_list"]
    item = next(a for a in listed if a.pk == assignment.pk)
    assert (item.expected_count, item.submitted_count) == (2, 1)


# --- who may reach what ---------------------------------------------------------------------------


def _user(kind):
    if kind == "operator":
        return opd_user(OPDFactory(), username="op")
    if kind == "verifier":
        return opd_user(OPDFactory(), role=MembershipRole.VERIFIER, username="ver")
    if kind == "superuser":
        return UserFactory(username="root", is_superuser=True, is_staff=True)
    return UserFactory(username=f"u-{kind}", roles=[kind])


ROLES = [
    "operator",
    "verifier",
    GlobalRole.AUDITOR,
    GlobalRole.BAPPEDA_REVIEWER,
    GlobalRole.INSPECTORATE,
    GlobalRole.COMPLAINT_DESK,
]


@pytest.mark.parametrize("kind", ROLES)
def test_only_assignment_managers_reach_the_assignment_screens(client, pemda, kind):
    assignment = make_assignment(year=YEAR, numbers=[1])
    row = assignment.submissions.first()
    client.force_login(_user(kind))
    for url in (reverse(INDEX), reverse(ADD), reverse(EDIT, args=[assignment.pk])):
        assert client.get(url).status_code in (302, 403), (kind, url)
    assert client.post(reverse(ADD), _post(assignment.form, [OPDFactory()])).status_code in (302, 403)
    assert Assignment.objects.count() == 1
    reopen = reverse("reporting_submission_reopen", args=[row.pk])
    assert client.get(reopen).status_code in (302, 403, 404)
    assert client.post(reopen, {"until": "2099-01-01", "reason": "x"}).status_code in (302, 403, 404)
    row.refresh_from_db()
    assert row.reopened_until is None


@pytest.mark.parametrize(
    ("kind", "allowed"),
    [
        (GlobalRole.KOMINFO_EDITOR, True),
        (GlobalRole.BAPPEDA_REVIEWER, True),
        (GlobalRole.INSPECTORATE, True),
        (GlobalRole.AUDITOR, True),
        ("superuser", True),
        ("operator", True),  # its own rows only
        (GlobalRole.COMPLAINT_DESK, False),
    ],
)
def test_matrix_access(client, pemda, kind, allowed):
    client.force_login(_user(kind))
    response = client.get(reverse("reporting_matrix"))
    assert (response.status_code == 200) is allowed
    if not allowed:
        assert response.status_code in (302, 403)
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert ("Kelengkapan laporan" in menu) is allowed
    assert ("Penugasan laporan" in menu) is (kind in (GlobalRole.KOMINFO_EDITOR, "superuser"))


def test_delete_is_for_superusers_only(client, editor):
    assignment = make_assignment(year=YEAR, numbers=[1], actor=editor)
    delete = reverse("reporting_assignment:delete", args=[assignment.pk])
    client.force_login(editor)
    assert client.get(delete).status_code in (302, 403)
    client.force_login(_user("superuser"))
    assert client.get(delete).status_code == 200


# --- the matrix -----------------------------------------------------------------------------------


@pytest.fixture
def world(pemda, editor):
    """Five OPDs of one quarterly assignment (Q1 and Q2 of 2026), each in a different state."""
    names = ["A Tepat", "B Telat", "C Belum", "D Kembali", "E Verif", "F Draf"]
    opds = {n: OPDFactory(name=f"Dinas {n}") for n in names}
    assignment = make_assignment(opds=list(opds.values()), year=YEAR, numbers=[1, 2], actor=editor)
    reviewer = reviewer_user(username="bappeda")
    operators = {n: opd_user(o, username=f"op-{i}") for i, (n, o) in enumerate(opds.items())}
    q1 = {s.opd_id: s for s in assignment.submissions.filter(period__number=1)}

    def send(name, when):
        row = q1[opds[name].pk]
        with time_machine.travel(when, tick=False):
            submission_save_draft(submission=row, actor=operators[name], answers={"nama_kegiatan": name})
            submission_submit(submission=row, actor=operators[name])
        return row

    due = q1[opds["A Tepat"].pk].due_at
    send("A Tepat", due - dt.timedelta(minutes=1))
    send("B Telat", due + dt.timedelta(hours=1))  # within the grace days
    returned = send("D Kembali", due - dt.timedelta(days=3))
    submission_return(submission=returned, actor=reviewer, field_comments={"nama_kegiatan": "Lengkapi"})
    verified = send("E Verif", due - dt.timedelta(days=1))
    submission_verify(submission=verified, actor=reviewer)
    submission_publish(submission=verified, actor=editor)
    with time_machine.travel(due - dt.timedelta(days=5), tick=False):
        submission_save_draft(
            submission=q1[opds["F Draf"].pk], actor=operators["F Draf"], answers={"nama_kegiatan": "x"}
        )
    return {"assignment": assignment, "opds": opds, "operators": operators, "q1": q1}


def _cells(matrix, column=0):
    (table,) = matrix.forms
    return {row.opd_name: row.cells[column] for row in table.rows}


def test_matrix_cells_follow_the_deadline(world, editor):
    table = completeness_matrix(user=editor, year=YEAR).forms[0]
    assert [c.label for c in table.columns] == ["Triwulan I 2026", "Triwulan II 2026"]
    cells = _cells(completeness_matrix(user=editor, year=YEAR))
    states = {name.removeprefix("Dinas "): cell.state for name, cell in cells.items()}
    assert states == {
        "A Tepat": CellState.ON_TIME,
        "B Telat": CellState.LATE,
        "C Belum": CellState.NOT_STARTED,
        "D Kembali": CellState.RETURNED,
        "E Verif": CellState.VERIFIED,
        "F Draf": CellState.DRAFT,
    }
    assert cells["Dinas E Verif"].published
    assert cells["Dinas E Verif"].label == "Diverifikasi dan terbit"
    assert not cells["Dinas A Tepat"].published
    assert table.total == 12
    assert table.counts == {"on_time": 1, "late": 1, "returned": 1, "verified": 1, "draft": 1, "not_started": 7}
    assert table.completeness_percent == 25.0  # 3 of 12 filed
    assert table.on_time_percent == 50.0
    assert table.published == 1


def test_matrix_page_renders_states_legend_and_links(client, world, editor):
    client.force_login(editor)
    response = client.get(reverse("reporting_matrix"), {"year": YEAR})
    assert response.status_code == 200
    html = response.content.decode()
    q1 = world["q1"]
    late = q1[world["opds"]["B Telat"].pk]
    assert f'id="cell-{late.pk}"' in html
    assert f'href="{reverse("reporting_submission_edit", args=[late.pk])}"' in html
    assert 'data-state="late"' in html
    assert "Dikirim terlambat" in html
    for label in ("Belum dimulai", "Draf", "Dikirim tepat waktu", "Dikembalikan", "Diverifikasi", "Terkunci"):
        assert label in html, label
    assert 'id="matrix-legend"' in html
    assert "reporting/matrix.css" in html
    assert "Laporan diharapkan" in html


def test_locked_cell_offers_reopen_and_reopening_works(client, world, editor):
    row = world["q1"][world["opds"]["C Belum"].pk]
    client.force_login(editor)
    with time_machine.travel(row.locks_at + dt.timedelta(days=1), tick=False):
        html = client.get(reverse("reporting_matrix"), {"year": YEAR}).content.decode()
        url = reverse("reporting_submission_reopen", args=[row.pk])
        assert f'id="reopen-{row.pk}"' in html
        assert url in html
        assert client.get(url).status_code == 200
        refused = client.post(url, {"until": (row.locks_at + dt.timedelta(days=8)).date().isoformat(), "reason": ""})
        assert refused.status_code == 200
        assert "reason" in refused.context["form"].errors
        response = client.post(
            url, {"until": (row.locks_at + dt.timedelta(days=8)).date().isoformat(), "reason": "Server OPD rusak"}
        )
        assert response.status_code == 302
        row.refresh_from_db()
        assert row.reopen_reason == "Server OPD rusak"
        assert row.reopened_until > row.locks_at
        cells = _cells(completeness_matrix(user=editor, year=YEAR))
        assert not cells["Dinas C Belum"].locked
        assert cells["Dinas A Tepat"].locked is False  # submitted: nothing to reopen
    history = row.history.filter(reopen_reason="Server OPD rusak")
    assert history.exists()


def test_opd_user_sees_only_its_own_rows(client, world):
    operator = world["operators"]["B Telat"]
    matrix = completeness_matrix(user=operator, year=YEAR)
    assert [r.opd_name for r in matrix.forms[0].rows] == ["Dinas B Telat"]
    client.force_login(operator)
    html = client.get(reverse("reporting_matrix"), {"year": YEAR}).content.decode()
    assert "Dinas B Telat" in html
    assert "Dinas A Tepat" not in html
    assert "Buka kembali" not in html


@pytest.mark.parametrize(
    "params",
    [
        {"form": "abc"},
        {"form": "999999"},
        {"year": "dua ribu"},
        {"year": "1999"},
        {"opd_kind": "planet"},
        {"form": "1", "year": "-5", "opd_kind": "x" * 300},
        {"form": ["1", "2"]},
    ],
)
def test_bad_filters_give_a_normal_page(client, world, editor, params):
    client.force_login(editor)
    response = client.get(reverse("reporting_matrix"), params)
    assert response.status_code == 200
    assert "Nilai saringan yang tidak dikenal diabaikan." in response.content.decode()


def test_filters_narrow_the_matrix(client, world, editor):
    other_form = make_report_form(key="laporan_lain")
    kecamatan = OPDFactory(name="Kecamatan Uji", kind=OPDKind.KECAMATAN)
    make_assignment(form=other_form, opds=[kecamatan], year=YEAR + 1, numbers=[1], actor=editor)
    assert {f.form_key for f in completeness_matrix(user=editor).forms} == {
        world["assignment"].form.key,
        "laporan_lain",
    }
    assert [f.form_key for f in completeness_matrix(user=editor, year=YEAR + 1).forms] == ["laporan_lain"]
    only = completeness_matrix(user=editor, opd_kind=OPDKind.KECAMATAN)
    assert [r.opd_name for f in only.forms for r in f.rows] == ["Kecamatan Uji"]
    client.force_login(editor)
    response = client.get(reverse("reporting_matrix"), {"form": other_form.pk, "year": ""})
    html = response.content.decode()
    assert "Kecamatan Uji" in html
    assert "Dinas A Tepat" not in html


def test_matrix_query_count_does_not_grow_with_opds_or_periods(client, pemda, editor, django_assert_max_num_queries):
    form = make_report_form()
    client.force_login(editor)

    def grow(opds, numbers):
        assignment = make_assignment(
            form=form, opds=[OPDFactory() for _ in range(opds)], year=YEAR, numbers=numbers, actor=editor
        )
        row = assignment.submissions.first()
        with time_machine.travel(row.due_at - dt.timedelta(days=1), tick=False):
            operator = opd_user(row.opd)
            submission_save_draft(submission=row, actor=operator, answers={"nama_kegiatan": "x"})
            submission_submit(submission=row, actor=operator)

    grow(2, [1])
    with django_assert_max_num_queries(5):
        completeness_matrix(user=editor, year=YEAR)
    with django_assert_max_num_queries(40) as small:
        assert client.get(reverse("reporting_matrix"), {"year": YEAR}).status_code == 200
    grow(25, [1, 2, 3, 4])
    with django_assert_max_num_queries(5):
        matrix = completeness_matrix(user=editor, year=YEAR)
    assert matrix.total == 2 + 100
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(reverse("reporting_matrix"), {"year": YEAR})
    assert response.status_code == 200
    assert response.content.decode().count('class="matrix-cell state-') >= 102


# --- demo data ------------------------------------------------------------------------------------


def test_demo_reports_are_idempotent_and_fill_the_matrix(settings):
    import io

    from django.core.management import call_command

    from tests.complaints.test_pages import _root

    _root()
    settings.COMPLAINT_SUBMIT_RATE = (100, 3600)
    today = dt.date(YEAR, 8, 20)  # Q3: Q1 and Q2 are past (Q1 locked), Q3 is open
    with time_machine.travel(dt.datetime(YEAR, 8, 20, 10, tzinfo=dt.UTC), tick=False):
        call_command("load_demo", stdout=io.StringIO())
        counts = (Assignment.objects.count(), Submission.objects.count())
        call_command("load_demo", stdout=io.StringIO())
        assert (Assignment.objects.count(), Submission.objects.count()) == counts
        spm = Assignment.objects.get(title=f"SPM Triwulanan {today.year}")
        assert spm.submissions.count() == 6 * 4
        from django.contrib.auth import get_user_model

        editor = get_user_model().objects.get(username="editor")
        tables = {t.form_key: t for t in completeness_matrix(user=editor, year=today.year).forms}
    spm_table = tables["spm"]
    names = [r.opd_name for r in spm_table.rows]
    assert "Dinas Kesehatan" in names
    dinkes = spm_table.rows[names.index("Dinas Kesehatan")]
    assert dinkes.cells[2].state == CellState.DRAFT  # Q3: the current quarter is still open
    assert not any(c.published for r in spm_table.rows for c in r.cells[2:])
    assert dinkes.cells[0].state == CellState.VERIFIED  # Q1, sent on time and published
    assert dinkes.cells[0].published
    states = {c.state for r in spm_table.rows for c in r.cells}
    assert {CellState.ON_TIME, CellState.LATE, CellState.NOT_STARTED, CellState.RETURNED, CellState.DRAFT} <= states
    # a coherent story: most published reports were sent on time, a few late
    published = Submission.objects.filter(status=SubmissionStatus.PUBLISHED)
    late = [s for s in published if s.is_late]
    assert 0 < len(late) < published.count() / 3
    sakip = Assignment.objects.get(form__key="lke_sakip")
    assert sakip.submissions.count() == 10
    assert set(sakip.submissions.values_list("status", flat=True)) == {SubmissionStatus.PUBLISHED}
    last_year = periods_ensure(period_type=PeriodType.ANNUAL, year=today.year - 1)[0]
    assert last_year.submissions.filter(assignment=sakip).count() == 5
    spbe = Assignment.objects.get(form__key="spbe_mandiri")  # one Diskominfotik self-assessment a year
    assert last_year.submissions.filter(assignment=spbe).count() == 1
