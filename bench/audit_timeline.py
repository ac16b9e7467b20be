"""First-page latency of filtered audit timelines over a large event table.

Seeds ``BENCH_AUDIT_EVENTS`` events (default 1,000,000 on PostgreSQL, 100,000 on SQLite)
with one INSERT … SELECT generate_series (PostgreSQL) or batched executemany (SQLite),
then times the first page (50 rows, no COUNT) of the timelines the admin, REST and
GraphQL serve, through ``audit.selectors.audit_events`` + ``audit.filters.TimelineFilter``.
The harness rolls everything back afterwards.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sepakat python -m bench audit_timeline
    BENCH_AUDIT_EVENTS=200000 python -m bench audit_timeline
"""

import datetime as dt
import os
import time

from django.contrib.auth import get_user_model
from django.db import connection
from django.utils import timezone

from audit.filters import TimelineFilter
from audit.models import AuditEvent
from audit.selectors import audit_events
from audit.views import timeline_page
from organizations.roles import GlobalRole, ensure_role_groups

MODELS = [
    "organizations.opd",
    "organizations.membership",
    "auth.user",
    "reporting.submission",
    "forms_builder.formdefinition",
    "complaints.complaint",
    "wbs.report",
    "home.standardpage",
]
DOORS = ["admin", "rest", "graphql", "job", "command", "web"]
ACTIONS = ["create", "update", "update", "update", "delete", "wagtail.edit"]


def default_size() -> int:
    fallback = 1_000_000 if connection.vendor == "postgresql" else 100_000
    return int(os.environ.get("BENCH_AUDIT_EVENTS", fallback))


def seed(size: int) -> None:
    table = AuditEvent._meta.db_table
    columns = (
        "occurred_at, source, action, model, object_id, object_repr, source_id, door, actor, user_id, "
        "opd_id, changed_fields, reason, payload, prev_hash, hash"
    )
    if connection.vendor == "postgresql":
        models_sql = "ARRAY[" + ",".join(f"'{m}'" for m in MODELS) + "]"
        doors_sql = "ARRAY[" + ",".join(f"'{d}'" for d in DOORS) + "]"
        actions_sql = "ARRAY[" + ",".join(f"'{a}'" for a in ACTIONS) + "]"
        sql = f"""
            INSERT INTO {table} ({columns})
            SELECT now() - (g * interval '3 seconds'), 'history',
                   ({actions_sql})[1 + g %% {len(ACTIONS)}], ({models_sql})[1 + (g / 7) %% {len(MODELS)}],
                   ((g::bigint * 7919) %% 50000)::text, 'Rekaman ' || g, g, ({doors_sql})[1 + (g / 3) %% {len(DOORS)}],
                   'pengguna' || (g %% 300), 1 + g %% 300, 1 + g %% 60, '["name"]'::jsonb, '', '{{}}', '', ''
            FROM generate_series(1, %s) AS g
        """  # noqa: S608 - constants only
        with connection.cursor() as cursor:
            cursor.execute(sql, [size])
            cursor.execute(f"ANALYZE {table}")
        return
    now = timezone.now()
    sql = f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * 16)})"  # noqa: S608
    batch = []
    with connection.cursor() as cursor:
        for g in range(1, size + 1):
            batch.append(
                (
                    now - dt.timedelta(seconds=3 * g),
                    "history",
                    ACTIONS[g % len(ACTIONS)],
                    MODELS[(g // 7) % len(MODELS)],
                    str((g * 7919) % 50000),
                    f"Rekaman {g}",
                    g,
                    DOORS[(g // 3) % len(DOORS)],
                    f"pengguna{g % 300}",
                    1 + g % 300,
                    1 + g % 60,
                    '["name"]',
                    "",
                    "{}",
                    "",
                    "",
                )
            )
            if len(batch) == 20_000:
                cursor.executemany(sql, batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)
        cursor.execute(f"ANALYZE {table}")


def run(report) -> None:
    size = default_size()
    started = time.perf_counter()
    seed(size)
    report.note(f"seeded {size:,} events in {time.perf_counter() - started:.1f} s ({connection.vendor})")
    ensure_role_groups()
    users = get_user_model().objects
    superuser = users.create_superuser("bench-audit-admin", password=None)
    auditor = users.create_user("bench-auditor", password=None)
    from django.contrib.auth.models import Group

    auditor.groups.add(Group.objects.get(name=GlobalRole.AUDITOR))
    today = timezone.localdate()
    cases = {
        "no filter": {},
        "model": {"model": "organizations.opd"},
        "one record": {"model": "reporting.submission", "object_id": "7919"},
        "user": {"user": "42"},
        "opd + last 7 days": {"opd": "7", "date_from": str(today - dt.timedelta(days=7)), "date_to": str(today)},
        "door + action": {"door": "job", "action": "delete"},
        "date range, old": {
            "date_from": str(today - dt.timedelta(days=30)),
            "date_to": str(today - dt.timedelta(days=29)),
        },
    }
    for who, user in (("inspektorat/superuser", superuser), ("auditor (WBS hidden)", auditor)):
        for case, params in cases.items():

            def first_page(params=params, user=user):
                fs = TimelineFilter(params, queryset=audit_events(user=user))
                assert fs.is_valid(), fs.errors
                return timeline_page(events=fs.qs, page=1)

            report.measure(f"{who}: {case}", size, first_page, rounds=5)
