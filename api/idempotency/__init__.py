"""Idempotency-Key for POST, for every door (see docs/adr/0002-api-conventions.md)."""

from .core import (
    HEADER,
    REPLAYED_HEADER,
    ClaimResult,
    IdempotencyConflict,
    IdempotencyKeyReused,
    claim_key,
    complete_key,
    release_key,
    request_fingerprint,
    scope_for,
    validate_key,
)
from .graphql import IdempotentOutcome, graphql_idempotent
from .prune import idempotency_keys_prune
from .rest import IdempotentMixin, replay_response

__all__ = [
    "HEADER",
    "REPLAYED_HEADER",
    "ClaimResult",
    "IdempotencyConflict",
    "IdempotencyKeyReused",
    "IdempotentMixin",
    "IdempotentOutcome",
    "claim_key",
    "complete_key",
    "graphql_idempotent",
    "idempotency_keys_prune",
    "release_key",
    "replay_response",
    "request_fingerprint",
    "scope_for",
    "validate_key",
]
