"""Who is asking, for GraphQL resolvers."""

from typing import Any

from api.permissions import require_authenticated


def current_user(info: Any) -> Any:
    """The request's user (token or session, set by ``SepakatGraphQLView``)."""
    return getattr(info.context, "user", None)


def require_user(info: Any) -> Any:
    """The signed-in user, or the 401 error (``extensions.code == "not_authenticated"``)."""
    return require_authenticated(current_user(info))
