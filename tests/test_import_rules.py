"""Import directions between our apps (docs: /DESIGN.md "Apps and what lives where").

Every module of every app is parsed (``ast``, nothing imported) and each import of another
app of ours is checked against ``MAY_IMPORT``, the design table written as data. ``cms`` (the
project: settings, formatting helpers) may be imported by anyone. A violation is fixed in
the code; one that cannot be fixed now goes in ``ALLOWED_EXCEPTIONS`` with its reason.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

DOMAIN_APPS = {"forms_builder", "reporting", "planning", "budget", "complaints", "wbs", "notifications", "ops"}
#: The project package; every app may read its settings and small shared helpers.
PROJECT = {"cms"}

#: app -> the apps of ours it may import (the design table). ``api``/``home``/``search`` are
#: doors: they may import every domain app (its services and selectors).
MAY_IMPORT: dict[str, set[str]] = {
    "organizations": set(),
    "audit": {"organizations"},
    "notifications": {"organizations"},
    "forms_builder": {"organizations", "audit"},
    "reporting": {"forms_builder", "organizations", "notifications", "audit"},
    "planning": {"forms_builder", "reporting", "organizations", "notifications", "audit"},
    "budget": {"planning", "organizations", "notifications", "audit"},
    "complaints": {"organizations", "notifications", "audit", "forms_builder"},
    "wbs": {"organizations", "notifications", "audit"},
    "ops": {"organizations", "audit"},
    "api": DOMAIN_APPS | {"organizations", "audit"},
    "home": DOMAIN_APPS | {"organizations", "audit"},
    "search": DOMAIN_APPS | {"organizations", "audit", "home"},
}
#: Small neutral packages (upload sanitising, input fields, encryption at rest): every app may
#: use them; they import nothing of ours.
NEUTRAL = {"safefiles", "inputs", "atrest"}
MAY_IMPORT.update({name: set() for name in NEUTRAL})
OUR_APPS = set(MAY_IMPORT) | PROJECT

#: Sub-packages that must not import each other: (importer prefix, forbidden prefix).
SEPARATE = [("api.rest", "api.graphql"), ("api.graphql", "api.rest")]

#: Known violations kept on purpose: (importing module, imported module or its package) -> why.
ALLOWED_EXCEPTIONS: dict[tuple[str, str], str] = {
    # wagtail-modeladmin has no listing-button hook: the audit door's ButtonHelper is how a
    # modeladmin screen gets its "Jejak audit" button (docs/adr/0003-audit-trail.md). It is an
    # admin door of organizations, not its domain code (models, services, selectors).
    ("organizations.wagtail_hooks", "audit.wagtail_hooks"): "modeladmin audit button",
    # The demo loader (a command's data, not domain code) bulk-creates the 232 desa of the demo
    # with their history and audit events, the one sanctioned way to bulk-write a tracked model.
    ("organizations.demo", "audit.bulk"): "demo areas bulk-created with history",
    # A notice to many recipients (the desk's notice of every new complaint) writes its rows, their
    # history and their audit events in one INSERT each, through the same sanctioned helper
    # (docs/adr/0019, fifth addendum), not three per recipient.
    ("notifications.services", "audit.bulk"): "notifications bulk-created with history",
    # The desk forwards a complaint about an official to WBS (issue 17): through the wbs app's
    # public services and selectors only (filing a report, its categories), never its models.
    ("complaints.routing", "wbs.services"): "forward a complaint to WBS (report_submit)",
    ("complaints.routing", "wbs.errors"): "forward a complaint to WBS (its rate-limit error)",
    ("complaints.actions", "wbs.selectors"): "forward a complaint to WBS (the WBS categories to choose)",
    # A migration that adds columns to a tracked model's history table re-digests its rows so the
    # audit chain still verifies after the upgrade (audit/redigest.py, ADR 0003): schema code only.
    ("notifications.migrations.0002_sms_whatsapp_channels", "audit.redigest"): "history columns re-digested",
    ("notifications.migrations.0003_daily_digest", "audit.redigest"): "history columns re-digested",
    ("organizations.migrations.0002_opd_region_code_desa", "audit.redigest"): "history columns re-digested",
}


def _excepted(importer: str, imported: str) -> bool:
    return any(importer == a and (imported == b or imported.startswith(f"{b}.")) for a, b in ALLOWED_EXCEPTIONS)


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(source: str, module: str, *, is_package: bool = False) -> list[str]:
    """Absolute names of every module ``source`` (module ``module``) imports, relative ones resolved."""
    tree = ast.parse(source, filename=module)
    package = module.split(".")
    if not is_package:
        package = package[:-1]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            found.append(module)
            # ``from api import rest`` imports the sub-package ``api.rest``
            found.extend(f"{module}.{alias.name}" for alias in node.names if alias.name != "*")
    return found


def _app_modules() -> list[Path]:
    paths = []
    for app in sorted(MAY_IMPORT):
        if (ROOT / app).is_dir():
            paths.extend(sorted((ROOT / app).rglob("*.py")))
    return paths


def violations(extra: dict[str, str] | None = None) -> list[str]:
    """Every forbidden import; ``extra`` adds modules (name -> source) that are not on disk."""
    sources = {
        _module_name(path): (path.read_text(encoding="utf-8"), path.name == "__init__.py") for path in _app_modules()
    }
    sources.update({name: (text, False) for name, text in (extra or {}).items()})
    problems = []
    for importer, (source, is_package) in sources.items():
        app = importer.split(".")[0]
        for imported in _imports(source, importer, is_package=is_package):
            target = imported.split(".")[0]
            if (
                target not in OUR_APPS
                or target == app
                or target in PROJECT
                or (target in NEUTRAL and app not in NEUTRAL)
            ):
                bad = any(importer.startswith(a) and imported.startswith(b) for a, b in SEPARATE)
            else:
                bad = target not in MAY_IMPORT[app]
            if bad and not _excepted(importer, imported):
                problems.append(f"{importer} imports {imported}")
    return sorted(set(problems))


def test_every_app_imports_only_what_the_design_allows():
    assert violations() == []


@pytest.mark.parametrize(
    ("importer", "source", "expected"),
    [
        ("forms_builder", "from reporting.models import Submission\n", True),
        ("forms_builder", "import planning.models\n", True),
        ("forms_builder", "from organizations.models import OPD\n", False),
        ("reporting", "from forms_builder.schema import iter_fields\n", False),
        ("complaints", "from api.errors import problem\n", True),
        ("wbs", "from home import models\n", True),
        ("organizations", "from audit.bulk import bulk_create_tracked\n", True),
        ("audit", "from complaints.models import Complaint\n", True),
        ("api", "from api.rest.wbs import x\n", False),
    ],
)
def test_the_rule_catches_a_bad_import(importer, source, expected):
    """Each forbidden direction is caught (a module that exists only in the test)."""
    probe = f"{importer}._import_rule_probe"
    assert any(p.startswith(f"{probe} ") for p in violations({probe: source})) is expected


def test_rest_and_graphql_never_import_each_other():
    problems = violations({"api.rest._probe": "from ..graphql import schema\n"})
    assert "api.rest._probe imports api.graphql.schema" in problems
    problems = violations({"api.graphql._probe": "from api.rest import wbs\n"})
    assert "api.graphql._probe imports api.rest.wbs" in problems
