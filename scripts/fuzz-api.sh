#!/usr/bin/env bash
# Fuzz the REST API with schemathesis (all checks) over /api/v1/schema/, as three roles:
# anonymous, an OPD operator and the complaint desk (demo users, tokens from /api/v1/auth/token/).
# A fresh SQLite demo database, gunicorn on a free loopback port, a bounded number of examples.
# Fails on any 5xx and on any response that does not match the schema.
#   FUZZ_EXAMPLES (default 3): examples per operation and role; FUZZ_MAX_TIME (60): seconds per role
#   FUZZ_KEEP=1: keep the work directory (server log, reports)
# The tool lives in its own virtualenv (.venv-tools, requirements-tools.txt): its pins do not
# touch the project's.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PY:-.venv/bin/python}
EXAMPLES=${FUZZ_EXAMPLES:-3}
MAX_TIME=${FUZZ_MAX_TIME:-60}
TOOLS=.venv-tools

fail() { echo "FUZZ FAIL: $*" >&2; exit 1; }
step() { echo "-- fuzz: $*"; }

if ! "$TOOLS/bin/schemathesis" --version >/dev/null 2>&1; then
  step "creating $TOOLS (schemathesis)"
  python3 -m venv "$TOOLS"
  "$TOOLS/bin/pip" install --quiet -r requirements-tools.txt
fi

WORK=$(mktemp -d /tmp/sepakat-fuzz.XXXXXX)
SERVER_PID=""
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [ -n "$SERVER_PID" ]; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.2; done
    kill -KILL -- "-$SERVER_PID" 2>/dev/null || true
  fi
  if [ "$rc" -ne 0 ] && [ -f "$WORK/server.log" ]; then
    echo "---- server errors ----" >&2
    grep -E "ERROR|Traceback|Error:" -A 12 "$WORK/server.log" | tail -n 80 >&2 || true
  fi
  [ "${FUZZ_KEEP:-0}" = 1 ] && echo "work directory kept: $WORK" || rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

PORT=$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
BASE="http://127.0.0.1:$PORT"
export DJANGO_SETTINGS_MODULE=cms.settings.dev
export DEBUG=False
export DATABASE_URL="sqlite:///$WORK/fuzz.sqlite3"
export MEDIA_ROOT="$WORK/media" STATIC_ROOT="$WORK/static"
export ALLOWED_HOSTS=127.0.0.1
# The fuzzer is one client sending thousands of requests: the limits are tested elsewhere.
export THROTTLE_ANON=100000/minute THROTTLE_USER=100000/minute AXES_FAILURE_LIMIT=100000
export WBS_SUBMISSIONS_PER_MINUTE=100000
export LOG_LEVEL=WARNING PYTHONUNBUFFERED=1

step "demo database"
"$PY" manage.py migrate --noinput -v 0 >"$WORK/migrate.log" 2>&1 || fail "migrate failed"
"$PY" manage.py load_demo >"$WORK/demo.log" 2>&1 || fail "load_demo failed"
"$PY" manage.py collectstatic --noinput -v 0 >"$WORK/collectstatic.log" 2>&1 || fail "collectstatic failed"
PASSWORD=$("$PY" manage.py shell --no-imports -c 'from organizations.demo import DEMO_PASSWORD; print(DEMO_PASSWORD)' 2>/dev/null | tail -n 1)

step "gunicorn on $BASE"
"$PY" -c 'import os, sys; os.setsid(); os.execvp(sys.argv[1], sys.argv[1:])' \
  .venv/bin/gunicorn --config gunicorn.conf.py cms.wsgi:application --bind "127.0.0.1:$PORT" --workers 2 \
  --worker-tmp-dir "$WORK" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 120); do
  curl -sf -o /dev/null "$BASE/api/v1/schema/" && break
  kill -0 "$SERVER_PID" 2>/dev/null || fail "gunicorn exited"
  sleep 0.5
done
curl -sf -o "$WORK/schema.yaml" "$BASE/api/v1/schema/" || fail "no schema at $BASE/api/v1/schema/"

token() {
  curl -sf -X POST "$BASE/api/v1/auth/token/" -H 'Content-Type: application/json' \
    --data "{\"username\": \"$1\", \"password\": \"$PASSWORD\"}" \
    | "$PY" -c 'import json, sys; print(json.load(sys.stdin)["token"])'
}
OPERATOR=$(token operator.dinkes) || fail "no token for operator.dinkes"
DESK=$(token pengaduan) || fail "no token for pengaduan"

status=0
for role in anonymous operator desk; do
  header=()
  case $role in
    operator) header=(--header "Authorization: Token $OPERATOR") ;;
    desk) header=(--header "Authorization: Token $DESK") ;;
  esac
  step "schemathesis as $role ($EXAMPLES examples per operation)"
  "$TOOLS/bin/schemathesis" run "$BASE/api/v1/schema/" --seed "${FUZZ_SEED:-20261205}" --no-shrink \
    --checks all --max-examples "$EXAMPLES" --max-time "$MAX_TIME" --workers 1 --request-timeout 30 \
    --suppress-health-check all --no-color --output-truncate true "${header[@]}" \
    --report junit --report-dir "$WORK/report-$role" || status=1
done
[ "$status" = 0 ] || fail "schemathesis found server errors or responses that do not match the schema"
echo "FUZZ OK: every operation of $BASE/api/v1/schema/ as anonymous, operator and complaint desk"
