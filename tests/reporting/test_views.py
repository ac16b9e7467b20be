"""The admin doors for periodic reports, through Django's test client: list, fill, review, files."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from organizations.models import MembershipRole
from reporting import workflow
from reporting.models import PeriodType, Submission, SubmissionAttachment, SubmissionStatus
from tests.factories import OPDFactory, PemdaFactory, opd_user
from tests.factories.reports import editor_user, make_assignment, make_report_form, pdf_upload, reviewer_user

pytestmark = pytest.mark.django_db


def _quarter() -> int:
    return (timezone.localdate().month - 1) // 3 + 1


@pytest.fixture
def setup(db):
    """One form assigned to OPD A and OPD B for the current quarter; users of both."""
    PemdaFactory()
    opd_a, opd_b = OPDFactory(name="Dinas A"), OPDFactory(name="Dinas B")
    form = make_report_form("laporan_view")
    assignment = make_assignment(form=form, opds=[opd_a, opd_b], numbers=[_quarter()], title="Laporan Triwulan")
    subs = {s.opd_id: s for s in Submission.objects.filter(assignment=assignment)}
    return {
        "form": form,
        "assignment": assignment,
        "a": subs[opd_a.pk],
        "b": subs[opd_b.pk],
        "op_a": opd_user(opd_a, username="operator.a"),
        "op_a2": opd_user(opd_a, username="operator.a2"),
        "op_b": opd_user(opd_b, username="operator.b"),
        "ver_a": opd_user(opd_a, role=MembershipRole.VERIFIER, username="verifikator.a"),
    }


def _edit(sub) -> str:
    return reverse("reporting_submission_edit", args=[sub.pk])


def _action(sub, name) -> str:
    return reverse("reporting_submission_action", args=[sub.pk, name])


def _fill(**overrides) -> dict:
    data = {
        "f-nama_kegiatan": "Pembangunan jalan",
        "f-jumlah_pegawai": "12",
        "f-catatan_internal": "internal",
        "rows-realisasi": "2",
        "f-realisasi.0.kegiatan": "Aspal",
        "f-realisasi.0.pagu": "1.500.000",
        "f-realisasi.0.realisasi": "750.000",
        "f-realisasi.1.kegiatan": "",  # the blank row offered for a new entry
        "f-realisasi.1.pagu": "",
    }
    data.update(overrides)
    return data


def _tag(html: str, name: str) -> str:
    """The ``<input>`` named ``name``."""
    found = re.search(rf'<input[^>]*name="{re.escape(name)}"[^>]*>', html)
    assert found, f"no input {name}"
    return found.group(0)


def _fresh(sub) -> Submission:
    return Submission.objects.get(pk=sub.pk)


def _submitted(s, client) -> Submission:
    client.force_login(s["op_a"])
    sub = _fresh(s["a"])
    response = client.post(_edit(sub), _fill(revision=sub.revision, submit="1"))
    assert response.status_code == 302, response.content.decode()[:2000]
    sub = _fresh(sub)
    assert sub.status == SubmissionStatus.SUBMITTED
    return sub


# --- visibility ---------------------------------------------------------------------------


def test_operator_of_another_opd_gets_404_everywhere(setup, client):
    s = setup
    client.force_login(s["op_b"])
    assert client.get(_edit(s["a"])).status_code == 404
    assert client.post(_edit(s["a"]), _fill(revision=0)).status_code == 404
    assert client.post(_action(s["a"], "verify")).status_code == 404
    assert _fresh(s["a"]).answers == {}
    # and the list shows B's report, not A's
    page = client.get(reverse("reporting_reports")).content.decode()
    assert _edit(s["b"]) in page
    assert _edit(s["a"]) not in page


def test_menu_item_for_opd_members_and_reviewers_only(setup, client):
    client.force_login(setup["op_a"])
    assert "Laporan saya" in client.get(reverse("wagtailadmin_home")).content.decode()
    from organizations.roles import GlobalRole
    from tests.factories import UserFactory

    client.force_login(UserFactory(roles=[GlobalRole.COMPLAINT_DESK]))
    assert "Laporan saya" not in client.get(reverse("wagtailadmin_home")).content.decode()


# --- filling ------------------------------------------------------------------------------


def test_operator_saves_a_draft_then_submits(setup, client):
    s = setup
    client.force_login(s["op_a"])
    page = client.get(_edit(s["a"]))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="f-nama_kegiatan"' in html
    assert 'name="rows-realisasi"' in html
    assert "Simpan draf" in html
    assert "Kirim" in html

    response = client.post(_edit(s["a"]), _fill(revision=s["a"].revision, save="1"))
    assert response.status_code == 302
    sub = _fresh(s["a"])
    assert sub.status == SubmissionStatus.DRAFT
    assert sub.answers["nama_kegiatan"] == "Pembangunan jalan"
    assert sub.answers["jumlah_pegawai"] == 12
    assert sub.answers["realisasi"][0]["pagu"] == 1500000
    assert len(sub.answers["realisasi"]) == 1  # the blank row is not stored
    # the saved values and computed values are shown again
    html = client.get(_edit(sub)).content.decode()
    assert 'value="Pembangunan jalan"' in html
    assert 'value="1.500.000"' in html  # a saved Rupiah amount reads as it was typed, not 1500000
    assert "750000" in html or "750.000" in html  # total/serapan computed after saving

    response = client.post(_edit(sub), _fill(revision=sub.revision, submit="1"))
    assert response.status_code == 302
    sub = _fresh(sub)
    assert sub.status == SubmissionStatus.SUBMITTED
    html = client.get(_edit(sub)).content.decode()
    assert 'data-status="submitted"' in html
    # computed facts read labels, not keys ("total_pagu = 1500000" before)
    facts = re.search(r'<dd id="report-computed">(.*?)</dd>', html, re.S).group(1)
    assert "Total pagu: <strong>1.500.000</strong>" in facts
    assert "total_pagu" not in facts
    assert "Simpan draf" not in html  # no editing while it is with the verifier
    assert 'data-to="submitted"' in html  # the timeline


def test_submit_with_a_missing_required_field_shows_the_error_next_to_it(setup, client):
    s = setup
    client.force_login(s["op_a"])
    response = client.post(
        _edit(s["a"]), _fill(**{"f-nama_kegiatan": "", "f-realisasi.0.kegiatan": ""}, revision=0, submit="1")
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'data-error-for="nama_kegiatan"' in html
    assert _fresh(s["a"]).status != SubmissionStatus.SUBMITTED
    assert 'value="750.000"' in html or 'value="750000"' in html  # the user's input is kept


def test_type_errors_are_shown_by_path_and_nothing_is_saved(setup, client):
    s = setup
    client.force_login(s["op_a"])
    response = client.post(
        _edit(s["a"]), _fill(**{"f-jumlah_pegawai": "dua belas", "f-realisasi.0.pagu": "banyak"}, revision=0)
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'data-error-for="jumlah_pegawai"' in html
    assert 'data-error-for="realisasi.0.pagu"' in html
    assert 'value="dua belas"' in html  # kept for the user to fix
    assert _fresh(s["a"]).answers.get("nama_kegiatan") is None


def test_table_rows_can_be_added_and_deleted_without_javascript(setup, client):
    s = setup
    client.force_login(s["op_a"])
    response = client.post(_edit(s["a"]), _fill(revision=0, add_row="realisasi"))
    assert response.status_code == 302
    assert "tambah=realisasi" in response["Location"]
    html = client.get(response["Location"]).content.decode()
    assert 'name="f-realisasi.2.kegiatan"' in html  # one saved row + two blank ones
    sub = _fresh(s["a"])
    data = _fill(revision=sub.revision, **{"rows-realisasi": "3", "f-realisasi.1.kegiatan": "Jembatan"})
    data["f-realisasi.0.__delete"] = "1"
    client.post(_edit(sub), data)
    rows = _fresh(sub).answers["realisasi"]
    assert [r["kegiatan"] for r in rows] == ["Jembatan"]


def test_a_stale_save_shows_what_changed_and_keeps_the_input(setup, client):
    s = setup
    client.force_login(s["op_a"])
    seen = _fresh(s["a"]).revision
    # someone else saves meanwhile
    workflow.submission_save_draft(
        submission=_fresh(s["a"]), actor=s["op_a2"], answers={"nama_kegiatan": "Versi rekan"}
    )
    response = client.post(_edit(s["a"]), _fill(revision=seen, **{"f-nama_kegiatan": "Versi saya"}))
    assert response.status_code == 409
    html = response.content.decode()
    assert "nama_kegiatan" in html
    assert "sudah disimpan orang lain" in html
    assert 'value="Versi saya"' in html  # nothing lost
    assert 'data-latest-for="nama_kegiatan"' in html
    assert "Versi rekan" in html
    current = _fresh(s["a"])
    assert current.answers["nama_kegiatan"] == "Versi rekan"
    assert f'name="revision" value="{current.revision}"' in html  # saving again is a deliberate choice
    response = client.post(_edit(s["a"]), _fill(revision=current.revision, **{"f-nama_kegiatan": "Versi saya"}))
    assert response.status_code == 302
    assert _fresh(s["a"]).answers["nama_kegiatan"] == "Versi saya"


# --- review -------------------------------------------------------------------------------


def test_verifier_returns_with_a_field_comment_and_only_that_field_reopens(setup, client):
    s = setup
    sub = _submitted(s, client)
    client.force_login(s["ver_a"])
    html = client.get(_edit(sub)).content.decode()
    assert "Kembalikan" in html
    assert 'name="comment-jumlah_pegawai"' in html
    response = client.post(
        _action(sub, "return"), {"comment-jumlah_pegawai": "Jumlah tidak sesuai SK", "comment": "Mohon diperbaiki"}
    )
    assert response.status_code == 302
    sub = _fresh(sub)
    assert sub.status == SubmissionStatus.RETURNED
    assert sub.returned_fields == {"jumlah_pegawai": "Jumlah tidak sesuai SK"}

    client.force_login(s["op_a"])
    html = client.get(_edit(sub)).content.decode()
    assert 'data-comment-for="jumlah_pegawai"' in html
    assert "Jumlah tidak sesuai SK" in html
    assert "disabled" in _tag(html, "f-nama_kegiatan")
    assert 'value="Pembangunan jalan"' in _tag(html, "f-nama_kegiatan")
    assert "disabled" not in _tag(html, "f-jumlah_pegawai")  # the returned field is editable
    # a forged change to a locked field is not sent; the returned one is saved
    client.post(_edit(sub), {"f-nama_kegiatan": "Diubah diam-diam", "f-jumlah_pegawai": "15", "revision": sub.revision})
    sub = _fresh(sub)
    assert sub.answers["nama_kegiatan"] == "Pembangunan jalan"
    assert sub.answers["jumlah_pegawai"] == 15
    client.post(_edit(sub), {"f-jumlah_pegawai": "15", "revision": sub.revision, "submit": "1"})
    sub = _fresh(sub)
    assert sub.status == SubmissionStatus.SUBMITTED
    html = client.get(_edit(sub)).content.decode()
    assert "jumlah_pegawai" in html
    assert "Jumlah tidak sesuai SK" in html
    assert sub.transitions.filter(to_status=SubmissionStatus.SUBMITTED).last().diff  # the round's diff

    client.force_login(s["ver_a"])
    assert client.post(_action(sub, "verify"), {"comment": "OK"}).status_code == 302
    assert _fresh(sub).status == SubmissionStatus.VERIFIED


def test_an_operator_cannot_verify_and_gets_a_message(setup, client):
    s = setup
    sub = _submitted(s, client)
    client.force_login(s["op_a"])
    assert "Kembalikan" not in client.get(_edit(sub)).content.decode()
    response = client.post(_action(sub, "verify"), follow=True)
    assert response.status_code == 200
    assert _fresh(sub).status == SubmissionStatus.SUBMITTED
    assert any(m.level_tag == "error" for m in response.context["messages"])


def test_publish_needs_editor_or_bappeda(setup, client):
    s = setup
    sub = _submitted(s, client)
    workflow.submission_verify(submission=_fresh(sub), actor=s["ver_a"])
    client.force_login(s["ver_a"])
    assert "Publikasikan" not in client.get(_edit(sub)).content.decode()
    client.post(_action(sub, "publish"))
    assert _fresh(sub).status == SubmissionStatus.VERIFIED

    editor = editor_user(username="editor.pub")
    client.force_login(editor)
    html = client.get(_edit(sub)).content.decode()
    assert "Publikasikan" in html
    assert client.post(_action(sub, "publish")).status_code == 302
    assert _fresh(sub).status == SubmissionStatus.PUBLISHED


def test_bappeda_reviewer_sees_the_queue_and_may_review(setup, client):
    s = setup
    sub = _submitted(s, client)
    client.force_login(reviewer_user(username="bappeda"))
    page = client.get(reverse("reporting_reports")).content.decode()
    assert 'id="review-queue"' in page
    assert _edit(sub) in page
    assert "Kembalikan" in client.get(_edit(sub)).content.decode()


# --- files --------------------------------------------------------------------------------


def test_a_file_of_the_wrong_type_is_refused_with_a_message(setup, client):
    s = setup
    client.force_login(s["op_a"])
    fake = SimpleUploadedFile("laporan.pdf", b"MZ\x90\x00 not really a pdf", content_type="application/pdf")
    response = client.post(_edit(s["a"]), {**_fill(revision=0), "file-dokumen": fake})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'data-error-for="dokumen"' in html
    assert not SubmissionAttachment.objects.exists()
    assert _fresh(s["a"]).answers["nama_kegiatan"] == "Pembangunan jalan"  # the draft itself was saved


def test_an_attachment_is_downloaded_only_by_who_may_see_the_report(setup, client):
    s = setup
    client.force_login(s["op_a"])
    response = client.post(_edit(s["a"]), {**_fill(revision=0), "file-dokumen": pdf_upload()})
    assert response.status_code == 302
    att = SubmissionAttachment.objects.get()
    url = reverse("reporting_attachment", args=[att.uuid])
    assert url in client.get(_edit(s["a"])).content.decode()
    download = client.get(url)
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    client.force_login(s["op_b"])
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code in (302, 403)


# --- query counts -------------------------------------------------------------------------


@pytest.mark.parametrize("size", [3, 15])
def test_list_query_count_does_not_grow(db, client, django_assert_max_num_queries, size):
    PemdaFactory()
    opds = [OPDFactory() for _ in range(size)]
    user = opd_user(opds[0], username=f"banyak{size}")
    from organizations.models import Membership

    for opd in opds[1:]:
        Membership.objects.create(user=user, opd=opd, role=MembershipRole.VERIFIER)
    assignment = make_assignment(opds=opds, numbers=[_quarter()], period_type=PeriodType.QUARTERLY)
    for sub in Submission.objects.filter(assignment=assignment)[: size // 2]:
        workflow.submission_save_draft(submission=sub, actor=user, answers={"nama_kegiatan": "x"})
        workflow.submission_submit(submission=_fresh(sub), actor=user)
    client.force_login(user)
    client.get(reverse("reporting_reports"))  # warm caches (session, Pemda)
    with django_assert_max_num_queries(22):
        response = client.get(reverse("reporting_reports"))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('data-submission="') == size + size // 2  # mine, and the submitted ones to review


def test_carry_forward_values_are_shown_before_the_first_save(setup, client):
    s = setup
    last_year = make_assignment(
        form=s["form"], opds=[s["a"].opd], year=timezone.localdate().year - 1, numbers=[4], title="Tahun lalu"
    )
    previous = Submission.objects.get(assignment=last_year)
    previous.form_version = s["form"].versions.get()
    previous.answers = {"nama_kegiatan": "Lama", "jumlah_pegawai": 9, "realisasi": [{"kegiatan": "Pagar", "pagu": 5}]}
    previous.status = SubmissionStatus.VERIFIED
    previous.first_submitted_at = previous.submitted_at = timezone.now()
    previous.save()
    client.force_login(s["op_a"])
    html = client.get(_edit(s["a"])).content.decode()
    assert 'value="9"' in _tag(html, "f-jumlah_pegawai")
    assert 'value="Pagar"' in _tag(html, "f-realisasi.0.kegiatan")
    assert "dibawa dari periode sebelumnya" in html
    assert 'value=""' in _tag(html, "f-nama_kegiatan")  # not a carry-forward field
    client.post(_edit(s["a"]), {**_fill(revision=0), "f-jumlah_pegawai": "9"})
    assert _fresh(s["a"]).answers["jumlah_pegawai"] == 9
