import pytest

from complaints.models import Privacy, Status
from complaints.selectors import complaint_public_list, complaint_timeline, complaint_track
from complaints.services import (
    complaint_answer,
    complaint_assign,
    complaint_duplicate_candidates,
    complaint_merge,
    complaint_verify,
)
from tests.factories import submit_complaint

pytestmark = pytest.mark.django_db


def test_candidates_by_location_and_text(world):
    base = submit_complaint(
        category=world.category,
        title="Jalan berlubang besar",
        description="Lubang di Jalan Pelabuhan",
        lat="4.136000",
        long="117.666000",
    )
    near = submit_complaint(
        category=world.category, title="Aspal rusak", description="Dekat pelabuhan", lat="4.137", long="117.667"
    )
    similar = submit_complaint(
        category=world.category, title="Jalan berlubang besar sekali", description="Lubang Jalan Pelabuhan dalam"
    )
    far = submit_complaint(
        category=world.category, title="Pohon tumbang", description="Di Sebatik", lat="4.0", long="117.8"
    )
    other_cat = submit_complaint(
        category=world.category2,
        title="Jalan berlubang besar",
        description="Lubang di Jalan Pelabuhan",
        lat="4.136",
        long="117.666",
    )
    found = complaint_duplicate_candidates(complaint=base.complaint)
    assert found[0] == near.complaint
    assert similar.complaint in found
    assert far.complaint not in found
    assert other_cat.complaint not in found


def test_merge_keeps_each_reporters_privacy_and_code(world):
    primary = submit_complaint(category=world.category, title="Jalan rusak", reporter_name="Ani").complaint
    dup_result = submit_complaint(
        category=world.category, title="Jalan rusak juga", privacy=Privacy.RAHASIA, reporter_name="Bayu"
    )
    dup = dup_result.complaint
    complaint_verify(complaint=primary, actor=world.desk, door="admin")
    complaint_assign(complaint=primary, actor=world.desk, door="admin", opd=world.dinas)
    complaint_merge(duplicate=dup, primary=primary, actor=world.desk, door="admin")
    primary.refresh_from_db()
    assert primary.support_count == 1
    assert dup.privacy == Privacy.RAHASIA
    assert dup.reporter.name == "Bayu"
    assert dup.status == Status.CLOSED
    complaint_answer(complaint=primary, actor=world.opd_op, door="admin", body="Jalan sudah diaspal.")
    tracked = complaint_track(code=dup.tracking_code, secret=dup_result.secret)
    assert "Jalan sudah diaspal." in [e.body for e in complaint_timeline(complaint=tracked, audience="reporter")]
    assert dup not in complaint_public_list()
    with pytest.raises(Exception):  # noqa: B017, PT011 - ValidationError: already merged
        complaint_merge(duplicate=dup, primary=primary, actor=world.desk, door="admin")
