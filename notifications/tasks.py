"""django-q2 tasks. Arguments are ids only (never addresses, numbers or message text).

``notify`` queues ``deliver_batch`` (a few deliveries per job, see ``deliveries_queue``), which
claims them together (step 1 below, for all of them in one transaction) and sends them one after
another; a retry or a deferral runs ``deliver`` alone, from a one-off schedule.

``deliver`` sends one ``Delivery`` at most once successfully, however often it runs:

1. in a short transaction it locks the row, skips it when it is done, being sent by another
   worker, or not due yet, defers it to the end of the quiet hours (SMS/WhatsApp, not
   urgent), and otherwise claims it (``sending``, one more attempt) — so no database lock
   is held while the gateway answers;
2. it calls the channel (one HTTP request at most, with a timeout, no retry inside);
3. it records the outcome: ``sent`` with the provider's message id; or, for a failure that
   may pass (timeout, 5xx, 429) and attempts left, ``retry`` with the next attempt after
   ``NOTIFICATION_RETRY_BASE_SECONDS * 2**(attempts-1)`` through a one-off django-q2
   ``Schedule``; or ``failed`` (a permanent 4xx, no number any more, attempts used up).
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django_q.models import Schedule
from django_q.tasks import async_task

from .channels import ChannelError, SendResult, channel_by_name, profile_of
from .models import DONE_STATUSES, Delivery, DeliveryStatus
from .quiet_hours import quiet_until

logger = logging.getLogger("notifications.tasks")

DELIVER_TASK = "notifications.tasks.deliver"
DELIVER_BATCH_TASK = "notifications.tasks.deliver_batch"
#: Deliveries one job sends, one after another. A job's own cost in the worker (taking it off the
#: broker, unpickling, reporting back) is larger than an e-mail's, so one notice's deliveries share a
#: job; at most this many, so that a job whose gateways all time out (``NOTIFICATION_HTTP_TIMEOUT``
#: each) still ends well inside the django-q2 timeout.
DELIVERIES_PER_JOB = 10


def deliveries_queue(delivery_ids: list[int]) -> None:
    """Queue the sending of these deliveries: one job per ``DELIVERIES_PER_JOB``.

    ``save=False``: a successful job leaves no django-q2 result row (the delivery's own row says
    how it went; saving a result costs the worker several queries, one of them over every kept
    result). A failed job is still kept.
    """
    for start in range(0, len(delivery_ids), DELIVERIES_PER_JOB):
        chunk = list(delivery_ids[start : start + DELIVERIES_PER_JOB])
        async_task(DELIVER_BATCH_TASK, chunk, task_name=f"notify-{chunk[0]}-{len(chunk)}", save=False)


def retry_delay(attempts: int) -> dt.timedelta:
    """Exponential backoff after the ``attempts``-th failed attempt (1 -> base, 2 -> 2x base…)."""
    return dt.timedelta(seconds=settings.NOTIFICATION_RETRY_BASE_SECONDS * 2 ** max(attempts - 1, 0))


def deliver_later(delivery_id: int, when: dt.datetime) -> None:
    """Run ``deliver(delivery_id)`` at ``when`` through a one-off django-q2 schedule."""
    Schedule.objects.get_or_create(
        name=f"notify-{delivery_id}-{int(when.timestamp())}",
        defaults={
            "func": DELIVER_TASK,
            "args": repr((delivery_id,)),
            "schedule_type": Schedule.ONCE,
            "repeats": -1,
            "next_run": when,
        },
    )


def _claim_all(delivery_ids: list, now: dt.datetime) -> list[tuple[int, Delivery | None, str]]:
    """Step 1 for these deliveries, in one short transaction: each row locked (in id order, so two
    batches never wait on each other in a circle) and checked; the ones to send are claimed by one
    UPDATE. Returns ``(id, delivery or None, outcome)`` in the order given, each id once."""
    delivery_ids = list(dict.fromkeys(delivery_ids))
    with transaction.atomic():
        rows = {
            delivery.pk: delivery
            for delivery in Delivery.objects.select_for_update(of=("self",))
            .select_related("notification", "notification__recipient__notification_profile")
            .filter(pk__in=delivery_ids)
            .order_by("pk")
        }
        decided = [(pk, *_decide(rows.get(pk), now)) for pk in delivery_ids]
        claimed = [delivery for _pk, delivery, _outcome in decided if delivery is not None]
        if claimed:
            Delivery.objects.filter(pk__in=[d.pk for d in claimed]).update(
                status=DeliveryStatus.SENDING, claimed_at=now, attempts=F("attempts") + 1
            )
            for delivery in claimed:  # the rows are locked: what the UPDATE wrote, exactly
                delivery.status, delivery.claimed_at = DeliveryStatus.SENDING, now
                delivery.attempts += 1
    return decided


def _decide(delivery: Delivery | None, now: dt.datetime) -> tuple[Delivery | None, str]:
    """Whether a locked delivery is to be sent now (``claimed``) or why not; writes the row when
    it ends here (an inactive channel, an opt-out) or is deferred past the quiet hours."""
    if delivery is None or delivery.status in DONE_STATUSES:
        return None, "skipped"
    stale_after = dt.timedelta(seconds=settings.Q_CLUSTER.get("timeout", 300))
    if delivery.status == DeliveryStatus.SENDING and delivery.claimed_at and now - delivery.claimed_at < stale_after:
        return None, "busy"
    if delivery.next_attempt_at and delivery.next_attempt_at > now:
        return None, "not-due"  # a schedule will run it at next_attempt_at
    channel = channel_by_name(delivery.channel)
    if channel is None:
        delivery.status, delivery.error, delivery.status_changed_at = (
            DeliveryStatus.FAILED,
            "Kanal tidak aktif.",
            now,
        )
        delivery.save(update_fields=["status", "error", "status_changed_at"])
        return None, "failed"
    if not channel.applies_to(delivery.notification, profile_of(delivery.notification)):
        # the user opted out, chose the daily digest, or removed the number since notify
        delivery.status, delivery.status_changed_at = DeliveryStatus.SKIPPED, now
        delivery.save(update_fields=["status", "status_changed_at"])
        return None, "not-applicable"
    if channel.respects_quiet_hours and not delivery.notification.urgent:
        until = quiet_until(now)
        if until is not None:
            delivery.next_attempt_at = until
            delivery.save(update_fields=["next_attempt_at"])
            deliver_later(delivery.pk, until)
            return None, "deferred"
    return delivery, "claimed"


def _send(delivery: Delivery) -> str:
    """Steps 2 and 3 for a claimed delivery: call its channel, record the outcome."""
    channel = channel_by_name(delivery.channel)
    try:
        result = channel.send(delivery.notification, ref=f"sepakat-{delivery.pk}")
    except ChannelError as exc:
        return _record_failure(delivery, str(exc), retryable=exc.retryable)
    except Exception as exc:  # an unexpected failure is recorded, not raised into the worker
        logger.exception("delivery %s over %s raised", delivery.pk, delivery.channel)
        return _record_failure(delivery, f"{type(exc).__name__}", retryable=True)
    return _record_success(delivery, result)


def deliver(delivery_id: int) -> str:
    """Send one delivery; returns what happened (``sent``, ``retry``, ``failed``, ``skipped``…)."""
    ((_pk, delivery, outcome),) = _claim_all([delivery_id], timezone.now())
    return outcome if delivery is None else _send(delivery)


class BatchIncompleteError(Exception):
    """Some deliveries of a batch raised; the others were still sent."""


def deliver_batch(delivery_ids: list[int]) -> dict[str, int]:
    """Send several deliveries (each as :func:`deliver` would); returns how many ended how.

    They are claimed together (one transaction, one UPDATE), then sent one after another, each
    outcome recorded as it comes. One delivery that raises (the database, not the gateway:
    ``_send`` records a gateway's failure itself) does not hold back the others; when the claim
    itself fails they are taken one by one. After the last one the job fails, naming the ids that
    raised, so django-q2 keeps it among the failed jobs; the overdue sweeper queues those deliveries
    again."""
    outcomes: dict[str, int] = {}
    raised: list = []
    try:
        decided = _claim_all(delivery_ids, timezone.now())
    except Exception:
        logger.exception("claiming deliveries %s together failed; taking them one by one", delivery_ids)
        decided = [(pk, None, "") for pk in dict.fromkeys(delivery_ids)]
    for pk, delivery, outcome in decided:
        try:
            if delivery is not None:
                outcome = _send(delivery)
            elif not outcome:  # the claim together failed: this one on its own
                outcome = deliver(pk)
        except Exception:
            logger.exception("delivery %s raised in its batch", pk)
            raised.append(pk)
            continue
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
    if raised:
        raise BatchIncompleteError(f"deliveries {raised} raised; the others ended {outcomes}")
    return outcomes


def _record_success(delivery: Delivery, result: SendResult) -> str:
    now = timezone.now()
    delivery.status, delivery.sent_at, delivery.status_changed_at = DeliveryStatus.SENT, now, now
    delivery.provider_message_id = result.provider_message_id
    delivery.error, delivery.next_attempt_at = "", None
    delivery.save(
        update_fields=["status", "sent_at", "status_changed_at", "provider_message_id", "error", "next_attempt_at"]
    )
    logger.info("delivery %s sent over %s (attempt %s)", delivery.pk, delivery.channel, delivery.attempts)
    return "sent"


def _record_failure(delivery: Delivery, error: str, *, retryable: bool) -> str:
    now = timezone.now()
    delivery.error, delivery.status_changed_at = error[:500], now
    if retryable and delivery.attempts < settings.NOTIFICATION_MAX_ATTEMPTS:
        delivery.status = DeliveryStatus.RETRY
        delivery.next_attempt_at = now + retry_delay(delivery.attempts)
        outcome = "retry"
    else:
        delivery.status, delivery.next_attempt_at = DeliveryStatus.FAILED, None
        outcome = "failed"
    delivery.save(update_fields=["status", "error", "status_changed_at", "next_attempt_at"])
    if outcome == "retry":
        deliver_later(delivery.pk, delivery.next_attempt_at)
    logger.warning(
        "delivery %s over %s: %s after attempt %s", delivery.pk, delivery.channel, outcome, delivery.attempts
    )
    return outcome


#: How late a due delivery may be before the sweeper queues it again.
OVERDUE_GRACE = dt.timedelta(minutes=10)


def deliver_overdue(limit: int = 500) -> int:
    """Safety net (every 15 minutes): queue again deliveries whose task or retry schedule was lost.

    Due retries and deferred deliveries more than ``OVERDUE_GRACE`` late, new deliveries never
    picked up, and claims older than the django-q2 timeout (a worker died mid-send). ``deliver``
    skips anything done or not due, so a delivery queued twice is still sent once.
    """
    now = timezone.now()
    stale_claim = now - dt.timedelta(seconds=settings.Q_CLUSTER.get("timeout", 300))
    overdue = (
        Q(status__in=[DeliveryStatus.PENDING, DeliveryStatus.RETRY], next_attempt_at__lt=now - OVERDUE_GRACE)
        | Q(
            status=DeliveryStatus.PENDING,
            next_attempt_at__isnull=True,
            notification__created_at__lt=now - OVERDUE_GRACE,
        )
        | Q(status=DeliveryStatus.SENDING, claimed_at__lt=stale_claim)
    )
    ids = list(Delivery.objects.filter(overdue).order_by("id").values_list("pk", flat=True)[:limit])
    deliveries_queue(ids)
    return len(ids)
