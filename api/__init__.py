"""The machine doors: REST (``rest/``, DRF under ``/api/v1/``), GraphQL (``graphql/``), Open311, the
problem+json error format (``errors``) and idempotency (``idempotency/``). Thin: they parse, call a
domain app's services and selectors, and render; REST and GraphQL never import each other."""
