"""Reads of organisations, already restricted to what the user may see.

``visible_opds`` is the one rule for OPD visibility; every door (admin, REST, GraphQL,
jobs, public pages) goes through it.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.cache import cache
from django.db.models import Q, QuerySet

from .models import OPD, OPD_MAX_DEPTH, REGION_KINDS, Membership, OPDKind, Pemda
from .roles import PEMDA_WIDE_ROLES, GlobalRole

PEMDA_CACHE_KEY = "sepakat:current-pemda"
_UNSET = object()

User = AbstractBaseUser | AnonymousUser


def user_global_roles(user: User) -> frozenset[str]:
    """The global roles of ``user`` (cached on the user object for the request)."""
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_sepakat_global_roles", None)
    if cached is None:
        names = set(user.groups.values_list("name", flat=True))
        cached = frozenset(r for r in GlobalRole if r.value in names)
        user._sepakat_global_roles = cached
    return cached


def has_global_role(user: User, *roles: GlobalRole) -> bool:
    """True for a superuser or a member of any of ``roles``."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or bool(user_global_roles(user) & set(roles))


def sees_all_opds(user: User) -> bool:
    return has_global_role(user, *PEMDA_WIDE_ROLES)


def is_opd_member(user: User) -> bool:
    """True when ``user`` works for at least one active OPD (cached on the user for the request:
    several admin menu items ask on every page)."""
    if not user.is_authenticated:
        return False
    cached = getattr(user, "_sepakat_is_opd_member", None)
    if cached is None:
        cached = user_memberships(user).exists()
        user._sepakat_is_opd_member = cached
    return cached


def user_memberships(user: User) -> QuerySet[Membership]:
    if not user.is_authenticated:
        return Membership.objects.none()
    return Membership.objects.filter(user=user, opd__is_active=True).select_related("opd", "opd__parent")


def visible_opds(user: User) -> QuerySet[OPD]:
    """OPDs ``user`` may see: all for Pemda-wide roles, else its OPDs and their subtrees.

    One SQL query (the membership lookup is a subquery), whatever the tree's size.
    """
    if not user.is_authenticated or not user.is_active:
        return OPD.objects.none()
    if sees_all_opds(user):
        return OPD.objects.all()
    own = Membership.objects.filter(user=user).values("opd_id")
    subtree = Q(pk__in=own)
    lookup = "parent"
    for _level in range(1, OPD_MAX_DEPTH):
        subtree |= Q(**{f"{lookup}__in": own})
        lookup = f"{lookup}__parent"
    return OPD.objects.filter(subtree)


def opd_list(*, user: User, include_inactive: bool = False) -> QuerySet[OPD]:
    """OPDs for listings: visible to ``user``, with their parent joined."""
    qs = visible_opds(user).select_related("parent")
    if not include_inactive:
        qs = qs.filter(is_active=True)
    return qs.order_by("name")


def public_opds() -> QuerySet[OPD]:
    """Active agencies for public forms and every OPD picker (name and kind only are public).
    Desa are areas, not agencies: never here (``public_villages`` lists them as places)."""
    return OPD.objects.agencies().filter(is_active=True).select_related("parent").order_by("name")


def public_kecamatan() -> QuerySet[OPD]:
    """Active kecamatan, for a location's first choice."""
    return OPD.objects.filter(is_active=True, kind=OPDKind.KECAMATAN).order_by("name")


def public_areas() -> QuerySet[OPD]:
    """Active kecamatan, kelurahan and desa in one list (a location picker's whole tree)."""
    return OPD.objects.filter(is_active=True, kind__in=REGION_KINDS).order_by("name")


def public_villages() -> QuerySet[OPD]:
    """Active kelurahan and desa (the places under a kecamatan), with their kecamatan joined."""
    return OPD.objects.villages().filter(is_active=True).select_related("parent").order_by("name")


#: The Pemda read for the request being served (``pemda_for_request``); unset outside one.
_REQUEST_PEMDA: ContextVar[Pemda | None] = ContextVar("sepakat_request_pemda")


def current_pemda() -> Pemda | None:
    """The Pemda this installation serves, cached; ``None`` before set-up. Within a request it
    is read from the cache once (``pemda_for_request``), however many parts ask."""
    pemda = _REQUEST_PEMDA.get(_UNSET)
    if pemda is not _UNSET:
        return pemda
    pemda = cache.get(PEMDA_CACHE_KEY)
    if pemda is None:
        pemda = Pemda.objects.order_by("id").first()
        if pemda is not None:
            cache.set(PEMDA_CACHE_KEY, pemda, 300)
    return pemda


@contextmanager
def pemda_for_request() -> Iterator[Pemda | None]:
    """Hold the current Pemda for one request (the time-zone middleware enters it)."""
    token = _REQUEST_PEMDA.set(current_pemda())
    try:
        yield _REQUEST_PEMDA.get()
    finally:
        _REQUEST_PEMDA.reset(token)


def forget_current_pemda() -> None:
    """The Pemda changed: drop the cached copy, and the one held for this request."""
    cache.delete(PEMDA_CACHE_KEY)
    if _REQUEST_PEMDA.get(_UNSET) is not _UNSET:
        _REQUEST_PEMDA.set(_UNSET)
