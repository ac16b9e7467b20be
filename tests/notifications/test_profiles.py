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
