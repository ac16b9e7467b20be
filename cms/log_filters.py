"""Logging filters for third-party chatter (the privacy filter is ``organizations.log_privacy``)."""

import logging


class DropEnqueueNotices(logging.Filter):
    """Drop django-q2's "Enqueued [queue] id" line, logged at INFO for every ``async_task``.

    Every complaint submission queues two jobs, so under load these were most of the web
    processes' log, each line also scanned by the privacy filter. The worker still logs each
    job it processes, and a failed enqueue still raises; nothing else from django-q2 is dropped.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.levelno == logging.INFO and str(record.msg).startswith("Enqueued ["))
