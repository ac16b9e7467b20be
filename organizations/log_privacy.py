"""A logging filter that keeps client addresses, user agents and referers out of every log record.

Attached to every handler in ``LOGGING`` (console and error mail). For each record it
- replaces the strings that describe the current request's client (address, user agent,
  referer, each ``X-Forwarded-For`` hop: ``client_address.current_client_traces``, set by the
  edge middleware) and anything shaped like an IP address in the message with ``[disamarkan]``;
- hands handlers a request whose ``META`` lacks those keys (Django's error mail prints ``META``).

So a WBS reporter (or anyone) is never written down by a log line or an error report,
whatever logged it: Django's request and security loggers, django-axes, our own code.
"""

from __future__ import annotations

import ipaddress
import logging
import re
from typing import Any

from .client_address import CLIENT_TRACE_KEYS, current_client_traces

MASK = "[disamarkan]"
_IPV4 = re.compile(r"(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.])")
_IPV6 = re.compile(r"(?<![\w:])[0-9A-Fa-f:]*:[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*(?![\w:])")


def _mask_ipv6(match: re.Match) -> str:
    text = match.group(0)
    if "::" not in text and text.count(":") < 4:  # times like 10:05:00 stay
        return text
    try:
        ipaddress.ip_address(text.strip("[]"))
    except ValueError:
        return text
    return MASK


def scrub(text: str, traces: tuple[str, ...] = ()) -> str:
    for value in traces:
        text = text.replace(value, MASK)
    text = _IPV4.sub(MASK, text)
    return _IPV6.sub(_mask_ipv6, text)


class _ScrubbedRequest:
    """The request as handlers see it: the same, except ``META`` without the client's traces."""

    def __init__(self, request: Any):
        self._request = request
        self.META = {k: v for k, v in getattr(request, "META", {}).items() if k not in CLIENT_TRACE_KEYS}

    def __getattr__(self, name: str) -> Any:
        return getattr(self._request, name)


class ClientTraceFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        traces = current_client_traces.get()
        request = getattr(record, "request", None)
        if request is not None and not isinstance(request, _ScrubbedRequest) and hasattr(request, "META"):
            from .client_address import client_traces

            traces = tuple(sorted({*traces, *client_traces(request)}, key=len, reverse=True))
            record.request = _ScrubbedRequest(request)
        try:
            message = record.getMessage()
        except Exception:
            message = str(record.msg)
        cleaned = scrub(message, traces)
        if cleaned != message or record.args:
            record.msg, record.args = cleaned, ()
        if record.exc_text:
            record.exc_text = scrub(record.exc_text, traces)
        return True
