"""Idle memory of the processes production runs: the django-q2 worker and a gunicorn web worker.

Starts each as the Dockerfile does (``manage.py qcluster``; ``gunicorn cms.wsgi`` with
``gunicorn.conf.py``), on the database the harness uses, waits for it to settle, and prints
for every process of its tree the resident set (RSS) and the proportional set (PSS, from
``/proc/<pid>/smaps_rollup``: shared pages divided among the processes sharing them, so the
PSS column adds up to what the tree really costs), then the totals. The web worker is asked
for ``/health/`` and one public page first so its imports are warm.

The worker runs with ``Q_SCHEDULER=false`` so it does not start scheduled jobs while it is
measured (that is memory of jobs, not of an idle worker). Linux only (``/proc``).

    .venv/bin/python -m bench process_memory
    BENCH_MEMORY_SETTLE=20 .venv/bin/python -m bench process_memory
"""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETTLE_SECONDS = float(os.environ.get("BENCH_MEMORY_SETTLE", "12"))


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        children = (task / "children").read_text().split() if (task / "children").exists() else []
        found += [int(c) for c in children]
    return found


def _tree(pid: int) -> list[int]:
    pids, todo = [], [pid]
    while todo:
        current = todo.pop()
        pids.append(current)
        todo += _children(current)
    return pids


def _memory_kb(pid: int) -> tuple[int, int, str]:
    rss = pss = 0
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        if line.startswith("Rss:"):
            rss = int(line.split()[1])
        elif line.startswith("Pss:"):
            pss = int(line.split()[1])
    name = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()[:60]
    return rss, pss, name


def _measure(report, label: str, process: subprocess.Popen) -> None:
    rows, total_rss, total_pss = [], 0, 0
    for pid in _tree(process.pid):
        try:
            rss, pss, name = _memory_kb(pid)
        except (FileNotFoundError, ProcessLookupError):
            continue
        rows.append((pid, rss, pss, name))
        total_rss += rss
        total_pss += pss
    for pid, rss, pss, name in rows:
        report.note(f"{label}: pid {pid} RSS {rss / 1024:.1f} MB, PSS {pss / 1024:.1f} MB  ({name.strip()})")
    report.note(
        f"{label}: {len(rows)} processes, RSS total {total_rss / 1024:.1f} MB, "
        f"PSS total {total_pss / 1024:.1f} MB (what the tree really costs)"
    )


def _stop(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(process.pid, signal.SIGKILL)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _env(**extra) -> dict:
    from django.conf import settings

    env = {**os.environ, "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "cms.settings.dev")}
    if "DATABASE_URL" not in env:
        env["DATABASE_URL"] = f"sqlite:///{settings.DATABASES['default']['NAME']}"
    return {**env, **extra}


def run(report) -> None:
    if not Path("/proc/self/smaps_rollup").exists():
        report.note("skipped: /proc/<pid>/smaps_rollup is not available on this system")
        return
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "qcluster"],
        cwd=ROOT,
        env=_env(Q_SCHEDULER="false", Q_WORKERS="1"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        time.sleep(SETTLE_SECONDS)
        _measure(report, "django-q2 worker (Q_WORKERS=1), idle", worker)
    finally:
        _stop(worker)

    port = _free_port()
    web = subprocess.Popen(  # noqa: S603 (our own interpreter and arguments)
        [sys.executable, "-m", "gunicorn", "cms.wsgi", "-c", "gunicorn.conf.py", "-b", f"127.0.0.1:{port}", "-w", "1"],
        cwd=ROOT,
        env=_env(WEB_CONCURRENCY="1"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/health/", timeout=5).read()
                break
            except OSError:
                time.sleep(0.5)
        for path in ("/", "/search/?query=jalan"):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30).read()
            except OSError as error:
                report.note(f"web: {path} answered {error}")
        time.sleep(2)
        _measure(report, "gunicorn (1 web worker) after /health/ and two pages", web)
    finally:
        _stop(web)
