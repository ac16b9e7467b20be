"""Function-local imports (ADR 0016): kept only where they break a real import cycle, with a
comment saying which (``# cycle: …`` on the import or the comment line just above it).

Allowed without a comment: ``AppConfig.ready()`` (Django's place to connect signals and checks).
Every other function-local import outside tests, benchmarks, migrations and settings is counted
per file against ``LEGACY`` below: the imports that predate this rule and are not examined yet,
or that must wait for the app registry (``wagtail.models``, ``axes``, ``django_q``, models in
``apps.py`` handlers) or keep a heavy optional library off the start-up path (openpyxl, docxtpl,
fpdf). A file may only go down: a new local import fails the test (move it to the top, or say
which cycle it breaks), and a file that lost some must have its number lowered here.
"""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SKIP_TOP = {"tests", "bench", "scripts", "node_modules", "static", "media"}

#: path -> how many unexplained function-local imports it still has (only ever lowered).
LEGACY: dict[str, int] = {
    "api/filtersets/fields.py": 1,
    "audit/apps.py": 1,
    "audit/chain.py": 1,
    "audit/events.py": 6,
    "audit/exports.py": 2,
    "audit/filters.py": 3,
    "audit/integrity.py": 3,
    "audit/labels.py": 2,
    "audit/reads.py": 2,
    "audit/redigest.py": 1,
    "audit/selectors.py": 2,
    "audit/signals.py": 3,
    "audit/verification.py": 7,
    "budget/apps.py": 1,
    "budget/imports/apply.py": 2,
    "budget/jobs.py": 3,
    "budget/models/contracts.py": 1,
    "complaints/actions.py": 1,
    "complaints/apps.py": 1,
    "complaints/deadlines.py": 1,
    "complaints/exposure.py": 1,
    "complaints/models.py": 2,
    "complaints/routing.py": 4,
    "complaints/signals.py": 1,
    "complaints/wagtail_hooks.py": 2,
    "complaints/workflow.py": 4,
    "forms_builder/apps.py": 2,
    "forms_builder/field_base.py": 1,
    "forms_builder/form_templates/__init__.py": 1,
    "forms_builder/interpreter.py": 1,
    "home/apps.py": 1,
    "home/blocks.py": 1,
    "home/builtin_providers.py": 1,
    "home/complaint_pages.py": 2,
    "home/live_cache.py": 5,
    "home/models.py": 3,
    "home/result_pages.py": 1,
    "home/result_providers.py": 1,
    "home/selectors.py": 1,
    "home/templatetags/sepakat_tags.py": 4,
    "manage.py": 1,
    "notifications/models.py": 2,
    "ops/apps.py": 1,
    "ops/lockouts.py": 6,
    "organizations/apps.py": 1,
    "organizations/log_privacy.py": 1,
    "planning/achievement.py": 1,
    "planning/admin_views.py": 1,
    "planning/apps.py": 1,
    "planning/cascade_demo.py": 1,
    "planning/demo.py": 1,
    "planning/lkjip.py": 2,
    "planning/sheets.py": 1,
    "reporting/apps.py": 1,
    "wbs/apps.py": 1,
    "wbs/evidence.py": 1,
    "wbs/investigation.py": 2,
    "wbs/privacy.py": 1,
}


def _skipped(path: Path) -> bool:
    parts = path.relative_to(ROOT).parts
    return parts[0] in SKIP_TOP or parts[0].startswith(".") or "migrations" in parts or parts[:2] == ("cms", "settings")


def _explained(lines: list[str], node: ast.stmt) -> bool:
    """``cycle`` is named on the import's own line(s) or in the comment just above its group of
    imports (one comment may explain several imports written together)."""
    own = " ".join(lines[node.lineno - 1 : node.end_lineno])
    if "cycle" in own.lower():
        return True
    i = node.lineno - 2
    while i >= 0 and lines[i].strip().startswith(("#", "from ", "import ")):
        if lines[i].strip().startswith("#") and "cycle" in lines[i].lower():
            return True
        i -= 1
    return False


def unexplained(source: str) -> int:
    """How many function-local imports of ``source`` name no cycle (``ready()`` excepted)."""
    tree = ast.parse(source)
    lines = source.splitlines()
    found = set()
    for fn in ast.walk(tree):
        if not isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef) or fn.name == "ready":
            continue
        for node in ast.walk(fn):
            if isinstance(node, ast.Import | ast.ImportFrom) and not _explained(lines, node):
                found.add(node.lineno)  # nested functions are walked twice: count each import once
    return len(found)


def local_import_counts() -> Counter:
    counts: Counter = Counter()
    for path in sorted(ROOT.rglob("*.py")):
        if _skipped(path):
            continue
        n = unexplained(path.read_text(encoding="utf-8"))
        if n:
            counts[str(path.relative_to(ROOT))] = n
    return counts


def test_function_local_imports_only_break_cycles():
    counts = local_import_counts()
    grown = {path: n for path, n in counts.items() if n > LEGACY.get(path, 0)}
    assert not grown, (
        "New function-local imports: move them to the top of the module, or, if the import breaks a "
        f"real cycle, say which in a '# cycle: …' comment (ADR 0016). File -> count: {grown}"
    )
    shrunk = {path: counts.get(path, 0) for path, n in LEGACY.items() if counts.get(path, 0) < n}
    assert not shrunk, f"Fewer local imports than allowed: lower LEGACY in tests/test_local_imports.py: {shrunk}"


def test_the_rule_sees_a_local_import_and_accepts_a_named_cycle():
    plain = "def f():\n    from x import y\n    return y\n"
    named = "def f():\n    # cycle: x imports this module\n    from x import y\n    return y\n"
    inline = "def f():\n    from x import y  # cycle: x imports this module\n    return y\n"
    ready = "class C:\n    def ready(self):\n        from . import signals\n"
    top = "from x import y\n\ndef f():\n    return y\n"
    assert unexplained(plain) == 1
    assert unexplained(named) == unexplained(inline) == unexplained(ready) == unexplained(top) == 0
