"""Test factories, one module per app; import them from here (``from tests.factories import …``)."""

from .organizations import *  # noqa: F403
