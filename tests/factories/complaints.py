"""Factories and helpers for complaints."""

__all__ = [
    "CategoryFactory",
    "ComplaintFactory",
    "DayOffFactory",
    "desk_user",
    "gps_jpeg",
    "submit_complaint",
]

import io

import factory
from PIL import Image

from complaints.codes import hash_secret, new_tracking_code
from complaints.models import Category, Complaint, DayOff, Handling, Privacy, Status
from organizations.roles import GlobalRole

from .organizations import UserFactory

SECRET = "ABCD-EFGH-JKMN-PQRS"


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Kategori {n}")
    slug = factory.Sequence(lambda n: f"kategori-{n}")
    handling = Handling.NO_INSPECTION


class DayOffFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DayOff
        django_get_or_create = ("date",)

    name = "Cuti bersama"


class ComplaintFactory(factory.django.DjangoModelFactory):
    """A complaint row without going through the service (for lists and benchmarks)."""

    class Meta:
        model = Complaint

    tracking_code = factory.LazyFunction(new_tracking_code)
    secret_hash = factory.LazyFunction(lambda: hash_secret(SECRET))
    category = factory.SubFactory(CategoryFactory)
    title = factory.Sequence(lambda n: f"Jalan rusak nomor {n}")
    description = "Jalan berlubang di depan sekolah."
    privacy = Privacy.PUBLIC
    status = Status.RECEIVED
    handling = Handling.NO_INSPECTION


def desk_user(**kwargs):
    return UserFactory(roles=[GlobalRole.COMPLAINT_DESK], **kwargs)


def gps_jpeg(size=(64, 48)) -> bytes:
    """A JPEG with EXIF GPS tags and a camera model (to prove they are removed)."""
    img = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[0x0110] = "KameraRahasia X100"  # Model
    exif[0x8825] = {1: "N", 2: (4.0, 8.0, 0.0), 3: "E", 4: (117.0, 40.0, 0.0)}  # GPSInfo
    out = io.BytesIO()
    img.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def submit_complaint(*, category=None, files=(), client="127.0.0.1", door="web", **data):
    """File a complaint through the service; returns ``Submitted`` (complaint + secret)."""
    from complaints.services import complaint_submit

    category = category or CategoryFactory()
    payload = {
        "title": "Lampu jalan mati",
        "description": "Lampu jalan di Jalan Pelabuhan mati sejak seminggu.",
        "category": category.slug,
        **data,
    }
    return complaint_submit(data=payload, files=files, client=client, door=door)
