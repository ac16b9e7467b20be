"""Production settings: strict, and `check --deploy` clean with real secrets."""

import ast
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parent.parent


def production_env(**overrides: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key in {"PATH", "HOME", "LANG", "LC_ALL", "PYTHONPATH", "TMPDIR"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="sepakat.nunukankab.go.id",
        DATABASE_URL="postgres://sepakat:secret@db.internal:5432/sepakat",
        REDIS_URL="redis://cache.internal:6379/0",
        EMAIL_URL="smtp+tls://sepakat:secret@mail.nunukankab.go.id:587",
        WBS_IDENTITY_KEYS=Fernet.generate_key().decode(),
        AUDIT_HMAC_KEY=secrets.token_urlsafe(40),
        COMPLAINT_IDENTITY_KEYS=Fernet.generate_key().decode(),
        AWS_STORAGE_BUCKET_NAME="sepakat-media",
        AWS_S3_ENDPOINT_URL="https://s3.nunukankab.go.id",
    )
    env.update(overrides)
    return {key: value for key, value in env.items() if value is not None}


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 (fixed argv, our own manage.py)
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_passes_with_real_secrets():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=production_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_warns_when_https_redirect_is_off():
    """The plain-HTTP loopback of the smoke test is not a production configuration."""
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=production_env(SECURE_SSL_REDIRECT="False"))
    assert result.returncode != 0
    assert "security.W008" in result.stderr + result.stdout


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "EMAIL_URL", "AUDIT_HMAC_KEY"])
def test_production_refuses_to_start_without_required_variable(missing):
    env = production_env()
    del env[missing]
    result = manage("check", env=env)
    assert result.returncode != 0
    assert missing in result.stderr


def test_production_reads_redis_s3_and_search_from_the_environment():
    code = (
        "from django.conf import settings as s;"
        "print(s.CACHES['default']['BACKEND']);"
        "print(s.Q_CLUSTER.get('redis'));"
        "print(s.STORAGES['default']['BACKEND']);"
        "print(s.WAGTAILSEARCH_BACKENDS['default']['URLS']);"
        "print(s.DATABASES['default']['ENGINE']);"
        "print(s.EMAIL_BACKEND);"
        "print(s.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src'])"
    )
    env = production_env(SEARCH_URL="https://search.internal:9200")
    result = manage("shell", "--no-imports", "-c", code, env=env)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert lines[0] == "cms.redis.SepakatRedisCache"
    assert lines[1] == "redis://cache.internal:6379/0"
    assert lines[2] == "storages.backends.s3.S3Storage"
    assert lines[3] == "['https://search.internal:9200']"
    assert lines[4] == "django.db.backends.postgresql"
    assert lines[5] == "django.core.mail.backends.smtp.EmailBackend"
    assert "https://s3.nunukankab.go.id" in lines[6]


