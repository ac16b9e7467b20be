"""First-page latency of filtered audit timelines over a large event table.

Seeds ``BENCH_AUDIT_EVENTS`` events (default 1,000,000 on PostgreSQL, 100,000 on SQLite)
with one INSERT … SELECT generate_series (PostgreSQL) or batched executemany (SQLite),
then times the first page (50 rows, no COUNT) of the timelines the admin, REST and
GraphQL serve, through ``audit.selectors.audit_events`` + ``audit.filters.TimelineFilter``,
and then the doors themselves through the test client, each with its capped count: REST
``/api/v1/audit/events/``, GraphQL ``auditEvents { totalCount … }`` and the admin timeline
``/admin/audit/`` (20 rounds, p95 against issue 15's targets: 100 ms for the timeline, REST and
GraphQL, 300 ms for the admin list). The harness rolls everything back afterwards.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sepakat python -m bench audit_timeline
    BENCH_AUDIT_EVENTS=200000 python -m bench audit_timeline
"""

import datetime as dt
import json
import os
import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client, override_settings
from django.utils import timezone

from audit.filters import TimelineFilter
from audit.models import AuditEvent
from audit.selectors import audit_events
from audit.views import timeline_page
from organizations.models import OPD, OPDKind
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
    _doors(report, size, auditor, superuser, cases)


#: The doors' filters, by the name each door gives them (GraphQL camel-cases).
GRAPHQL = """query($model: String, $door: String, $action: String, $opd: ID, $dateFrom: Date, $dateTo: Date) {
  auditEvents(model: $model, door: $door, action: $action, opd: $opd, dateFrom: $dateFrom, dateTo: $dateTo) {
    totalCount totalCountCapped items { id model action occurredAt } } }"""
DOOR_CASES = ("no filter", "model", "opd + last 7 days", "door + action", "date range, old")
ROUNDS = 20


def _doors(report, size: int, auditor, superuser, cases: dict) -> None:
    # the admin picks the OPD from a list of agencies: the one the "opd" case names must exist
    OPD.objects.update_or_create(
        pk=int(cases["opd + last 7 days"]["opd"]), defaults={"name": "Dinas Bench", "kind": OPDKind.DINAS}
    )
    rest = settings.REST_FRAMEWORK
    lifted = {**rest, "DEFAULT_THROTTLE_RATES": dict.fromkeys(rest.get("DEFAULT_THROTTLE_RATES", {}), "1000000/minute")}
    with override_settings(REST_FRAMEWORK=lifted):
        for who, user in (("auditor", auditor), ("superuser", superuser)):
            client = Client()
            client.force_login(user)
            for case in DOOR_CASES if who == "auditor" else ("no filter",):
                params = cases[case]
                variables = {{"date_from": "dateFrom", "date_to": "dateTo"}.get(k, k): v for k, v in params.items()}

                def rest_page(client=client, params=params):
                    response = client.get("/api/v1/audit/events/", params)
                    assert response.status_code == 200, response.content[:300]

                def graphql_page(client=client, variables=variables):
                    body = json.dumps({"query": GRAPHQL, "variables": variables})
                    response = client.post("/graphql/", body, content_type="application/json")
                    assert "errors" not in response.json(), response.content[:300]

                def admin_page(client=client, params=params):
                    response = client.get("/admin/audit/", params)
                    assert response.status_code == 200, (response.status_code, response.content[:600])

                report.measure(f"REST {who}: {case}", size, rest_page, rounds=ROUNDS, target_ms=100)
                report.measure(f"GraphQL {who}: {case}", size, graphql_page, rounds=ROUNDS, target_ms=100)
                report.measure(f"admin timeline {who}: {case}", size, admin_page, rounds=ROUNDS, target_ms=300)
