import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext

from notifications.models import NotificationProfile
from notifications.profiles import contact_phone_for
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_contact_phone_for():
    user = UserFactory()
    assert contact_phone_for(user) is None
    NotificationProfile.objects.create(user=user, phone="+6281234567890", whatsapp_opt_in=True)
    user.refresh_from_db()
    assert contact_phone_for(user) == "+6281234567890"
    assert contact_phone_for(user, channel="whatsapp") == "+6281234567890"
    assert contact_phone_for(user, channel="sms") is None
    assert contact_phone_for(AnonymousUser()) is None
    with pytest.raises(ValueError, match="fax"):
        contact_phone_for(user, channel="fax")


def test_contact_phone_for_uses_the_selected_profile():
    user = UserFactory()
    NotificationProfile.objects.create(user=user, phone="+6281234567890")
    user = type(user).objects.select_related("notification_profile").get(pk=user.pk)
    with CaptureQueriesContext(connection) as queries:
        assert contact_phone_for(user) == "+6281234567890"
    assert len(queries) == 0


def test_profile_clean_normalises_and_requires_a_number_for_phone_channels():
    from django.core.exceptions import ValidationError

    profile = NotificationProfile(user=UserFactory(), phone="0812 3456 7890")
    profile.full_clean()
    assert profile.phone == "+6281234567890"
    with pytest.raises(ValidationError) as error:
        NotificationProfile(user=UserFactory(), sms_opt_in=True).full_clean()
    assert "phone" in error.value.message_dict


def _profile_reads(queries):
    return [q["sql"] for q in queries.captured_queries if "notifications_notificationprofile" in q["sql"]]


def test_email_only_notify_reads_no_profile_and_opt_out_is_honoured_at_send(settings):
    from django.core import mail

    from notifications.models import Delivery, DeliveryStatus
    from notifications.services import notify

    settings.NOTIFICATION_CHANNELS = ["email"]
    opted_out = UserFactory()
    NotificationProfile.objects.create(user=opted_out, email_opt_in=False)
    with CaptureQueriesContext(connection) as queries:
        created = notify(recipients=[opted_out, UserFactory()], subject="s", body="b", dedupe_key="k")
    assert _profile_reads(queries) == []
    from notifications.tasks import deliver

    for delivery in Delivery.objects.filter(notification__in=created):
        deliver(delivery.pk)
    statuses = dict(Delivery.objects.values_list("notification__recipient__username", "status"))
    assert statuses[opted_out.username] == DeliveryStatus.SKIPPED
    assert len(mail.outbox) == 1


@pytest.mark.parametrize("size", [3, 30])
def test_phone_channels_read_profiles_once_per_call(settings, size):
    from notifications.services import notify

    settings.NOTIFICATION_CHANNELS = ["email", "sms"]
    settings.SMS_GATEWAY_URL = "http://127.0.0.1:9/"
    users = [UserFactory() for _ in range(size)]
    for user in users:
        NotificationProfile.objects.create(user=user, phone="+6281234567890", sms_opt_in=True)
    with CaptureQueriesContext(connection) as queries:
        notify(recipients=users, subject="s", body="b", dedupe_key="k")
    assert len(_profile_reads(queries)) == 1
