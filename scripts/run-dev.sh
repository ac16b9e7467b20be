#!/usr/bin/env bash
# `make run`: the web server and one django-q2 worker together; Ctrl-C stops both.
# Embedded setup: SQLite (WAL) shared by both processes, django-q2 on the ORM broker.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
PORT=${PORT:-8000}
HOST=${HOST:-127.0.0.1}
pids=()

# Each child runs in its own process group, so Ctrl-C reaches only this script, which then
# stops each child with exactly one SIGTERM. (A terminal's SIGINT plus our SIGTERM arriving
# together can deadlock django-q2's stop handler and orphan its sentinel.) The process
# group also lets the last resort kill a whole qcluster tree, never leaving orphans.
detached() { exec "$PY" -c 'import os, sys; os.setsid(); os.execv(sys.argv[1], sys.argv[1:])' "$PY" "$@"; }

cleanup() {
  trap - INT TERM EXIT
  echo
  echo "Stopping the web server and the worker…"
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  done
  for pid in "${pids[@]}"; do kill -KILL -- "-$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if "$PY" -c "import socket,sys; s=socket.socket(); sys.exit(s.connect_ex(('$HOST', $PORT)) != 0)"; then
  echo "Port $PORT is already in use on $HOST: try 'make run PORT=8001'." >&2
  exit 1
fi

detached manage.py qcluster &
pids+=($!)
detached manage.py runserver "$HOST:$PORT" --noreload &
pids+=($!)

for _ in $(seq 1 60); do
  "$PY" -c "import socket,sys; s=socket.socket(); sys.exit(s.connect_ex(('$HOST', $PORT)) != 0)" && break
  for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null || { echo "A process exited during start-up." >&2; exit 1; }; done
  sleep 0.5
done

cat <<MSG

  Sepakat is running (web server pid ${pids[1]}, django-q2 worker pid ${pids[0]}):
    Site       http://$HOST:${PORT}/
    Admin      http://$HOST:${PORT}/admin/
    API docs   http://$HOST:${PORT}/api/v1/docs/
    GraphiQL   http://$HOST:${PORT}/graphql/
    Health     http://$HOST:${PORT}/health/
  Demo accounts (password Sepakat#Demo2026, development only) were listed above by load_demo.
  Ctrl-C stops the web server and the worker.

MSG
wait -n "${pids[@]}"
