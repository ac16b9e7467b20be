"""Issue 12 item 1: the production command line leaves no client trace of a WBS reporter anywhere.

gunicorn exactly as the Docker image runs it (``gunicorn --config gunicorn.conf.py
cms.wsgi:application``, options through ``GUNICORN_CMD_ARGS`` as documented) with
``cms.settings.production``, PostgreSQL, Redis and a django-q2 worker. A client behind a trusted
proxy (``X-Forwarded-For``) with a marked User-Agent files a WBS report, fetches a static file
from the WBS page, posts the WBS form without a CSRF token and sends a GraphQL WBS request
that fails validation (before any resolver). Then the whole server output, a text dump of
every table, every Redis key of the cache/broker database and the django-q2 tables are
searched for the marks: zero hits.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PG = os.environ.get("EDGE_TEST_PG", "postgres://postgres@127.0.0.1:5432")
DB_NAME = "sepakat_harden_edge_prod"
REDIS_URL = os.environ.get("EDGE_TEST_REDIS", "redis://127.0.0.1:6379/7")

MARK_ADDRESS = "198.51.100.173"
MARK_AGENT = "SepakatJejakUji/3.1 (edge-mark-5e9d1c)"
MARKS = [MARK_ADDRESS, "edge-mark-5e9d1c", "SepakatJejakUji"]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.worker,
    # It starts its own PostgreSQL database and Redis whatever the suite runs on: once per CI run is
    # enough, in the PostgreSQL pass of `make test` (it takes minutes).
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres"),
        reason="runs in the PostgreSQL pass (DATABASE_URL=postgres://… make test)",
    ),
]


def _services_available() -> bool:
    try:
        import psycopg
        import redis

        with psycopg.connect(f"{PG}/postgres", connect_timeout=3):
            pass
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=3).ping()
    except Exception:
        return False
    return True


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _request(base, method, path, *, body=None, headers=None, host="127.0.0.1"):
    headers = {"X-Forwarded-For": MARK_ADDRESS, "User-Agent": MARK_AGENT, **(headers or {})}
    data = body.encode() if isinstance(body, str) else body
    req = urllib.request.Request(base + path, data=data, method=method, headers=headers)  # noqa: S310 — loopback
    try:
        with urllib.request.urlopen(req, timeout=20) as response:  # noqa: S310
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


@pytest.fixture
def production(tmp_path):
    if not _services_available():
        pytest.skip("PostgreSQL and Redis are needed for the production server test")
    import psycopg
    import redis

    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {DB_NAME}")
    redis.Redis.from_url(REDIS_URL).flushdb()
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k in {"PATH", "HOME", "LANG", "LC_ALL", "TMPDIR"}}
    env.update(
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        AUDIT_HMAC_KEY=secrets.token_urlsafe(48),
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=f"{PG}/{DB_NAME}",
        REDIS_URL=REDIS_URL,
        EMAIL_URL="consolemail://",
        SECURE_SSL_REDIRECT="False",
        TRUSTED_PROXIES="127.0.0.1/32",
        STATIC_ROOT=str(tmp_path / "static"),
        MEDIA_ROOT=str(tmp_path / "media"),
        PORT=str(port),
        GUNICORN_CMD_ARGS=f"--bind 127.0.0.1:{port} --workers 2",
        Q_WORKERS="1",
        PYTHONUNBUFFERED="1",
        PATH=f"{Path(sys.executable).parent}:{os.environ.get('PATH', '')}",
    )

    def manage(*args, **kwargs):
        return subprocess.run(  # noqa: S603
            [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
        )

    output = tmp_path / "output.log"
    for step in (("migrate", "--noinput", "-v", "0"), ("collectstatic", "--noinput", "-v", "0")):
        result = manage(*step)
        assert result.returncode == 0, result.stdout + result.stderr
    seed = manage(
        "shell",
        "--no-imports",
        "-c",
        "import io; from django.core.management.color import no_style;"
        "from organizations.models import OPD;"
        "OPD.objects.create(name='Dinas Kesehatan', acronym='Dinkes', kind='dinas');"
        "from wbs import demo; demo._pages(io.StringIO(), no_style())",
    )
    assert seed.returncode == 0, seed.stderr
    gunicorn = shutil.which("gunicorn", path=env["PATH"])
    log = output.open("w")
    web = subprocess.Popen(  # noqa: S603 — the Dockerfile's CMD
        [gunicorn, "--config", "gunicorn.conf.py", "cms.wsgi:application"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "qcluster"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                status, _body = _request(base, "GET", "/health/web/", headers={"Accept": "application/json"})
                if status == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, output.read_text()[-3000:]
            time.sleep(0.5)
        yield {"base": base, "env": env, "output": output, "static_root": tmp_path / "static"}
    finally:
        for process in (web, worker):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
        for process in (web, worker):
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
        log.close()


def _dump_database(env) -> str:
    import psycopg

    parts = []
    with psycopg.connect(env["DATABASE_URL"]) as conn:
        tables = [
            row[0] for row in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'").fetchall()
        ]
        for table in tables:
            for row in conn.execute(f'SELECT * FROM "{table}"').fetchall():  # noqa: S608 — catalogue names
                parts.append(
                    f"{table}: "
                    + " ".join(bytes(v).decode("latin-1") if isinstance(v, bytes | memoryview) else str(v) for v in row)
                )
    return "\n".join(parts)


def _dump_redis() -> str:
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    parts = []
    for key in client.scan_iter(count=500):
        kind = client.type(key).decode()
        if kind == "string":
            value = client.get(key) or b""
        elif kind == "list":
            value = b" ".join(client.lrange(key, 0, -1))
        elif kind == "hash":
            value = b" ".join(k + b"=" + v for k, v in client.hgetall(key).items())
        elif kind == "set":
            value = b" ".join(client.smembers(key))
        elif kind == "zset":
            value = b" ".join(client.zrange(key, 0, -1))
        else:
            value = b""
        parts.append(key.decode("latin-1") + " " + value.decode("latin-1"))
    return "\n".join(parts)


def test_no_trace_of_a_wbs_reporter_anywhere(production):
    base = production["base"]
    import psycopg

    with psycopg.connect(production["env"]["DATABASE_URL"]) as conn:
        category = conn.execute("SELECT id FROM wbs_wbscategory ORDER BY id LIMIT 1").fetchone()[0]
        opd = conn.execute("SELECT id FROM organizations_opd ORDER BY id LIMIT 1").fetchone()[0]

    # 1. A WBS submission (REST, anonymous).
    payload = {
        "category": category,
        "reported_opd": opd,
        "reported_person": "Kepala Bidang",
        "title": "Dugaan gratifikasi",
        "description": "Pemohon izin diminta memberi uang terima kasih agar izin cepat terbit.",
    }
    status, body = _request(
        base, "POST", "/api/v1/wbs/reports/", body=json.dumps(payload), headers={"Content-Type": "application/json"}
    )
    assert status == 201, body
    # 2. The WBS page itself, then a static file it loads (Referer: the WBS page).
    status, _page = _request(base, "GET", "/lapor-pelanggaran/")
    assert status == 200
    manifest = json.loads((production["static_root"] / "staticfiles.json").read_text())
    css = manifest["paths"]["css/cms.css"]
    status, _ = _request(base, "GET", f"/static/{css}", headers={"Referer": f"{base}/lapor-pelanggaran/"})
    assert status == 200
    # 3. A WBS form POST refused by the CSRF check.
    status, _ = _request(
        base,
        "POST",
        "/lapor-pelanggaran/",
        body="title=x",
        headers={"Content-Type": "application/x-www-form-urlencoded", "Referer": f"{base}/lapor-pelanggaran/"},
    )
    assert status == 403
    # 4. A GraphQL WBS request that fails validation, before any resolver runs.
    status, body = _request(
        base,
        "POST",
        "/graphql/",
        body=json.dumps({"query": "mutation { wbsSubmitReport(input: {title: 7}) { number bogus } }"}),
        headers={"Content-Type": "application/json"},
    )
    assert status == 400, body
    # And a follow-up with a wrong receipt code (a 400 the error log sees).
    status, _ = _request(
        base,
        "POST",
        "/api/v1/wbs/follow-up/",
        body=json.dumps({"receipt_code": "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF"}),
        headers={"Content-Type": "application/json"},
    )
    assert status == 400
    time.sleep(3)  # the worker polls and the access log flushes

    output = production["output"].read_text()
    assert '"GET /static/' in output, "the access log is on (and was searched)"
    database = _dump_database(production["env"])
    assert "wbs_wbsreport: " in database, "the report was stored (and the database was searched)"
    cache = _dump_redis()
    hits = [
        f"{where}: {mark}"
        for where, text in (("server output", output), ("database", database), ("redis", cache))
        for mark in MARKS
        if mark in text
    ]
    assert hits == [], hits
