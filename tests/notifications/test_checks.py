from notifications.checks import channels_configured


def _ids(settings, **values):
    for name, value in values.items():
        setattr(settings, name, value)
    return sorted(problem.id for problem in channels_configured(None))


def test_default_is_clean(settings):
    assert _ids(settings, NOTIFICATION_CHANNELS=["email"], NOTIFICATION_QUIET_HOURS="21:00-06:00") == []


def test_active_channels_need_their_settings(settings):
    ids = _ids(
        settings,
        NOTIFICATION_CHANNELS=["email", "whatsapp", "sms", "fax"],
        WHATSAPP_PHONE_NUMBER_ID="",
        WHATSAPP_ACCESS_TOKEN="",
        WHATSAPP_APP_SECRET="",
        WHATSAPP_WEBHOOK_VERIFY_TOKEN="",
        SMS_GATEWAY_URL="",
        NOTIFICATION_QUIET_HOURS="malam",
    )
    assert ids == [
        "notifications.E001",
        "notifications.E002",
        "notifications.E003",
        "notifications.E004",
        "notifications.W001",
    ]
