"""gunicorn settings for the Docker image (read from the working directory, /app).

The access log carries no client address, user agent or referer (issue 12: a WBS reporter's
browser fetching the form's static files must leave no trace), and every gunicorn log line
passes the same filter as Django's (``organizations.log_privacy``). Command-line flags and
``GUNICORN_CMD_ARGS`` still override these; ``PORT`` and ``WEB_CONCURRENCY`` are read by gunicorn.

Workers are recycled after 1,000–1,500 requests (a slow leak cannot grow for ever) and start as a
fork of a master that has already loaded the application (``preload_app``). Loading it takes about
2.5 s of CPU; without the preload, workers that started together also reached their limit together
and all loaded it at once: under 50 clients on 2 cores no worker answered for about 14 s
(``bench submission_load``, December 2026). A fork is ready at once and shares the master's memory.
Code is read once, by the master: a new release restarts the service (a ``HUP`` does not reload it).
"""

from django.db import connections

accesslog = "-"
errorlog = "-"
loglevel = "info"
#: time, request line without the query string, status, bytes, duration (ms). No %(h)s/%(a)s/%(f)s/%(u)s.
access_log_format = '%(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'
timeout = 60
max_requests = 1000
max_requests_jitter = 500
preload_app = True
worker_tmp_dir = "/dev/shm"  # noqa: S108 — gunicorn's documented heartbeat location in containers

_FILTERS = ["client_trace"]
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"client_trace": {"()": "organizations.log_privacy.ClientTraceFilter"}},
    "formatters": {
        "generic": {"format": "%(asctime)s [%(process)d] [%(levelname)s] %(message)s"},
        "access": {"format": "%(message)s"},
    },
    "handlers": {
        "error_console": {"class": "logging.StreamHandler", "formatter": "generic", "filters": _FILTERS},
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "access",
            "filters": _FILTERS,
            "stream": "ext://sys.stdout",
        },
    },
    "root": {"level": "INFO", "handlers": ["error_console"]},
    "loggers": {
        "gunicorn.error": {"level": "INFO", "handlers": ["error_console"], "propagate": False},
        "gunicorn.access": {"level": "INFO", "handlers": ["console"], "propagate": False},
    },
}


def pre_fork(server, worker):
    """In the master, before each fork: close any database connection that loading the application
    opened, so that no worker inherits (and shares) its socket. Redis needs nothing here: redis-py's
    pools notice the new process and open their own connections (``tests/test_redis_clients.py``)."""
    connections.close_all()
