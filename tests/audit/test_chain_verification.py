"""Auditors verify the chain from the admin: a button, an audited django-q2 job, the latest result on screen."""

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from audit.verification import ChainVerification, VerificationStatus
from tests.audit.test_chain import sql
from tests.factories import OPDFactory

pytestmark = pytest.mark.django_db
SCREEN = "/admin/audit/chain/"


def test_auditor_runs_the_verification_and_sees_the_result(client, auditor, sealed, django_capture_on_commit_callbacks):
    for i in range(3):
        OPDFactory(name=f"Dinas Uji {i}")
    sealed()
    client.force_login(auditor)
    body = client.get(SCREEN).content.decode()
    assert "Verifikasi rantai audit" in body
    assert "Rantai belum pernah diverifikasi" in body
    assert "manage.py" not in body  # no shell

    with django_capture_on_commit_callbacks(execute=True):  # the job is queued once the request commits
        client.post(reverse("audit_chain_verify"))
    response = client.get(SCREEN)
    assert response.status_code == 200
    run = ChainVerification.objects.get()  # django-q2 runs synchronously in tests
    assert run.status == VerificationStatus.OK
    assert run.requested_by == auditor
    assert run.finished_at is not None
    assert run.checked >= 4
    # The whole chain up to the head it saw: the request's own event (audit.verify) is sealed by
    # the seal job, queued on the same commit, before or after the verification ran.
    sealed_seqs = AuditEvent.objects.exclude(seq=None).order_by("-seq").values_list("seq", flat=True)
    before_request = sealed_seqs.exclude(action="audit.verify")[0]
    assert run.head_seq in {before_request, sealed_seqs[0]}
    body = response.content.decode()
    assert "Utuh" in body
    assert f'id="verification-checked">{run.checked}<' in body
    assert (auditor.get_full_name() or auditor.get_username()) in body
    # the request is on the chain: who asked, through the admin
    asked = AuditEvent.objects.get(action="audit.verify")
    assert (asked.user_id, asked.door) == (auditor.pk, "admin")


def test_a_broken_link_is_named(client, inspector, sealed, django_capture_on_commit_callbacks):
    for i in range(3):
        OPDFactory(name=f"Dinas Uji {i}")
    sealed()
    victim = AuditEvent.objects.exclude(seq=None).order_by("seq")[1]
    sql("UPDATE audit_auditevent SET actor = %s WHERE id = %s", ["orang_lain", victim.pk])
    client.force_login(inspector)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("audit_chain_verify"))
    body = client.get(SCREEN).content.decode()
    run = ChainVerification.objects.get()
    assert run.status == VerificationStatus.BROKEN
    assert (run.broken_seq, run.broken_event_id) == (victim.seq, victim.pk)
    assert "Rusak" in body
    assert f"#{victim.seq} (peristiwa {victim.pk})" in body


def test_only_audit_readers_may_run_it(client, opd_member, editor):
    for user in (opd_member, editor):
        client.force_login(user)
        response = client.post(reverse("audit_chain_verify"))
        assert response.status_code == 302
        assert response.url == "/admin/"
    assert not ChainVerification.objects.exists()
    client.logout()
    assert client.post(reverse("audit_chain_verify")).status_code == 302
    assert not ChainVerification.objects.exists()


def test_get_does_not_run_it(client, auditor):
    client.force_login(auditor)
    assert client.get(reverse("audit_chain_verify")).status_code == 405
    assert not ChainVerification.objects.exists()


def test_one_at_a_time(client, auditor):
    running = ChainVerification.objects.create(requested_by=auditor, status=VerificationStatus.RUNNING)
    client.force_login(auditor)
    client.post(reverse("audit_chain_verify"))
    assert list(ChainVerification.objects.all()) == [running]
    assert "disabled" in client.get(SCREEN).content.decode()
