"""Factories for WBS: categories, reports filed through the service (so the hash is real)."""

__all__ = ["WbsCategoryFactory", "inspector", "wbs_report"]

import factory

from organizations.roles import GlobalRole
from wbs.models import WbsCategory
from wbs.services import report_submit

from .organizations import OPDFactory, UserFactory


class WbsCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WbsCategory
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Kategori uji {n}")
    slug = factory.Sequence(lambda n: f"kategori-uji-{n}")


def inspector(**kwargs):
    """A user with the Inspektorat role."""
    return UserFactory(roles=[GlobalRole.INSPECTORATE], **kwargs)


def wbs_report(*, opd=None, category=None, identity_name: str = "", identity_contact: str = "", **kwargs):
    """File a report through ``report_submit``; returns ``(report, receipt_code)``."""
    data = {
        "reported_person": "Kepala Seksi Pengadaan",
        "title": "Dugaan pungutan liar izin usaha",
        "description": "Pemohon izin diminta membayar di luar ketentuan oleh petugas loket.",
        **kwargs,
    }
    submitted = report_submit(
        category_id=(category or WbsCategoryFactory()).pk,
        reported_opd_id=(opd or OPDFactory()).pk,
        identity_name=identity_name,
        identity_contact=identity_contact,
        **data,
    )
    return submitted.report, submitted.receipt_code
