#!/usr/bin/env bash
# Production-shape smoke test (`make smoke`, and the last step of .ci/run):
#   fresh PostgreSQL database, production settings, migrate + collectstatic,
#   gunicorn (2 workers) + one django-q2 cluster on the Redis broker,
#   a staff request that enqueues a heartbeat task, the worker executing it,
#   report reminder/overdue jobs on the worker and its scheduler (each email exactly once),
#   static files through whitenoise, /health/ answering 200.
# Everything it starts is stopped on exit; any failure exits non-zero with "SMOKE FAIL: …".
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PY:-.venv/bin/python}
PGHOST=${SMOKE_PGHOST:-127.0.0.1}
PGPORT=${SMOKE_PGPORT:-5432}
PGUSER=${SMOKE_PGUSER:-postgres}
DB=${SMOKE_DB:-sepakat_smoke}
REDIS=${SMOKE_REDIS_URL:-redis://127.0.0.1:6379/0}
TIMEOUT=${SMOKE_TIMEOUT:-60}

fail() { echo "SMOKE FAIL: $*" >&2; exit 1; }
step() { echo "-- smoke: $*"; }

WORK=$(mktemp -d /tmp/sepakat-smoke.XXXXXX)
# Each server in its own process group: stopped by one signal, killed as a tree if it hangs.
detached() { exec "$PY" -c 'import os, sys; os.setsid(); os.execvp(sys.argv[1], sys.argv[1:])' "$@"; }
pids=()
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  # One SIGTERM each, then the whole process group (gunicorn's or qcluster's tree) if needed.
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  done
  for pid in "${pids[@]}"; do kill -KILL -- "-$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [ "$rc" -ne 0 ]; then
    for log in "$WORK"/*.log; do
      [ -f "$log" ] || continue
      echo "---- last lines of $(basename "$log") ----" >&2
      tail -n 40 "$log" >&2
    done
  fi
  rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- services ------------------------------------------------------------------------
command -v psql >/dev/null || fail "psql is not installed"
pg_isready -h "$PGHOST" -p "$PGPORT" -q || fail "PostgreSQL is not reachable at $PGHOST:$PGPORT"
"$PY" - "$REDIS" 2>/dev/null <<'PY' || fail "Redis is not reachable at $REDIS"
import sys, redis
redis.Redis.from_url(sys.argv[1], socket_connect_timeout=3).ping()
PY

step "fresh database $DB"
psql -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -q -v ON_ERROR_STOP=1 -d postgres \
  -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB" >/dev/null \
  || fail "could not recreate database $DB"

# --- production settings ---------------------------------------------------------------
PORT=$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
BASE="http://127.0.0.1:$PORT"
export DJANGO_SETTINGS_MODULE=cms.settings.production
SECRET_KEY=$("$PY" -c 'import secrets; print(secrets.token_urlsafe(50))')
export SECRET_KEY
AUDIT_HMAC_KEY=$("$PY" -c 'import secrets; print(secrets.token_urlsafe(40))')
export AUDIT_HMAC_KEY
export ALLOWED_HOSTS=127.0.0.1,localhost
export SECURE_SSL_REDIRECT=False # plain-HTTP loopback; production keeps the default (True)
export DATABASE_URL="postgres://$PGUSER@$PGHOST:$PGPORT/$DB"
export REDIS_URL="$REDIS"
export EMAIL_URL=consolemail://
export STATIC_ROOT="$WORK/static" MEDIA_ROOT="$WORK/media"
export WAGTAILADMIN_BASE_URL="$BASE"
export Q_WORKERS=1 LOG_LEVEL=WARNING
export PYTHONUNBUFFERED=1

step "migrate"
"$PY" manage.py migrate --noinput -v 0 >"$WORK/migrate.log" 2>&1 || fail "migrate failed (see migrate.log below)"
step "collectstatic"
"$PY" manage.py collectstatic --noinput -v 0 >"$WORK/collectstatic.log" 2>&1 || fail "collectstatic failed"
TOKEN=$("$PY" manage.py ops_token --username smoke-ops 2>"$WORK/token.log" | tail -n 1) || fail "ops_token failed"
step "seed a report due tomorrow and an overdue one (notices checked once the worker runs)"
"$PY" scripts/smoke_reports.py seed "$WORK/reports.json" >"$WORK/reports-seed.log" 2>&1 || fail "report seed failed"

# --- processes ---------------------------------------------------------------------------
step "gunicorn (2 workers) on $BASE and a django-q2 cluster on $REDIS"
detached .venv/bin/gunicorn cms.wsgi:application --bind "127.0.0.1:$PORT" --workers 2 --timeout 30 \
  --access-logfile "$WORK/access.log" >"$WORK/gunicorn.log" 2>&1 &
pids+=($!)
detached "$PY" manage.py qcluster >"$WORK/qcluster.log" 2>&1 &
pids+=($!)

http() { # http METHOD PATH [curl args…] -> prints "STATUS BODY"
  local method=$1 path=$2; shift 2
  curl -sS -m 10 -o "$WORK/body" -w '%{http_code}' -X "$method" "$@" "$BASE$path" 2>/dev/null || true
}
json() { "$PY" -c "import json,sys; print(json.load(open('$WORK/body'))$1)"; }

deadline=$((SECONDS + TIMEOUT))
until [ "$(http GET /health/web/ -H 'Accept: application/json')" = 200 ]; do
  [ $SECONDS -lt $deadline ] || fail "gunicorn did not answer /health/web/ with 200 within ${TIMEOUT}s"
  for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null || fail "a process exited early (pid $pid)"; done
  sleep 0.5
done

# --- a web request enqueues a task; the worker executes it ------------------------------
step "POST /ops/heartbeat/ (staff token) enqueues a task"
code=$(http POST /ops/heartbeat/ -H "Authorization: Token $TOKEN")
[ "$code" = 202 ] || fail "POST /ops/heartbeat/ answered $code: $(head -c 300 "$WORK/body")"
TASK=$(json '["task_id"]')
deadline=$((SECONDS + TIMEOUT))
while :; do
  code=$(http GET "/ops/heartbeat/$TASK/" -H "Authorization: Token $TOKEN")
  [ "$code" = 200 ] || fail "GET /ops/heartbeat/$TASK/ answered $code"
  if [ "$(json '["done"]')" = True ]; then
    [ "$(json '["success"]')" = True ] || fail "the worker ran task $TASK but it failed: $(json '["result"]')"
    break
  fi
  [ $SECONDS -lt $deadline ] || fail "no worker executed task $TASK within ${TIMEOUT}s"
  sleep 0.5
done
step "worker executed task $TASK: $(json '["result"]')"

# --- report reminders through the real worker and scheduler: each message exactly once -----
step "report jobs on the worker (twice each, plus the hourly schedules)"
SMOKE_TIMEOUT=$TIMEOUT "$PY" scripts/smoke_reports.py check "$WORK/reports.json" "$WORK/qcluster.log" \
  || fail "report reminders/overdue notices were not delivered exactly once"

# --- health, static files, pages ----------------------------------------------------------
code=$(http GET /health/ -H 'Accept: application/json')
[ "$code" = 200 ] || fail "/health/ answered $code: $(cat "$WORK/body")"
step "/health/ 200: $(cat "$WORK/body")"

CSS=$("$PY" -c "import json; print(json.load(open('$STATIC_ROOT/staticfiles.json'))['paths']['css/cms.css'])") \
  || fail "css/cms.css is not in the static manifest"
code=$(http GET "/static/$CSS" -D "$WORK/headers" -H 'Accept-Encoding: gzip')
[ "$code" = 200 ] || fail "static file /static/$CSS answered $code (whitenoise)"
grep -qi '^cache-control:.*max-age=315360000' "$WORK/headers" || fail "hashed static file is not served as immutable"
code=$(http GET "/static/wagtailadmin/js/core.js")
[ "$code" = 200 ] || fail "Wagtail admin static file answered $code"
step "static files served by whitenoise (/static/$CSS)"

for path in / /admin/login/ /api/v1/schema/ /api/v1/docs/; do
  code=$(http GET "$path")
  [ "$code" = 200 ] || fail "GET $path answered $code"
done
code=$(http POST /graphql/ -H 'Content-Type: application/json' --data '{"query":"{ __typename }"}')
[ "$code" = 200 ] || fail "POST /graphql/ answered $code"
step "pages, admin, API and GraphQL answer 200"

for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null || fail "a process died during the run (pid $pid)"; done
psql -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -q -d postgres -c "SELECT 1" >/dev/null
echo "SMOKE OK: gunicorn + django-q2 (Redis) + PostgreSQL + whitenoise in the production shape"
