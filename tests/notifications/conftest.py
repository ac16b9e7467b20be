import logging
import re

import pytest

from tests.notifications.gateway import GatewayServer


@pytest.fixture
def gateway():
    """A loopback HTTP server playing the gateway (see gateway.py)."""
    with GatewayServer() as gateway:
        yield gateway


#: An Indonesian mobile number in any of the forms we send (+62 8…, 62 8…, 08…), standing alone: digits
#: inside a longer hexadecimal or alphanumeric token (a digest in the audit seal's log line) are not a number.
MOBILE = re.compile(r"(?<![0-9A-Za-z])(?:\+?62|0)8\d{7,}(?![0-9A-Za-z])")


@pytest.fixture
def no_number_in_logs(caplog):
    """Every log line written while a gateway test runs (ours, django-q2's, urllib3's) is free of numbers."""
    caplog.set_level(logging.DEBUG)
    yield
    text = "\n".join(record.getMessage() for record in caplog.get_records("call"))
    found = MOBILE.findall(text)
    assert found == [], "a phone number reached the logs"


def _retry_defaults(settings) -> None:
    """Short timeout, 60 s first retry, 4 attempts, no quiet hours unless a test sets them."""
    settings.NOTIFICATION_HTTP_TIMEOUT = 0.5
    settings.NOTIFICATION_QUIET_HOURS = ""
    settings.NOTIFICATION_RETRY_BASE_SECONDS = 60
    settings.NOTIFICATION_MAX_ATTEMPTS = 4


@pytest.fixture
def whatsapp(settings, gateway, no_number_in_logs):
    """WhatsApp Cloud API pointed at the loopback gateway; no quiet hours unless a test sets them."""
    settings.NOTIFICATION_CHANNELS = ["whatsapp"]
    settings.WHATSAPP_API_BASE_URL = gateway.url
    settings.WHATSAPP_API_VERSION = "v21.0"
    settings.WHATSAPP_PHONE_NUMBER_ID = "1098765"
    settings.WHATSAPP_ACCESS_TOKEN = "token-rahasia"
    settings.WHATSAPP_TEMPLATE_NAME = ""
    _retry_defaults(settings)
    gateway.default = (200, {"messaging_product": "whatsapp", "messages": [{"id": "wamid.OK1"}]})
    return gateway


@pytest.fixture
def sms(settings, gateway, no_number_in_logs):
    """The generic SMS gateway pointed at the loopback server (JSON body, bearer header)."""
    settings.NOTIFICATION_CHANNELS = ["sms"]
    settings.SMS_GATEWAY_URL = f"{gateway.url}/api/send"
    settings.SMS_GATEWAY_METHOD = "POST"
    settings.SMS_GATEWAY_CONTENT_TYPE = "application/json"
    settings.SMS_GATEWAY_BODY_TEMPLATE = '{"to": "{to}", "text": "{text}", "ref": "{ref}"}'
    settings.SMS_GATEWAY_AUTH_HEADER = "Authorization: Bearer sms-key"
    settings.SMS_GATEWAY_BASIC_AUTH = ""
    settings.SMS_GATEWAY_SUCCESS_STATUS = []
    settings.SMS_GATEWAY_SUCCESS_JSON = ""
    settings.SMS_GATEWAY_MESSAGE_ID_JSON = "id"
    _retry_defaults(settings)
    gateway.default = (200, {"id": "sms-1"})
    return gateway
