"""gunicorn's workers are forks of a master that loaded the application (``preload_app``), with
their recycling spread (ADR 0019, third 6 December addendum): workers that loaded the application
themselves, and were recycled together, left a busy server without any worker for about 14 s.
The master closes what loading opened before each fork, so no worker shares its socket."""

from __future__ import annotations

import os
import runpy
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
CONFIG = runpy.run_path(str(ROOT / "gunicorn.conf.py"))


def test_workers_are_recycled_apart():
    assert CONFIG["preload_app"] is True
    # Workers that start together must not all reach their limit together.
    assert CONFIG["max_requests_jitter"] >= CONFIG["max_requests"] // 4


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="Django never closes an in-memory SQLite database")
def test_the_master_closes_what_loading_opened_before_each_fork():
    connection.ensure_connection()
    assert connection.connection is not None
    CONFIG["pre_fork"](server=None, worker=None)
    assert connection.connection is None


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise LookupError(pid)


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads the master's memory from /proc")
def test_the_master_holds_the_loaded_application(tmp_path):
    """gunicorn alone is about 25 MB; with the application loaded (Django, Wagtail, our apps) the
    master holds well over 100 MB, which its workers then share. A preloading master binds its
    port only after loading, so the port answering is the moment to look."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",  # loading needs no table
        "GUNICORN_CMD_ARGS": f"--bind 127.0.0.1:{port} --workers 1",
    }
    gunicorn = shutil.which("gunicorn", path=str(Path(sys.executable).parent))
    master = subprocess.Popen(  # noqa: S603 (our own virtualenv's gunicorn)
        [gunicorn, "--config", "gunicorn.conf.py", "cms.wsgi:application"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline or master.poll() is not None:
                    raise
                time.sleep(0.2)
        assert _rss_mb(master.pid) > 100
    finally:
        os.killpg(master.pid, signal.SIGTERM)
        master.wait(timeout=30)
