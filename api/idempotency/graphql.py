"""``graphql_idempotent``: the Idempotency-Key guarantee for GraphQL mutations."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder

from .core import HEADER, idempotent_run, request_fingerprint, scope_for, validate_key


@dataclass(frozen=True)
class IdempotentOutcome:
    value: Any
    replayed: bool


def graphql_idempotent(
    info: Any,
    *,
    operation: str,
    payload: Mapping[str, Any],
    run: Callable[[], Any],
    key: str | None = None,
) -> IdempotentOutcome:
    """Run ``run()`` at most once per Idempotency-Key; a replay returns its stored value.

    ``run`` returns JSON-serialisable data (for example ``{"id": 12}``); build the mutation
    payload from it. The key is ``key`` or the request's ``Idempotency-Key`` header; without
    one ``run()`` is just called. Exceptions store nothing and propagate (they become
    GraphQL errors); a repeat while the first call runs raises ``IdempotencyConflict`` (409),
    the key with another ``operation``/``payload`` raises ``IdempotencyKeyReused`` (422).
    """
    request = info.context
    key = key if key is not None else request.headers.get(HEADER)
    if not key:
        return IdempotentOutcome(value=run(), replayed=False)
    user = getattr(request, "user", None)
    validate_key(key, anonymous=not (user is not None and user.is_authenticated))
    fingerprint = request_fingerprint(method="POST", path=f"graphql:{operation}", data=payload)
    with idempotent_run(scope=scope_for(user), key=key, fingerprint=fingerprint) as keyed:
        if keyed.replay is not None:
            return IdempotentOutcome(value=json.loads(bytes(keyed.replay.response_body)), replayed=True)
        body = json.dumps(run(), cls=DjangoJSONEncoder).encode("utf-8")
        keyed.store(status_code=200, body=body, headers={"Content-Type": "application/json"})
    return IdempotentOutcome(value=json.loads(body), replayed=False)