def test_embedded_default_needs_no_environment():
    """`make run` on a fresh machine: base settings with nothing set at all."""
    env = {key: value for key, value in os.environ.items() if key in {"PATH", "HOME"}}
    env["DJANGO_SETTINGS_MODULE"] = "cms.settings.dev"
    code = (
        "from django.conf import settings as s;"
        "print(s.DATABASES['default']['ENGINE'], s.DATABASES['default']['OPTIONS']['transaction_mode']);"
        "print(s.Q_CLUSTER.get('orm'), s.Q_CLUSTER['retry'] > s.Q_CLUSTER['timeout'])"
    )
    result = manage("shell", "--no-imports", "-c", code, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django.db.backends.sqlite3", "IMMEDIATE", "default", "True"]


def test_every_environment_variable_is_documented_in_the_readme():
    """The README's configuration table lists every variable the settings read."""
    pattern = re.compile(r"""env(?:\.[a-z_]+)?\(\s*['"]([A-Z][A-Z0-9_]+)['"]""")
    read = set()
    for settings_file in (ROOT / "cms" / "settings").glob("*.py"):
        read |= set(pattern.findall(settings_file.read_text()))
    assert {"SECRET_KEY", "DATABASE_URL", "REDIS_URL"} <= read
    readme = (ROOT / "README.md").read_text()
    undocumented = sorted(name for name in read if f"`{name}`" not in readme)
    assert undocumented == [], f"add these to the configuration table in README.md: {undocumented}"


def test_check_deploy_fails_with_a_per_process_cache():
    """Issue 12 item 8: without REDIS_URL every worker counts alone (ops.E001); opt-out for one process."""
    result = manage("check", "--deploy", env=production_env(REDIS_URL=None))
    assert result.returncode != 0
    assert "ops.E001" in result.stderr + result.stdout
    single = manage(
        "check", "--deploy", "--fail-level", "ERROR", env=production_env(REDIS_URL=None, SINGLE_PROCESS="true")
    )
    assert single.returncode == 0, single.stdout + single.stderr


def test_invalid_trusted_proxy_is_refused():
    result = manage("check", env=production_env(TRUSTED_PROXIES="10.0.0.0/8,bukan-cidr"))
    assert result.returncode != 0
    assert "ops.E002" in result.stderr + result.stdout


# --- every knob is read once, in cms/settings/base.py, and documented --------------------------

APPS = [
    "organizations",
    "audit",
    "notifications",
    "forms_builder",
    "reporting",
    "planning",
    "budget",
    "complaints",
    "wbs",
    "api",
    "home",
    "search",
    "ops",
    "cms",
    "inputs",
    "safefiles",
    "atrest",
]
#: Settings our code reads that are structure, not knobs (nothing to configure per installation).
STRUCTURAL_SETTINGS = {"SEPAKAT_APPS"}


def _app_sources():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" in path.parts or path.is_relative_to(ROOT / "cms" / "settings"):
                continue
            yield path, ast.parse(path.read_text(encoding="utf-8"))


def _defaulted_getattr_calls(tree) -> list[int]:
    """Lines of ``getattr(settings, ..., default)``: a knob with its default away from the settings."""
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "getattr"
        and len(node.args) == 3
        and isinstance(node.args[0], ast.Name)
        and node.args[0].id == "settings"
    ]


def test_no_setting_has_its_default_outside_the_settings():
    found = [
        f"{path.relative_to(ROOT)}:{line}" for path, tree in _app_sources() for line in _defaulted_getattr_calls(tree)
    ]
    assert found == [], f"read these in cms/settings/base.py and use settings.X: {found}"


def test_the_getattr_rule_catches_a_default():
    assert _defaulted_getattr_calls(ast.parse('x = getattr(settings, "FOO_DAYS", 3)\n')) == [1]
    assert _defaulted_getattr_calls(ast.parse('x = getattr(settings, "FOO_DAYS")\n')) == []


def test_every_setting_our_code_reads_is_defined_in_base_and_documented():
    from django.conf import global_settings

    base = ast.parse((ROOT / "cms" / "settings" / "base.py").read_text(encoding="utf-8"))
    defined = {
        target.id
        for node in ast.walk(base)
        if isinstance(node, ast.Assign | ast.AnnAssign)
        for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
        if isinstance(target, ast.Name)
    }
    read = {
        node.attr
        for _path, tree in _app_sources()
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == "settings"
        and node.attr.isupper()
    }
    ours = {name for name in read if not hasattr(global_settings, name)} - STRUCTURAL_SETTINGS
    assert {"REPORT_NOTICE_WINDOW_DAYS", "COMPLAINT_MAX_FILES", "WBS_SCRYPT_N"} <= ours
    readme = (ROOT / "README.md").read_text()
    assert sorted(ours - defined) == [], "define these in cms/settings/base.py"
    assert sorted(n for n in ours if f"`{n}`" not in readme) == [], "document these in README.md"
