"""Complaint submission under load, over real HTTP: ``BENCH_LOAD_CLIENTS`` (50) concurrent clients
POSTing to gunicorn as production runs it (``gunicorn.conf.py``, ``BENCH_HTTP_WORKERS`` sync workers,
default 2 × cores + 1) with a django-q2 worker beside it (the audit seal and the notices run there:
``BENCH_DESK_USERS``, default 3, desk accounts are told of each new complaint),
on the scratch database the harness creates. Three series, interleaved over ``BENCH_LOAD_ROUNDS`` (2)
rounds of ``BENCH_LOAD_SECONDS`` (15) each: a plain DRF create on the same model (simple-history
writes its history row), ``POST /api/v1/complaints/``, and the same with an ``Idempotency-Key``.

Printed per series: requests per second, latency p50 / p95 / p99 (ms, client side: includes the time
queued for a worker), errors; and the throughput ratio to the plain create (target ≥ 0.7) and the
p95 against the issue's target (< 300 ms at 50 clients). The client threads run in this process on the
same cores, as a phone's load would not; the figures are pessimistic by that much.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sepakat_bench REDIS_URL=redis://127.0.0.1:6379/7 \
        .venv/bin/python -m bench submission_load

With ``REDIS_URL`` the job queue and the cache are Redis, as in production; without it the queue is
the database (each queued job an INSERT, the worker polling) and each web worker debounces the
audit seal in its own memory, which costs the endpoint more than production pays.
"""

import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

from django.db import connection
from django_q.brokers import get_broker

from . import _proc_cpu
from ._desk import DESK_USERS, desk_and_category

SCRATCH_DATABASE = True
ROOT = Path(__file__).resolve().parent.parent
CLIENTS = int(os.environ.get("BENCH_LOAD_CLIENTS", "50"))
SECONDS = float(os.environ.get("BENCH_LOAD_SECONDS", "15"))
ROUNDS = int(os.environ.get("BENCH_LOAD_ROUNDS", "2"))
WORKERS = int(os.environ.get("BENCH_HTTP_WORKERS", str(2 * (os.cpu_count() or 1) + 1)))


