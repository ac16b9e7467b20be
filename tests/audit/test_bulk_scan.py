"""No project code bulk-writes a tracked model without the history-aware helpers.

The scan parses every project Python file (not .venv, not migrations, not tests) and
flags ``.update(``, ``.bulk_update(`` and ``.bulk_create(`` calls whose receiver mentions a
tracked model (``OPD.objects...``, ``self.model`` is not resolvable and is skipped) unless
the line carries ``# audit: bulk-ok``. It is a heuristic on purpose: it fails loudly on
the common pattern ``Model.objects.filter(...).update(...)`` and ``Model.objects.bulk_update``.
"""

import ast
from pathlib import Path

import pytest
from django.conf import settings

from audit.registry import registered_models

ROOT = Path(settings.BASE_DIR)
SKIP_DIRS = {".venv", "node_modules", "migrations", "tests", "bench", ".git", "static", "media", "__pycache__"}
BULK_METHODS = {"update", "bulk_update", "bulk_create"}
MARKER = "audit: bulk-ok"


def project_files():
    for path in ROOT.rglob("*.py"):
        parts = set(path.relative_to(ROOT).parts)
        if parts & SKIP_DIRS or any(p.startswith(".") for p in path.relative_to(ROOT).parts):
            continue
        yield path


def _root_name(node) -> str | None:
    """The first name of a call chain: ``OPD`` in ``OPD.objects.filter(x).update(...)``."""
    while True:
        if isinstance(node, ast.Call):
            node = node.func
        elif isinstance(node, (ast.Attribute, ast.Subscript)):
            node = node.value
        elif isinstance(node, ast.Name):
            return node.id
        else:
            return None


def _manager_chain(node) -> bool:
    """True when the receiver chain goes through ``.objects``/``_default_manager`` (a queryset)."""
    while isinstance(node, ast.Call | ast.Attribute | ast.Subscript):
        if isinstance(node, ast.Attribute) and node.attr in ("objects", "_default_manager", "_base_manager"):
            return True
        node = node.func if isinstance(node, ast.Call) else node.value
    return False


def _tracked_queryset(node, tracked_names: set[str], tracked_vars: set[str]) -> bool:
    """``OPD.objects…`` or a variable that was assigned one (``qs = OPD.objects.filter(…)``)."""
    if _manager_chain(node) and _root_name(node) in tracked_names:
        return True
    return _root_name(node) in tracked_vars


def find_bypasses(source: str, tracked_names: set[str], filename: str = "<src>") -> list[str]:
    tree = ast.parse(source, filename)
    lines = source.splitlines()
    tracked_vars: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and _manager_chain(node.value) and _root_name(node.value) in tracked_names:
            tracked_vars |= {t.id for t in node.targets if isinstance(t, ast.Name)}
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        if node.func.attr not in BULK_METHODS:
            continue
        if not _tracked_queryset(node.func.value, tracked_names, tracked_vars):
            continue
        line = lines[node.lineno - 1]
        if MARKER in line:
            continue
        found.append(f"{filename}:{node.lineno}: {line.strip()}")
    return found


def test_scanner_catches_bypasses_and_honours_the_marker():
    names = {"OPD"}
    bad = "OPD.objects.filter(kind='dinas').update(is_active=False)\nOPD.objects.bulk_update(objs, ['name'])\n"
    assert len(find_bypasses(bad, names)) == 2
    ok = "OPD.objects.filter(x=1).update(y=2)  # audit: bulk-ok (data migration)\nDict.objects.update(a=1)\n"
    assert find_bypasses(ok, names) == []
    assert find_bypasses("d = {}\nd.update(a=1)\n", names) == []
    via_variable = "qs = OPD.objects.filter(kind='dinas')\nqs.update(is_active=False)\n"
    assert len(find_bypasses(via_variable, names)) == 1


def test_no_project_code_bulk_writes_registered_models_outside_the_helpers():
    names = {m.__name__ for m in registered_models()}
    assert "OPD" in names
    problems = []
    for path in project_files():
        if path.relative_to(ROOT).as_posix() == "audit/bulk.py":
            continue
        problems += find_bypasses(path.read_text(encoding="utf-8"), names, str(path.relative_to(ROOT)))
    if problems:
        pytest.fail(
            "Bulk writes on tracked models bypass history; use audit.bulk helpers "
            "(docs/adr/0003-audit-trail.md):\n" + "\n".join(problems)
        )
