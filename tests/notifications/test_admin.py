"""Admin: the delivery log (read-only, masked numbers, Indonesian labels, constant queries),
notification profiles for admins, and each user's own panel in the account settings."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from notifications.models import Delivery, DeliveryStatus, Notification, NotificationProfile
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _deliveries(count: int) -> None:
    for i in range(count):
        user = UserFactory(first_name=f"Pejabat{i}")
        NotificationProfile.objects.create(user=user, phone=f"+628123456{i:04d}", sms_opt_in=True)
        note = Notification.objects.create(
            recipient=user, recipient_key=f"u:{user.pk}", dedupe_key="k", subject=f"Peringatan {i}", body="b"
        )
        Delivery.objects.create(
            notification=note,
            channel="sms",
            status=DeliveryStatus.RETRY,
            attempts=2,
            error="Gateway SMS menjawab HTTP 503: sibuk",
        )
        bare = Notification.objects.create(
            phone=f"+628139999{i:04d}", recipient_key=f"p:{user.pk}", dedupe_key="k", subject=f"Warga {i}", body="b"
        )
        Delivery.objects.create(notification=bare, channel="whatsapp", status=DeliveryStatus.SENT, attempts=1)


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    return client


def test_delivery_log_masks_numbers_and_speaks_indonesian(admin_client):
    _deliveries(2)
    response = admin_client.get(reverse("notification_deliveries:index"))
    assert response.status_code == 200
    html = response.text
    for label in (
        "Kanal",
        "Status",
        "Percobaan",
        "Galat terakhir",
        "Penerima",
        "Akan dicoba lagi",
        "Terkirim",
        "SMS",
        "WhatsApp",
    ):
        assert label in html, label
    assert "Pejabat0" in html
    text = re.sub(r"<[^>]+>", " ", html)
    assert not re.search(r"\bNotification\b", text)  # the column header is "Notifikasi"
    assert "•••••••••0001" not in html  # the last three digits only
    assert "••••••••••001" in html
    assert re.search(r"6281234560001|081234560001|81234560001", html) is None
    assert re.search(r"6281399990001|81399990001", html) is None
    assert "retry" not in re.sub(r"<[^>]+>", "", html).split()  # labels, not keys


def test_delivery_log_queries_do_not_grow(admin_client):
    url = reverse("notification_deliveries:index")
    _deliveries(3)
    admin_client.get(url)
    with CaptureQueriesContext(connection) as small:
        assert admin_client.get(url).status_code == 200
    _deliveries(22)
    with CaptureQueriesContext(connection) as large:
        assert admin_client.get(url).status_code == 200
    assert Delivery.objects.count() == 50
    assert len(large) == len(small), (len(small), len(large))


def test_delivery_log_is_read_only(admin_client):
    _deliveries(1)
    delivery = Delivery.objects.first()
    assert admin_client.get(reverse("notification_deliveries:inspect", args=[delivery.pk])).status_code == 200
    for name, args in (("add", []), ("edit", [delivery.pk]), ("delete", [delivery.pk])):
        response = admin_client.get(reverse(f"notification_deliveries:{name}", args=args))
        assert response.status_code in (302, 403), name
    assert Delivery.objects.count() == 2


def test_staff_without_permission_sees_no_delivery_log(client):
    from django.contrib.auth.models import Permission

    staff = UserFactory(is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(staff)
    response = client.get(reverse("notification_deliveries:index"))
    assert response.status_code in (302, 403)
    response = client.get(reverse("notification_profiles:index"))
    assert response.status_code in (302, 403)


def test_admin_edits_a_users_profile_with_normalised_number(admin_client):
    user = UserFactory()
    response = admin_client.post(
        reverse("notification_profiles:add"),
        {"user": user.pk, "phone": "0812 3456 7890", "whatsapp_opt_in": "on", "email_opt_in": "on"},
    )
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    profile = NotificationProfile.objects.get(user=user)
    assert (profile.phone, profile.whatsapp_opt_in, profile.sms_opt_in) == ("+6281234567890", True, False)


def _account_form(user) -> dict:
    return {
        "name_email-first_name": user.first_name,
        "name_email-last_name": "Pengguna",
        "name_email-email": user.email,
        "locale-preferred_language": "id",
        "locale-current_time_zone": "",
        "theme-theme": "system",
        "theme-density": "default",
        "theme-contrast": "system",
    }


def test_user_sets_own_number_in_account_settings(client):
    from django.contrib.auth.models import Permission

    user = UserFactory(is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    page = client.get(reverse("wagtailadmin_account"))
    assert page.status_code == 200
    assert "Notifikasi WhatsApp, SMS dan email" in page.text
    assert 'name="notification_profile-phone"' in page.text
    assert not NotificationProfile.objects.exists()  # no write on read

    data = {
        **_account_form(user),
        "notification_profile-phone": "0812-3456-7890",
        "notification_profile-sms_opt_in": "on",
    }
    response = client.post(reverse("wagtailadmin_account"), data)
    assert response.status_code == 302, [
        (p.name, p.get_form().errors) for tab in response.context["panels_by_tab"].values() for p in tab
    ]
    profile = NotificationProfile.objects.get(user=user)
    assert (profile.phone, profile.sms_opt_in, profile.email_opt_in) == ("+6281234567890", True, False)


def test_account_settings_refuse_a_bad_number(client):
    from django.contrib.auth.models import Permission

    user = UserFactory(is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    data = {**_account_form(user), "notification_profile-phone": "12345", "notification_profile-email_opt_in": "on"}
    response = client.post(reverse("wagtailadmin_account"), data)
    assert response.status_code == 200
    assert "Nomor telepon tidak valid" in response.text
    data = {**_account_form(user), "notification_profile-whatsapp_opt_in": "on"}
    response = client.post(reverse("wagtailadmin_account"), data)
    assert "Isi nomor telepon untuk menerima WhatsApp atau SMS." in response.text
    assert not NotificationProfile.objects.exists()


def test_profile_list_queries_do_not_grow(admin_client):
    url = reverse("notification_profiles:index")

    def add(count):
        for _ in range(count):
            NotificationProfile.objects.create(user=UserFactory(), phone="+6281234567890", whatsapp_opt_in=True)

    add(5)
    admin_client.get(url)
    with CaptureQueriesContext(connection) as small:
        assert admin_client.get(url).status_code == 200
    add(45)
    with CaptureQueriesContext(connection) as large:
        response = admin_client.get(url)
    assert response.status_code == 200
    assert "Terima lewat WhatsApp" in response.text
    assert len(large) == len(small), (len(small), len(large))
