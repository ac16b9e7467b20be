"""The GraphQL contract: the live schema prints exactly ``api/graphql/schema.graphql``.

The file is the public contract of ``/graphql/`` (type, field and argument names and types).
Moving code between modules must not change it. An additive change (a new field, a new type)
is made on purpose: regenerate the file and commit it with the change, so the diff shows
reviewers what clients will see. Never rename or retype what is there (clients break).
"""

from pathlib import Path

from api.graphql.schema import schema

CONTRACT = Path(__file__).resolve().parents[2] / "api" / "graphql" / "schema.graphql"
REGENERATE = (
    'DJANGO_SETTINGS_MODULE=cms.settings.test .venv/bin/python -c "import django; django.setup(); '
    "from api.graphql.schema import schema; "
    "open('api/graphql/schema.graphql', 'w').write(str(schema).rstrip() + '\\n')\""
)


def test_the_live_schema_is_the_committed_contract():
    live = str(schema).rstrip() + "\n"
    committed = CONTRACT.read_text(encoding="utf-8")
    assert live == committed, (
        "The GraphQL schema differs from api/graphql/schema.graphql (the public contract). "
        "If a name or type changed, undo it: clients depend on it. If you added something on purpose, "
        f"update the file deliberately and commit it with your change:\n  {REGENERATE}"
    )


def test_the_contract_names_every_domain():
    """The file is the whole schema, not a stub: each domain's entry points are in it."""
    committed = CONTRACT.read_text(encoding="utf-8")
    for field in (
        "me: Me!",
        "forms(",
        "publicComplaints(",
        "wbsCases(",
        "auditEvents(",
        "reportSubmissions(",
        "performanceResults(",
        "planningIndicators(",
        "budgetDashboard(",
        "lookupOpds:",
        "submitComplaint(",
        "wbsSubmitReport(",
        "saveReportDraft(",
    ):
        assert field in committed, field
