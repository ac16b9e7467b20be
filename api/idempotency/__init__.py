"""Idempotency-Key for POST, for every door (see docs/adr/0002-api-conventions.md)."""

from .core import (
    HEADER,
    REPLAYED_HEADER,
    IdempotencyConflict,
    IdempotencyKeyReused,
    KeyedRun,
    idempotent_run,
    request_fingerprint,
    scope_for,
    stored_key,
    validate_key,
)
from .graphql import IdempotentOutcome, graphql_idempotent
from .prune import idempotency_keys_prune
from .rest import IdempotentMixin, replay_response

__all__ = [
    "HEADER",
    "REPLAYED_HEADER",
    "IdempotencyConflict",
    "IdempotencyKeyReused",
    "IdempotentMixin",
    "IdempotentOutcome",
    "KeyedRun",
    "graphql_idempotent",
    "idempotency_keys_prune",
    "idempotent_run",
    "replay_response",
    "request_fingerprint",
    "scope_for",
    "stored_key",
    "validate_key",
]