def _database_url() -> str:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    user, host, port = db.get("USER") or "postgres", db.get("HOST") or "127.0.0.1", db.get("PORT") or 5432
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{user}{password}@{host}:{port}/{db['NAME']}"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start(args: list[str], *, output=subprocess.DEVNULL, **env) -> subprocess.Popen:
    environment = {**os.environ, "DATABASE_URL": _database_url(), "DJANGO_SETTINGS_MODULE": "bench._http_settings"}
    return subprocess.Popen(  # noqa: S603 (our own interpreter and arguments)
        [sys.executable, *args],
        cwd=ROOT,
        env={**environment, **env},
        stdout=output,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def _server_times(log, offset: int) -> tuple[list[float], int]:
    """The durations (ms) gunicorn's access log gives the POSTs written since ``offset`` (the access
    log format ends each line with the time the worker spent: ``… 201 123 45ms``)."""
    log.seek(offset)
    lines = log.read().splitlines()
    times = [float(line.rsplit(" ", 1)[-1].removesuffix("ms")) for line in lines if '"POST ' in line]
    return times, log.tell()


def _stop(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(process.pid, signal.SIGKILL)


def _post(url: str, body: dict, *, keyed: bool) -> tuple[float, int]:
    headers = {"Content-Type": "application/json", "Accept": "application/json"}
    if keyed:
        headers["Idempotency-Key"] = uuid.uuid4().hex
    request = urllib.request.Request(url, data=json.dumps(body).encode(), headers=headers, method="POST")  # noqa: S310
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=60) as answer:  # noqa: S310 (loopback)
            answer.read()
            status = answer.status
    except urllib.error.HTTPError as error:
        status = error.code
    except OSError:
        status = 0
    return (time.perf_counter() - start) * 1000, status


def _series(url: str, body: dict, *, keyed: bool) -> dict:
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop_at = time.monotonic() + SECONDS

    def client(n: int) -> None:
        i = 0
        while time.monotonic() < stop_at:
            i += 1
            ms, status = _post(url, {**body, "title": f"{body['title']} {n}-{i}"}, keyed=keyed)
            with lock:
                if status == 201:
                    latencies.append(ms)
                else:
                    errors[0] += 1

    started = time.monotonic()
    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started
    return {"latencies": latencies, "errors": errors[0], "rate": len(latencies) / elapsed}


def _percentile(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100)[q - 1] if len(values) >= 2 else (values[0] if values else 0.0)


def _drain(groups: dict, limit: float = 180.0) -> float:
    """Wait until the job worker has done every job the rounds queued (the broker's list is empty
    and the worker's CPU stood still for a second); returns how many seconds that took."""
    started = time.monotonic()
    broker = get_broker()
    last = _proc_cpu.snapshot(groups)["job worker"]
    while time.monotonic() - started < limit:
        time.sleep(1)
        now = _proc_cpu.snapshot(groups)["job worker"]
        if broker.queue_size() == 0 and now - last < 0.02:
            break
        last = now
    return time.monotonic() - started


def _cpu_groups(web: subprocess.Popen, worker: subprocess.Popen) -> dict:
    """The machine's processes by part: each server we started leads its own session."""
    return {
        "web": lambda p: p.session == web.pid,
        "PostgreSQL": lambda p: p.name.startswith("postgres"),
        "job worker": lambda p: p.session == worker.pid,
        "Redis": lambda p: p.name.startswith("redis-server"),
    }


def _cpu_line(spent: dict[str, float], created: int) -> str:
    """CPU ms per created complaint by part, and how busy the machine's cores were."""
    if not created:
        return "CPU: nothing created"
    parts = ["web", "PostgreSQL", "job worker", "Redis", "this process", "other"]
    names = {"this process": "load generator (this process)"}
    per = {part: 1000 * spent.get(part, 0.0) / created for part in parts}
    total = spent["machine busy"] + spent["machine idle"] + spent["machine steal"]
    share = {k: 100 * spent[f"machine {k}"] / total for k in ("busy", "idle", "steal")} if total else {}
    cores = f"; cores busy {share['busy']:.0f} %, idle {share['idle']:.0f} %, stolen {share['steal']:.0f} %"
    return (
        f"CPU per created complaint: {sum(per.values()):.1f} ms = "
        + ", ".join(f"{names.get(part, part)} {ms:.1f}" for part, ms in per.items())
        + (cores if share else "")
    )


def run(report) -> None:
    category = desk_and_category("bench-beban")
    port = _free_port()
    access_log = tempfile.TemporaryFile("w+")  # noqa: SIM115 (closed in the finally below)
    web = _start(
        ["-m", "gunicorn", "cms.wsgi", "-c", "gunicorn.conf.py", "-b", f"127.0.0.1:{port}", "-w", str(WORKERS)],
        output=access_log,
    )
    worker = _start(["manage.py", "qcluster"], Q_WORKERS="1")
    base = f"http://127.0.0.1:{port}"
    payload = {"title": "Jalan rusak", "description": "Berlubang di depan pasar.", "privacy": "public"}
    series = {
        "plain DRF create": (f"{base}/bench/plain-complaints/", {**payload, "category": category.pk}, False),
        "/api/v1/complaints/": (f"{base}/api/v1/complaints/", {**payload, "category": category.slug}, False),
        "/api/v1/complaints/ + Idempotency-Key": (
            f"{base}/api/v1/complaints/",
            {**payload, "category": category.slug},
            True,
        ),
    }
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"{base}/health/", timeout=5).read()  # noqa: S310 (loopback)
                break
            except OSError:
                time.sleep(0.5)
        for url, body, keyed in series.values():  # warm every worker's imports and connections
            for _ in range(3 * WORKERS):
                _post(url, body, keyed=keyed)
        results: dict[str, list[dict]] = {name: [] for name in series}
        server: dict[str, list[float]] = {name: [] for name in series}
        groups = _cpu_groups(web, worker)
        cpu: dict[str, dict[str, float]] = {name: {} for name in series}
        names = list(series)
        _times, offset = _server_times(access_log, 0)
        run_start = _proc_cpu.snapshot(groups)
        for r in range(ROUNDS):
            for name in names[r % len(names) :] + names[: r % len(names)]:
                url, body, keyed = series[name]
                before = _proc_cpu.snapshot(groups)
                results[name].append(_series(url, body, keyed=keyed))
                time.sleep(0.5)  # the last lines reach the log (and the job worker ends its batch)
                spent = _proc_cpu.difference(before, _proc_cpu.snapshot(groups))
                cpu[name] = {part: cpu[name].get(part, 0.0) + s for part, s in spent.items()}
                times, offset = _server_times(access_log, offset)
                server[name].extend(times)
        drained_after = _drain(groups)
        whole_run = _proc_cpu.difference(run_start, _proc_cpu.snapshot(groups))
    finally:
        _stop(web)
        _stop(worker)
        access_log.close()

    broker = "Redis" if os.environ.get("REDIS_URL") else "the database / local memory"
    report.note(
        f"{CLIENTS} concurrent clients, gunicorn with {WORKERS} sync workers + one django-q2 worker, "
        f"{ROUNDS} interleaved rounds of {SECONDS:.0f} s per series, {DESK_USERS} desk accounts told of each "
        f"complaint, on {connection.vendor}, broker and cache {broker}"
    )
    created_in_all = sum(len(r["latencies"]) for rounds in results.values() for r in rounds)
    report.note(
        f"  the job worker over all series, its backlog done {drained_after:.0f} s after the last round: "
        f"{1000 * whole_run['job worker'] / max(created_in_all, 1):.1f} ms CPU per created complaint "
        f"({created_in_all} created; the desk's notices and the audit seal)"
    )
    plain_rate = statistics.median(r["rate"] for r in results[names[0]])
    for name in names:
        latencies = [ms for r in results[name] for ms in r["latencies"]]
        rate = statistics.median(r["rate"] for r in results[name])
        errors = sum(r["errors"] for r in results[name])
        p95 = _percentile(latencies, 95)
        report.note(
            f"  {name}: {rate:.0f} req/s, p50 {_percentile(latencies, 50):.0f} ms, p95 {p95:.0f} ms, "
            f"p99 {_percentile(latencies, 99):.0f} ms, {len(latencies)} created, {errors} errors"
            + ("" if name == names[0] else f"; {rate / plain_rate:.2f}× the plain create (target ≥ 0.70)")
            + f"; p95 target < 300 ms: {'met' if p95 < 300 else 'NOT met'}"
        )
        worked = server[name]
        report.note(
            f"    in the worker (gunicorn's access log, {len(worked)} POSTs): p50 {_percentile(worked, 50):.0f} ms, "
            f"p95 {_percentile(worked, 95):.0f} ms, p99 {_percentile(worked, 99):.0f} ms; the rest of the client's "
            "time is waiting for a free worker (and the client's own threads)"
        )
        created = sum(len(r["latencies"]) for r in results[name])
        report.note(f"    {_cpu_line(cpu[name], created)}")
