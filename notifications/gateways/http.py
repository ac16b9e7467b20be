"""One HTTP call to a gateway, with a timeout and no retry, turned into a result or a
:class:`~notifications.channels.ChannelError` that says whether a retry may help.

Error texts never carry the request URL or body (they may hold the number, the text or a
token); the caller scrubs the number out of the gateway's own answer.
"""

from __future__ import annotations

import logging

import requests
from django.conf import settings

from ..channels import ChannelError

logger = logging.getLogger("notifications.gateways")

#: 4xx answers that mean "later", not "never".
RETRYABLE_4XX = frozenset({408, 425, 429})


def is_retryable_status(status: int) -> bool:
    return status >= 500 or status in RETRYABLE_4XX or status < 400


def gateway_request(method: str, url: str, *, gateway: str, **kwargs) -> requests.Response:
    """Send one request; transport failures become retryable ``ChannelError``s."""
    timeout = settings.NOTIFICATION_HTTP_TIMEOUT
    try:
        return requests.request(method, url, timeout=timeout, allow_redirects=False, **kwargs)
    except requests.Timeout as exc:
        logger.warning("%s gateway timed out after %ss", gateway, timeout)
        raise ChannelError(f"Gateway {gateway} tidak menjawab dalam {timeout:g} detik.") from exc
    except requests.RequestException as exc:
        logger.warning("%s gateway unreachable: %s", gateway, type(exc).__name__)
        raise ChannelError(f"Gateway {gateway} tidak dapat dihubungi ({type(exc).__name__}).") from exc


def status_error(response: requests.Response, *, gateway: str, detail: str = "") -> ChannelError:
    """The error for an unsuccessful answer: 5xx/408/425/429 retryable, other 4xx permanent."""
    retryable = is_retryable_status(response.status_code)
    logger.warning("%s gateway answered HTTP %s (retryable: %s)", gateway, response.status_code, retryable)
    text = detail or response.text[:200]
    return ChannelError(f"Gateway {gateway} menjawab HTTP {response.status_code}: {text}"[:480], retryable=retryable)


def json_path(data, path: str):
    """``data`` at a dotted path (``messages.0.id``); ``None`` when absent."""
    for part in path.split("."):
        if isinstance(data, list) and part.isdigit() and int(part) < len(data):
            data = data[int(part)]
        elif isinstance(data, dict) and part in data:
            data = data[part]
        else:
            return None
    return data
