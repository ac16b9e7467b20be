"""The job worker's share of a submission: the desk's notice of a new complaint, and the audit seal.

``notify_desk_of_new`` runs once per submitted complaint in the job worker; with ``BENCH_DESK_USERS``
(default 3) desk accounts it writes one notification per account with its history row, its audit
event and its deliveries. Printed: wall time (with the database's round trips on loopback) and
queries per complaint, then the seal job over the events one notice wrote, then the
job that sends one notice's e-mails.
"""

from django.test import override_settings

from audit.chain import seal_pending
from complaints.models import Complaint
from complaints.submission import complaint_submit
from complaints.tasks import notify_desk_of_new
from notifications.models import Delivery, Notification
from notifications.tasks import deliver_batch

from ._desk import DESK_USERS, desk_and_category

ROUNDS = 30


def run(report) -> None:
    category = desk_and_category("bench-meja")
    waiting = [
        complaint_submit(
            data={"category": category.slug, "title": f"Jalan rusak {n}", "description": "Berlubang."},
            client=f"bench-{n}",
            door="command",
        ).complaint.pk
        for n in range(ROUNDS + 1)
    ]
    seal_pending()
    report.measure(
        f"notify_desk_of_new ({DESK_USERS} desk accounts)",
        Complaint.objects.count(),
        lambda: notify_desk_of_new(waiting.pop()),
        rounds=ROUNDS,
    )
    report.measure("seal the events one notice wrote", DESK_USERS, seal_pending, rounds=1)
    batches = [
        list(Delivery.objects.filter(notification__dedupe_key=key).values_list("pk", flat=True))
        for key in Notification.objects.filter(kind="").values_list("dedupe_key", flat=True).distinct()
    ]
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        report.measure(
            f"deliver_batch: one notice's {len(batches[-1])} e-mails",
            len(batches),
            lambda: deliver_batch(batches.pop()),
            rounds=min(ROUNDS, len(batches) - 1),
        )
