"""A real HTTP server on loopback that plays an SMS or WhatsApp gateway.

It records every request it receives (method, path, query, headers, body) and answers
from a script: ``gateway.script(503, (200, {...}), Sleep(1.0))``; after the script it
answers ``gateway.default``. ``Sleep(s)`` holds the answer ``s`` seconds (a timeout for a
client with a shorter one) and then answers the next scripted response.
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


@dataclass
class Sleep:
    seconds: float


@dataclass
class Recorded:
    method: str
    path: str
    query: dict
    headers: dict
    body: bytes

    def json(self):
        return json.loads(self.body)

    def form(self) -> dict:
        return {k: v[0] for k, v in parse_qs(self.body.decode()).items()}


@dataclass
class Gateway:
    url: str = ""
    requests: list[Recorded] = field(default_factory=list)
    default: tuple[int, object] = (200, {"ok": True})
    _script: deque = field(default_factory=deque)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def script(self, *responses) -> None:
        """Queue answers: a status, ``(status, json_or_text)``, or ``Sleep(seconds)`` before the next."""
        self._script.extend(responses)

    def next_answer(self) -> tuple[float, int, object]:
        with self._lock:
            delay = 0.0
            while self._script and isinstance(self._script[0], Sleep):
                delay += self._script.popleft().seconds
            answer = self._script.popleft() if self._script else self.default
        if isinstance(answer, int):
            answer = (answer, {"error": {"message": f"status {answer}"}})
        return delay, answer[0], answer[1]

    @property
    def successful(self) -> int:
        """How many messages the gateway accepted (2xx answers actually written back)."""
        return sum(1 for r in self.requests if getattr(r, "accepted", False))


def _handler(gateway: Gateway):
    class Handler(BaseHTTPRequestHandler):
        def _serve(self):
            length = int(self.headers.get("Content-Length") or 0)
            split = urlsplit(self.path)
            recorded = Recorded(
                method=self.command,
                path=split.path,
                query={k: v[0] for k, v in parse_qs(split.query).items()},
                headers={k.lower(): v for k, v in self.headers.items()},
                body=self.rfile.read(length) if length else b"",
            )
            gateway.requests.append(recorded)
            delay, status, payload = gateway.next_answer()
            if delay:
                time.sleep(delay)
            body = payload.encode() if isinstance(payload, str) else json.dumps(payload).encode()
            try:
                self.send_response(status)
                self.send_header("Content-Type", "text/plain" if isinstance(payload, str) else "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                self.wfile.flush()
            except (BrokenPipeError, ConnectionResetError):
                return  # the client gave up (timeout): nothing was accepted
            recorded.accepted = 200 <= status < 300 and not delay

        do_GET = do_POST = do_PUT = _serve  # noqa: N815 (http.server names)

        def log_message(self, format, *args):  # keep test output quiet
            pass

    return Handler


class GatewayServer:
    def __init__(self) -> None:
        self.gateway = Gateway()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self.gateway))
        self.server.daemon_threads = True
        host, port = self.server.server_address[:2]
        self.gateway.url = f"http://{host}:{port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Gateway:
        self.thread.start()
        return self.gateway

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
