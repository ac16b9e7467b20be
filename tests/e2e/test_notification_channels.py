"""In a real browser: a staff member sets their WhatsApp number in "Akun saya", and the
superuser's delivery log shows it masked, with Indonesian labels."""

from pathlib import Path

import pytest

from notifications.models import Delivery, DeliveryStatus, Notification, NotificationProfile

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SHOTS = Path("/tmp/channels")


def _login(page, live_server, username, password):
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")


def test_own_number_in_account_settings_then_masked_in_the_log(live_server, page, django_user_model):
    admin = django_user_model.objects.create_superuser("kominfo", "kominfo@example.go.id", "Rahasia#2026")
    admin.first_name, admin.last_name = "Kominfo", "Nunukan"
    admin.save()
    page.set_viewport_size({"width": 1280, "height": 900})
    _login(page, live_server, "kominfo", "Rahasia#2026")

    page.goto(f"{live_server.url}/admin/account/")
    panel = page.locator("#id_notification_profile-phone")
    panel.scroll_into_view_if_needed()
    panel.fill("0812-3456-7890")
    page.check("#id_notification_profile-whatsapp_opt_in")
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "account-panel.png"), full_page=True)
    page.locator("main button[type=submit]").last.click()
    page.wait_for_load_state("networkidle")
    profile = NotificationProfile.objects.get(user=admin)
    assert (profile.phone, profile.whatsapp_opt_in) == ("+6281234567890", True)

    note = Notification.objects.create(
        recipient=admin, recipient_key=f"u:{admin.pk}", dedupe_key="e2e", subject="Kontrak kritis", body="b"
    )
    Delivery.objects.create(
        notification=note,
        channel="whatsapp",
        status=DeliveryStatus.RETRY,
        attempts=2,
        error="Gateway WhatsApp menjawab HTTP 503: sibuk",
    )
    page.goto(f"{live_server.url}/admin/notifications/deliveries/")
    page.screenshot(path=str(SHOTS / "delivery-log.png"), full_page=True)
    body = page.locator("main").inner_text()
    assert "Kominfo Nunukan (••••••••••890)" in body
    assert "81234567890" not in page.content()
    assert "Notification" not in body
    for label in ("Notifikasi", "Kanal", "Percobaan", "Galat terakhir", "Akan dicoba lagi", "WhatsApp"):
        assert label in body, label
