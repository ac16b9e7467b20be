import os

import pytest

from organizations.roles import GlobalRole


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """Optional private SQLite test file (SEPAKAT_SQLITE_TEST_NAME) so parallel helpers do not collide."""
    from django.conf import settings

    name = os.environ.get("SEPAKAT_SQLITE_TEST_NAME")
    db = settings.DATABASES["default"]
    if name and db["ENGINE"] == "django.db.backends.sqlite3":
        db.setdefault("TEST", {})["NAME"] = name


@pytest.fixture
def auditor(db):
    from tests.factories import UserFactory

    return UserFactory(username="auditor", roles=[GlobalRole.AUDITOR])


@pytest.fixture
def inspector(db):
    from tests.factories import UserFactory

    return UserFactory(username="inspektur", roles=[GlobalRole.INSPECTORATE])


@pytest.fixture
def editor(db):
    from tests.factories import UserFactory

    user = UserFactory(username="editor", roles=[GlobalRole.KOMINFO_EDITOR])
    user.is_staff = True
    user.save()
    return user


@pytest.fixture
def opd(db):
    from tests.factories import OPDFactory

    return OPDFactory(name="Dinas Kesehatan", acronym="DINKES")


@pytest.fixture
def opd_member(opd):
    from tests.factories import opd_user

    return opd_user(opd, username="operator.dinkes")


@pytest.fixture
def superuser(db):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_superuser("admin", "admin@nunukankab.go.id", "rahasia-uji-123")


@pytest.fixture
def sealed():
    """Seal pending events (on_commit does not fire inside a test transaction)."""
    from audit.chain import seal_pending

    return seal_pending
