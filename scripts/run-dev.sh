#!/usr/bin/env bash
# Starts the web server and one django-q2 worker together; Ctrl-C stops both.
set -euo pipefail
PY=.venv/bin/python
PORT=${PORT:-8000}
pids=()
cleanup() {
  trap - INT TERM EXIT
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup INT TERM EXIT

$PY manage.py qcluster &
pids+=($!)
$PY manage.py runserver "127.0.0.1:${PORT}" --noreload &
pids+=($!)

sleep 2
cat <<MSG

  Sepakat is running:
    Site       http://127.0.0.1:${PORT}/
    Admin      http://127.0.0.1:${PORT}/admin/
    API docs   http://127.0.0.1:${PORT}/api/v1/docs/
    GraphiQL   http://127.0.0.1:${PORT}/graphql/
  Demo accounts were printed above by load_demo. Ctrl-C stops the web server and the worker.

MSG
wait -n "${pids[@]}"
