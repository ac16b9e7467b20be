#!/usr/bin/env bash
# Upgrade check: an installation at the previous release, filled with the demo, upgrades in place.
#
#   scripts/upgrade-check.sh sqlite     # a temporary SQLite file
#   scripts/upgrade-check.sh postgres   # database $UPGRADE_PG_DB (default sepakat_upgrade), recreated
#
# Exports the BASELINE tree (git archive) into a temporary directory, runs its `migrate` and
# the demo (same .venv), records figures (scripts/upgrade_counts.py: rows of every periodic-
# reporting table and history table, a digest of the answers, audit events, permissions, role
# rights, schedules), then runs THIS tree's `migrate` on the same database and checks that every
# figure is unchanged, that `audit_verify` passes, that the demo role users keep their rights
# (now under the new app label) and that the schedules point at functions that exist.
# UPGRADE_CHECK_DROP_TABLE=<table> drops a table after the upgrade, to see the check fail.
set -euo pipefail
cd "$(dirname "$0")/.."
HERE=$PWD
PY=$HERE/.venv/bin/python

# The last commit of main before the reporting split (periodic reporting still in forms_builder).
BASELINE=${UPGRADE_BASELINE:-ce35e12}
KIND=${1:-sqlite}

WORK=$(mktemp -d /tmp/sepakat-upgrade.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/old"
git archive "$BASELINE" | tar -x -C "$WORK/old"
ln -s "$HERE/.venv" "$WORK/old/.venv"

case "$KIND" in
  sqlite) export DATABASE_URL="sqlite:///$WORK/upgrade.sqlite3" ;;
  postgres)
    DB=${UPGRADE_PG_DB:-sepakat_upgrade}
    PG=${UPGRADE_PG_URL:-postgres://postgres@127.0.0.1:5432}
    psql "$PG/postgres" -qc "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB" >/dev/null
    export DATABASE_URL="$PG/$DB"
    ;;
  *) echo "usage: $0 sqlite|postgres" >&2; exit 2 ;;
esac
export DJANGO_SETTINGS_MODULE=cms.settings.dev MEDIA_ROOT="$WORK/media" DEBUG=false

echo "== $KIND: baseline $BASELINE: migrate + the demo of organizations and forms"
start=$SECONDS
# load_demo's loop over the apps whose demo reaches periodic reporting (the whole demo adds
# pages, complaints and WBS, which this check does not need, and doubles its time).
(cd "$WORK/old" && "$PY" manage.py migrate -v0 && "$PY" manage.py shell -v0 -c "
from importlib import import_module
from importlib.util import find_spec
import sys
from django.core.management.color import no_style
from django.db import transaction
from audit.actors import Door, acting_as
with acting_as('command:load_demo', door=Door.COMMAND), transaction.atomic():
    for app in ('organizations', 'audit', 'notifications', 'forms_builder'):
        if find_spec(app + '.demo'):
            import_module(app + '.demo').load(stdout=sys.stdout, style=no_style())
") >"$WORK/baseline.log" 2>&1 || { tail -30 "$WORK/baseline.log"; echo "FAIL: baseline"; exit 1; }
# One attachment (the demo files none): its row, its history row and its file must survive too.
(cd "$WORK/old" && "$PY" manage.py shell -v0 -c "
import hashlib
from django.core.files.base import ContentFile
from forms_builder.models import Submission, SubmissionAttachment
body = b'%PDF-1.4 upgrade check'
s = Submission.objects.exclude(status='not_started').order_by('id').first()
SubmissionAttachment.objects.create(submission=s, field_path='dokumen', file=ContentFile(body, name='u.pdf'),
    name='u.pdf', mime='application/pdf', size=len(body), sha256=hashlib.sha256(body).hexdigest())
")
(cd "$WORK/old" && "$PY" "$HERE/scripts/upgrade_counts.py" "$WORK/before.json")
echo "   baseline ready in $((SECONDS - start)) s"

echo "== $KIND: this tree: migrate"
start=$SECONDS
"$PY" manage.py migrate -v0
echo "   upgraded in $((SECONDS - start)) s"
if [ -n "${UPGRADE_CHECK_DROP_TABLE:-}" ]; then
  echo "   (dropping $UPGRADE_CHECK_DROP_TABLE, to see the check fail)"
  "$PY" manage.py shell -v0 -c "from django.db import connection; connection.cursor().execute('DROP TABLE $UPGRADE_CHECK_DROP_TABLE')"
fi
"$PY" scripts/upgrade_counts.py "$WORK/after.json" || { echo "FAIL: figures unreadable after the upgrade"; exit 1; }
"$PY" manage.py audit_verify || { echo "FAIL: audit_verify after the upgrade"; exit 1; }

"$PY" - "$WORK/before.json" "$WORK/after.json" <<'PYEOF'
import json, sys

before, after = (json.load(open(p)) for p in sys.argv[1:3])
problems = []
print(f"   {'figure':<48} {'before':>16} {'after':>16}")
for key, old in before["figures"].items():
    new = after["figures"].get(key)
    if key == "forms_builder content types":
        ok = new == old - 12  # the twelve moved models' content types are now reporting's
    else:
        ok = new == old
    print(f"   {key:<48} {old!s:>16} {new!s:>16}{'' if ok else '   <-- CHANGED'}")
    if not ok:
        problems.append(key)
if before["label"] != "forms_builder" or after["label"] != "reporting":
    problems.append(f"labels {before['label']} -> {after['label']}")
for user, rights in before["rights"].items():
    print(f"   rights of {user:<16} {before['label']}: {rights}  ->  {after['label']}: {after['rights'][user]}")
    if not rights or rights != after["rights"][user]:
        problems.append(f"rights of {user}")
for name, (func, exists) in sorted(after["schedules"].items()):
    print(f"   schedule {name:<40} -> {func}{'' if exists else '   <-- NO SUCH FUNCTION'}")
    if not exists:
        problems.append(f"schedule {name} -> {func} does not exist")
if any(name.startswith("forms_builder.") for name in after["schedules"]):
    problems.append("schedules still named forms_builder.*")
if problems:
    sys.exit("FAIL: " + ", ".join(problems))
print("OK: nothing lost, rights kept, schedules current")
PYEOF
