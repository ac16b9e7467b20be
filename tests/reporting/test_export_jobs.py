"""Background report exports: queued from the export page when the result is large, built by
a real django-q2 task (synchronous cluster in tests), served only to the requester, pruned.

The data is the inline export tests' (``test_report_exports.setup``): three OPDs, so with
``REPORT_EXPORT_INLINE_MAX_ROWS=2`` the period goes to the background path.
"""

import csv
import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_q.models import Schedule
from django_q.tasks import async_task, result
from openpyxl import load_workbook

from audit.models import SensitiveRead
from notifications.models import Notification
from organizations.models import MembershipRole
from organizations.roles import GlobalRole
from reporting import schedules as report_schedules
from reporting.exports.jobs import report_export_request, report_export_run
from reporting.models import ReportExport
from tests.factories import UserFactory, opd_user
from tests.factories.public_results import superuser
from tests.factories.reports import editor_user
from tests.reporting.test_exports import setup, url  # noqa: F401 - the shared fixture

pytestmark = pytest.mark.django_db

SMALL = override_settings(REPORT_EXPORT_INLINE_MAX_ROWS=2)


def page_url(assignment) -> str:
    return reverse("reporting_report_export") + f"?assignment={assignment.pk}"


def queue_url(assignment, period) -> str:
    return reverse("reporting_report_export_queue", args=[assignment.pk, period.pk])


def file_url(export) -> str:
    return reverse("reporting_report_export_file", args=[export.pk])


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def sheets(data: bytes) -> dict[str, list[tuple]]:
    workbook = load_workbook(io.BytesIO(data))
    return {ws.title: list(ws.iter_rows(values_only=True)) for ws in workbook}


def queue(client, setup, fmt, capture):  # noqa: F811
    with capture(execute=True):
        response = client.post(queue_url(setup["assignment"], setup["period"]), {"format": fmt}, follow=True)
    assert response.status_code == 200
    assert "Ekspor sedang disiapkan" in response.content.decode()
    return ReportExport.objects.get()


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_large_result_is_built_in_background_with_the_inline_values(
    client,
    setup,  # noqa: F811
    fmt,
    django_capture_on_commit_callbacks,
):
    client.force_login(setup["editor"])
    inline = client.get(url(setup["assignment"], setup["period"], format=fmt))
    assert inline.status_code == 200
    inline_bytes = body(inline)
    with SMALL:
        page = client.get(page_url(setup["assignment"])).content.decode()
        assert queue_url(setup["assignment"], setup["period"]) in page
        assert "?format=xlsx" not in page  # no inline button for this period any more
        direct = client.get(url(setup["assignment"], setup["period"], format=fmt))
        assert direct.status_code == 302  # a direct link is sent to the page, nothing built in the request
        reads = SensitiveRead.objects.count()
        export = queue(client, setup, fmt, django_capture_on_commit_callbacks)
    assert (export.status, export.row_count, export.format) == ("done", 3, fmt)
    assert export.requested_by == setup["editor"]
    assert export.file.name.startswith("exports/")
    read = SensitiveRead.objects.order_by("pk")[reads:].get()
    assert (read.action, read.door, read.user_id) == ("forms.export", "job", setup["editor"].pk)

    response = client.get(file_url(export))
    assert response.status_code == 200
    download = SensitiveRead.objects.order_by("-pk").first()
    assert (download.action, download.door, download.user_id) == ("forms.export.download", "admin", setup["editor"].pk)
    assert "no-store" in response["Cache-Control"]
    assert f'filename="{export.filename}"' in response["Content-Disposition"]
    assert export.filename.endswith(f".{fmt}")
    data = body(response)
    if fmt == "xlsx":
        assert response["Content-Type"].startswith("application/vnd.openxmlformats")
        assert sheets(data) == sheets(inline_bytes)
        assert len(sheets(data)["Laporan"]) == 4
    else:
        assert response["Content-Type"].startswith("text/csv")
        parsed = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
        assert parsed == list(csv.reader(io.StringIO(inline_bytes.decode("utf-8-sig"))))
        assert len(parsed) == 4

    notice = Notification.objects.get(dedupe_key=f"report:export:{export.pk}:done")
    assert notice.url == file_url(export)
    assert "Laporan Triwulan" in notice.subject
    assert notice.recipient_id == setup["editor"].pk
    assert Notification.objects.filter(dedupe_key__startswith="report:export:").count() == 1

    page = client.get(page_url(setup["assignment"])).content.decode()
    assert "Ekspor terbaru Anda" in page
    assert file_url(export) in page


def test_small_result_still_downloads_at_once(client, setup):  # noqa: F811
    client.force_login(setup["editor"])
    page = client.get(page_url(setup["assignment"])).content.decode()
    assert url(setup["assignment"], setup["period"]) + "?format=xlsx" in page
    assert queue_url(setup["assignment"], setup["period"]) not in page
    assert client.get(url(setup["assignment"], setup["period"], format="xlsx")).status_code == 200
    assert not ReportExport.objects.exists()


@SMALL
def test_queued_export_shows_as_being_prepared(client, setup):  # noqa: F811
    client.force_login(setup["editor"])
    client.post(queue_url(setup["assignment"], setup["period"]), {"format": "xlsx"})  # no commit callbacks: queued
    export = ReportExport.objects.get()
    assert export.status == "queued"
    page = client.get(page_url(setup["assignment"])).content.decode()
    assert "Ekspor sedang disiapkan…" in page
    assert file_url(export) not in page
    assert client.get(file_url(export)).status_code == 404  # not ready yet


