import pytest
from wagtail.models import Page, Site

from organizations.models import MembershipRole, OPDKind
from organizations.roles import GlobalRole
from tests.factories import OPDFactory, UserFactory, WbsCategoryFactory, inspector, opd_user, wbs_report

#: Values the no-IP/no-UA scan looks for (TEST-NET addresses, a unique user agent).
CLIENT_IP = "203.0.113.77"
FORWARDED_IP = "198.51.100.23"
CLIENT_UA = "SepakatUjiBrowser/9.9 (wbs-scan-7f3a2c)"
CLIENT_META = {
    "REMOTE_ADDR": CLIENT_IP,
    "HTTP_X_FORWARDED_FOR": FORWARDED_IP,
    "HTTP_X_REAL_IP": FORWARDED_IP,
    "HTTP_USER_AGENT": CLIENT_UA,
}


@pytest.fixture(autouse=True)
def _fast_receipt_hash(settings):
    """Cheaper scrypt in tests (the production cost is asserted in test_receipts)."""
    settings.WBS_SCRYPT_N = 2**10


@pytest.fixture
def opds(db):
    dinkes = OPDFactory(name="Dinas Kesehatan", acronym="Dinkes")
    kec = OPDFactory(name="Kecamatan Nunukan", kind=OPDKind.KECAMATAN)
    kel = OPDFactory(name="Kelurahan Nunukan Barat", kind=OPDKind.KELURAHAN, parent=kec)
    insp = OPDFactory(name="Inspektorat Daerah", acronym="Itda", kind=OPDKind.INSPEKTORAT)
    return {"dinkes": dinkes, "kec": kec, "kel": kel, "inspektorat": insp}


@pytest.fixture
def category(db):
    return WbsCategoryFactory(name="Gratifikasi uji", slug="gratifikasi-uji")


@pytest.fixture
def inspector_a(opds):
    user = inspector(username="inspektur.a")
    return user


@pytest.fixture
def inspector_b(opds):
    return inspector(username="inspektur.b")


@pytest.fixture
def report(opds, category):
    return wbs_report(
        opd=opds["dinkes"], category=category, identity_name="Siti Pelapor", identity_contact="0812-0000-1111"
    )


@pytest.fixture
def users(opds):
    """One user per role of the permission table."""
    return {
        "anonymous": None,
        "opd_operator": opd_user(opds["dinkes"], username="operator.dinkes"),
        "opd_head": opd_user(opds["dinkes"], role=MembershipRole.VERIFIER, username="kepala.dinkes"),
        "auditor": UserFactory(username="auditor", roles=[GlobalRole.AUDITOR]),
        "complaint_desk": UserFactory(username="pengaduan", roles=[GlobalRole.COMPLAINT_DESK]),
        "editor": UserFactory(username="editor", roles=[GlobalRole.KOMINFO_EDITOR]),
        "superuser": UserFactory(username="admin", is_superuser=True, is_staff=True),
        "inspectorate": inspector(username="inspektur"),
    }


@pytest.fixture
def wbs_pages(db):
    from home.wbs_pages import WbsFollowUpPage, WbsFormPage

    site = Site.objects.get(is_default_site=True)
    root = site.root_page
    form_page = WbsFormPage(title="Lapor Pelanggaran (WBS)", slug="wbs")
    root.add_child(instance=form_page)
    follow = WbsFollowUpPage(title="Pantau Laporan WBS", slug="wbs-pantau")
    root.add_child(instance=follow)
    return {"form": Page.objects.get(pk=form_page.pk).specific, "follow": Page.objects.get(pk=follow.pk).specific}
