"""django-q2's per-job "Enqueued" line is dropped (settings.LOGGING); its other lines are kept."""

import logging


def test_the_enqueue_line_is_dropped_and_other_django_q_lines_pass(caplog):
    logger = logging.getLogger("django-q")
    with caplog.at_level(logging.INFO):
        logger.info("Enqueued [django_q:sepakat:q] 42")
        logger.info("Q Cluster sepakat starting.")
        logger.warning("Enqueued [django_q:sepakat:q] 43 twice")
    messages = [r.getMessage() for r in caplog.records if r.name == "django-q"]
    assert messages == ["Q Cluster sepakat starting.", "Enqueued [django_q:sepakat:q] 43 twice"]
