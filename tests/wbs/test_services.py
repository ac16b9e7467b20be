"""Submission, follow-up and anti-abuse rules of the WBS services."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import timezone

from tests.factories import wbs_report
from wbs import services
from wbs.crypto import decrypt_identity
from wbs.errors import RateLimitedError, ReceiptNotFoundError
from wbs.models import WbsMessage, WbsReporterIdentity

pytestmark = pytest.mark.django_db


def _submit(opds, category, **overrides):
    data = {
        "category_id": category.pk,
        "reported_opd_id": opds["dinkes"].pk,
        "reported_person": "Bendahara",
        "title": "Gratifikasi pengadaan",
        "description": "Penyedia memberi hadiah kepada panitia pengadaan sebelum pengumuman pemenang.",
        **overrides,
    }
    return services.report_submit(**data)


def test_anonymous_submission_stores_no_identity(opds, category):
    submitted = _submit(opds, category)
    assert not submitted.report.has_identity
    assert not WbsReporterIdentity.objects.filter(report=submitted.report).exists()
    assert submitted.report.content.title == "Gratifikasi pengadaan"


def test_identity_is_encrypted_at_rest(report):
    obj, _code = report
    identity = WbsReporterIdentity.objects.get(report=obj)
    assert "Siti" not in identity.ciphertext
    assert decrypt_identity(identity.ciphertext) == {"name": "Siti Pelapor", "contact": "0812-0000-1111"}


def test_validation_errors_are_per_field_and_indonesian(opds, category):
    with pytest.raises(ValidationError) as exc:
        _submit(
            opds,
            category,
            category_id=999999,
            title="",
            description="pendek",
            incident_date=timezone.localdate() + datetime.timedelta(days=2),
            reported_person="x" * 201,
        )
    errors = exc.value.message_dict
    assert set(errors) == {"category", "title", "description", "incident_date", "reported_person"}
    assert errors["title"] == ["Wajib diisi."]


@override_settings(WBS_MAX_BODY_CHARS=100)
def test_body_size_limit(opds, category):
    with pytest.raises(ValidationError) as exc:
        _submit(opds, category, description="a" * 101)
    assert "description" in exc.value.message_dict


def test_honeypot_rejects(opds, category):
    with pytest.raises(ValidationError):
        _submit(opds, category, honeypot="http://spam.example")


@override_settings(WBS_SUBMISSIONS_PER_MINUTE=2)
def test_global_submission_rate(opds, category):
    _submit(opds, category)
    _submit(opds, category)
    with pytest.raises(RateLimitedError):
        _submit(opds, category)


def test_follow_up_by_code_and_reply(report):
    obj, code = report
    found = services.report_by_receipt(code=code.lower())
    assert found.pk == obj.pk
    services.reporter_reply(code=code, body="Saya punya bukti kuitansi tambahan.")
    assert WbsMessage.objects.filter(report=obj, sender="pelapor").count() == 1


def test_wrong_secret_is_refused_and_locks_after_repeated_failures(report):
    _obj, code = report
    wrong = code[:9] + ("A" if code[9] != "A" else "B") + code[10:]
    for _ in range(10):
        with pytest.raises(ReceiptNotFoundError):
            services.report_by_receipt(code=wrong)
    with pytest.raises(RateLimitedError):
        services.report_by_receipt(code=code)


def test_unknown_lookup_id_is_refused(db):
    with pytest.raises(ReceiptNotFoundError):
        services.report_by_receipt(code="0000-0000-0000-0000-0000-0000")
    with pytest.raises(ReceiptNotFoundError):
        services.report_by_receipt(code="salah")


def test_reply_refused_when_closed(report, inspector_a):
    from wbs.investigation import report_change_status

    obj, code = report
    report_change_status(report=obj, status="tidak_terbukti", reason="Tidak cukup bukti.", actor=inspector_a)
    with pytest.raises(ValidationError):
        services.reporter_reply(code=code, body="Masih ada info.")


def test_history_rows_hold_no_content_or_hash(report):
    obj, _code = report
    row = obj.history.first()
    names = {f.name for f in row._meta.fields}
    assert "secret_hash" not in names
    assert not {"title", "description", "reported_person"} & names
    assert row.history_actor in {"shell", "anonim"}


def test_factory_reports_differ(opds, category):
    (r1, c1), (r2, c2) = (
        wbs_report(opd=opds["dinkes"], category=category),
        wbs_report(opd=opds["kec"], category=category),
    )
    assert r1.lookup_id != r2.lookup_id
    assert c1 != c2


def test_content_identity_messages_and_notes_have_no_history():
    from wbs.models import WbsNote, WbsReportContent

    for model in (WbsReporterIdentity, WbsReportContent, WbsMessage, WbsNote):
        assert not hasattr(model, "history"), model


def test_identity_key_deploy_check(settings):
    from wbs.checks import identity_key_configured

    settings.DEBUG = False
    settings.WBS_IDENTITY_KEYS = []
    assert [w.id for w in identity_key_configured(None)] == ["wbs.W001"]
    from cryptography.fernet import Fernet

    settings.WBS_IDENTITY_KEYS = [Fernet.generate_key().decode()]
    assert identity_key_configured(None) == []


def test_identity_survives_key_rotation(opds, category, settings):
    from cryptography.fernet import Fernet

    old = Fernet.generate_key().decode()
    settings.WBS_IDENTITY_KEYS = [old]
    report, _ = wbs_report(opd=opds["dinkes"], category=category, identity_name="Ani")
    settings.WBS_IDENTITY_KEYS = [Fernet.generate_key().decode(), old]
    assert decrypt_identity(WbsReporterIdentity.objects.get(report=report).ciphertext)["name"] == "Ani"
    settings.WBS_IDENTITY_KEYS = [Fernet.generate_key().decode()]
    with pytest.raises(ValueError, match="cannot be decrypted"):
        decrypt_identity(WbsReporterIdentity.objects.get(report=report).ciphertext)