@SMALL
def test_only_the_requester_or_a_superuser_downloads(client, setup, django_capture_on_commit_callbacks):  # noqa: F811
    client.force_login(setup["editor"])
    export = queue(client, setup, "xlsx", django_capture_on_commit_callbacks)
    other_opd_verifier = opd_user(setup["opds"][1], role=MembershipRole.VERIFIER)
    for user in (setup["operator_a"], other_opd_verifier, editor_user()):
        client.force_login(user)
        assert client.get(file_url(export)).status_code == 404, user
        assert file_url(export) not in client.get(reverse("reporting_report_export")).content.decode()
    client.force_login(superuser())
    assert client.get(file_url(export)).status_code == 200
    client.logout()
    assert client.get(file_url(export)).status_code == 302  # to the login page
    missing = reverse("reporting_report_export_file", args=[export.pk + 1000])
    client.force_login(setup["editor"])
    assert client.get(missing).status_code == 404


def test_request_checks_the_inline_permission(client, setup):  # noqa: F811
    outsider = opd_user(setup["opds"][2])  # Bappeda has no submitted rows but does have a submission
    stranger = UserFactory(roles=[GlobalRole.COMPLAINT_DESK])  # admin access, no report rows
    with pytest.raises(PermissionDenied):
        report_export_request(user=stranger, assignment=setup["assignment"], period=setup["period"], fmt="xlsx")
    client.force_login(stranger)
    assert client.post(queue_url(setup["assignment"], setup["period"]), {"format": "xlsx"}).status_code == 404
    client.force_login(outsider)
    assert client.post(queue_url(setup["assignment"], setup["period"]), {"format": "pdf"}).status_code == 400
    assert client.get(queue_url(setup["assignment"], setup["period"])).status_code == 405
    assert not ReportExport.objects.exists()


def test_opd_user_background_export_holds_only_its_own_rows(setup):  # noqa: F811
    export = report_export_request(
        user=setup["operator_a"], assignment=setup["assignment"], period=setup["period"], fmt="xlsx"
    )
    report_export_run(export.pk)
    export.refresh_from_db()
    assert export.row_count == 1
    with export.file.open("rb") as handle:
        rows = sheets(handle.read())["Laporan"]
    assert [r[0] for r in rows[1:]] == ["Dinas Kesehatan"]


@SMALL
def test_expired_export_answers_410_and_is_pruned_with_its_file(
    client,
    setup,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    client.force_login(setup["editor"])
    export = queue(client, setup, "csv", django_capture_on_commit_callbacks)
    fresh = report_export_request(
        user=setup["editor"], assignment=setup["assignment"], period=setup["period"], fmt="csv"
    )
    name = export.file.name
    assert default_storage.exists(name)
    ReportExport.objects.filter(pk=export.pk).update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    response = client.get(file_url(export))
    assert response.status_code == 410
    assert "kedaluwarsa" in response.content.decode()
    schedule = Schedule.objects.get(name=report_schedules.EXPORT_PRUNE_SCHEDULE)
    assert schedule.schedule_type == Schedule.HOURLY
    task_id = async_task(schedule.func)
    assert result(task_id) == 1
    assert not default_storage.exists(name)
    assert list(ReportExport.objects.values_list("pk", flat=True)) == [fresh.pk]
    assert client.get(file_url(export)).status_code == 404


def _exports(setup, count: int) -> None:  # noqa: F811
    now = timezone.now()
    ReportExport.objects.bulk_create(
        ReportExport(
            requested_by=setup["editor"],
            assignment=setup["assignment"],
            period=setup["period"],
            format="xlsx",
            status="done",
            file=f"exports/xx/contoh{i}.xlsx",
            filename="contoh.xlsx",
            row_count=3,
            finished_at=now,
            expires_at=now + dt.timedelta(hours=1),
        )
        for i in range(count)
    )


@pytest.mark.parametrize("count", [5, 50])
def test_export_page_query_count_does_not_grow_with_exports(
    client,
    setup,  # noqa: F811
    count,
    django_assert_max_num_queries,
):
    client.force_login(setup["editor"])
    _exports(setup, count)
    with django_assert_max_num_queries(20):
        response = client.get(page_url(setup["assignment"]))
    assert response.status_code == 200
    assert response.content.decode().count("Unduh</a>") == min(count, 10)


def test_vanished_file_is_410_and_a_requester_without_the_right_gets_404(
    client,
    setup,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    editor = setup["editor"]
    client.force_login(editor)
    export = queue(client, setup, "csv", django_capture_on_commit_callbacks)
    assert client.get(file_url(export)).status_code == 200
    export.file.storage.delete(export.file.name)  # removed from the storage behind our back
    gone = client.get(file_url(export))
    assert gone.status_code == 410
    assert "tidak ditemukan lagi" in gone.content.decode()
    from django.contrib.auth.models import Group

    # moved to the complaint desk: still in the admin, but the file holds reports they may not read any more
    editor.groups.set([Group.objects.get(name=str(GlobalRole.COMPLAINT_DESK))])
    client.force_login(editor)
    assert client.get(file_url(export)).status_code == 404
